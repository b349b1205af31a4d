import { lazy } from 'react';
import { CarryOutOutlined, OrderedListOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const orderFollowupsRoutes: ModuleRoute[] = [
  {
    path: '/followups',
    Component: lazy(() => import('./pages/FollowupWorkListPage')),
    permission: 'followups:view',
    menu: { group: 'orders', label: 'followups:menu.worklist', icon: <CarryOutOutlined />, order: 30 },
  },
  {
    path: '/followups/templates',
    Component: lazy(() => import('./pages/FollowupTemplatesPage')),
    permission: 'followups:admin',
    menu: { group: 'orders', label: 'followups:menu.templates', icon: <OrderedListOutlined />, order: 40 },
  },
];
