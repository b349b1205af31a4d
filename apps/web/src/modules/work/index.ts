/** The work module's public face for other web modules. */
export { default as workZh } from './locales/zh-CN';
export { default as workEn } from './locales/en-US';
