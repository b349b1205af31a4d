import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { RowLinkTable } from '../../../shared/components/RowLinkTable';
import { formatDateTime } from '../../../shared/format/date';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useKeyedState } from '../../../shared/hooks/useKeyedState';
import { type LeadFilters, type LeadRow, useLeadList } from '../api';
import { LeadSourceTag, LeadStatusTag } from '../components/LeadTags';

/** Leads in keyset pages, newest first: who, how to reach them, where from, their state, store and assignee. */
export function LeadTable({ filters, limit, onLimit }: { filters: LeadFilters; limit: number; onLimit: (n: number | undefined) => void }) {
  const { t } = useTranslation('leads');
  const enumLabel = useEnumLabel();
  const filterKey = JSON.stringify({ filters, limit });
  const pager = useCursorStack(filterKey);
  const [withTotal, setWithTotal] = useKeyedState(false, filterKey);
  const { data, isFetching } = useLeadList({ ...filters, limit, cursor: pager.cursor, ...(withTotal ? { withTotal: 'true' as const } : {}) });
  const none = <Typography.Text type="secondary">{t('common:state.none')}</Typography.Text>;
  const columns: TableColumnsType<LeadRow> = [
    {
      key: 'name',
      title: t('field.name'),
      render: (_, r) => (
        <Space size={4}>
          <Link to={`/leads/${r.id}`}>{r.name}</Link>
          {r.duplicateCount ? (
            <Tooltip title={t('list.duplicates', { count: r.duplicateCount })}>
              <WarningOutlined style={{ color: '#faad14' }} data-testid="lead-duplicate-flag" />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { key: 'phone', title: t('field.phones'), render: (_, r) => r.phones[0] ?? r.wechat ?? none },
    { key: 'source', title: t('field.source'), render: (_, r) => <LeadSourceTag source={r.source} /> },
    { key: 'status', title: t('field.status'), render: (_, r) => <LeadStatusTag status={r.status} /> },
    {
      key: 'needs',
      title: t('needs.title'),
      render: (_, r) =>
        [enumLabel('budgetBand', r.needs.budgetBand), ...r.needs.rooms.slice(0, 2).map((room) => enumLabel('room', room))].filter(Boolean).join(' · ') || none,
    },
    { key: 'store', title: t('field.store'), render: (_, r) => r.storeName ?? t('detail.headOffice') },
    { key: 'assignee', title: t('field.assignee'), render: (_, r) => r.assigneeName ?? <Tag color="gold">{t('list.unassigned')}</Tag> },
    { key: 'createdAt', title: t('field.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
  ];
  return (
    <>
      <RowLinkTable<LeadRow> columns={columns} rows={data?.items} loading={isFetching} href={(r) => `/leads/${r.id}`} empty={t('list.empty')} testId="lead-table" rowTestId="lead-row" />
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
