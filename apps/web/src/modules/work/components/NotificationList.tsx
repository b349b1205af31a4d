import { Badge, Empty, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { NotificationDto } from '@jiake/shared';
import { formatDateTime } from '../../../shared/format/date';
import { useMarkRead } from '../api';
import { useNotificationText } from './useNotificationText';

/** Notifications, unread ones marked; a click marks it read and opens what it is about. */
export function NotificationList({ items, loading, emptyText, onOpen, compact }: { items: NotificationDto[]; loading?: boolean; emptyText: string; onOpen?: () => void; compact?: boolean }) {
  const { t } = useTranslation('work');
  const text = useNotificationText();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const open = (n: NotificationDto) => {
    if (!n.readAt) markRead.mutate(n.id);
    onOpen?.();
    if (n.link) navigate(n.link);
  };
  if (!items.length) {
    return loading ? (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
    );
  }
  return (
    <Spin spinning={!!loading}>
      <div role="list">
        {items.map((n) => (
          <Flex
            key={n.id}
            role="listitem"
            tabIndex={0}
            gap={8}
            align="flex-start"
            onClick={() => open(n)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') open(n);
            }}
            style={{ cursor: 'pointer', padding: compact ? '8px 12px' : '12px 16px', borderBottom: '1px solid #f0f0f0', background: n.readAt ? undefined : '#fff8f0' }}
            data-testid="notification-item"
            data-unread={n.readAt ? 'false' : 'true'}
          >
            <Badge status={n.readAt ? 'default' : 'processing'} title={n.readAt ? undefined : t('inbox.unread')} style={{ marginTop: 2 }} />
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text strong={!n.readAt} ellipsis={compact ? { tooltip: true } : false} data-testid="notification-text">
                {text(n)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(n.createdAt)}
              </Typography.Text>
            </Flex>
          </Flex>
        ))}
      </div>
    </Spin>
  );
}
