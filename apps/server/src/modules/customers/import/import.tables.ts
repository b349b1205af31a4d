import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../../../platform/db/columns.ts';

/**
 * An uploaded customer file (CUS-7): the bytes live under FILES_DIR/<tenant>/imports/<id>.<format>; this row says
 * what was found in it at upload, so a run can be checked and its progress measured without reading it twice.
 */
export const customerImports = pgTable(
  'customer_imports',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    /** Text encoding of a CSV ('utf-8' or 'gb18030'). */
    encoding: text('encoding').notNull().default('utf-8'),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** SHA-256 of the bytes: with the row number, the key that makes re-runs create nothing twice. */
    sha256: text('sha256').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    rowCount: integer('row_count').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('customer_imports_tenant').on(t.tenantId, t.createdBy, t.createdAt)],
);
