import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const auditRoutes: ModuleRoute[] = [
  {
    path: '/system/audit',
    Component: lazy(() => import('./pages/AuditLogPage')),
    permission: 'audit:view',
    menu: { group: 'system', label: 'audit:menu', icon: <AuditOutlined />, order: 150 },
  },
];
