import { lazy } from 'react';
import { BellOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

/** Every logged-in user has a work page and an inbox; "/" opens the work page (lowest menu order). */
export const workRoutes: ModuleRoute[] = [
  {
    path: '/work',
    Component: lazy(() => import('./pages/WorkTodayPage')),
    menu: { group: 'work', label: 'work:menu.today', icon: <ScheduleOutlined />, order: 1 },
  },
  {
    path: '/inbox',
    Component: lazy(() => import('./pages/InboxPage')),
    menu: { group: 'work', label: 'work:menu.inbox', icon: <BellOutlined />, order: 2 },
  },
];
