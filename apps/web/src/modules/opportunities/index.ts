/** The opportunities module's public face for other web modules. */
export { default as opportunitiesZh } from './locales/zh-CN';
export { default as opportunitiesEn } from './locales/en-US';
export { OpportunityFormModal } from './components/OpportunityFormModal';
export { StatusTag as OpportunityStatusTag } from './components/StatusTag';
