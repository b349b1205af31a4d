import { type ReactNode, useMemo } from 'react';
import { Empty, Table, type TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { formatDate, formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useKeyedState } from '../../../shared/hooks/useKeyedState';
import { type OrderFilters, type OrderSummary, useOrders } from '../api';
import { OrderStatusTag } from '../status';

interface Props {
  filters: OrderFilters;
  limit: number;
  onLimitChange: (limit: number) => void;
  emptyText: ReactNode;
  /** Columns left out (the customer column on a customer's own page). */
  hide?: string[];
  testId?: string;
}

/** Orders newest first in keyset pages; a row opens the order. */
export function OrderTable({ filters, limit, onLimitChange, emptyText, hide = [], testId = 'order-table' }: Props) {
  const { t } = useTranslation('orders');
  const navigate = useNavigate();
  const key = JSON.stringify({ filters, limit });
  const pager = useCursorStack(key);
  const [withTotal, setWithTotal] = useKeyedState(false, key);
  const { data, isFetching } = useOrders({ ...filters, limit, cursor: pager.cursor, ...(withTotal ? { withTotal: 'true' as const } : {}) });
  const columns = useMemo<TableColumnType<OrderSummary>[]>(
    () =>
      [
        { key: 'orderNo', title: t('field.orderNo'), dataIndex: 'orderNo', fixed: 'left' as const },
        { key: 'status', title: t('field.status'), render: (_: unknown, o: OrderSummary) => <OrderStatusTag status={o.status} /> },
        { key: 'customer', title: t('field.customer'), dataIndex: 'customerName' },
        { key: 'store', title: t('field.store'), dataIndex: 'storeName' },
        { key: 'salesperson', title: t('field.salesperson'), dataIndex: 'salespersonName' },
        { key: 'total', title: t('field.totalFen'), align: 'right' as const, render: (_: unknown, o: OrderSummary) => formatMoney(o.totalFen) },
        { key: 'balance', title: t('field.balanceFen'), align: 'right' as const, render: (_: unknown, o: OrderSummary) => (o.balanceFen > 0 && o.status !== 'cancelled' ? formatMoney(o.balanceFen) : '') },
        { key: 'deliveryDate', title: t('field.deliveryDate'), render: (_: unknown, o: OrderSummary) => formatDate(o.deliveryDate) },
        { key: 'orderedAt', title: t('field.orderedAt'), render: (_: unknown, o: OrderSummary) => formatDateTime(o.orderedAt) },
      ].filter((c) => !hide.includes(c.key)),
    [t, hide],
  );
  return (
    <>
      <div data-testid={testId}>
        <Table<OrderSummary>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={emptyText} /> }}
        />
      </div>
      <KeysetPager
        cursors={pager}
        nextCursor={data?.nextCursor}
        pageSize={limit}
        onPageSizeChange={onLimitChange}
        total={withTotal ? data?.total : undefined}
        totalIsEstimate={data?.totalIsEstimate}
        onShowTotal={() => setWithTotal(true)}
        loading={isFetching}
      />
    </>
  );
}
