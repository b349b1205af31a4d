import { useEffect, useRef } from 'react';
import { Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import { PAYMENT_METHODS } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { formatMoney } from '../../../shared/format/money';
import { useRules } from '../../../shared/forms/rules';
import { MoneyInput } from '../../catalogue';
import { type Order, type PaymentMethod, useCreateReturn } from '../api';
import { localizeIssues } from '../issues';

interface Values {
  quantities: Record<string, number | null>;
  refundFen?: number | null;
  refundMethod?: PaymentMethod;
  reason: string;
}

/** 登记退货: how many of each line come back, the refund (default: their value, at most what was received), the reason. */
export function ReturnModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('orders');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateReturn(order.id);
  const returnable = order.lines.filter((l) => l.quantity > l.returnedQuantity);
  // The lines sent, in order: the server's issues (body.lines.2.quantity) name them by position.
  const sent = useRef<string[]>([]);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <FormModal<Values>
      open={open}
      title={t('return.title')}
      form={form}
      onClose={onClose}
      saving={create.isPending}
      success={t('action.returned')}
      width={820}
      name="return-form"
      errors={{ mapName: (n) => (n[0] === 'lines' && typeof n[1] === 'number' ? ['quantities', sent.current[n[1]] ?? ''] : n) }}
      onSubmit={async (v) => {
        const lines = returnable.filter((l) => (v.quantities?.[l.id] ?? 0) > 0).map((l) => ({ lineId: l.id, quantity: v.quantities[l.id]! }));
        sent.current = lines.map((l) => l.lineId);
        if (!lines.length) {
          form.setFields([{ name: 'reason', errors: [t('return.nothing')] }]);
          return false;
        }
        return create
          .mutateAsync({ lines, reason: v.reason.trim(), ...(v.refundFen !== undefined && v.refundFen !== null ? { refundFen: v.refundFen } : {}), ...(v.refundMethod ? { refundMethod: v.refundMethod } : {}) })
          .catch((e) => Promise.reject(localizeIssues(e)));
      }}
    >
      <Table
        size="small"
        rowKey="id"
        dataSource={returnable}
        pagination={false}
        style={{ marginBottom: 16 }}
        columns={[
          { key: 'name', title: t('line.name'), render: (_, l) => `${l.sku ?? ''} ${l.name}` },
          { key: 'amount', title: t('line.amount'), align: 'right', render: (_, l) => formatMoney(l.amountFen) },
          { key: 'left', title: t('line.returned'), render: (_, l) => t('return.returnable', { count: l.quantity - l.returnedQuantity }) },
          {
            key: 'quantity',
            title: t('return.quantity'),
            width: 140,
            render: (_, l) => (
              <Form.Item name={['quantities', l.id]} style={{ margin: 0 }}>
                <InputNumber min={0} max={l.quantity - l.returnedQuantity} precision={0} style={{ width: '100%' }} data-testid={`return-quantity-${l.id}`} />
              </Form.Item>
            ),
          },
        ]}
      />
      <Form.Item name="refundFen" label={t('return.refund')} extra={t('return.refundHint')}>
        <MoneyInput placeholder={formatMoney(order.paidFen - order.refundedFen)} />
      </Form.Item>
      <Form.Item name="refundMethod" label={t('return.method')}>
        <Select allowClear options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`paymentMethod.${m}`) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('return.reason')} rules={[rules.required(t('return.reason')), rules.max(500)]}>
        <Input.TextArea rows={2} data-testid="return-reason" />
      </Form.Item>
      <Typography.Text type="secondary">{t('payment.balanceHint', { balance: formatMoney(Math.max(0, order.balanceFen)) })}</Typography.Text>
    </FormModal>
  );
}
