import { Suspense, useState } from 'react';
import { Flex, Layout, Spin } from 'antd';
import { Outlet } from 'react-router-dom';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';

/** Header with brand, tenant, unit, language and account; the left menu; the page. */
export function AppLayout() {
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh' }}
      >
        {/* The menu scrolls on its own, above the collapse trigger, however many modules there are. */}
        <div style={{ height: '100%', overflowY: 'auto' }}>
          <SideMenu collapsed={collapsed} />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
          <HeaderBar />
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 64 }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
