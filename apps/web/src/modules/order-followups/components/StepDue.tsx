import { Typography } from 'antd';
import type { FollowupStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { formatDue } from '../format';

/** When the step is due (Shanghai time), or what it waits for. */
export function StepDue({ step }: { step: FollowupStepDto }) {
  const { t } = useTranslation('followups');
  if (!step.dueAt) return <Typography.Text type="secondary">{t(`due.waiting.${step.anchor}`)}</Typography.Text>;
  const text = step.allDay ? t('due.allDay', { date: formatDue(step) }) : formatDue(step);
  return <Typography.Text type={step.overdue ? 'danger' : undefined}>{text}</Typography.Text>;
}
