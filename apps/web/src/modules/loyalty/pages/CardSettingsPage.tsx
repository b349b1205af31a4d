import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Radio, Row, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CARD_NUMBER_MAX, CHECK_DIGIT_SCHEMES, cardNumberFor, cardNumberProblem, normaliseCardNumber, type CardSettingsDto } from '@jiake/shared';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { PageHeader } from '../../../shared/components/PageHeader';
import { validated } from '../../../shared/forms/validated';
import { useLoyaltySettings, useUpdateLoyaltySettings } from '../api';
import { useCardNumbering } from '../cards.api';

/** The number a typed card number would be checked as, under the scheme being edited. */
function NumberCheck({ scheme }: { scheme: CardSettingsDto['checkDigit'] }) {
  const { t } = useTranslation('loyalty');
  const [typed, setTyped] = useState('');
  const number = normaliseCardNumber(typed);
  const problem = number ? cardNumberProblem(scheme, number) : undefined;
  return (
    <Space wrap>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('cards.settings.checkPlaceholder')} style={{ width: 260 }} allowClear data-testid="card-check-input" />
      {problem === undefined ? null : problem === null ? (
        <Tag color="green" data-testid="card-check-result">
          {t('cards.settings.checkOk')}
        </Tag>
      ) : (
        <Tag color="red" data-testid="card-check-result">
          {problem === 'check_digit' ? t('cards.settings.checkBad') : t('cards.settings.checkFormat')}
        </Tag>
      )}
    </Space>
  );
}

/**
 * 会员卡设置 (loyalty:admin): the card number format — prefix, sequence digits, check digit (Luhn, MOD 11-2, none) —
 * with a live preview of the next number (the tenant's next sequence value in the format being edited), a check of a
 * typed number, and whether a new card is active at once.
 */
export default function CardSettingsPage() {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const onError = useFormErrors();
  const [form] = Form.useForm<CardSettingsDto>();
  const settings = useLoyaltySettings();
  const numbering = useCardNumbering();
  const update = useUpdateLoyaltySettings();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.cards);
  }, [settings.data, form]);
  const prefix = Form.useWatch('prefix', form) ?? '';
  const digits = Number(Form.useWatch('digits', form) ?? 0);
  const checkDigit = Form.useWatch('checkDigit', form) ?? 'luhn';
  const seq = numbering.data?.nextSequence ?? 1;
  const valid = /^[0-9]{0,6}$/.test(prefix) && digits >= 6 && digits <= 16;
  const preview = valid ? cardNumberFor({ prefix, digits, checkDigit }, seq) : null;
  const length = prefix.length + digits + (checkDigit === 'none' ? 0 : 1);
  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await update.mutateAsync({ cards: { prefix: v.prefix ?? '', digits: v.digits, checkDigit: v.checkDigit, activateOnIssue: !!v.activateOnIssue } });
      await numbering.refetch();
      message.success(t('common:message.saved'));
    } catch (e) {
      onError(form, e, { mapName: (n) => (n[0] === 'cards' ? n.slice(1) : n) });
    }
  };
  if (settings.isLoading || !settings.data) return <Spin />;
  return (
    <>
      <PageHeader
        title={t('cards.settings.title')}
        extra={
          <Button type="primary" onClick={save} loading={update.isPending} data-testid="card-settings-save">
            {t('cards.settings.save')}
          </Button>
        }
      />
      <Form form={form} layout="vertical" initialValues={settings.data.cards}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('cards.settings.format')}>
              <Typography.Paragraph type="secondary">{t('cards.settings.formatHint')}</Typography.Paragraph>
              <Space align="start" wrap>
                <Form.Item name="prefix" label={t('cards.settings.prefix')} extra={t('cards.settings.prefixHelp')} rules={[{ pattern: /^[0-9]{0,6}$/, message: t('cards.settings.prefixHelp') }]}>
                  <Input maxLength={6} inputMode="numeric" style={{ width: 140 }} data-testid="card-prefix" />
                </Form.Item>
                <Form.Item
                  name="digits"
                  label={t('cards.settings.digits')}
                  rules={[
                    { required: true },
                    { validator: async () => (length > CARD_NUMBER_MAX ? Promise.reject(new Error(t('cards.settings.tooLong'))) : undefined) },
                  ]}
                  dependencies={['prefix', 'checkDigit']}
                >
                  <InputNumber min={6} max={16} precision={0} data-testid="card-digits" />
                </Form.Item>
              </Space>
              <Form.Item name="checkDigit" label={t('cards.settings.checkDigit')}>
                <Radio.Group data-testid="card-check-digit">
                  <Flex vertical gap={4}>
                    {CHECK_DIGIT_SCHEMES.map((s) => (
                      <Radio key={s} value={s} data-testid={`card-check-digit-${s}`}>
                        {t(`cards.settings.schemes.${s}`)}
                      </Radio>
                    ))}
                  </Flex>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="activateOnIssue" label={t('cards.settings.activateOnIssue')} extra={t('cards.settings.activateOnIssueHelp')} valuePropName="checked" style={{ marginBottom: 0 }}>
                <Switch data-testid="card-activate-on-issue" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('cards.settings.preview')}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('cards.settings.previewSeq', { seq })}>
                  {preview ? (
                    <Space>
                      <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="card-preview">
                        {preview}
                      </Typography.Text>
                      <Typography.Text type="secondary">{t('cards.settings.length', { n: length })}</Typography.Text>
                    </Space>
                  ) : (
                    <Typography.Text type="danger" data-testid="card-preview">
                      {valid ? t('cards.settings.exhausted') : ''}
                    </Typography.Text>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('cards.settings.check')}>
                  <NumberCheck scheme={checkDigit} />
                </Descriptions.Item>
              </Descriptions>
              <Alert type="info" showIcon title={t('cards.settings.changeNote')} />
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
