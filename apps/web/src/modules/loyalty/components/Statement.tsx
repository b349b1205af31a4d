import { Card, DatePicker, Flex, Select, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { POINTS_ENTRY_KINDS } from '@jiake/shared';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { DATE_FORMAT, formatDate, formatDateTime } from '../../../shared/format/date';
import { type Entry, type EntryFilters, type Member, useEntries } from '../api';
import { SignedPoints } from './labels';
import { BonusBreakdown, hasBonusParts } from './BonusBreakdown';

const KEYS = ['kind', 'from', 'to'] as const;

/** 积分明细: the member's ledger entries, newest first, filtered by kind and date (kept in the URL). */
export function Statement({ member }: { member: Member }) {
  const { t } = useTranslation('loyalty');
  const { filters, limit, update } = useUrlFilters<EntryFilters & Record<string, string | undefined>>(KEYS);
  const cursors = useCursorStack(JSON.stringify([filters, limit]));
  const { data, isFetching } = useEntries(member.id, { ...filters, limit, cursor: cursors.cursor });
  const day = (v: string | undefined) => (v ? dayjs(v) : null);
  const columns: ColumnsType<Entry> = [
    { title: t('field.time'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('field.kind'), dataIndex: 'kind', render: (v: Entry['kind']) => t(`enum.entryKind.${v}`) },
    { title: t('field.points'), dataIndex: 'points', align: 'right', render: (v: number) => <SignedPoints points={v} testId="entry-points" /> },
    { title: t('field.balanceAfter'), dataIndex: 'balanceAfter', align: 'right', render: (v: number) => v.toLocaleString() },
    // The entry names its store, so staff without org:view see where points were earned or spent too.
    { title: t('field.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? '' },
    {
      title: t('field.source'),
      dataIndex: 'sourceType',
      render: (v: string, e) =>
        e.orderId ? <Link to={`/orders/${e.orderId}`}>{t('field.order')}</Link> : t(`enum.source.${v}`, { defaultValue: v }),
    },
    {
      title: t('field.note'),
      dataIndex: 'note',
      render: (v: string | null, e) =>
        hasBonusParts(e.breakdown) && !v ? (
          <BonusBreakdown breakdown={e.breakdown} />
        ) : e.breakdown.length && !v ? (
          <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.breakdown, null, 1)}</pre>}>
            <Typography.Text type="secondary">…</Typography.Text>
          </Tooltip>
        ) : (
          (v ?? '')
        ),
    },
    { title: t('field.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => formatDate(v) },
  ];
  return (
    <Card size="small" title={t('detail.statement')} data-testid="member-statement">
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('detail.anyKind')}
          value={filters.kind}
          onChange={(v) => update({ kind: v })}
          options={POINTS_ENTRY_KINDS.map((k) => ({ value: k, label: t(`enum.entryKind.${k}`) }))}
          style={{ width: 150 }}
          data-testid="entry-kind"
        />
        <DatePicker value={day(filters.from)} onChange={(d) => update({ from: d ? d.format(DATE_FORMAT) : undefined })} placeholder={t('detail.dateRange.from')} data-testid="entry-from" />
        <DatePicker value={day(filters.to)} onChange={(d) => update({ to: d ? d.format(DATE_FORMAT) : undefined })} placeholder={t('detail.dateRange.to')} data-testid="entry-to" />
      </Flex>
      <Table<Entry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('detail.emptyStatement') }}
        data-testid="entry-table"
        scroll={{ x: 'max-content' }}
      />
      <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={(n) => update({ limit: n })} loading={isFetching} />
    </Card>
  );
}
