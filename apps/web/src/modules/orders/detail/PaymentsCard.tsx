import { useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ORDER_STATUS_RULES, type OrderStatus, type PaymentDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import type { Order } from '../api';
import { PaymentModal } from './PaymentModal';

/** 收付款: deposits, payments and refunds of the order; 登记收款 adds one. */
export function PaymentsCard({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const canEdit = useCan('orders:edit');
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title={t('detail.payments')}
      style={{ marginBottom: 16 }}
      extra={
        canEdit && (ORDER_STATUS_RULES.takesPayments as readonly OrderStatus[]).includes(order.status) ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="payment-add">
            {t('action.addPayment')}
          </Button>
        ) : null
      }
    >
      <Table<PaymentDto>
        size="small"
        rowKey="id"
        data-testid="payment-table"
        dataSource={order.payments}
        pagination={false}
        locale={{ emptyText: t('detail.noPayments') }}
        columns={[
          { key: 'paidAt', title: t('payment.paidAt'), render: (_, p) => formatDateTime(p.paidAt) },
          { key: 'kind', title: t('payment.kind'), render: (_, p) => <Tag color={p.kind === 'refund' ? 'red' : p.kind === 'deposit' ? 'gold' : 'green'}>{t(`paymentKind.${p.kind}`)}</Tag> },
          { key: 'method', title: t('payment.method'), render: (_, p) => t(`paymentMethod.${p.method}`) },
          { key: 'amount', title: t('payment.amount'), align: 'right', render: (_, p) => (p.kind === 'refund' ? `−${formatMoney(p.amountFen)}` : formatMoney(p.amountFen)) },
          { key: 'reference', title: t('payment.reference'), dataIndex: 'reference' },
          { key: 'notes', title: t('payment.notes'), dataIndex: 'notes' },
          { key: 'by', title: t('payment.by'), dataIndex: 'createdByName' },
        ]}
      />
      <PaymentModal order={order} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
