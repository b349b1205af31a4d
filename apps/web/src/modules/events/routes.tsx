import { lazy } from 'react';
import { NodeIndexOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const eventRoutes: ModuleRoute[] = [
  {
    path: '/system/events',
    Component: lazy(() => import('./pages/EventsPage')),
    permission: 'events:admin',
    menu: { group: 'system', label: 'events:menu', icon: <NodeIndexOutlined />, order: 160 },
  },
];
