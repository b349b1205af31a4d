/** The catalogue module's public face: the order form picks products here and types money with MoneyInput. */
export { ProductSelect } from './components/ProductSelect';
export { MoneyInput } from './components/MoneyInput';
export type { Product } from './api';
export { default as catalogueZh } from './locales/zh-CN';
export { default as catalogueEn } from './locales/en-US';
