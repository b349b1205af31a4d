export { useUsers, useUser, type User } from './api';
export { UserSelect } from './components/UserSelect';
export { UserName } from './components/UserName';
export { default as usersZh } from './locales/zh-CN';
export { default as usersEn } from './locales/en-US';
