import { type ReactNode, useEffect, useState } from 'react';
import { Button, Flex, Layout, Result, Spin, Tabs, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { LanguageSwitch } from '../../auth';
import { useEndSession, usePublicTenant, useVisitor } from '../api';
import { MyRequests } from '../components/MyRequests';
import { NewRequestForm } from '../components/NewRequestForm';
import { PublicArticles } from '../components/PublicArticles';
import { VerifyCard } from '../components/VerifyCard';

type Tab = 'mine' | 'new' | 'articles';

/**
 * The public self-service page of one brand (/s/:tenantCode), outside the staff area and mobile-first: verify a phone
 * or e-mail by code, follow my requests, file a new one, read the public knowledge base.
 */
export default function SelfServicePage() {
  const { t } = useTranslation('selfService');
  const { tenantCode = '' } = useParams();
  const tenant = usePublicTenant(tenantCode);
  const visitor = useVisitor(tenantCode, tenant.isSuccess);
  const endSession = useEndSession(tenantCode);
  const [tab, setTab] = useState<Tab>('mine');

  useEffect(() => {
    if (tenant.data) document.title = `${tenant.data.name} · ${t('title')}`;
  }, [tenant.data, t]);

  if (tenant.isError) return <Result status="404" title={t('unknownTenant')} subTitle={t('unknownTenantHint')} />;
  if (!tenant.data || visitor.isLoading) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  const me = visitor.data ?? null;
  const gated = (node: ReactNode) => (me ? node : <VerifyCard tenantCode={tenantCode} channels={tenant.data.channels} />);

  return (
    <Layout style={{ minHeight: '100vh', background: '#f7f1ea' }}>
      <Layout.Header style={{ background: '#fff', padding: '0 12px', height: 'auto', lineHeight: 'normal', borderBottom: '1px solid #eee' }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ maxWidth: 760, margin: '0 auto', padding: '10px 0' }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0, color: '#8b4513' }} data-testid="self-service-brand">
              {tenant.data.name}
            </Typography.Title>
            <Typography.Text type="secondary">{t('title')}</Typography.Text>
          </div>
          <Flex align="center" gap={8} wrap>
            {me ? (
              <>
                <Typography.Text type="secondary" data-testid="self-service-contact">
                  {t('session.as', { contact: me.contact })}
                </Typography.Text>
                <Button size="small" icon={<LogoutOutlined />} onClick={() => endSession.mutate()} data-testid="self-service-logout">
                  {t('session.logout')}
                </Button>
              </>
            ) : null}
            <LanguageSwitch />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 12 }}>
        <div style={{ maxWidth: 760, margin: '0 auto' }}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as Tab)}
            items={[
              { key: 'mine', label: t('tabs.mine'), children: gated(<MyRequests tenantCode={tenantCode} onCreate={() => setTab('new')} />) },
              { key: 'new', label: t('tabs.new'), children: gated(<NewRequestForm tenantCode={tenantCode} known={!!me?.known} onDone={() => setTab('mine')} />) },
              { key: 'articles', label: t('tabs.articles'), children: <PublicArticles tenantCode={tenantCode} /> },
            ]}
            data-testid="self-service-tabs"
          />
        </div>
      </Layout.Content>
    </Layout>
  );
}
