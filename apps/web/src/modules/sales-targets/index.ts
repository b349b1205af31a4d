/** The sales-targets module's public face for other web modules. */
export { default as targetsZh } from './locales/zh-CN';
export { default as targetsEn } from './locales/en-US';
