import { Button, Col, Flex, Form, Input, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../shared/forms/rules';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { RegionCascader } from '../../../shared/regions/RegionCascader';
import { useLeadLabels } from '../labels';

function PhonesField() {
  const { t } = useTranslation('leads');
  const rules = useRules();
  return (
    <Form.Item label={t('field.phones')}>
      <Form.List name="phones">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} align="baseline">
                <Form.Item name={f.name} noStyle rules={[rules.phone()]} validateTrigger={['onBlur', 'onChange']}>
                  <Input placeholder={t('form.phonePlaceholder')} inputMode="tel" data-testid={`lead-phone-${i}`} />
                </Form.Item>
                {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} style={{ color: '#999' }} /> : null}
              </Flex>
            ))}
            {fields.length < 5 ? (
              <Button type="dashed" onClick={() => add('')} icon={<PlusOutlined />} style={{ width: 140 }}>
                {t('form.addPhone')}
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The person, how to reach them, where the lead came from and where they live. */
export function LeadFields() {
  const { t } = useTranslation('leads');
  const rules = useRules();
  const { options } = useLeadLabels();
  const genders = useEnumOptions('gender');
  const form = Form.useFormInstance();
  const source = Form.useWatch('source', form) as string | undefined;
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(100)]}>
            <Input data-testid="lead-name" />
          </Form.Item>
        </Col>
        <Col xs={12} md={7}>
          <Form.Item name="gender" label={t('field.gender')}>
            <Select allowClear options={genders} data-testid="lead-gender" />
          </Form.Item>
        </Col>
        <Col xs={12} md={7}>
          <Form.Item name="title" label={t('field.title')} rules={[rules.max(20)]}>
            <Input data-testid="lead-title" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <PhonesField />
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="wechat" label={t('field.wechat')} rules={[rules.max(100)]}>
            <Input data-testid="lead-wechat" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="source" label={t('field.source')} rules={[rules.requiredSelect(t('field.source'))]}>
            <Select options={options('source')} data-testid="lead-source" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          {source === 'campaign' || source === 'website' ? (
            <Form.Item name="campaign" label={t('field.campaign')} rules={[rules.max(100)]}>
              <Input data-testid="lead-campaign" />
            </Form.Item>
          ) : null}
          {source === 'exhibition' ? (
            <Form.Item name="exhibition" label={t('field.exhibition')} rules={[rules.max(100)]}>
              <Input data-testid="lead-exhibition" />
            </Form.Item>
          ) : null}
          {source?.endsWith('_referral') ? (
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name="referrerName" label={t('field.referrerName')} rules={[rules.max(100)]}>
                  <Input data-testid="lead-referrer" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="referrerPhone" label={t('field.referrerPhone')} rules={[rules.phone()]}>
                  <Input inputMode="tel" data-testid="lead-referrer-phone" />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="region" label={t('field.region')}>
            <RegionCascader />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="address" label={t('field.address')} rules={[rules.max(300)]}>
            <Input data-testid="lead-address" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('field.notes')} rules={[rules.max(5000)]}>
        <Input.TextArea rows={2} data-testid="lead-notes" />
      </Form.Item>
    </>
  );
}
