/** The leads module's public face for other web modules. */
export { default as leadsZh } from './locales/zh-CN';
export { default as leadsEn } from './locales/en-US';
