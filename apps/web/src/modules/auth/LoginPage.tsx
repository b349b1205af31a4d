import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../shared/api/errors';
import { useMe } from '../../shared/auth/me';
import { useRules } from '../../shared/forms/rules';
import { LanguageSwitch } from './LanguageSwitch';
import { useLogin } from './api';

const LAST_TENANT = 'jk.lastTenant';

interface Values {
  tenant: string;
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const rules = useRules();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';

  if (me.data) return <Navigate to={target} replace />;

  const submit = (v: Values) => {
    setError(null);
    login.mutate(v, {
      onSuccess: () => {
        localStorage.setItem(LAST_TENANT, v.tenant.trim());
        navigate(target, { replace: true });
      },
      onError: (e) => setError(errorText(e)),
    });
  };

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: 'linear-gradient(135deg, #f7f1ea 0%, #e8ddd0 100%)' }}>
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.08)' }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 4, color: '#8b4513' }}>
            {t('common:brand')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        </Flex>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<Values> layout="vertical" onFinish={submit} initialValues={{ tenant: localStorage.getItem(LAST_TENANT) ?? '' }} requiredMark={false}>
          <Form.Item name="tenant" label={t('tenant')} rules={[rules.required(t('tenant'))]}>
            <Input name="tenant" prefix={<ShopOutlined />} placeholder={t('tenantPlaceholder')} autoComplete="organization" />
          </Form.Item>
          <Form.Item name="username" label={t('username')} rules={[rules.required(t('username'))]}>
            <Input name="username" prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password')}
            rules={[{ required: true, message: t('common:validation.required', { label: t('password') }) }]}
          >
            <Input.Password name="password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
