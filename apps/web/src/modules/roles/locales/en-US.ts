import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: 'Roles',
  title: 'Roles and permissions',
  field: {
    name: 'Role name',
    description: 'Description',
    permissions: 'Permissions',
    dataScope: 'Data scope',
    fieldRules: 'Field rules',
    builtin: 'Built-in',
  },
  action: {
    create: 'New role',
    selectAll: 'All',
  },
  section: {
    basic: 'Basics',
    permissions: 'Permissions',
    permissionsHint: 'Tick what users of this role may do',
    dataScope: 'Data scope',
    dataScopeHint: 'Which customers and records users of this role see',
    fieldRules: 'Customer field rules',
    fieldRulesHint: 'Hidden fields never show in lists, details, search, exports or history; read-only fields show but cannot change',
  },
  column: {
    module: 'Module',
    field: 'Field',
    access: 'Access',
  },
  module: {
    customers: 'Customers',
    org: 'Organisation',
    users: 'Users',
    roles: 'Roles',
    customFields: 'Custom fields',
    apiKeys: 'API keys',
    audit: 'Audit log',
    attachments: 'Attachments',
    jobs: 'Background jobs',
  },
  permAction: {
    view: 'View',
    create: 'Create',
    edit: 'Edit',
    delete: 'Delete',
    export: 'Export',
    import: 'Import',
    reveal: 'Reveal phones',
    merge: 'Merge',
    transfer: 'Transfer',
    pool: 'Shared pool',
    admin: 'Administer',
    approve: 'Approve',
  },
  builtinHint: 'Built-in role; its permissions can be adjusted',
  selectHint: 'Select a role on the left to edit it',
  newRole: 'New role',
};
export default enUS;
