import { lazy } from 'react';
import { UserOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const userRoutes: ModuleRoute[] = [
  {
    path: '/system/users',
    Component: lazy(() => import('./pages/UsersPage')),
    permission: 'users:view',
    menu: { group: 'system', label: 'users:menu', icon: <UserOutlined />, order: 110 },
  },
];
