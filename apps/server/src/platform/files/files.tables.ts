import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../db/columns.ts';

/** Attachments (PLAT-10): bytes on disk under FILES_DIR, metadata here. */
export const attachments = pgTable(
  'attachments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('attachments_entity').on(t.tenantId, t.entityType, t.entityId)],
);
