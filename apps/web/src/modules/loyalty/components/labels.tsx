import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import type { AdjustmentStatus, MemberStatus } from '@jiake/shared';
import { errorText } from '../../../shared/api/errors';
import { isApiError } from '../../../shared/api/client';

const STATUS_COLOR: Record<MemberStatus, string> = { active: 'green', frozen: 'orange', cancelled: 'default' };
const ADJUSTMENT_COLOR: Record<AdjustmentStatus, string> = { pending: 'gold', posted: 'blue', approved: 'green', rejected: 'red' };

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation('loyalty');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="member-status">
      {t(`enum.status.${status}`)}
    </Tag>
  );
}

export function AdjustmentStatusTag({ status }: { status: AdjustmentStatus }) {
  const { t } = useTranslation('loyalty');
  return <Tag color={ADJUSTMENT_COLOR[status]}>{t(`enum.adjustmentStatus.${status}`)}</Tag>;
}

/** +120 in green, −80 in red: a points change always shows its sign. */
export function SignedPoints({ points, testId }: { points: number; testId?: string }) {
  return (
    <Typography.Text type={points < 0 ? 'danger' : 'success'} strong data-testid={testId}>
      {points > 0 ? `+${points.toLocaleString()}` : points.toLocaleString()}
    </Typography.Text>
  );
}

/** An API error of the loyalty endpoints in the user's language: the conflict reasons get their own sentence. */
export function loyaltyErrorText(err: unknown): string {
  const reason = isApiError(err) ? err.params.reason : undefined;
  // The conflict's params (stock left, minimum balance…) fill the sentence's placeholders.
  if (typeof reason === 'string' && i18n.exists(`loyalty:error.${reason}`)) return i18n.t(`loyalty:error.${reason}`, isApiError(err) ? err.params : {});
  return errorText(err);
}
