import { Drawer, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import type { FollowupStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import { useStepHistory } from '../api/steps';
import { formatDue, shanghaiTime } from '../format';

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** The step's trail: generated, moved with the delivery date, rescheduled (with the reason), reassigned, done or skipped. */
export function StepHistoryDrawer({ step, open, onClose }: { step: FollowupStepDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('followups');
  const { data, isLoading } = useStepHistory(step.id, open);
  const due = (c: Change | undefined, side: 'before' | 'after') => {
    const v = c?.[side];
    // A time of 23:59 is "any time that day" (the end of the day).
    return typeof v === 'string' ? formatDue({ dueAt: v, allDay: shanghaiTime(v) === '23:59' }) : t('due.none');
  };
  return (
    <Drawer open={open} onClose={onClose} title={t('history.title', { step: step.stepName })} size={480} destroyOnHidden>
      {isLoading ? (
        <Spin />
      ) : !data?.length ? (
        <Empty />
      ) : (
        <Timeline
          data-testid="followup-history"
          items={data.map((row) => {
            const changes = row.changes as Change[];
            const dueChange = changes.find((c) => c.field === 'dueAt');
            const reason = (row.meta.reason as string | undefined) ?? (changes.find((c) => c.field === 'skipReason')?.after as string | undefined);
            return {
              key: row.id,
              content: (
                <Flex vertical gap={2}>
                  <Typography.Text strong>{t(`history.action.${row.action.replace('followupStep.', '')}`, { defaultValue: row.action })}</Typography.Text>
                  <Typography.Text type="secondary">
                    {formatDateTime(row.at)} · {row.actorKind === 'system' ? t('history.system') : row.actorName}
                  </Typography.Text>
                  {dueChange ? <Typography.Text>{t('history.dueChange', { from: due(dueChange, 'before'), to: due(dueChange, 'after') })}</Typography.Text> : null}
                  {reason ? <Typography.Text>{t('history.reason', { reason })}</Typography.Text> : null}
                </Flex>
              ),
            };
          })}
        />
      )}
    </Drawer>
  );
}
