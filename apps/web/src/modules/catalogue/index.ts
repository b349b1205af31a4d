export { default as catalogueZh } from './locales/zh-CN';
export { default as catalogueEn } from './locales/en-US';
