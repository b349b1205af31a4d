export { useOrgUnits, type OrgUnit } from './api';
export { StoreSelect, UnitTreeSelect } from './components/UnitSelects';
export { buildUnitTree, type UnitNode } from './tree';
export { default as orgZh } from './locales/zh-CN';
export { default as orgEn } from './locales/en-US';
