import { lazy } from 'react';
import { ShoppingCartOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const ordersRoutes: ModuleRoute[] = [
  {
    path: '/orders',
    Component: lazy(() => import('./pages/OrderListPage')),
    permission: 'orders:view',
    menu: { group: 'orders', label: 'orders:menu', icon: <ShoppingCartOutlined />, order: 10 },
  },
  { path: '/orders/new', Component: lazy(() => import('./pages/OrderFormPage')), permission: 'orders:create' },
  { path: '/orders/:id/edit', Component: lazy(() => import('./pages/OrderFormPage')), permission: 'orders:edit' },
  { path: '/orders/:id', Component: lazy(() => import('./pages/OrderDetailPage')), permission: 'orders:view' },
];
