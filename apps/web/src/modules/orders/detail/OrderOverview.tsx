import { Card, Descriptions, Statistic, Row, Col, Table, Typography } from 'antd';
import type { OrderLineDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import type { Order } from '../api';

/** The order's money at a glance: due, received, outstanding (yuan). */
export function OrderMoney({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const stat = (key: 'totalFen' | 'paidFen' | 'refundedFen' | 'returnedFen' | 'balanceFen', value: number) => (
    <Col xs={12} md={4}>
      <Statistic title={t(`field.${key}`)} value={formatMoney(value)} data-testid={`order-${key}`} />
    </Col>
  );
  return (
    <Card style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        {stat('totalFen', order.totalFen)}
        {stat('paidFen', order.paidFen)}
        {order.refundedFen ? stat('refundedFen', order.refundedFen) : null}
        {order.returnedFen ? stat('returnedFen', order.returnedFen) : null}
        {stat('balanceFen', order.status === 'cancelled' ? 0 : order.balanceFen)}
      </Row>
    </Card>
  );
}

/** 订单信息: customer, store, salesperson, delivery, dates and attribution. */
export function OrderInfo({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const f = (k: string) => t(`field.${k}`);
  return (
    <Card title={t('detail.overview')} style={{ marginBottom: 16 }}>
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={f('customer')}>
          <Link to={`/customers/${order.customerId}`}>{order.customerName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={f('store')}>{order.storeName}</Descriptions.Item>
        <Descriptions.Item label={f('salesperson')}>{order.salespersonName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f('orderedAt')}>{formatDateTime(order.orderedAt)}</Descriptions.Item>
        <Descriptions.Item label={f('deliveryDate')}>{formatDate(order.deliveryDate) || '—'}</Descriptions.Item>
        <Descriptions.Item label={f('deliveryAddress')}>{order.deliveryAddress ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f('source')}>
          {t(`source.${order.source}`)}
          {order.externalId ? `（${order.externalId}）` : ''}
        </Descriptions.Item>
        {order.paidAt ? <Descriptions.Item label={f('paidAt')}>{formatDateTime(order.paidAt)}</Descriptions.Item> : null}
        {order.deliveredAt ? <Descriptions.Item label={f('deliveredAt')}>{formatDateTime(order.deliveredAt)}</Descriptions.Item> : null}
        {order.completedAt ? <Descriptions.Item label={f('completedAt')}>{formatDateTime(order.completedAt)}</Descriptions.Item> : null}
        {order.cancelledAt ? (
          <Descriptions.Item label={f('cancelReason')}>
            {order.cancelReason}（{formatDateTime(order.cancelledAt)}）
          </Descriptions.Item>
        ) : null}
        {order.designerId ? <Descriptions.Item label={f('designerId')}>{order.designerId}</Descriptions.Item> : null}
        {order.campaignId ? <Descriptions.Item label={f('campaignId')}>{order.campaignId}</Descriptions.Item> : null}
        {order.notes ? <Descriptions.Item label={f('notes')}>{order.notes}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

/** 商品明细: the lines as sold (snapshot), with what came back. */
export function OrderLines({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  return (
    <Card title={t('detail.lines')} style={{ marginBottom: 16 }}>
      <Table<OrderLineDto>
        size="small"
        rowKey="id"
        data-testid="order-lines"
        dataSource={order.lines}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'sku', title: t('line.sku'), render: (_, l) => <Typography.Text code>{l.sku}</Typography.Text> },
          { key: 'name', title: t('line.name'), dataIndex: 'name' },
          { key: 'series', title: t('line.series'), dataIndex: 'seriesName' },
          { key: 'quantity', title: t('line.quantity'), align: 'right', render: (_, l) => `${l.quantity} ${l.unit}` },
          { key: 'unitPrice', title: t('line.unitPrice'), align: 'right', render: (_, l) => formatMoney(l.unitPriceFen) },
          { key: 'discount', title: t('line.discount'), align: 'right', render: (_, l) => (l.discountFen ? formatMoney(l.discountFen) : '') },
          { key: 'amount', title: t('line.amount'), align: 'right', render: (_, l) => formatMoney(l.amountFen) },
          { key: 'returned', title: t('line.returned'), align: 'right', render: (_, l) => (l.returnedQuantity ? `${l.returnedQuantity}（${formatMoney(l.returnedFen)}）` : '') },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={8} align="right">
              {t('detail.totalsLine', { list: formatMoney(order.listFen), discount: formatMoney(order.discountFen), total: formatMoney(order.totalFen) })}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
