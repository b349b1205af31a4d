import { useMemo } from 'react';
import { Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { CrownOutlined, CustomerServiceOutlined, FundProjectionScreenOutlined, ScheduleOutlined, SettingOutlined, ShoppingCartOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { usePermissionCheck } from '../../shared/auth/access';
import type { MenuGroup } from '../../shared/routing';
import { MODULE_ROUTES } from '../modules';

const GROUPS: { key: MenuGroup; icon: React.ReactNode }[] = [
  { key: 'work', icon: <ScheduleOutlined /> },
  { key: 'customers', icon: <TeamOutlined /> },
  { key: 'sales', icon: <FundProjectionScreenOutlined /> },
  { key: 'members', icon: <CrownOutlined /> },
  { key: 'orders', icon: <ShoppingCartOutlined /> },
  { key: 'service', icon: <CustomerServiceOutlined /> },
  { key: 'system', icon: <SettingOutlined /> },
];

/** The left menu: each module's menu routes, grouped, hiding what the user may not open. */
export function SideMenu({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const can = usePermissionCheck();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const visible = useMemo(() => MODULE_ROUTES.filter((r) => r.menu && can(r.permission)).sort((a, b) => a.menu!.order - b.menu!.order), [can]);
  const items: MenuProps['items'] = GROUPS.map((g) => ({
    key: g.key,
    icon: g.icon,
    label: t(`app:menu.${g.key}`),
    children: visible
      .filter((r) => r.menu!.group === g.key)
      .map((r) => ({ key: r.path, icon: r.menu!.icon, label: t(r.menu!.label), 'data-testid': `menu-${r.path}` })),
  })).filter((g) => g.children.length > 0);

  // The longest menu path that starts the current location: /customers/pool → 公海, /customers/<id> → 客户列表.
  const selected = visible
    .map((r) => r.path)
    .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <>
      <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Title level={4} style={{ margin: 0, color: '#8b4513' }} data-testid="brand">
          {collapsed ? t('common:brand').slice(0, 1) : t('common:brand')}
        </Typography.Title>
      </div>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected ? [selected] : []}
        defaultOpenKeys={GROUPS.map((g) => g.key)}
        onClick={(e) => navigate(e.key)}
        style={{ borderInlineEnd: 'none' }}
      />
    </>
  );
}
