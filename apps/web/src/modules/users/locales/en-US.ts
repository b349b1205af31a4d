import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: 'Users',
  title: 'Users',
  field: {
    username: 'Username',
    displayName: 'Name',
    password: 'Password',
    unitId: 'Unit',
    roleIds: 'Roles',
    status: 'Status',
    phone: 'Mobile',
    email: 'E-mail',
    supervisorId: 'Supervisor',
    lastLoginAt: 'Last sign-in',
    locale: 'Language',
    failedLogins: 'Failed sign-ins in a row',
    lockedUntil: 'Locked until',
  },
  action: {
    create: 'New user',
    resetPassword: 'Reset password',
  },
  modal: {
    create: 'New user',
    edit: 'Edit user',
    resetPassword: 'Reset the password of "{{name}}"',
    resetHint: 'All sessions of this user end at once.',
    newPassword: 'New password',
  },
  confirm: {
    disable: 'Disable "{{name}}"?',
    disableContent: 'The user is signed out everywhere at once and cannot sign in again.',
    enable: 'Enable "{{name}}"?',
  },
  message: {
    disabled: 'Disabled',
    enabled: 'Enabled',
    passwordReset: 'Password reset',
  },
  searchPlaceholder: 'Search name or username',
  pickPlaceholder: 'Search and pick a user',
  neverLoggedIn: 'Never',
};
export default enUS;
