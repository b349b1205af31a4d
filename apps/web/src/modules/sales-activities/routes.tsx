import { lazy } from 'react';
import { ScheduleOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const activitiesRoutes: ModuleRoute[] = [
  {
    path: '/follow-ups',
    Component: lazy(() => import('./pages/FollowUpsPage')),
    permission: 'activities:view',
    menu: { group: 'sales', label: 'activities:menu', icon: <ScheduleOutlined />, order: 30 },
  },
];
