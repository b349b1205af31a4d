import { useEffect } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RETURN_POINTS_POLICIES, type EarnRateDto, type ExpiryPolicyDto, type UpdateLoyaltySettingsInput } from '@jiake/shared';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { PageHeader } from '../../../shared/components/PageHeader';
import { validated } from '../../../shared/forms/validated';
import { type Settings, useLoyaltySettings, useUpdateLoyaltySettings } from '../api';
import { VerifyLedger } from '../components/VerifyLedger';

const STORE_KINDS = ['direct', 'franchise', 'dealer'] as const;
type StoreKind = (typeof STORE_KINDS)[number];

interface Values {
  earn: { base: EarnRateDto; byStoreKind: Partial<Record<StoreKind, Partial<EarnRateDto>>> };
  custom: Partial<Record<StoreKind, boolean>>;
  expiry: { kind: ExpiryPolicyDto['kind']; months?: number; years?: number };
  returns: Settings['returns'];
  adjustments: Settings['adjustments'];
  memberNumber: Settings['memberNumber'];
}

const toValues = (s: Settings): Values => ({
  earn: { base: s.earn.base, byStoreKind: s.earn.byStoreKind },
  custom: Object.fromEntries(STORE_KINDS.map((k) => [k, !!s.earn.byStoreKind[k]])),
  expiry: { kind: s.expiry.kind, months: s.expiry.kind === 'months' ? s.expiry.months : 12, years: s.expiry.kind === 'year_end' ? s.expiry.years : 1 },
  returns: s.returns,
  adjustments: s.adjustments,
  memberNumber: s.memberNumber,
});

/** Only the sections this page edits; other sections of the programme are left as stored. */
const toBody = (v: Values): UpdateLoyaltySettingsInput => ({
  earn: {
    base: v.earn.base,
    byStoreKind: Object.fromEntries(STORE_KINDS.filter((k) => v.custom[k]).map((k) => [k, v.earn.byStoreKind[k] as EarnRateDto])) as Settings['earn']['byStoreKind'],
    rounding: 'floor_per_order',
  },
  expiry:
    v.expiry.kind === 'never' ? { kind: 'never' } : v.expiry.kind === 'months' ? { kind: 'months', months: v.expiry.months! } : { kind: 'year_end', years: v.expiry.years! },
  returns: v.returns,
  adjustments: v.adjustments,
  memberNumber: { prefix: v.memberNumber.prefix ?? '', digits: v.memberNumber.digits },
});

/** Two number boxes: "每消费 [yuan] 元得 [points] 分". */
function RateFields({ name, testId }: { name: (string | number)[]; testId: string }) {
  const { t } = useTranslation('loyalty');
  return (
    <Space align="baseline" wrap>
      <Form.Item name={[...name, 'yuan']} rules={[{ required: true }]} noStyle>
        <InputNumber min={1} max={100_000} precision={0} suffix={t('settings.rateYuan')} style={{ width: 130 }} data-testid={`${testId}-yuan`} />
      </Form.Item>
      <span>→</span>
      <Form.Item name={[...name, 'points']} rules={[{ required: true }]} noStyle>
        <InputNumber min={0} max={1000} precision={0} suffix={t('settings.ratePoints')} style={{ width: 130 }} data-testid={`${testId}-points`} />
      </Form.Item>
    </Space>
  );
}

