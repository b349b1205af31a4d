import { ALL_PERMISSIONS, type DataScope, type PermissionKey } from '@jiake/shared';

/** Roles every new tenant starts with; admins can change them or add their own. */
export const BUILTIN_ROLES: { name: string; description: string; permissions: PermissionKey[]; dataScope: DataScope; fieldRules?: Record<string, 'hidden' | 'readonly'> }[] = [
  { name: '系统管理员', description: 'Tenant administrator: everything, whole tenant', permissions: ALL_PERMISSIONS, dataScope: 'tenant' },
  {
    name: '区域经理',
    description: 'Regional manager: customers of the region and its stores',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:export', 'customers:import', 'customers:reveal', 'customers:merge', 'customers:transfer', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view', 'audit:view'],
    dataScope: 'subtree',
  },
  {
    name: '店长',
    description: 'Store manager: the customers of one store',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:export', 'customers:import', 'customers:merge', 'customers:transfer', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view'],
    dataScope: 'unit',
  },
  {
    name: '导购',
    description: 'Sales associate: own customers, phones masked, credit rating read-only',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view'],
    dataScope: 'own',
    fieldRules: { 'customer.creditRating': 'readonly', 'customer.listStatus': 'readonly' },
  },
  {
    name: '加盟商',
    description: 'Franchisee / dealer: own stores only, no reveal of phones, income hidden',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:export', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view'],
    dataScope: 'unit',
    fieldRules: { 'customer.incomeBand': 'hidden', 'customer.creditRating': 'hidden' },
  },
];
