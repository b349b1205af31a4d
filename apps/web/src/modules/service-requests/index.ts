/** The service-requests module's public face for other web modules. */
export { StatusTag as RequestStatusTag } from './components/RequestTags';
export { default as requestsZh } from './locales/zh-CN';
export { default as requestsEn } from './locales/en-US';
