import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { RowLinkTable } from '../../../shared/components/RowLinkTable';
import { formatDateTime } from '../../../shared/format/date';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useKeyedState } from '../../../shared/hooks/useKeyedState';
import { type Request, type RequestFilters, useRequestList } from '../api';
import { useRequestLabels } from '../labels';
import { PriorityTag, StatusTag } from '../components/RequestTags';
import { SlaCell } from '../components/SlaClock';

/** Requests in keyset pages, newest first, with the most pressing SLA clock of each. */
export function RequestTable({ filters, limit, onLimit }: { filters: RequestFilters; limit: number; onLimit: (n: number | undefined) => void }) {
  const { t } = useTranslation('requests');
  const { label } = useRequestLabels();
  const filterKey = JSON.stringify({ filters, limit });
  const pager = useCursorStack(filterKey);
  const [withTotal, setWithTotal] = useKeyedState(false, filterKey);
  const { data, isFetching } = useRequestList({ ...filters, limit, cursor: pager.cursor, ...(withTotal ? { withTotal: 'true' as const } : {}) });
  const none = <Typography.Text type="secondary">{t('common:state.none')}</Typography.Text>;
  const columns: TableColumnsType<Request> = [
    { key: 'number', title: t('field.number'), render: (_, r) => <Link to={`/requests/${r.id}`}>{r.number}</Link>, width: 150 },
    { key: 'subject', title: t('field.subject'), dataIndex: 'subject', ellipsis: true },
    { key: 'type', title: t('field.type'), render: (_, r) => label('type', r.type) },
    { key: 'priority', title: t('field.priority'), render: (_, r) => <PriorityTag priority={r.priority} /> },
    { key: 'status', title: t('field.status'), render: (_, r) => <StatusTag status={r.status} /> },
    { key: 'sla', title: t('sla.title'), render: (_, r) => <SlaCell request={r} /> },
    { key: 'customer', title: t('field.customer'), render: (_, r) => r.customerName ?? r.contactName ?? none },
    { key: 'store', title: t('field.store'), render: (_, r) => r.storeName ?? t('review.headStore') },
    { key: 'assignee', title: t('field.assignee'), render: (_, r) => r.assigneeName ?? none },
    { key: 'channel', title: t('field.channel'), render: (_, r) => label('channel', r.channel) },
    { key: 'createdAt', title: t('field.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
  ];
  return (
    <>
      <RowLinkTable<Request> columns={columns} rows={data?.items} loading={isFetching} href={(r) => `/requests/${r.id}`} empty={t('list.empty')} testId="request-table" />
      <KeysetPager
        cursors={pager}
        nextCursor={data?.nextCursor}
        pageSize={limit}
        onPageSizeChange={(size) => onLimit(size === 20 ? undefined : size)}
        total={withTotal ? data?.total : undefined}
        totalIsEstimate={data?.totalIsEstimate}
        onShowTotal={() => setWithTotal(true)}
        loading={isFetching}
      />
    </>
  );
}
