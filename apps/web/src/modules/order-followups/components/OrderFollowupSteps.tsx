import { Card, Empty, Flex, Rate, Spin, Timeline, Typography } from 'antd';
import type { FollowupStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { useCan } from '../../../shared/auth/access';
import { useOrderFollowupSteps } from '../api/steps';
import { formatShanghai } from '../format';
import { StepActions } from './StepActions';
import { StepDue } from './StepDue';
import { StepMessage } from './StepMessage';
import { StepStatusTag } from './StepStatusTag';

const DOT: Record<string, string> = { done: 'green', skipped: 'gray', overdue: 'red', pending: 'blue' };

function StepItem({ step }: { step: FollowupStepDto }) {
  const { t } = useTranslation('followups');
  return (
    <Flex vertical gap={6} data-testid="order-followup-step" data-step={step.stepKey}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{step.stepName}</Typography.Text>
        <StepStatusTag step={step} />
        <StepDue step={step} />
        <Typography.Text type="secondary">{step.ownerName ? t('timeline.owner', { name: step.ownerName }) : t('timeline.noOwner')}</Typography.Text>
      </Flex>
      {step.status === 'done' ? (
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('timeline.doneBy', { name: step.doneByName ?? t('history.system'), at: formatShanghai(step.doneAt) })}</Typography.Text>
          {step.satisfaction ? <Rate disabled value={step.satisfaction} style={{ fontSize: 14 }} /> : null}
          {step.outcome ? <Typography.Text>{step.outcome}</Typography.Text> : null}
        </Flex>
      ) : null}
      {step.status === 'skipped' ? <Typography.Text type="secondary">{t('timeline.skipped', { reason: step.skipReason ?? '' })}</Typography.Text> : null}
      {step.status === 'pending' && step.rescheduleReason ? (
        <Typography.Text type="secondary">{t('timeline.rescheduled', { reason: step.rescheduleReason })}</Typography.Text>
      ) : null}
      {step.status === 'pending' ? <StepMessage message={step.message} /> : null}
      <StepActions step={step} />
    </Flex>
  );
}

/**
 * The after-sales follow-up of one order as a timeline, with the actions on each step. The orders module mounts it
 * on the order detail page. An order without steps (not paid yet, or none the user may see) shows a hint.
 */
export function OrderFollowupSteps({ orderId }: { orderId: string }) {
  const { t } = useTranslation('followups');
  const canView = useCan('followups:view');
  const { data, isLoading, error } = useOrderFollowupSteps(orderId, canView);
  if (!canView) return null;
  const failed = error && !(isApiError(error) && error.status === 404);
  return (
    <Card title={t('timeline.title')} size="small" data-testid="order-followup-steps">
      {isLoading ? (
        <Spin />
      ) : failed ? (
        <Typography.Text type="danger">{errorText(error)}</Typography.Text>
      ) : !data?.items.length ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <Timeline
          items={data.items.map((s) => ({
            key: s.id,
            color: DOT[s.status === 'pending' && s.overdue ? 'overdue' : s.status],
            content: <StepItem step={s} />,
          }))}
        />
      )}
    </Card>
  );
}
