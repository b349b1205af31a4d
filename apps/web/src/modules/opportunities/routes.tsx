import { lazy } from 'react';
import { FundOutlined, FunnelPlotOutlined, ProjectOutlined, SettingOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const opportunitiesRoutes: ModuleRoute[] = [
  {
    path: '/opportunities',
    Component: lazy(() => import('./pages/BoardPage')),
    permission: 'opportunities:view',
    menu: { group: 'sales', label: 'opportunities:menu.board', icon: <ProjectOutlined />, order: 20 },
  },
  {
    path: '/pipeline/funnel',
    Component: lazy(() => import('./pages/FunnelPage')),
    permission: 'opportunities:view',
    menu: { group: 'sales', label: 'opportunities:menu.funnel', icon: <FunnelPlotOutlined />, order: 40 },
  },
  {
    path: '/pipeline/forecast',
    Component: lazy(() => import('./pages/ForecastPage')),
    permission: 'opportunities:view',
    menu: { group: 'sales', label: 'opportunities:menu.forecast', icon: <FundOutlined />, order: 50 },
  },
  {
    path: '/opportunities/settings',
    Component: lazy(() => import('./pages/PipelineSettingsPage')),
    permission: 'opportunities:admin',
    menu: { group: 'sales', label: 'opportunities:menu.settings', icon: <SettingOutlined />, order: 90 },
  },
  { path: '/opportunities/:id', Component: lazy(() => import('./pages/OpportunityDetailPage')), permission: 'opportunities:view' },
];
