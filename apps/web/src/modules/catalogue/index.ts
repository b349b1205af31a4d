/** The catalogue module's public face: the order form picks products here and types money with MoneyInput. */
export { ProductSelect } from './components/ProductSelect';
export { MoneyInput } from './components/MoneyInput';
export type { Product } from './api';
/** The category tree and series, for other modules' pickers (loyalty's bonus rules). */
export { useCategories, useSeries, type Category, type Series } from './api';
export { buildCategoryTree, categoryPath, type CategoryNode } from './tree';
export { default as catalogueZh } from './locales/zh-CN';
export { default as catalogueEn } from './locales/en-US';
