import { App, Button, Card, Tabs } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { useMarkAllRead, useNotifications, useUnreadCount } from '../api';
import { NotificationList } from '../components/NotificationList';

const LIMIT = 20;

/** 消息通知: every notification of the user, newest first, all or unread only. */
export default function InboxPage() {
  const { t } = useTranslation('work');
  const { message } = App.useApp();
  const { filters, update } = useUrlFilters<{ view?: string }>(['view']);
  const unreadOnly = filters.view === 'unread';
  const pager = useCursorStack(unreadOnly ? 'unread' : 'all');
  const list = useNotifications({ limit: LIMIT, cursor: pager.cursor, ...(unreadOnly ? { unread: 'true' as const } : {}) });
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={!unread.data?.count}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onSuccess: () => message.success(t('inbox.markedAll')) })}
            data-testid="inbox-page-mark-all"
          >
            {t('inbox.markAllRead')}
          </Button>
        }
      />
      <Card>
        <Tabs
          activeKey={unreadOnly ? 'unread' : 'all'}
          onChange={(k) => update({ view: k === 'unread' ? 'unread' : undefined })}
          items={[
            { key: 'all', label: <span data-testid="inbox-tab-all">{t('inbox.tabAll')}</span> },
            { key: 'unread', label: <span data-testid="inbox-tab-unread">{`${t('inbox.tabUnread')}${unread.data?.count ? ` (${unread.data.capped ? `${unread.data.count}+` : unread.data.count})` : ''}`}</span> },
          ]}
        />
        <div data-testid="inbox-list">
          <NotificationList items={list.data?.items ?? []} loading={list.isFetching} emptyText={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')} />
        </div>
        <KeysetPager cursors={pager} nextCursor={list.data?.nextCursor} loading={list.isFetching} />
      </Card>
    </>
  );
}
