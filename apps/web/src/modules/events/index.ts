export { default as eventsZh } from './locales/zh-CN';
export { default as eventsEn } from './locales/en-US';
