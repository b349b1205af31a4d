import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { MailOutlined, MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { useRules } from '../../../shared/forms/rules';
import { type Channel, useRequestCode, useVerify } from '../api';
import { failureText, fieldIssueText, waitSeconds } from '../errors';

interface Values {
  to: string;
  code: string;
}

/** Verify a phone or e-mail: 获取验证码 (with a resend countdown), then the 6 digits open a session. */
export function VerifyCard({ tenantCode, channels }: { tenantCode: string; channels: Channel[] }) {
  const { t } = useTranslation('selfService');
  const { message } = App.useApp();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const [channel, setChannel] = useState<Channel>('sms');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [cooldown, setCooldown] = useState(0);
  const requestCode = useRequestCode(tenantCode);
  const verify = useVerify(tenantCode);

  useEffect(() => {
    if (cooldown <= 0) return;
    const h = setTimeout(() => setCooldown((s) => s - 1), 1000);
    return () => clearTimeout(h);
  }, [cooldown]);

  const fail = (e: unknown, field: keyof Values) => {
    const wait = waitSeconds(e);
    if (wait) setCooldown(wait);
    if (isApiError(e) && e.status === 422 && e.issues.length) {
      const left = Number(e.params.attemptsLeft);
      const text = Number.isFinite(left) && left > 0 ? t('attemptsLeft', { count: left }) : fieldIssueText(t, e.issues[0]);
      const name = e.issues[0].path === 'body.code' ? 'code' : e.issues[0].path === 'body.to' ? 'to' : field;
      form.setFields([{ name, errors: [text] }]);
      return;
    }
    message.error(failureText(t, e));
  };

  const send = async () => {
    try {
      await form.validateFields(['to']);
    } catch {
      return;
    }
    requestCode.mutate(
      { channel, to: form.getFieldValue('to') },
      {
        onSuccess: (r) => {
          setSentTo(r.to);
          setCooldown(r.resendAfterSeconds);
        },
        onError: (e) => fail(e, 'to'),
      },
    );
  };

  const submit = (v: Values) => verify.mutate({ channel, to: v.to, code: v.code.trim() }, { onError: (e) => fail(e, 'code') });

  return (
    <Card style={{ maxWidth: 480, margin: '0 auto' }} data-testid="verify-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <SafetyOutlined /> {t('verify.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
      {channels.length > 1 ? (
        <Segmented<Channel>
          block
          value={channel}
          onChange={(c) => {
            setChannel(c);
            setSentTo(null);
            form.resetFields();
          }}
          options={channels.map((c) => ({ value: c, label: t(`verify.${c}`), icon: c === 'sms' ? <MobileOutlined /> : <MailOutlined /> }))}
          style={{ marginBottom: 16 }}
          data-testid="verify-channel"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="to"
          label={channel === 'sms' ? t('verify.sms') : t('verify.email')}
          rules={[rules.required(channel === 'sms' ? t('verify.sms') : t('verify.email')), channel === 'sms' ? rules.phone() : rules.email]}
        >
          <Input
            size="large"
            inputMode={channel === 'sms' ? 'tel' : 'email'}
            autoComplete={channel === 'sms' ? 'tel' : 'email'}
            placeholder={channel === 'sms' ? t('verify.phonePlaceholder') : t('verify.emailPlaceholder')}
            data-testid="verify-to"
          />
        </Form.Item>
        <Form.Item label={t('verify.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('verify.codeRule') }]}>
              <Input size="large" inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('verify.codePlaceholder')} data-testid="verify-code" />
            </Form.Item>
            <Button size="large" onClick={send} disabled={cooldown > 0} loading={requestCode.isPending} data-testid="verify-send">
              {cooldown > 0 ? t('verify.resend', { seconds: cooldown }) : t('verify.send')}
            </Button>
          </Space.Compact>
        </Form.Item>
        {sentTo ? <Alert type="success" showIcon title={t('verify.sent', { to: sentTo })} style={{ marginBottom: 16 }} data-testid="verify-sent" /> : null}
        <Button type="primary" size="large" block htmlType="submit" loading={verify.isPending} data-testid="verify-submit">
          {t('verify.submit')}
        </Button>
      </Form>
    </Card>
  );
}
