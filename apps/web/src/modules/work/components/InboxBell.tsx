import { useState } from 'react';
import { App, Badge, Button, Flex, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { NOTIFICATION_UNREAD_CAP } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMarkAllRead, useNotifications, useUnreadCount } from '../api';
import { NotificationList } from './NotificationList';

const LATEST = 8;

/** The header's bell: the unread count (polled, and on focus) and the latest notifications in a dropdown. */
export function InboxBell() {
  const { t } = useTranslation('work');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useNotifications({ limit: LATEST }, open);
  const markAll = useMarkAllRead();
  const count = unread.data?.count ?? 0;
  const content = (
    <div style={{ width: 360 }} data-testid="inbox-dropdown">
      <Flex justify="space-between" align="center" style={{ padding: '4px 12px 8px' }}>
        <Typography.Text strong>{t('inbox.latest')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={count === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onSuccess: () => message.success(t('inbox.markedAll')) })}
          data-testid="inbox-mark-all"
        >
          {t('inbox.markAllRead')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        <NotificationList compact items={latest.data?.items ?? []} loading={latest.isLoading} emptyText={t('inbox.empty')} onOpen={() => setOpen(false)} />
      </div>
      <Flex justify="center" style={{ paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
        <Button
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/inbox');
          }}
          data-testid="inbox-view-all"
        >
          {t('inbox.viewAll')}
        </Button>
      </Flex>
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      <Badge count={unread.data?.capped ? NOTIFICATION_UNREAD_CAP + 1 : count} overflowCount={NOTIFICATION_UNREAD_CAP} size="small" data-testid="inbox-badge">
        <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('inbox.bell')} data-testid="inbox-bell" />
      </Badge>
    </Popover>
  );
}
