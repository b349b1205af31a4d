/** Every table, for drizzle-kit and the architecture test. Application code imports tables from their own module. */
export * from './platform/tenancy/tenancy.tables.ts';
export * from './platform/auth/auth.tables.ts';
export * from './platform/audit/audit.tables.ts';
export * from './platform/custom-fields/custom-fields.tables.ts';
export * from './platform/files/files.tables.ts';
export * from './platform/jobs/jobs.tables.ts';
export * from './platform/events/events.tables.ts';
export * from './modules/customers/customers.tables.ts';
export * from './modules/customers/import/import.tables.ts';
export * from './modules/catalogue/catalogue.tables.ts';
export * from './modules/orders/orders.tables.ts';
export * from './modules/order-followups/followups.tables.ts';
export * from './modules/service-requests/requests.tables.ts';
export * from './modules/knowledge/knowledge.tables.ts';
export * from './modules/self-service/self-service.tables.ts';
export * from './platform/messaging/messaging.tables.ts';
