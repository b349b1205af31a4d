import { Button, Empty, Flex, Spin, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { type ActivitySubject, useActivities } from '../api';
import { ActivityItem } from './ActivityItem';
import { KIND_COLOR, KIND_ICON } from './KindIcon';
import { QuickAddBar } from './QuickAddBar';

export type { ActivitySubject };

/**
 * The follow-up timeline of a lead, an opportunity or a customer, newest first, with quick-add (calls, messages, home
 * visits, design proposals, store invitations). `readOnly` hides quick-add and every action.
 */
export function ActivityTimeline({ subject, readOnly }: { subject: ActivitySubject; readOnly?: boolean }) {
  const { t } = useTranslation('activities');
  const canEdit = useCan('activities:edit') && !readOnly;
  const { data, isLoading, hasNextPage, fetchNextPage, isFetchingNextPage } = useActivities(subject);
  const items = data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="activity-timeline">
      {canEdit ? <QuickAddBar subject={subject} /> : null}
      {isLoading ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : items.length ? (
        <Timeline
          items={items.map((a) => ({
            key: a.id,
            color: KIND_COLOR[a.kind],
            icon: KIND_ICON[a.kind],
            content: <ActivityItem activity={a} subject={subject} readOnly={readOnly} />,
          }))}
        />
      ) : (
        <Empty description={t('timeline.empty')} />
      )}
      {hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => fetchNextPage()} loading={isFetchingNextPage} data-testid="activity-load-more">
            {t('timeline.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}
