import { Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import { UserName } from '../../users';
import type { RequestDetail } from '../api';
import { useRequestLabels } from '../labels';

type Activity = RequestDetail['activities'][number];

const COLOR: Record<Activity['kind'], string> = {
  created: 'green',
  reply: 'blue',
  customer_reply: 'cyan',
  note: 'gray',
  status_change: 'blue',
  assignment: 'purple',
  escalation: 'red',
  confirmation: 'green',
  update: 'gray',
};

const who = (id: unknown) => (typeof id === 'string' ? <UserName id={id} /> : null);

/** What happened, in words: the status moved, who took it over, whom a breach escalated to. */
function Detail({ a }: { a: Activity }) {
  const { t } = useTranslation('requests');
  const { label } = useRequestLabels();
  const m = a.meta as Record<string, unknown>;
  const parts = [];
  if (a.fromStatus || a.toStatus) {
    parts.push(
      <span key="status">
        {a.fromStatus ? `${label('status', a.fromStatus)} → ` : ''}
        {label('status', a.toStatus)}
        {m.reopened ? ` · ${t('detail.reopened')}` : ''}
      </span>,
    );
  }
  if (a.kind === 'assignment') {
    parts.push(
      <span key="assign">
        {m.to ? <>{t('detail.assignedLine', { to: '' })}{who(m.to)}</> : t('detail.unassignedLine')}
        {m.strategy && m.strategy !== 'manual' ? ` ${t('detail.byRule', { strategy: label('strategy', String(m.strategy)) })}` : ''}
      </span>,
    );
  }
  if (a.kind === 'escalation') {
    parts.push(
      <span key="escalation">
        {t('detail.escalatedLine', { breach: label('breach', String(m.breach)), level: m.level, to: '' })}
        {m.toUserId ? who(m.toUserId) : t('detail.escalatedNobody')}
      </span>,
    );
  }
  if (a.kind === 'confirmation' && typeof m.satisfaction === 'number') parts.push(<span key="sat">{'★'.repeat(m.satisfaction)}</span>);
  if (m.took) parts.push(<span key="took">{t('detail.took')}</span>);
  return parts.length ? <Typography.Text type="secondary">{parts}</Typography.Text> : null;
}

/** The request's timeline, oldest first: replies and customer messages stand out, internal notes are marked. */
export function RequestTimeline({ activities }: { activities: Activity[] }) {
  const { t } = useTranslation('requests');
  const { label } = useRequestLabels();
  return (
    <div data-testid="request-timeline">
      <Timeline
        items={activities.map((a) => ({
          key: a.id,
          color: COLOR[a.kind],
          content: (
            <Flex vertical gap={2} data-testid="timeline-entry" data-kind={a.kind}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{label('activity', a.kind)}</Typography.Text>
                {!a.public ? <Tag>{t('detail.internal')}</Tag> : null}
                <Typography.Text type="secondary">
                  {a.actorKind === 'customer' ? t('detail.customerSide') : a.actorKind === 'system' ? t('detail.system') : a.actorName} · {formatDateTime(a.at)}
                </Typography.Text>
              </Flex>
              <Detail a={a} />
              {a.body ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.body}</Typography.Paragraph> : null}
            </Flex>
          ),
        }))}
      />
    </div>
  );
}
