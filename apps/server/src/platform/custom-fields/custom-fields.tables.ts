import { boolean, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { idColumn, tenantColumn, timestamps } from '../db/columns.ts';

/** Admin-defined fields per object (PLAT-8); values live in the object's `custom_fields` jsonb. */
export const customFieldDefs = pgTable(
  'custom_field_defs',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    object: text('object').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: ['text', 'number', 'date', 'select', 'multiselect'] }).notNull(),
    options: text('options').array().notNull().default(sql`'{}'`),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex('custom_field_defs_key').on(t.tenantId, t.object, t.key)],
);
