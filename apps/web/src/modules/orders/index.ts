/** The orders module's public face: the customer 360 view mounts CustomerOrdersTab. */
export { CustomerOrdersTab } from './components/CustomerOrdersTab';
export { OrderStatusTag } from './status';
export { default as ordersZh } from './locales/zh-CN';
export { default as ordersEn } from './locales/en-US';
