import { lazy } from 'react';
import { KeyOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const apiKeyRoutes: ModuleRoute[] = [
  {
    path: '/system/api-keys',
    Component: lazy(() => import('./pages/ApiKeysPage')),
    permission: 'apiKeys:admin',
    menu: { group: 'system', label: 'apiKeys:menu', icon: <KeyOutlined />, order: 140 },
  },
];
