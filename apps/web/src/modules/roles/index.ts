export { useRoles, type Role } from './api';
export { default as rolesZh } from './locales/zh-CN';
export { default as rolesEn } from './locales/en-US';
