import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { encodeCursor } from '../../platform/db/keyset.ts';
import { loyaltyAccounts, pointsEntries, pointsLotConsumptions, pointsLots } from './loyalty.tables.ts';

/** Queries of the points ledger: accounts, entries, lots and their consumptions. Callers hold the account's lock. */

export type AccountRow = typeof loyaltyAccounts.$inferSelect;
export type EntryRow = typeof pointsEntries.$inferSelect;
export type LotRow = typeof pointsLots.$inferSelect;
export type NewEntryRow = typeof pointsEntries.$inferInsert;

export async function insertAccount(tx: DbOrTx, row: typeof loyaltyAccounts.$inferInsert): Promise<AccountRow> {
  const [a] = await tx.insert(loyaltyAccounts).values(row).returning();
  return a;
}

export async function setPrimaryMember(tx: DbOrTx, tenantId: string, accountId: string, memberId: string) {
  await tx.update(loyaltyAccounts).set({ primaryMemberId: memberId }).where(and(eq(loyaltyAccounts.tenantId, tenantId), eq(loyaltyAccounts.id, accountId)));
}

/** The account row, locked until the end of the transaction (every change of points goes through this lock). */
export async function lockAccountRow(tx: DbOrTx, tenantId: string, accountId: string): Promise<AccountRow | null> {
  const rows = await tx.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.tenantId, tenantId), eq(loyaltyAccounts.id, accountId))).for('update');
  return rows[0] ?? null;
}

