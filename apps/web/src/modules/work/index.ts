/** The work module's public face for other web modules: the header's inbox bell and the locales. */
export { InboxBell } from './components/InboxBell';
export { useNotificationText } from './components/useNotificationText';
export { default as workZh } from './locales/zh-CN';
export { default as workEn } from './locales/en-US';
