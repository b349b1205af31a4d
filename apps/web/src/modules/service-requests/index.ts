export { default as requestsZh } from './locales/zh-CN';
export { default as requestsEn } from './locales/en-US';
