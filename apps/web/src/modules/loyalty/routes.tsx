import { lazy } from 'react';
import { AuditOutlined, IdcardOutlined, SettingOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const loyaltyRoutes: ModuleRoute[] = [
  {
    path: '/loyalty/members',
    Component: lazy(() => import('./pages/MemberListPage')),
    permission: 'loyalty:view',
    menu: { group: 'members', label: 'loyalty:menu.members', icon: <IdcardOutlined />, order: 10 },
  },
  {
    path: '/loyalty/adjustments',
    Component: lazy(() => import('./pages/AdjustmentsPage')),
    permission: 'loyalty:approve',
    menu: { group: 'members', label: 'loyalty:menu.adjustments', icon: <AuditOutlined />, order: 20 },
  },
  {
    path: '/loyalty/settings',
    Component: lazy(() => import('./pages/LoyaltySettingsPage')),
    permission: 'loyalty:admin',
    menu: { group: 'members', label: 'loyalty:menu.settings', icon: <SettingOutlined />, order: 30 },
  },
  { path: '/loyalty/members/:id', Component: lazy(() => import('./pages/MemberDetailPage')), permission: 'loyalty:view' },
];
