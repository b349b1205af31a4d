import { lazy } from 'react';
import { CloudUploadOutlined, DeploymentUnitOutlined, MergeCellsOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const customerRoutes: ModuleRoute[] = [
  {
    path: '/customers',
    Component: lazy(() => import('./pages/CustomerListPage')),
    permission: 'customers:view',
    menu: { group: 'customers', label: 'customers:menu.list', icon: <UnorderedListOutlined />, order: 10 },
  },
  {
    path: '/customers/pool',
    Component: lazy(() => import('./pages/PoolPage')),
    permission: 'customers:pool',
    menu: { group: 'customers', label: 'customers:menu.pool', icon: <DeploymentUnitOutlined />, order: 20 },
  },
  {
    path: '/customers/duplicates',
    Component: lazy(() => import('./pages/DuplicatesPage')),
    permission: 'customers:merge',
    menu: { group: 'customers', label: 'customers:menu.duplicates', icon: <MergeCellsOutlined />, order: 30 },
  },
  {
    path: '/customers/import',
    Component: lazy(() => import('./pages/ImportPage')),
    permission: 'customers:import',
    menu: { group: 'customers', label: 'customers:menu.import', icon: <CloudUploadOutlined />, order: 40 },
  },
  {
    path: '/customers/:id',
    Component: lazy(() => import('./pages/Customer360Page')),
    permission: 'customers:view',
  },
];
