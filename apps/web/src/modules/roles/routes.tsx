import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const roleRoutes: ModuleRoute[] = [
  {
    path: '/system/roles',
    Component: lazy(() => import('./pages/RolesPage')),
    permission: 'roles:view',
    menu: { group: 'system', label: 'roles:menu', icon: <SafetyCertificateOutlined />, order: 120 },
  },
];
