/** The order-followups module's public face: the order detail page mounts OrderFollowupSteps. */
export { OrderFollowupSteps } from './components/OrderFollowupSteps';
export { default as followupsZh } from './locales/zh-CN';
export { default as followupsEn } from './locales/en-US';
