export { default as apiKeysZh } from './locales/zh-CN';
export { default as apiKeysEn } from './locales/en-US';
