import { Tag } from 'antd';
import type { FollowupStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';

/** 待跟进 / 已逾期 / 待定 / 已完成 / 已跳过. */
export function StepStatusTag({ step }: { step: FollowupStepDto }) {
  const { t } = useTranslation('followups');
  const [color, key] =
    step.status === 'done'
      ? ['green', 'done']
      : step.status === 'skipped'
        ? ['default', 'skipped']
        : step.overdue
          ? ['red', 'overdue']
          : step.dueAt
            ? ['blue', 'pending']
            : ['default', 'unscheduled'];
  return (
    <Tag color={color} data-testid="followup-status" data-status={key}>
      {t(`status.${key}`)}
    </Tag>
  );
}
