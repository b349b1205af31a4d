import { lazy } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const orgRoutes: ModuleRoute[] = [
  {
    path: '/system/org',
    Component: lazy(() => import('./pages/OrgPage')),
    permission: 'org:view',
    menu: { group: 'system', label: 'org:menu', icon: <ApartmentOutlined />, order: 100 },
  },
];