export async function accountsByIds(db: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, AccountRow>> {
  if (!ids.length) return new Map();
  const rows = await db.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.tenantId, tenantId), inArray(loyaltyAccounts.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function setBalance(tx: DbOrTx, tenantId: string, accountId: string, balance: number, now: Date) {
  await tx.update(loyaltyAccounts).set({ balance, updatedAt: now }).where(and(eq(loyaltyAccounts.tenantId, tenantId), eq(loyaltyAccounts.id, accountId)));
}

export async function entryBySource(db: DbOrTx, tenantId: string, accountId: string, kind: string, sourceType: string, sourceId: string): Promise<EntryRow | null> {
  const rows = await db
    .select()
    .from(pointsEntries)
    .where(and(eq(pointsEntries.tenantId, tenantId), eq(pointsEntries.accountId, accountId), eq(pointsEntries.kind, kind), eq(pointsEntries.sourceType, sourceType), eq(pointsEntries.sourceId, sourceId)));
  return rows[0] ?? null;
}

export async function insertEntry(tx: DbOrTx, row: NewEntryRow): Promise<EntryRow> {
  const [e] = await tx.insert(pointsEntries).values(row).returning();
  return e;
}

/**
 * Raise an account's balance by `points` in one statement, which also takes the row's lock (a fresh credit has
 * nothing to check first); answers the row after the change, or null when it is not the tenant's.
 */
export async function raiseBalance(tx: DbOrTx, tenantId: string, accountId: string, points: number, now: Date): Promise<AccountRow | null> {
  const rows = await tx
    .update(loyaltyAccounts)
    .set({ balance: sql`${loyaltyAccounts.balance} + ${points}`, updatedAt: now })
    .where(and(eq(loyaltyAccounts.tenantId, tenantId), eq(loyaltyAccounts.id, accountId)))
    .returning();
  return rows[0] ?? null;
}

/** Append a positive entry and open its lot (all of its points, earned when the entry was made) in one statement. */
export async function insertEntryWithLot(tx: DbOrTx, row: NewEntryRow): Promise<EntryRow> {
  const e = tx.$with('e').as(tx.insert(pointsEntries).values(row).returning());
  const lot = tx.$with('lot').as(
    tx
      .insert(pointsLots)
      .select(
        tx
          .select({ id: sql<string>`gen_random_uuid()`.as('id'), tenantId: e.tenantId, accountId: e.accountId, entryId: e.id, points: e.points, remaining: e.points, earnedAt: e.createdAt, expiresAt: e.expiresAt })
          .from(e),
      )
      .returning({ id: pointsLots.id }),
  );
  const [entry] = await tx.with(e, lot).select().from(e);
  return entry;
}

export async function insertLot(tx: DbOrTx, row: typeof pointsLots.$inferInsert): Promise<LotRow> {
  const [l] = await tx.insert(pointsLots).values(row).returning();
  return l;
}

/**
 * Open lots of an account in spending order: the given ones first (in that order), then the soonest to expire
 * (never-expiring last), then the oldest. `only`: these lots and no others.
 */
export async function openLots(db: DbOrTx, tenantId: string, accountId: string, opts: { only?: string[] } = {}): Promise<LotRow[]> {
  return db
    .select()
    .from(pointsLots)
    .where(and(eq(pointsLots.tenantId, tenantId), eq(pointsLots.accountId, accountId), gt(pointsLots.remaining, 0), opts.only ? inArray(pointsLots.id, opts.only) : undefined))
    .orderBy(sql`${pointsLots.expiresAt} ASC NULLS LAST`, asc(pointsLots.earnedAt), asc(pointsLots.id));
}

export async function lotsByIds(db: DbOrTx, tenantId: string, ids: string[]): Promise<LotRow[]> {
  if (!ids.length) return [];
  return db.select().from(pointsLots).where(and(eq(pointsLots.tenantId, tenantId), inArray(pointsLots.id, ids)));
}

/** Entries written together, in the order given (their `seq` follows it); ids made by the caller. */
export async function insertEntries(tx: DbOrTx, rows: NewEntryRow[]) {
  if (rows.length) await tx.insert(pointsEntries).values(rows);
}

/** Lots that gave up all they held (expired). */
export async function emptyLots(tx: DbOrTx, tenantId: string, lotIds: string[]) {
  if (lotIds.length) await tx.update(pointsLots).set({ remaining: 0 }).where(and(eq(pointsLots.tenantId, tenantId), inArray(pointsLots.id, lotIds)));
}

export async function setLotRemaining(tx: DbOrTx, tenantId: string, lotId: string, remaining: number) {
  await tx.update(pointsLots).set({ remaining }).where(and(eq(pointsLots.tenantId, tenantId), eq(pointsLots.id, lotId)));
}

export async function insertConsumptions(tx: DbOrTx, rows: (typeof pointsLotConsumptions.$inferInsert)[]) {
  if (rows.length) await tx.insert(pointsLotConsumptions).values(rows);
}

/** Net points an entry took from each lot (consumed minus already given back), for the lots still owed something. */
export async function netConsumedBy(db: DbOrTx, tenantId: string, entryId: string): Promise<{ lotId: string; points: number }[]> {
  const r = await db.execute<{ lot_id: string; points: number }>(sql`
    SELECT lot_id, sum(points)::bigint AS points FROM points_lot_consumptions
    WHERE tenant_id = ${tenantId} AND (entry_id = ${entryId} OR restores_entry_id = ${entryId})
    GROUP BY lot_id HAVING sum(points) > 0`);
  return r.rows.map((x) => ({ lotId: x.lot_id, points: Number(x.points) }));
}

/** Lots of an account that expired by `now` and still hold points (the expiry sweep). */
export async function dueLots(db: DbOrTx, tenantId: string, now: Date, limit: number): Promise<LotRow[]> {
  return db
    .select()
    .from(pointsLots)
    .where(and(eq(pointsLots.tenantId, tenantId), gt(pointsLots.remaining, 0), sql`${pointsLots.expiresAt} IS NOT NULL AND ${pointsLots.expiresAt} <= ${now}`))
    .orderBy(asc(pointsLots.accountId), asc(pointsLots.expiresAt))
    .limit(limit);
}

// ---------- statements ----------

/** Keyset page of an account's entries, newest first, by sequence. */
export async function entryPage(db: DbOrTx, tenantId: string, accountId: string, where: SQL | undefined, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`${pointsEntries.seq} < ${Number(cursor[0])}` : undefined;
  const rows = await db
    .select()
    .from(pointsEntries)
    .where(and(eq(pointsEntries.tenantId, tenantId), eq(pointsEntries.accountId, accountId), where, after))
    .orderBy(desc(pointsEntries.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(String(last.seq), last.id) : null };
}

export const entryFilters = (q: { kind?: string; from?: string; to?: string }): SQL | undefined =>
  and(
    q.kind ? eq(pointsEntries.kind, q.kind) : undefined,
    // Calendar days in Shanghai.
    q.from ? sql`${pointsEntries.createdAt} >= (${q.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')` : undefined,
    q.to ? sql`${pointsEntries.createdAt} < ((${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')` : undefined,
  );

// ---------- verification ----------

export interface Mismatch {
  accountId: string;
  problem: 'balance_differs' | 'lots_differ' | 'lot_remaining_differs' | 'lot_out_of_range' | 'balance_after_differs';
  expected: number;
  found: number;
  lotId: string | null;
}

/**
 * Every invariant of the ledger, recomputed in SQL from the entries and consumptions: the cached balance is the sum
 * of the entries; each entry's balance-after is the running sum; each lot's remaining is its points minus what was
 * consumed, within [0, points]; the open lots hold max(balance, 0). At most `cap` mismatches are answered.
 */
export async function ledgerMismatches(db: DbOrTx, tenantId: string, accountId: string | null, cap = 1000): Promise<Mismatch[]> {
  const acc = accountId ? sql`AND account_id = ${accountId}` : sql``;
  const accA = accountId ? sql`AND a.id = ${accountId}` : sql``;
  const r = await db.execute<{ account_id: string; problem: Mismatch['problem']; expected: number; found: number; lot_id: string | null }>(sql`
    WITH sums AS (
      SELECT account_id, sum(points)::bigint AS total FROM points_entries WHERE tenant_id = ${tenantId} ${acc} GROUP BY account_id
    ), running AS (
      SELECT account_id, id, balance_after, sum(points) OVER (PARTITION BY account_id ORDER BY seq)::bigint AS run
      FROM points_entries WHERE tenant_id = ${tenantId} ${acc}
    ), consumed AS (
      SELECT lot_id, sum(points)::bigint AS used FROM points_lot_consumptions WHERE tenant_id = ${tenantId} ${acc} GROUP BY lot_id
    ), lots AS (
      SELECT account_id, sum(remaining)::bigint AS open FROM points_lots WHERE tenant_id = ${tenantId} ${acc} GROUP BY account_id
    )
    (SELECT a.id AS account_id, 'balance_differs' AS problem, coalesce(s.total, 0) AS expected, a.balance AS found, NULL::uuid AS lot_id
       FROM loyalty_accounts a LEFT JOIN sums s ON s.account_id = a.id
      WHERE a.tenant_id = ${tenantId} ${accA} AND a.balance <> coalesce(s.total, 0))
    UNION ALL
    (SELECT account_id, 'balance_after_differs', run, balance_after, NULL FROM running WHERE balance_after <> run)
    UNION ALL
    (SELECT a.id, 'lots_differ', greatest(a.balance, 0), coalesce(l.open, 0), NULL
       FROM loyalty_accounts a LEFT JOIN lots l ON l.account_id = a.id
      WHERE a.tenant_id = ${tenantId} ${accA} AND coalesce(l.open, 0) <> greatest(a.balance, 0))
    UNION ALL
    (SELECT p.account_id, 'lot_remaining_differs', p.points - coalesce(c.used, 0), p.remaining, p.id
       FROM points_lots p LEFT JOIN consumed c ON c.lot_id = p.id
      WHERE p.tenant_id = ${tenantId} ${accountId ? sql`AND p.account_id = ${accountId}` : sql``} AND p.remaining <> p.points - coalesce(c.used, 0))
    UNION ALL
    (SELECT account_id, 'lot_out_of_range', points, remaining, id FROM points_lots
      WHERE tenant_id = ${tenantId} ${acc} AND (remaining < 0 OR remaining > points))
    LIMIT ${cap}`);
  return r.rows.map((x) => ({ accountId: x.account_id, problem: x.problem, expected: Number(x.expected), found: Number(x.found), lotId: x.lot_id }));
}

export async function ledgerCounts(db: DbOrTx, tenantId: string, accountId: string | null): Promise<{ accounts: number; entries: number }> {
  const r = await db.execute<{ accounts: number; entries: number }>(sql`
    SELECT (SELECT count(*) FROM loyalty_accounts WHERE tenant_id = ${tenantId} ${accountId ? sql`AND id = ${accountId}` : sql``})::int AS accounts,
           (SELECT count(*) FROM points_entries WHERE tenant_id = ${tenantId} ${accountId ? sql`AND account_id = ${accountId}` : sql``})::int AS entries`);
  return { accounts: r.rows[0].accounts, entries: r.rows[0].entries };
}

export async function lotOfEntry(db: DbOrTx, tenantId: string, entryId: string): Promise<LotRow | null> {
  const rows = await db.select().from(pointsLots).where(and(eq(pointsLots.tenantId, tenantId), eq(pointsLots.entryId, entryId)));
  return rows[0] ?? null;
}
