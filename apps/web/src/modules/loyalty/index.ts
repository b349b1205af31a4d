/** The loyalty module's public face for other web modules. */
export { default as loyaltyZh } from './locales/zh-CN';
export { default as loyaltyEn } from './locales/en-US';
export { MemberPricingHint } from './components/MemberPricingHint';
