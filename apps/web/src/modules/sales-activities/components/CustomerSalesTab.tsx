import { Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { BulbOutlined, FundOutlined } from '@ant-design/icons';
import type { SalesTimelineEntryDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { formatDate, formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { useSalesTimeline } from '../api';
import { ActivityItem } from './ActivityItem';
import { KIND_COLOR, KIND_ICON } from './KindIcon';
import { QuickAddBar } from './QuickAddBar';

/** A lead or an opportunity of the customer, as a line of the sales timeline with a link to its page. */
function RecordEntry({ entry }: { entry: Exclude<SalesTimelineEntryDto, { type: 'activity' }> }) {
  const { t } = useTranslation('activities');
  if (entry.type === 'lead') {
    const l = entry.lead;
    return (
      <Flex gap={8} wrap align="center" data-testid="sales-timeline-lead">
        <Link to={`/leads/${l.id}`}>{t('customerTab.lead', { name: l.name })}</Link>
        <Tag>{t(`customerTab.leadStatus.${l.status}`, { defaultValue: l.status })}</Tag>
        <Typography.Text type="secondary">{t('customerTab.createdAt', { time: formatDateTime(entry.at) })}</Typography.Text>
      </Flex>
    );
  }
  const o = entry.opportunity;
  return (
    <Flex gap={8} wrap align="center" data-testid="sales-timeline-opportunity">
      <Link to={`/opportunities/${o.id}`}>{t('customerTab.opportunity', { name: o.name })}</Link>
      <Tag color={o.status === 'won' ? 'success' : o.status === 'lost' ? 'error' : 'processing'}>{t(`customerTab.opportunityStatus.${o.status}`)}</Tag>
      <Typography.Text>{formatMoney(o.amountFen)}</Typography.Text>
      {o.expectedCloseDate ? <Typography.Text type="secondary">{t('customerTab.expectedClose', { date: formatDate(o.expectedCloseDate) })}</Typography.Text> : null}
      <Typography.Text type="secondary">{t('customerTab.createdAt', { time: formatDateTime(entry.at) })}</Typography.Text>
    </Flex>
  );
}

/**
 * 销售跟进 on the customer 360 page: the customer's leads, opportunities and every follow-up activity on them, newest
 * first, with quick-add of activities on the customer.
 */
export function CustomerSalesTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation('activities');
  const canEdit = useCan('activities:edit');
  const subject = { kind: 'customer' as const, id: customerId };
  const { data, isLoading, hasNextPage, fetchNextPage, isFetchingNextPage } = useSalesTimeline(customerId);
  const entries = data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="customer-sales-timeline">
      {canEdit ? <QuickAddBar subject={subject} /> : null}
      {isLoading ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : entries.length ? (
        <Timeline
          items={entries.map((e) =>
            e.type === 'activity'
              ? {
                  key: e.id,
                  color: KIND_COLOR[e.activity.kind],
                  icon: KIND_ICON[e.activity.kind],
                  content: <ActivityItem activity={e.activity} subject={{ kind: e.activity.subjectType, id: e.activity.subjectId }} showSubject />,
                }
              : { key: e.id, color: 'gray', icon: e.type === 'lead' ? <BulbOutlined /> : <FundOutlined />, content: <RecordEntry entry={e} /> },
          )}
        />
      ) : (
        <Empty description={t('customerTab.empty')} />
      )}
      {hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => fetchNextPage()} loading={isFetchingNextPage} data-testid="sales-timeline-load-more">
            {t('timeline.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}
