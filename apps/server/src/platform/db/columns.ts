import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every business table has. `tenant_id` is mandatory (checked by the architecture test). */
export const idColumn = () => uuid('id').primaryKey().defaultRandom();
export const tenantColumn = () => uuid('tenant_id').notNull();
export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
