export { default as selfServiceZh } from './locales/zh-CN';
export { default as selfServiceEn } from './locales/en-US';
