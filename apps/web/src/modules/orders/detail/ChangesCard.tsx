import { useState } from 'react';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { ORDER_STATUS_RULES, type OrderStatus } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { formatDate, formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { type ChangeRequest, type Order, useDecideChange } from '../api';
import { ChangeRequestModal } from './ChangeRequestModal';
import { ReasonModal } from './ReasonModal';

const COLORS = { requested: 'gold', approved: 'green', refused: 'red' } as const;
const CHANGEABLE: readonly OrderStatus[] = ORDER_STATUS_RULES.changeable;

function ChangeItem({ change, onDecide }: { change: ChangeRequest; onDecide?: (d: 'approve' | 'refuse') => void }) {
  const { t } = useTranslation('orders');
  return (
    <List.Item
      data-testid="order-change"
      data-status={change.status}
      actions={
        onDecide && change.status === 'requested'
          ? [
              <Button key="a" type="primary" size="small" onClick={() => onDecide('approve')} data-testid="change-approve">
                {t('action.approve')}
              </Button>,
              <Button key="r" danger size="small" onClick={() => onDecide('refuse')} data-testid="change-refuse">
                {t('action.refuse')}
              </Button>,
            ]
          : []
      }
    >
      <Flex vertical gap={4}>
        <Flex gap={8} wrap align="center">
          <Tag color={COLORS[change.status]}>{t(`changeStatus.${change.status}`)}</Tag>
          <Typography.Text strong>{change.reason}</Typography.Text>
        </Flex>
        {change.changesDate ? <Typography.Text>{`${t('change.date')}${t('common:colon')}${formatDate(change.deliveryDate)}`}</Typography.Text> : null}
        {change.changesAddress ? <Typography.Text>{`${t('change.address')}${t('common:colon')}${change.deliveryAddress ?? ''}`}</Typography.Text> : null}
        {change.lines ? (
          <Typography.Text>
            {`${t('change.items')}${t('common:colon')}${change.lines.map((l) => `${l.name} ×${l.quantity}`).join(t('sep.list'))}${t('sep.clause')}`}
            {t('change.totalChange', { before: formatMoney(change.totalBeforeFen), after: formatMoney(change.totalAfterFen) })}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary">
          {t('change.requestedBy', { name: change.requestedByName ?? '—', at: formatDateTime(change.requestedAt) })}
          {change.decidedAt ? `${t('sep.clause')}${t('change.decidedBy', { name: change.decidedByName ?? '—', at: formatDateTime(change.decidedAt) })}` : ''}
          {change.decisionReason ? `${t('common:colon')}${change.decisionReason}` : ''}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** 变更申请: every change request of the order, newest first; approvers decide the open one. */
export function ChangesCard({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const canRequest = useCan('orders:edit');
  const canDecide = useCan('orders:approve');
  const decide = useDecideChange(order.id);
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<{ id: string; decision: 'approve' | 'refuse' } | null>(null);
  const open = order.changes.some((c) => c.status === 'requested');
  return (
    <Card
      title={t('detail.changes')}
      style={{ marginBottom: 16 }}
      extra={
        canRequest && CHANGEABLE.includes(order.status) && !open ? (
          <Button onClick={() => setRequesting(true)} data-testid="change-request">
            {t('action.requestChange')}
          </Button>
        ) : null
      }
    >
      {order.changes.length ? (
        <List dataSource={order.changes} renderItem={(c) => <ChangeItem change={c} onDecide={canDecide ? (d) => setDeciding({ id: c.id, decision: d }) : undefined} />} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noChanges')} />
      )}
      <ChangeRequestModal order={order} open={requesting} onClose={() => setRequesting(false)} />
      <ReasonModal
        open={!!deciding}
        title={deciding?.decision === 'refuse' ? t('change.refuseTitle') : t('change.approveTitle')}
        label={t('change.decisionReason')}
        required={deciding?.decision === 'refuse'}
        success={deciding?.decision === 'refuse' ? t('action.refused') : t('action.approved')}
        saving={decide.isPending}
        onClose={() => setDeciding(null)}
        onSubmit={(reason) => decide.mutateAsync({ changeId: deciding!.id, decision: deciding!.decision, reason })}
        testId="change-decision-reason"
      />
    </Card>
  );
}
