import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TierBenefitsDto } from '@jiake/shared';

/** "9.5 折" (zh) / "5% off" (en) for a percentage off; "无折扣" for none. */
export function useDiscountText() {
  const { t } = useTranslation('loyalty');
  return (percent: number) => (percent > 0 ? t('tiers.benefits.discount', { zhe: (100 - percent) / 10, percent }) : t('tiers.benefits.noDiscount'));
}

/** What a tier gives: discount, free services, birthday gift. */
export function TierBenefits({ benefits }: { benefits: TierBenefitsDto }) {
  const { t } = useTranslation('loyalty');
  const discount = useDiscountText();
  return (
    <Descriptions size="small" column={1} data-testid="member-tier-benefits">
      <Descriptions.Item label={t('tiers.benefits.discountLabel')}>
        <span data-testid="member-tier-discount">{discount(benefits.discountPercent)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('tiers.benefits.services')}>
        {benefits.freeServices.length ? (
          <Space size={[4, 4]} wrap>
            {benefits.freeServices.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('tiers.benefits.noServices')}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('tiers.benefits.birthdayGift')}>
        {benefits.birthdayGift ?? <Typography.Text type="secondary">{t('tiers.benefits.noGift')}</Typography.Text>}
      </Descriptions.Item>
    </Descriptions>
  );
}
