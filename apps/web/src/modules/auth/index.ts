export { LanguageSwitch } from './LanguageSwitch';
export { useLogout } from './api';
export { default as authZh } from './locales/zh-CN';
export { default as authEn } from './locales/en-US';
