export { default as followupsZh } from './locales/zh-CN';
export { default as followupsEn } from './locales/en-US';
