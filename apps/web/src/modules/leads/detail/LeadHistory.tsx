import { useState } from 'react';
import { Button, Drawer, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import { type AuditRow, useAuditLabels } from '../../audit';
import { LeadChanges } from './LeadChanges';
import { type LeadFull, useLeadHistory } from '../api';

/** Bookkeeping columns an assignment changes along with the assignee; the sentence above says it better. */
const NOISE = new Set(['assignmentSeq', 'assignedAt']);
const ASSIGNMENTS = new Set(['lead.assigned', 'lead.reassigned', 'lead.unassigned']);

/** "从 张三 改派给 李四 · 规则「官网轮流」 · 原因：客户要求" from the trail row's meta. */
function AssignmentLine({ row }: { row: AuditRow }) {
  const { t } = useTranslation('leads');
  const m = row.meta as { fromName?: string | null; toName?: string | null; rule?: string | null; reason?: string | null };
  const nobody = t('history.nobody');
  const kind = row.action.slice('lead.'.length) as 'assigned' | 'reassigned' | 'unassigned';
  const parts = [t(`history.${kind}`, { from: m.fromName ?? nobody, to: m.toName ?? nobody }), m.rule ? t('history.byRule', { rule: m.rule }) : t('history.manual')];
  return (
    <Flex vertical>
      <Typography.Text data-testid="lead-history-assignment">{parts.join(' · ')}</Typography.Text>
      {m.reason ? <Typography.Text type="secondary">{t('history.reason', { reason: m.reason })}</Typography.Text> : null}
    </Flex>
  );
}

function Entry({ row }: { row: AuditRow }) {
  const labels = useAuditLabels();
  const changes = row.changes.filter((c) => !NOISE.has(c.field));
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{labels.action(row.action)}</Typography.Text>
        <Typography.Text type="secondary">
          {formatDateTime(row.at)} · {row.actorName}
        </Typography.Text>
      </Flex>
      {ASSIGNMENTS.has(row.action) ? <AssignmentLine row={row} /> : null}
      {changes.length && !ASSIGNMENTS.has(row.action) ? <LeadChanges changes={changes} /> : null}
    </Flex>
  );
}

/** 历史记录: the lead's trail — capture, changes, every assignment and reassignment with its rule or reason, status, conversion. */
export function LeadHistory({ lead }: { lead: LeadFull }) {
  const { t } = useTranslation('leads');
  const [open, setOpen] = useState(false);
  const { data, isLoading } = useLeadHistory(lead.id, open);
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid="lead-history">
        {t('detail.history')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} size={560} title={t('detail.historyTitle', { name: lead.name })} destroyOnHidden>
        {isLoading ? (
          <Spin />
        ) : data?.length ? (
          <div data-testid="lead-history-timeline">
            <Timeline items={data.map((row) => ({ key: row.id, color: ASSIGNMENTS.has(row.action) ? 'orange' : row.action === 'lead.created' ? 'green' : 'blue', content: <Entry row={row} /> }))} />
          </div>
        ) : (
          <Empty description={t('audit:history.empty')} />
        )}
      </Drawer>
    </>
  );
}
