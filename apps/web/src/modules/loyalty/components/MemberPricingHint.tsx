import { Alert, App, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { useMemberPricing } from '../pricing.api';

/** 9.8 for 2 % off: how a discount is said at a Chinese till (折). */
const rateOf = (percent: number) => String((100 - percent) / 10);

/**
 * The order form's member price: who the member is, what the tier and the discount card give, and a button that
 * writes the larger discount into every line (`onApply` answers how many lines it changed). Nothing shows for a
 * customer who is not a member, or to a user without loyalty:view.
 */
export function MemberPricingHint({ customerId, onApply, disabled }: { customerId: string | undefined; onApply: (percent: number) => number; disabled?: boolean }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const canView = useCan('loyalty:view');
  const { data } = useMemberPricing(customerId, canView);
  if (!data?.member) return null;
  const { member, tier, card, discountPercent: percent, source } = data;
  const parts = [t('pricing.member', { number: member.number })];
  if (tier) parts.push(t('pricing.tier', { name: tier.name, percent: tier.discountPercent }));
  if (card) parts.push(t('pricing.card', { number: card.number, percent: card.discountPercent }));
  const apply = () => {
    const count = onApply(percent);
    if (count) message.success(t('pricing.applied', { count, percent, rate: rateOf(percent) }));
    else message.warning(t('pricing.nothingToApply'));
  };
  const summary =
    member.status !== 'active'
      ? t('pricing.notActive', { status: t(`enum.status.${member.status}`, { defaultValue: member.status }) })
      : percent > 0
        ? t('pricing.applies', { percent, rate: rateOf(percent), from: t(source === 'card' ? 'pricing.fromCard' : 'pricing.fromTier') })
        : t('pricing.none');
  return (
    <Alert
      type={percent > 0 ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="member-pricing"
      title={
        <Space wrap>
          <Typography.Text strong>{t('pricing.title')}</Typography.Text>
          <span>{parts.join(' · ')}</span>
        </Space>
      }
      description={<span data-testid="member-pricing-summary">{summary}</span>}
      action={
        percent > 0 ? (
          <Button size="small" type="primary" onClick={apply} disabled={disabled} data-testid="member-pricing-apply">
            {t('pricing.apply')}
          </Button>
        ) : null
      }
    />
  );
}
