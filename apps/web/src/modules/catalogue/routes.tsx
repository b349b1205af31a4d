import { lazy } from 'react';
import { AppstoreOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const catalogueRoutes: ModuleRoute[] = [
  {
    path: '/catalogue',
    Component: lazy(() => import('./pages/CataloguePage')),
    permission: 'catalogue:view',
    menu: { group: 'orders', label: 'catalogue:menu', icon: <AppstoreOutlined />, order: 20 },
  },
];