/** 会员设置 (loyalty:admin): earn rates with store-kind overrides, the stated rounding, expiry, returns, approval threshold, member numbers. */
export default function LoyaltySettingsPage() {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const onError = useFormErrors();
  const [form] = Form.useForm<Values>();
  const settings = useLoyaltySettings();
  const update = useUpdateLoyaltySettings();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toValues(settings.data));
  }, [settings.data, form]);
  const expiryKind = Form.useWatch(['expiry', 'kind'], form);
  const custom = Form.useWatch('custom', form) ?? {};
  const prefix = Form.useWatch(['memberNumber', 'prefix'], form) ?? '';
  const digits = Form.useWatch(['memberNumber', 'digits'], form) ?? 8;
  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await update.mutateAsync(toBody(v));
      message.success(t('common:message.saved'));
    } catch (e) {
      onError(form, e);
    }
  };
  if (settings.isLoading || !settings.data) return <Spin />;
  return (
    <>
      <PageHeader
        title={t('settings.title')}
        extra={
          <Button type="primary" onClick={save} loading={update.isPending} data-testid="settings-save">
            {t('settings.save')}
          </Button>
        }
      />
      <Form form={form} layout="vertical" initialValues={toValues(settings.data)}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('settings.earn')}>
              <Form.Item label={t('settings.baseRate')} required>
                <RateFields name={['earn', 'base']} testId="earn-base" />
              </Form.Item>
              <Typography.Text strong>{t('settings.overrides')}</Typography.Text>
              {STORE_KINDS.map((k) => (
                <Flex key={k} gap={12} align="center" wrap style={{ marginTop: 8 }}>
                  <span style={{ minWidth: 72 }}>{t(`enum.storeKind.${k}`)}</span>
                  <Form.Item name={['custom', k]} valuePropName="checked" noStyle>
                    <Switch size="small" data-testid={`earn-custom-${k}`} />
                  </Form.Item>
                  {custom[k] ? <RateFields name={['earn', 'byStoreKind', k]} testId={`earn-${k}`} /> : <Typography.Text type="secondary">{t('settings.useBase')}</Typography.Text>}
                </Flex>
              ))}
              <Form.Item label={t('settings.rounding')} style={{ marginTop: 16, marginBottom: 0 }}>
                <Typography.Text type="secondary" data-testid="earn-rounding">
                  {t('settings.roundingText')}
                </Typography.Text>
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('settings.expiry')}>
              <Space align="start" wrap>
                <Form.Item name={['expiry', 'kind']} label={t('settings.expiryKind')}>
                  <Select
                    options={(['never', 'months', 'year_end'] as const).map((k) => ({ value: k, label: t(`enum.expiryKind.${k}`) }))}
                    style={{ width: 260 }}
                    data-testid="expiry-kind"
                  />
                </Form.Item>
                {expiryKind === 'months' ? (
                  <Form.Item name={['expiry', 'months']} label={t('settings.months')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={120} precision={0} data-testid="expiry-months" />
                  </Form.Item>
                ) : null}
                {expiryKind === 'year_end' ? (
                  <Form.Item name={['expiry', 'years']} label={t('settings.years')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={10} precision={0} data-testid="expiry-years" />
                  </Form.Item>
                ) : null}
              </Space>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('settings.expiryNote')}</Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('settings.returns')}>
              <Form.Item name={['returns', 'spentPoints']} label={t('settings.returnPolicy')} style={{ marginBottom: 0 }}>
                <Radio.Group options={RETURN_POINTS_POLICIES.map((p) => ({ value: p, label: t(`enum.returnPolicy.${p}`) }))} data-testid="returns-policy" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('settings.adjustments')}>
              <Form.Item
                name={['adjustments', 'approvalThreshold']}
                label={t('settings.approvalThreshold')}
                extra={t('settings.approvalThresholdHelp')}
                rules={[{ required: true }]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber min={0} max={100_000_000} precision={0} style={{ width: 200 }} data-testid="approval-threshold" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('settings.memberNumber')}>
              <Space align="start" wrap>
                <Form.Item
                  name={['memberNumber', 'prefix']}
                  label={t('settings.prefix')}
                  extra={t('settings.prefixHelp')}
                  rules={[{ pattern: /^[A-Z0-9]{0,6}$/, message: t('settings.prefixHelp') }]}
                  normalize={(v: string) => v.toUpperCase()}
                >
                  <Input maxLength={6} style={{ width: 140 }} data-testid="number-prefix" />
                </Form.Item>
                <Form.Item name={['memberNumber', 'digits']} label={t('settings.digits')} rules={[{ required: true }]}>
                  <InputNumber min={4} max={12} precision={0} data-testid="number-digits" />
                </Form.Item>
              </Space>
              <Typography.Text type="secondary" data-testid="number-sample">
                {t('settings.sample', { sample: `${prefix}${'1'.padStart(Math.min(Math.max(Number(digits) || 4, 4), 12), '0')}` })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={<Space><SafetyCertificateOutlined />{t('settings.verify')}</Space>}>
              <VerifyLedger />
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
