import { Alert, Col, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../../shared/forms/rules';
import { RegionCascader } from '../../../../shared/regions/RegionCascader';
import { FieldGate, RuledItem } from '../FieldGate';
import { PhoneListField } from '../PhoneListField';

/** Phones, e-mail, WeChat, QQ, other IM, and the address with province/city/district. */
export function ContactSection({ maskedPhones }: { maskedPhones: boolean }) {
  const { t } = useTranslation('customers');
  const rules = useRules();
  return (
    <Row gutter={16}>
      <FieldGate field="phones">
        <Col xs={24} md={8}>
          <PhoneListField label={t('field.phones')} />
        </Col>
      </FieldGate>
      <Col xs={24} md={16}>
        <Row gutter={16}>
          <RuledItem field="email" span={12} rules={[rules.email, rules.max(200)]}>
            <Input inputMode="email" />
          </RuledItem>
          <RuledItem field="wechat" span={12} rules={[rules.max(100)]}>
            <Input />
          </RuledItem>
          <RuledItem field="qq" span={12} rules={[rules.qq]}>
            <Input inputMode="numeric" />
          </RuledItem>
          <RuledItem field="otherIm" span={12} rules={[rules.max(100)]}>
            <Input />
          </RuledItem>
        </Row>
      </Col>
      {maskedPhones ? (
        <Col span={24}>
          <Alert type="info" showIcon title={t('form.maskedPhonesHint')} style={{ marginBottom: 16 }} />
        </Col>
      ) : null}
      <RuledItem field="region" name="region" label={t('field.region')} span={10}>
        <RegionCascader />
      </RuledItem>
      <RuledItem field="address" span={14} rules={[rules.max(300)]}>
        <Input />
      </RuledItem>
    </Row>
  );
}
