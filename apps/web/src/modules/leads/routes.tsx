import { lazy } from 'react';
import { AimOutlined, ApartmentOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const leadsRoutes: ModuleRoute[] = [
  {
    path: '/leads',
    Component: lazy(() => import('./pages/LeadListPage')),
    permission: 'leads:view',
    menu: { group: 'sales', label: 'leads:menu', icon: <AimOutlined />, order: 10 },
  },
  {
    path: '/leads/settings',
    Component: lazy(() => import('./pages/LeadSettingsPage')),
    permission: 'leads:admin',
    menu: { group: 'sales', label: 'leads:settingsMenu', icon: <ApartmentOutlined />, order: 90 },
  },
  { path: '/leads/:id', Component: lazy(() => import('./pages/LeadDetailPage')), permission: 'leads:view' },
];
