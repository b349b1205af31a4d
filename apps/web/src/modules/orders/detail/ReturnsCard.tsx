import { useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import { ORDER_STATUS_RULES, type OrderStatus } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import type { Order, OrderReturn } from '../api';
import { ReturnModal } from './ReturnModal';

const TAKES_RETURNS: readonly OrderStatus[] = ORDER_STATUS_RULES.takesReturns;

/** 退货: the returns of the order with their lines and refunds; 退货 records a new one. */
export function ReturnsCard({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const canReturn = useCan('orders:approve');
  const [open, setOpen] = useState(false);
  if (!order.returns.length && !TAKES_RETURNS.includes(order.status)) return null;
  return (
    <Card
      title={t('detail.returns')}
      style={{ marginBottom: 16 }}
      extra={
        canReturn && TAKES_RETURNS.includes(order.status) ? (
          <Button onClick={() => setOpen(true)} data-testid="return-create">
            {t('action.createReturn')}
          </Button>
        ) : null
      }
    >
      <Table<OrderReturn>
        size="small"
        rowKey="id"
        data-testid="return-table"
        dataSource={order.returns}
        pagination={false}
        locale={{ emptyText: t('detail.noReturns') }}
        columns={[
          { key: 'at', title: t('return.at'), render: (_, r) => formatDateTime(r.returnedAt) },
          { key: 'kind', title: t('return.kindTitle'), render: (_, r) => <Tag color={r.kind === 'full' ? 'volcano' : 'orange'}>{t(`return.kind.${r.kind}`)}</Tag> },
          { key: 'lines', title: t('field.lines'), render: (_, r) => r.lines.map((l) => `${l.name} ×${l.quantity}`).join(t('sep.list')) },
          { key: 'refund', title: t('return.refund'), align: 'right', render: (_, r) => formatMoney(r.refundFen) },
          { key: 'reason', title: t('return.reason'), dataIndex: 'reason' },
          { key: 'by', title: t('payment.by'), dataIndex: 'createdByName' },
        ]}
      />
      <ReturnModal order={order} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
