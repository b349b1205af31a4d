import { Drawer, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import type { AuditRowDto, FieldChangeDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { type Order, useOrderHistory } from '../api';

/** Order fields worth a line in the history (ids and internals are left out). */
const SHOWN = new Set([
  'status', 'customerName', 'listFen', 'discountFen', 'totalFen', 'paidFen', 'refundedFen', 'returnedFen', 'deliveryAddress', 'deliveryDate',
  'notes', 'cancelReason', 'externalId', 'lines',
]);

function Value({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation('orders');
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (field.endsWith('Fen') && typeof value === 'number') return <>{formatMoney(value)}</>;
  if (field === 'status') return <>{t(`status.${String(value)}`, { defaultValue: String(value) })}</>;
  if (field === 'lines' && Array.isArray(value)) return <>{(value as { name: string; quantity: number }[]).map((l) => `${l.name} ×${l.quantity}`).join(t('sep.list'))}</>;
  return <>{String(value)}</>;
}

function Change({ c }: { c: FieldChangeDto }) {
  const { t } = useTranslation('orders');
  const label = t(`field.${c.field}`, { defaultValue: c.field });
  return (
    <div>
      <Typography.Text type="secondary">
        {label}
        {t('common:colon')}
      </Typography.Text>
      <Value field={c.field} value={c.before} /> → <Value field={c.field} value={c.after} />
    </div>
  );
}

function Entry({ row }: { row: AuditRowDto }) {
  const { t } = useTranslation('orders');
  const action = row.action.replace(/^order\./, '');
  const reason = typeof row.meta.reason === 'string' ? row.meta.reason : null;
  const payment = row.meta.payment as { kind: string; method: string; amountFen: number; reference: string | null } | undefined;
  // A new order's row lists every column; what it was made with is enough.
  const changes = row.changes.filter((c) => SHOWN.has(c.field) && (action !== 'created' || ['customerName', 'totalFen'].includes(c.field)));
  return (
    <Flex vertical gap={2}>
      <Flex gap={8} wrap>
        <Typography.Text strong>{t(`history.action.${action}`, { defaultValue: row.action })}</Typography.Text>
        <Typography.Text type="secondary">
          {formatDateTime(row.at)} · {row.actorName}
        </Typography.Text>
      </Flex>
      {reason ? <Typography.Text>{reason}</Typography.Text> : null}
      {payment ? (
        <Typography.Text>
          {[t(`paymentKind.${payment.kind}`), t(`paymentMethod.${payment.method}`), formatMoney(payment.amountFen), payment.reference].filter(Boolean).join(' · ')}
        </Typography.Text>
      ) : null}
      {changes.map((c) => (
        <Change key={c.field} c={c} />
      ))}
    </Flex>
  );
}

/** 历史记录 of an order: every change, payment, status move, change request and return — who, when, before → after. */
export function OrderHistoryDrawer({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('orders');
  const { data, isLoading } = useOrderHistory(order.id, open);
  return (
    <Drawer open={open} onClose={onClose} size={560} title={t('detail.historyTitle', { orderNo: order.orderNo })} destroyOnHidden>
      {isLoading ? (
        <Spin />
      ) : data?.length ? (
        <div data-testid="order-history">
          <Timeline
            items={data.map((row) => ({
              key: row.id,
              color: row.action.endsWith('cancelled') || row.action.endsWith('refused') ? 'red' : row.action.endsWith('created') ? 'green' : 'blue',
              content: <Entry row={row} />,
            }))}
          />
        </div>
      ) : (
        <Empty description={t('history.empty')} />
      )}
    </Drawer>
  );
}
