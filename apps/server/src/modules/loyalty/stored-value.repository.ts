import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { encodeCursor } from '../../platform/db/keyset.ts';
import { orgUnits } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyMembers } from './loyalty.tables.ts';
import { storedValueBalances, storedValueEntries } from './stored-value.tables.ts';

/** Queries of the stored-value ledger: balance rows (locked for every movement), entries and their pages. */

export type BalanceRow = typeof storedValueBalances.$inferSelect;
export type ValueEntryRow = typeof storedValueEntries.$inferSelect;
export type ValueEntryView = ValueEntryRow & { memberNumber: string | null; storeName: string | null; cancelledByEntryId: string | null };

/**
 * An entry belongs to the store where it happened (unit): that counter and the managers above it see it in lists and
 * may cancel a spend there; the account itself is chain-wide.
 */
export const valueEntryFence: Fence = { table: storedValueEntries, unit: storedValueEntries.storeId, entity: 'storedValueEntry' };
export const scopedValueEntryIds = (ctx: Ctx) => ctx.db.select({ id: storedValueEntries.id }).from(storedValueEntries).where(scopedWhere(ctx, valueEntryFence));

/**
 * The balance row of an account, created at zero on first use (only for an account of this tenant), locked until the
 * end of the transaction: every movement of stored value goes through this lock, so concurrent spends see each
 * other's result. Null when the account is not the tenant's.
 */
export async function lockBalanceRow(tx: DbOrTx, tenantId: string, accountId: string, now: Date): Promise<BalanceRow | null> {
  await tx.execute(sql`
    INSERT INTO stored_value_balances (tenant_id, account_id, created_at, updated_at)
    SELECT tenant_id, id, ${now}, ${now} FROM loyalty_accounts WHERE tenant_id = ${tenantId} AND id = ${accountId}
    ON CONFLICT (tenant_id, account_id) DO NOTHING`);
  const rows = await tx
    .select()
    .from(storedValueBalances)
    .where(and(eq(storedValueBalances.tenantId, tenantId), eq(storedValueBalances.accountId, accountId)))
    .for('update');
  return rows[0] ?? null;
}

export async function balanceRow(db: DbOrTx, tenantId: string, accountId: string): Promise<BalanceRow | null> {
  const rows = await db.select().from(storedValueBalances).where(and(eq(storedValueBalances.tenantId, tenantId), eq(storedValueBalances.accountId, accountId)));
  return rows[0] ?? null;
}

export async function setBalance(tx: DbOrTx, id: string, b: { balanceFen: number; principalFen: number; bonusFen: number }, now: Date) {
  await tx.update(storedValueBalances).set({ ...b, updatedAt: now }).where(eq(storedValueBalances.id, id));
}

export async function entryBySource(db: DbOrTx, tenantId: string, accountId: string, kind: string, source: { type: string; id: string }): Promise<ValueEntryRow | null> {
  const e = storedValueEntries;
  const rows = await db
    .select()
    .from(e)
    .where(and(eq(e.tenantId, tenantId), eq(e.accountId, accountId), eq(e.kind, kind as ValueEntryRow['kind']), eq(e.sourceType, source.type), eq(e.sourceId, source.id)));
  return rows[0] ?? null;
}

/** The entry that cancelled a spend, if any. */
export async function cancelOf(db: DbOrTx, tenantId: string, spendId: string): Promise<ValueEntryRow | null> {
  const rows = await db.select().from(storedValueEntries).where(and(eq(storedValueEntries.tenantId, tenantId), eq(storedValueEntries.cancelsEntryId, spendId)));
  return rows[0] ?? null;
}

/** A spend the caller's scope reaches (the store where it happened), or null; `lock` holds its row until the end. */
export async function visibleSpend(ctx: Ctx, db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<ValueEntryRow | null> {
  const q = db.select().from(storedValueEntries).where(scopedWhere(ctx, valueEntryFence, eq(storedValueEntries.id, id), eq(storedValueEntries.kind, 'spend')));
  const rows = opts.lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

// ---------- statements ----------

const cancels = alias(storedValueEntries, 'cancels');
const selectView = (db: DbOrTx) =>
  db
    .select({ ...getTableColumns(storedValueEntries), memberNumber: loyaltyMembers.number, storeName: orgUnits.name, cancelledByEntryId: cancels.id })
    .from(storedValueEntries)
    .leftJoin(loyaltyMembers, eq(loyaltyMembers.id, storedValueEntries.memberId))
    .leftJoin(orgUnits, eq(orgUnits.id, storedValueEntries.storeId))
    .leftJoin(cancels, and(eq(cancels.tenantId, storedValueEntries.tenantId), eq(cancels.cancelsEntryId, storedValueEntries.id)));

export async function entryView(db: DbOrTx, tenantId: string, id: string): Promise<ValueEntryView | null> {
  const rows = await selectView(db).where(and(eq(storedValueEntries.tenantId, tenantId), eq(storedValueEntries.id, id)));
  return rows[0] ?? null;
}

/** Which entries of an account a statement lists: all of them, or those of the caller's stores (fenced). */
export function statementWhere(ctx: Ctx, accountId: string, whole: boolean, kind?: string): SQL {
  const e = storedValueEntries;
  const parts = [eq(e.accountId, accountId), kind ? eq(e.kind, kind as ValueEntryRow['kind']) : undefined];
  return whole ? (and(eq(e.tenantId, ctx.tenantId), ...parts) as SQL) : scopedWhere(ctx, valueEntryFence, ...parts);
}

/** Keyset page, newest first by sequence. */
export async function entryPage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`${storedValueEntries.seq} < ${Number(cursor[0])}` : undefined;
  const rows = await selectView(db)
    .where(after ? and(where, after) : where)
    .orderBy(desc(storedValueEntries.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(String(last.seq), last.id) : null };
}
