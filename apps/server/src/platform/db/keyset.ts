import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Keyset-pagination cursors shared by every list: an opaque base64url of `[sortKey, id]`. A cursor that does not
 * decode to that shape (tampered, or from another list) reads as "no cursor" — the first page — never as an error
 * that leaks how it is built.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

/** `[sortKey, id]` of a cursor; `timestamp` keys must be ISO instants (a PostgreSQL timestamptz as text). */
export function decodeCursor(c: string | undefined, key: 'timestamp' | 'text' = 'timestamp'): [string, string] | null {
  if (!c) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string' || !UUID.test(v[1])) return null;
    if (key === 'timestamp' && (!ISO_TS.test(v[0]) || Number.isNaN(Date.parse(v[0].replace(/(\.\d{3})\d+Z$/, '$1Z'))))) return null;
    return [v[0], v[1]];
  } catch {
    return null;
  }
}

// Newest-first pages over (created_at, id), for lists that sort by creation.

/** Rows strictly after the cursor in (created_at DESC, id DESC) order. */
export const createdBefore = (createdAt: AnyPgColumn, id: AnyPgColumn, cursor: [string, string] | null): SQL | undefined =>
  cursor ? sql`(${createdAt}, ${id}) < (${cursor[0]}::timestamptz, ${cursor[1]})` : undefined;

/** The sort key a cursor carries: created_at in UTC with microseconds. */
export const createdSortKey = (createdAt: AnyPgColumn) => sql<string>`to_char(${createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows fetched with limit + 1 → the page and the cursor of the next one. */
export function pageOf<R extends { id: string; sortKey: string }>(rows: R[], limit: number): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null };
}
