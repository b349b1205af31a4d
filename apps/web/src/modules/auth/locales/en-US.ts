import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  title: 'Sign in to Jiake',
  subtitle: 'Customer management for furniture brands and their stores',
  tenant: 'Company code',
  tenantPlaceholder: 'e.g. demo',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  logout: 'Sign out',
  loggedOut: 'Signed out',
  failed: 'Sign-in failed',
};
export default enUS;
