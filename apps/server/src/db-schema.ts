/** Every table, for drizzle-kit and the architecture test. Application code imports tables from their own module. */
export * from './platform/tenancy/tenancy.tables.ts';
export * from './platform/auth/auth.tables.ts';
export * from './platform/audit/audit.tables.ts';
export * from './platform/custom-fields/custom-fields.tables.ts';
export * from './platform/files/files.tables.ts';
export * from './platform/jobs/jobs.tables.ts';
export * from './modules/customers/customers.tables.ts';
export * from './modules/customers/import/import.tables.ts';
