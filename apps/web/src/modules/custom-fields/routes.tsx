import { lazy } from 'react';
import { FormOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const customFieldRoutes: ModuleRoute[] = [
  {
    path: '/system/custom-fields',
    Component: lazy(() => import('./pages/CustomFieldsPage')),
    permission: 'customFields:admin',
    menu: { group: 'system', label: 'customFields:menu', icon: <FormOutlined />, order: 130 },
  },
];
