import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { TierRulesCard } from '../components/TierRulesCard';
import { TierTableEditor } from '../components/TierTableEditor';

/** 会员等级 (loyalty:admin): the tier table with benefits and member counts, and the rules (window, review month, texts). */
export default function TiersPage() {
  const { t } = useTranslation('loyalty');
  return (
    <>
      <PageHeader title={t('tiers.title')} />
      <Typography.Paragraph type="secondary" data-testid="tiers-intro">
        {t('tiers.intro')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <TierTableEditor />
        </Col>
        <Col xs={24} xl={12}>
          <TierRulesCard />
        </Col>
      </Row>
    </>
  );
}
