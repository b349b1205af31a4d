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
