import { useEffect } from 'react';
import { Form, Input, Select, DatePicker, Typography } from 'antd';
import { PAYMENT_KINDS, PAYMENT_METHODS } from '@jiake/shared';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { formatMoney } from '../../../shared/format/money';
import { useRules } from '../../../shared/forms/rules';
import { MoneyInput } from '../../catalogue';
import { type Order, type PaymentBody, useAddPayment } from '../api';
import { localizeIssues } from '../issues';

type Values = Omit<PaymentBody, 'paidAt'> & { paidAt?: Dayjs };

/** 登记收款: a deposit, payment or refund with method, amount (yuan shown, fen sent), time and receipt number. */
export function PaymentModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('orders');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const add = useAddPayment(order.id);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const balance = Math.max(0, order.balanceFen);
    form.setFieldsValue({ kind: order.paidFen === 0 && order.status === 'draft' ? 'deposit' : 'payment', method: 'wechat', amountFen: balance || undefined, paidAt: dayjs() });
  }, [open, order, form]);
  return (
    <FormModal<Values>
      open={open}
      title={t('payment.title')}
      form={form}
      onClose={onClose}
      saving={add.isPending}
      success={t('action.paymentSaved')}
      intro={<Typography.Paragraph type="secondary">{t('payment.balanceHint', { balance: formatMoney(Math.max(0, order.balanceFen)) })}</Typography.Paragraph>}
      onSubmit={(v) =>
        add
          .mutateAsync({ kind: v.kind, method: v.method, amountFen: v.amountFen, paidAt: v.paidAt?.toISOString(), reference: v.reference?.trim() || null, notes: v.notes?.trim() || null })
          .catch((e) => Promise.reject(localizeIssues(e)))
      }
      name="payment-form"
    >
      <Form.Item name="kind" label={t('payment.kind')} rules={[rules.requiredSelect(t('payment.kind'))]}>
        <Select options={PAYMENT_KINDS.map((k) => ({ value: k, label: t(`paymentKind.${k}`) }))} data-testid="payment-kind" />
      </Form.Item>
      <Form.Item name="method" label={t('payment.method')} rules={[rules.requiredSelect(t('payment.method'))]}>
        <Select options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`paymentMethod.${m}`) }))} />
      </Form.Item>
      <Form.Item name="amountFen" label={t('payment.amount')} rules={[rules.requiredSelect(t('payment.amount'))]}>
        <MoneyInput min={0.01} testId="payment-amount" />
      </Form.Item>
      <Form.Item name="paidAt" label={t('payment.paidAt')}>
        <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="reference" label={t('payment.reference')} rules={[rules.max(100)]}>
        <Input />
      </Form.Item>
      <Form.Item name="notes" label={t('payment.notes')} rules={[rules.max(500)]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
