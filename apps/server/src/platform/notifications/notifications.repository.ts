import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { encodeCursor } from '../db/keyset.ts';
import { notifications } from './notifications.tables.ts';

/**
 * The only file that queries the inbox. A notification belongs to one user: every statement here is bound to the
 * tenant and the recipient, so another user's notification is simply not found.
 */
export type NotificationRow = typeof notifications.$inferSelect;

interface Owner {
  tenantId: string;
  userId: string;
}
const mine = (o: Owner, ...extra: (SQL | undefined)[]) => and(eq(notifications.tenantId, o.tenantId), eq(notifications.userId, o.userId), ...extra) as SQL;

/** Keyset page, newest first: (created_at, id) before the cursor, at the database's microsecond precision. */
export async function listPage(db: DbOrTx, o: Owner, f: { unreadOnly: boolean; limit: number; cursor: [string, string] | null }) {
  const after = f.cursor ? sql`(${notifications.createdAt}, ${notifications.id}) < (${f.cursor[0]}::timestamptz, ${f.cursor[1]}::uuid)` : undefined;
  const sortKey = sql<string>`to_char(${notifications.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await db
    .select({ row: notifications, sortKey })
    .from(notifications)
    .where(mine(o, f.unreadOnly ? isNull(notifications.readAt) : undefined, after))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { rows: page.map((r) => r.row), nextCursor: rows.length > f.limit && last ? encodeCursor(last.sortKey, last.row.id) : null };
}

/** Unread notifications, counted up to `cap + 1` (the partial index of unread rows serves it). */
export async function unreadCount(db: DbOrTx, o: Owner, cap: number): Promise<number> {
  const r = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications WHERE ${mine(o, isNull(notifications.readAt))} LIMIT ${cap + 1}) s`,
  );
  return r.rows[0]?.n ?? 0;
}

/** Mark one of the user's notifications read (a read one keeps its first read time); null when it is not theirs. */
export async function markRead(db: DbOrTx, o: Owner, id: string, now: Date): Promise<NotificationRow | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`COALESCE(${notifications.readAt}, ${now}::timestamptz)`, updatedAt: now })
    .where(mine(o, eq(notifications.id, id)))
    .returning();
  return row ?? null;
}

/** Mark every unread notification of the user read; answers how many changed. */
export async function markAllRead(db: DbOrTx, o: Owner, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now, updatedAt: now })
    .where(mine(o, isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
