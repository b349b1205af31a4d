import { useEffect, useState } from 'react';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import type { Request } from '../api';

/** The current time, renewed every `ms` (a running clock on screen). */
function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

/** "2天3小时" / "45分钟" for a span of wall time. */
function useSpan() {
  const { t } = useTranslation('requests');
  return (ms: number) => {
    const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    const parts = [d ? t('sla.days', { n: d }) : '', h ? t('sla.hours', { n: h }) : '', !d && m ? t('sla.minutes', { n: m }) : ''];
    return parts.filter(Boolean).join('');
  };
}

type ClockState = { kind: 'none' } | { kind: 'paused' } | { kind: 'done'; at: string; late: boolean } | { kind: 'running'; due: string; leftMs: number };

function clockOf(r: Request, which: 'firstResponse' | 'resolution', now: number): ClockState {
  const due = which === 'firstResponse' ? r.sla.firstResponseDueAt : r.sla.resolutionDueAt;
  const doneAt = which === 'firstResponse' ? r.sla.firstResponseAt : r.resolvedAt;
  const late = which === 'firstResponse' ? r.sla.firstResponseBreached : r.sla.resolutionBreached;
  if (!due) return { kind: 'none' };
  if (doneAt) return { kind: 'done', at: doneAt, late };
  if (r.status === 'cancelled' || r.status === 'closed') return { kind: 'none' };
  if (which === 'resolution' && r.sla.pausedAt) return { kind: 'paused' };
  return { kind: 'running', due, leftMs: Date.parse(due) - now };
}

function ClockLine({ state, label, testId }: { state: ClockState; label: string; testId: string }) {
  const { t } = useTranslation('requests');
  const span = useSpan();
  let body;
  if (state.kind === 'none') body = <Typography.Text type="secondary">{t('sla.none')}</Typography.Text>;
  else if (state.kind === 'paused') body = <Tag icon={<PauseCircleOutlined />} color="purple">{t('sla.paused')}</Tag>;
  else if (state.kind === 'done') body = <Tag color={state.late ? 'red' : 'green'}>{t(state.late ? 'sla.missedOn' : 'sla.metOn', { at: formatDateTime(state.at) })}</Tag>;
  else
    body = (
      <Tooltip title={t('sla.due', { at: formatDateTime(state.due) })}>
        <Tag icon={<ClockCircleOutlined />} color={state.leftMs < 0 ? 'red' : state.leftMs < 30 * 60_000 ? 'orange' : 'blue'} data-overdue={state.leftMs < 0}>
          {state.leftMs < 0 ? t('sla.overdue', { time: span(state.leftMs) }) : t('sla.left', { time: span(state.leftMs) })}
        </Tag>
      </Tooltip>
    );
  return (
    <Flex justify="space-between" align="center" gap={8} data-testid={testId}>
      <Typography.Text>{label}</Typography.Text>
      {body}
    </Flex>
  );
}

/** Both SLA clocks of a request: time left or overdue (wall time), paused, or when they stopped. */
export function SlaClock({ request }: { request: Request }) {
  const { t } = useTranslation('requests');
  const now = useNow();
  return (
    <Flex vertical gap={8} data-testid="sla-clock">
      <ClockLine state={clockOf(request, 'firstResponse', now)} label={t('sla.firstResponse')} testId="sla-first-response" />
      <ClockLine state={clockOf(request, 'resolution', now)} label={t('sla.resolution')} testId="sla-resolution" />
      {request.sla.escalationLevel > 0 ? <Typography.Text type="danger">{t('sla.level', { level: request.sla.escalationLevel })}</Typography.Text> : null}
    </Flex>
  );
}

/** The most pressing running clock of a request, for a list cell. */
export function SlaCell({ request }: { request: Request }) {
  const { t } = useTranslation('requests');
  const span = useSpan();
  const now = useNow(60_000);
  const running = [clockOf(request, 'firstResponse', now), clockOf(request, 'resolution', now)].filter((c): c is Extract<ClockState, { kind: 'running' }> => c.kind === 'running');
  if (!running.length) {
    const late = request.sla.firstResponseBreached || request.sla.resolutionBreached;
    return late ? <Tag color="red">{t('list.breachedOnly')}</Tag> : null;
  }
  const next = running.reduce((a, b) => (a.leftMs <= b.leftMs ? a : b));
  return (
    <Tooltip title={t('sla.due', { at: formatDateTime(next.due) })}>
      <Tag color={next.leftMs < 0 ? 'red' : next.leftMs < 30 * 60_000 ? 'orange' : undefined} data-testid="sla-cell">
        {next.leftMs < 0 ? t('sla.overdue', { time: span(next.leftMs) }) : t('sla.left', { time: span(next.leftMs) })}
      </Tag>
    </Tooltip>
  );
}
