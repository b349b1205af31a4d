import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import type { ValueEntry } from '../value.api';

/** +¥100.00 in green, −¥50.00 in red: a stored-value movement always shows its sign. */
function SignedMoney({ fen, testId }: { fen: number; testId?: string }) {
  return (
    <Typography.Text type={fen < 0 ? 'danger' : 'success'} strong data-testid={testId}>
      {fen > 0 ? `+${formatMoney(fen)}` : formatMoney(fen)}
    </Typography.Text>
  );
}

/**
 * 储值明细: each entry with its amount split into principal and bonus, the balance after it, where and by which card.
 * A spend not yet cancelled offers 撤销 when `onCancel` is given (loyalty:adjust); a cancelled one says so.
 */
export function ValueEntryTable({ items, loading, onCancel }: { items: ValueEntry[]; loading: boolean; onCancel?: (e: ValueEntry) => void }) {
  const { t } = useTranslation('loyalty');
  const columns: ColumnsType<ValueEntry> = [
    { title: t('value.field.time'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('value.field.kind'), dataIndex: 'kind', render: (k: ValueEntry['kind']) => t(`value.kind.${k}`) },
    { title: t('value.field.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <SignedMoney fen={v} testId="value-entry-amount" /> },
    { title: t('value.field.principal'), dataIndex: 'principalFen', align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('value.field.bonus'), dataIndex: 'bonusFen', align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('value.field.balanceAfter'), dataIndex: 'balanceAfterFen', align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('value.field.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? '' },
    { title: t('value.field.card'), dataIndex: 'memberNumber', render: (v: string | null) => v ?? '' },
    { title: t('value.field.method'), dataIndex: 'method', render: (v: ValueEntry['method']) => (v ? t(`value.method.${v}`) : '') },
    {
      title: t('value.field.note'),
      dataIndex: 'note',
      render: (v: string | null, e) => (
        <>
          {e.orderId ? <Link to={`/orders/${e.orderId}`}>{t('value.entry.order')}</Link> : null} {v ?? ''}
        </>
      ),
    },
    {
      key: 'actions',
      render: (_: unknown, e) => {
        if (e.kind !== 'spend') return null;
        if (e.cancelledByEntryId) return <Tag data-testid="value-entry-cancelled">{t('value.entry.cancelled')}</Tag>;
        return onCancel ? (
          <Button size="small" type="link" danger onClick={() => onCancel(e)} data-testid="value-entry-cancel">
            {t('value.entry.cancel')}
          </Button>
        ) : null;
      },
    },
  ];
  return (
    <Table<ValueEntry>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('value.panel.empty') }}
      scroll={{ x: 'max-content' }}
      data-testid="value-entries"
    />
  );
}
