import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MemberDto } from '@jiake/shared';
import { useCan } from '../../../shared/auth/access';
import { errorText } from '../../../shared/api/errors';
import { formatDate } from '../../../shared/format/date';
import { fenToYuan, formatMoney } from '../../../shared/format/money';
import { type MemberTier, useMemberTier } from '../tiers.api';
import { TierBenefits } from './TierBenefits';
import { TierChangeModal } from './TierChangeModal';
import { TierHistory } from './TierHistory';
import { TierTag } from './TierTag';

/** How far the spend is toward the next tier, in whole percent (100 once the threshold is reached). */
function progressOf(m: MemberTier): number {
  if (!m.next) return 100;
  if (m.next.thresholdFen <= 0) return 100;
  return Math.min(100, Math.floor((m.spendFen * 100) / m.next.thresholdFen));
}

/** 会员等级 on the member page: the tier, spend in the window and the way to the next tier, benefits, history, manual change. */
export function MemberTierPanel({ member }: { member: MemberDto }) {
  const { t } = useTranslation('loyalty');
  const canAdjust = useCan('loyalty:adjust');
  const { data, isLoading, error } = useMemberTier(member.id);
  const [changing, setChanging] = useState(false);
  const title = t('tiers.member.title');
  if (isLoading) return <Card size="small" title={title}><Skeleton active paragraph={{ rows: 3 }} /></Card>;
  if (error || !data) return <Card size="small" title={title}><Alert type="error" showIcon message={errorText(error)} /></Card>;
  return (
    <Card
      size="small"
      title={title}
      data-testid="member-tier"
      extra={
        canAdjust && member.status === 'active' ? (
          <Button size="small" icon={<SwapOutlined />} onClick={() => setChanging(true)} data-testid="member-tier-change">
            {t('tiers.member.change')}
          </Button>
        ) : null
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12}>
          <Flex vertical gap={12}>
            <Flex align="center" gap={8} wrap>
              <TierTag name={data.tier.name} rank={data.tier.rank} testId="member-tier-name" />
              {!data.tier.active ? <Typography.Text type="warning">{t('tiers.member.inactive')}</Typography.Text> : null}
              <Typography.Text type="secondary">{t('tiers.member.since', { date: formatDate(data.since) })}</Typography.Text>
            </Flex>
            <Statistic
              title={t(`tiers.member.spend.${data.window}`)}
              value={fenToYuan(data.spendFen)}
              precision={2}
              prefix="¥"
              data-testid="member-tier-spend"
            />
            <Typography.Text type="secondary">{t('tiers.member.windowFrom', { date: formatDate(data.windowFrom) })}</Typography.Text>
            <div data-testid="member-tier-progress">
              <Progress percent={progressOf(data)} showInfo={!!data.next} status={data.next ? 'active' : 'success'} />
              <Typography.Text>
                {!data.next
                  ? t('tiers.member.top')
                  : data.next.remainingFen > 0
                    ? t('tiers.member.toNext', { amount: formatMoney(data.next.remainingFen), name: data.next.name })
                    : t('tiers.member.reachedNext', { name: data.next.name })}
              </Typography.Text>
            </div>
            {data.lastReviewYear ? <Typography.Text type="secondary">{t('tiers.member.lastReview', { year: data.lastReviewYear })}</Typography.Text> : null}
          </Flex>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('tiers.benefits.title')}</Typography.Text>
          <TierBenefits benefits={data.tier.benefits} />
        </Col>
        <Col span={24}>
          <Typography.Text strong>{t('tiers.member.history')}</Typography.Text>
          <TierHistory history={data.history} />
        </Col>
      </Row>
      {canAdjust ? <TierChangeModal memberId={member.id} current={data} open={changing} onClose={() => setChanging(false)} /> : null}
    </Card>
  );
}
