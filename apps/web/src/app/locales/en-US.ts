import type { Translation } from '../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: {
    work: 'My work',
    customers: 'Customers',
    sales: 'Sales',
    members: 'Members',
    orders: 'Orders & after-sales',
    service: 'Customer service',
    system: 'Administration',
  },
  header: {
    unit: 'Unit',
    account: 'Account',
  },
  notFound: {
    title: 'Page not found',
    back: 'Back to home',
  },
  forbidden: {
    title: 'You may not open this page',
    subTitle: 'Ask an administrator to grant your role access.',
  },
  loadFailed: {
    title: 'Could not load',
    retry: 'Retry',
  },
  welcome: {
    title: 'Welcome to Jiake',
    noMenu: 'Your account has no features yet; ask an administrator to assign a role.',
  },
};
export default enUS;
