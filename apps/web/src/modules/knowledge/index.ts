export { default as knowledgeZh } from './locales/zh-CN';
export { default as knowledgeEn } from './locales/en-US';
