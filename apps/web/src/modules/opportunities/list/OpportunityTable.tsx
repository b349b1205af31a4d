import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { formatDate } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { type OpportunityRow, type PipelineFilters, useOpportunityList, useOpportunitySettings } from '../api';
import { StatusTag } from '../components/StatusTag';

/** The list view of the board (every status), newest first, in keyset pages. */
export function OpportunityTable({ filters, limit, onLimit }: { filters: PipelineFilters & { status?: string; stageKey?: string }; limit: number; onLimit: (n: number) => void }) {
  const { t } = useTranslation('opportunities');
  const cursors = useCursorStack(JSON.stringify({ filters, limit }));
  const list = useOpportunityList({ ...filters, limit, cursor: cursors.cursor });
  const stalledDays = useOpportunitySettings().data?.stalledDays ?? 14;
  return (
    <>
      <Table<OpportunityRow>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="opportunity-table"
        columns={[
          { key: 'name', title: t('field.name'), render: (_, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link> },
          { key: 'customer', title: t('field.customer'), render: (_, o) => (o.customerId ? <Link to={`/customers/${o.customerId}`}>{o.customerName ?? ''}</Link> : null) },
          { key: 'stage', title: t('field.stageKey'), render: (_, o) => o.stageName ?? o.stageKey },
          { key: 'status', title: t('field.status'), render: (_, o) => <StatusTag status={o.status} /> },
          { key: 'amount', title: t('field.amountFen'), align: 'right', render: (_, o) => formatMoney(o.amountFen) },
          { key: 'weighted', title: t('field.weighted'), align: 'right', render: (_, o) => (o.status === 'open' ? formatMoney(o.weightedFen) : '') },
          { key: 'probability', title: t('field.probability'), align: 'right', render: (_, o) => `${o.probability}%` },
          { key: 'expected', title: t('field.expectedCloseDate'), render: (_, o) => formatDate(o.expectedCloseDate) },
          { key: 'owner', title: t('field.ownerId'), render: (_, o) => o.ownerName ?? <Typography.Text type="secondary">{t('common.unassigned')}</Typography.Text> },
          { key: 'store', title: t('field.storeId'), render: (_, o) => o.storeName ?? t('common.headOffice') },
          {
            key: 'idle',
            title: t('field.lastActivityAt'),
            render: (_, o) =>
              o.status === 'open' && o.idleDays >= stalledDays ? <Tag color="warning">{t('common.idle', { days: o.idleDays })}</Tag> : formatDate(o.lastActivityAt),
          },
        ]}
      />
      <KeysetPager cursors={cursors} nextCursor={list.data?.nextCursor} pageSize={limit} onPageSizeChange={onLimit} loading={list.isFetching} />
    </>
  );
}
