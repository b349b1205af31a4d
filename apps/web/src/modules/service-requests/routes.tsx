import { lazy } from 'react';
import { BarChartOutlined, ClockCircleOutlined, CustomerServiceOutlined, FieldTimeOutlined, NodeIndexOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const serviceRequestsRoutes: ModuleRoute[] = [
  {
    path: '/requests',
    Component: lazy(() => import('./pages/RequestListPage')),
    permission: 'requests:view',
    menu: { group: 'service', label: 'requests:menu.list', icon: <CustomerServiceOutlined />, order: 10 },
  },
  {
    path: '/requests/review',
    Component: lazy(() => import('./pages/ReviewPage')),
    permission: 'requests:review',
    menu: { group: 'service', label: 'requests:menu.review', icon: <BarChartOutlined />, order: 20 },
  },
  {
    path: '/requests/settings/routing',
    Component: lazy(() => import('./pages/RoutingRulesPage')),
    permission: 'requests:admin',
    menu: { group: 'service', label: 'requests:menu.routing', icon: <NodeIndexOutlined />, order: 30 },
  },
  {
    path: '/requests/settings/sla',
    Component: lazy(() => import('./pages/SlaPoliciesPage')),
    permission: 'requests:admin',
    menu: { group: 'service', label: 'requests:menu.sla', icon: <ClockCircleOutlined />, order: 40 },
  },
  {
    path: '/requests/settings/hours',
    Component: lazy(() => import('./pages/BusinessHoursPage')),
    permission: 'requests:admin',
    menu: { group: 'service', label: 'requests:menu.hours', icon: <FieldTimeOutlined />, order: 50 },
  },
  { path: '/requests/:id', Component: lazy(() => import('./pages/RequestDetailPage')), permission: 'requests:view' },
];
