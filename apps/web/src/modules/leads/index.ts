/** The leads module's public face for other web modules. */
export { LeadStatusTag, LeadSourceTag } from './components/LeadTags';
export { default as leadsZh } from './locales/zh-CN';
export { default as leadsEn } from './locales/en-US';
