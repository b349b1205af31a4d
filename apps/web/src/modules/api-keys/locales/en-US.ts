import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: 'API keys',
  title: 'API keys',
  intro: 'For external systems such as an ERP or website forms. Each key acts with one role; send Authorization: Bearer <key>.',
  field: {
    name: 'Name',
    prefix: 'Prefix',
    roleId: 'Role',
    unitId: 'Unit',
    createdAt: 'Created',
    lastUsedAt: 'Last used',
    status: 'Status',
    revokedAt: 'Revoked',
    createdBy: 'Created by',
  },
  status: {
    active: 'Active',
    revoked: 'Revoked',
  },
  action: {
    create: 'New key',
    revoke: 'Revoke',
  },
  modal: {
    create: 'New API key',
    created: 'Key created',
    warning: 'Copy this key now and keep it safe. It will not be shown again; if lost, revoke it and create a new one.',
    done: 'I have saved it',
  },
  confirm: {
    revoke: 'Revoke the key "{{name}}"?',
    revokeContent: 'Systems using it lose access at once; this cannot be undone.',
  },
  message: {
    revoked: 'Revoked',
  },
  neverUsed: 'Never',
  empty: 'No API keys yet',
};
export default enUS;
