export * from './permissions.ts';
export * from './errors.ts';
export * from './enums.ts';
export * from './contracts/common.ts';
export * from './contracts/auth.ts';
export * from './contracts/org.ts';
export * from './contracts/customers.ts';
export * from './contracts/custom-fields.ts';
