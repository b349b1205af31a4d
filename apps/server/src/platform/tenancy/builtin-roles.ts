import { ALL_PERMISSIONS, type DataScope, type PermissionKey } from '@jiake/shared';

/** Roles every new tenant starts with; admins can change them or add their own. Names and descriptions are data shown to users, so Chinese. */
export const BUILTIN_ROLES: { name: string; description: string; permissions: PermissionKey[]; dataScope: DataScope; fieldRules?: Record<string, 'hidden' | 'readonly'> }[] = [
  { name: '系统管理员', description: '系统管理员：全部功能，全公司数据', permissions: ALL_PERMISSIONS, dataScope: 'tenant' },
  {
    name: '区域经理',
    description: '区域经理：本区域及下属门店的客户，可查看完整号码和审计日志',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:export', 'customers:import', 'customers:reveal', 'customers:merge', 'customers:transfer', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view', 'audit:view', 'catalogue:view', 'orders:view', 'orders:create', 'orders:edit', 'orders:approve', 'orders:cancel', 'followups:view', 'followups:edit', 'requests:view', 'requests:create', 'requests:edit', 'requests:review', 'knowledge:view', 'callerLookup:view', 'leads:view', 'leads:create', 'leads:edit', 'leads:assign', 'leads:convert', 'activities:view', 'activities:edit', 'opportunities:view', 'opportunities:edit', 'targets:view', 'targets:edit', 'loyalty:view', 'loyalty:enrol', 'loyalty:adjust', 'loyalty:approve'],
    dataScope: 'subtree',
  },
  {
    name: '店长',
    description: '店长：本门店的客户、订单、售后和客户请求，可导入导出、合并、转移和管理公海，审批订单变更',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:export', 'customers:import', 'customers:merge', 'customers:transfer', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view', 'catalogue:view', 'orders:view', 'orders:create', 'orders:edit', 'orders:approve', 'orders:cancel', 'followups:view', 'followups:edit', 'requests:view', 'requests:create', 'requests:edit', 'requests:review', 'knowledge:view', 'callerLookup:view', 'leads:view', 'leads:create', 'leads:edit', 'leads:assign', 'leads:convert', 'activities:view', 'activities:edit', 'opportunities:view', 'opportunities:edit', 'targets:view', 'targets:edit', 'loyalty:view', 'loyalty:enrol', 'loyalty:adjust', 'loyalty:approve'],
    dataScope: 'unit',
  },
  {
    name: '导购',
    description: '导购：自己的客户和本店公海，号码脱敏，信用等级和名单状态只读',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view', 'catalogue:view', 'orders:view', 'orders:create', 'orders:edit', 'followups:view', 'followups:edit', 'requests:view', 'requests:create', 'requests:edit', 'knowledge:view', 'leads:view', 'leads:create', 'leads:edit', 'leads:convert', 'activities:view', 'activities:edit', 'opportunities:view', 'opportunities:edit', 'targets:view', 'loyalty:view', 'loyalty:enrol'],
    dataScope: 'own',
    fieldRules: { 'customer.creditRating': 'readonly', 'customer.listStatus': 'readonly' },
  },
  {
    name: '加盟商',
    description: '加盟商/经销商：本门店的客户，号码脱敏，收入区间和信用等级隐藏',
    permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:export', 'customers:pool', 'org:view', 'users:view', 'attachments:view', 'attachments:create', 'jobs:view', 'catalogue:view', 'orders:view', 'orders:create', 'orders:edit', 'orders:approve', 'orders:cancel', 'followups:view', 'followups:edit', 'requests:view', 'requests:create', 'requests:edit', 'requests:review', 'knowledge:view', 'callerLookup:view', 'leads:view', 'leads:create', 'leads:edit', 'leads:assign', 'leads:convert', 'activities:view', 'activities:edit', 'opportunities:view', 'opportunities:edit', 'targets:view', 'targets:edit', 'loyalty:view', 'loyalty:enrol', 'loyalty:adjust', 'loyalty:approve'],
    dataScope: 'unit',
    fieldRules: { 'customer.incomeBand': 'hidden', 'customer.creditRating': 'hidden' },
  },
];
