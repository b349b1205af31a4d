/** The sales-activities module's public face for other web modules. */
export { default as activitiesZh } from './locales/zh-CN';
export { default as activitiesEn } from './locales/en-US';
export { ActivityTimeline, type ActivitySubject } from './components/ActivityTimeline';
/** The 销售跟进 tab of the customer 360 page. */
export { CustomerSalesTab } from './components/CustomerSalesTab';
