import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../db/columns.ts';

/**
 * The in-app inbox (PLAT-12): one row per recipient. `kind` + `params` are translated by the web app
 * (`work:kinds.<kind>`), so a notification reads in the recipient's language; `link` is the web path
 * it opens. `dedupeKey` makes a notification idempotent per recipient (an event delivered twice notifies once).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull().default({}),
    link: text('link'),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    dedupeKey: text('dedupe_key'),
    readAt: ts('read_at'),
    ...timestamps(),
  },
  (t) => [
    index('notifications_user_created').on(t.tenantId, t.userId, t.createdAt, t.id),
    uniqueIndex('notifications_user_dedupe').on(t.tenantId, t.userId, t.dedupeKey),
    // The bell's unread count and the unread filter: only unread rows, so the count stays cheap as the inbox grows.
    index('notifications_user_unread').on(t.tenantId, t.userId, t.createdAt, t.id).where(sql`${t.readAt} IS NULL`),
  ],
);
