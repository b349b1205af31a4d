/** The sales-activities module's public face for other web modules. */
export { default as activitiesZh } from './locales/zh-CN';
export { default as activitiesEn } from './locales/en-US';
export { ActivityTimeline, type ActivitySubject } from './components/ActivityTimeline';
