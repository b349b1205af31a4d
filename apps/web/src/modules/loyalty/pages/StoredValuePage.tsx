import { Card, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { PageHeader } from '../../../shared/components/PageHeader';
import { ValueSettings } from '../components/ValueSettings';
import { ValueSummary } from '../components/ValueSummary';
import { ValueVerify } from '../components/ValueVerify';

/**
 * 储值 (LOY-6): the liability and the period's movements of the caller's stores, and the stated rules, for everyone
 * with loyalty:view; the top-up bonus steps, the balance limit and the ledger check for the programme's
 * administrator (loyalty:admin).
 */
export default function StoredValuePage() {
  const { t } = useTranslation('loyalty');
  const isAdmin = useCan('loyalty:admin');
  const rules = (
    <Card size="small" title={t('value.page.rules')} data-testid="value-rules">
      <Typography.Paragraph>{t('value.page.ruleSpend')}</Typography.Paragraph>
      <Typography.Paragraph>{t('value.page.ruleRefund')}</Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('value.page.ruleCancel')}</Typography.Paragraph>
    </Card>
  );
  return (
    <>
      <PageHeader title={t('value.page.title')} />
      <Flex vertical gap={16}>
        <ValueSummary />
        {isAdmin ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <ValueSettings />
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={16}>
                {rules}
                <ValueVerify />
              </Flex>
            </Col>
          </Row>
        ) : (
          rules
        )}
      </Flex>
    </>
  );
}
