export { default as ordersZh } from './locales/zh-CN';
export { default as ordersEn } from './locales/en-US';
