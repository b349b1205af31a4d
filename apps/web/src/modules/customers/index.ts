export { default as customersZh } from './locales/zh-CN';
export { default as customersEn } from './locales/en-US';
export { CustomerSelect, type PickedCustomer } from './form/CustomerSelect';
