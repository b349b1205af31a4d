import { lazy } from 'react';
import { AimOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const targetsRoutes: ModuleRoute[] = [
  {
    path: '/targets',
    Component: lazy(() => import('./pages/TargetsPage')),
    permission: 'targets:view',
    menu: { group: 'sales', label: 'targets:menu', icon: <AimOutlined />, order: 60 },
  },
];
