import { and, desc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { createdBefore, createdSortKey, pageOf } from '../../platform/db/keyset.ts';
import { orgUnits } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyMembers } from './loyalty.tables.ts';
import { loyaltySettlements } from './settlement.tables.ts';

/** Queries of the settlement rows between stores (LOY-7). */

export type SettlementRow = typeof loyaltySettlements.$inferSelect;
export type NewSettlementRow = typeof loyaltySettlements.$inferInsert;
export type SettlementRowWithNumber = SettlementRow & { memberNumber: string };
export interface UnitInfo {
  id: string;
  kind: string;
  storeKind: string | null;
  name: string;
}

/** A pair belongs to both its stores: the earning store's scope and the redeeming store's scope each see it. */
const fromFence: Fence = { table: loyaltySettlements, unit: loyaltySettlements.fromStoreId, entity: 'loyaltySettlement' };
const toFence: Fence = { table: loyaltySettlements, unit: loyaltySettlements.toStoreId, entity: 'loyaltySettlement' };

/** Rows of pairs where either store is within the caller's scope (the head office sees all). */
export const visibleSettlements = (ctx: Ctx, ...extra: (SQL | undefined)[]): SQL =>
  and(eq(loyaltySettlements.tenantId, ctx.tenantId), or(scopedWhere(ctx, fromFence), scopedWhere(ctx, toFence)), ...extra) as SQL;

/** Rows created in a calendar month of Asia/Shanghai ('2026-11'). */
export const inMonth = (month: string): SQL =>
  sql`${loyaltySettlements.createdAt} >= (${`${month}-01`}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    AND ${loyaltySettlements.createdAt} < ((${`${month}-01`}::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** One store of a pair: a unit, or `none` for points without a store. */
const storeIs = (col: AnyPgColumn, v: string | undefined) => (v === undefined ? undefined : v === 'none' ? isNull(col) : eq(col, v));
export const pairFilter = (q: { fromStoreId?: string; toStoreId?: string }) =>
  and(storeIs(loyaltySettlements.fromStoreId, q.fromStoreId), storeIs(loyaltySettlements.toStoreId, q.toStoreId));

/**
 * Where the points a ledger entry consumed were earned: per store of the entries that opened the lots (null: an
 * entry without a store), the points taken.
 */
export async function consumedByOrigin(db: DbOrTx, tenantId: string, entryId: string): Promise<{ storeId: string | null; points: number }[]> {
  const r = await db.execute<{ store_id: string | null; points: number }>(sql`
    SELECT e.store_id, sum(c.points)::bigint AS points
      FROM points_lot_consumptions c
      JOIN points_lots l ON l.tenant_id = c.tenant_id AND l.id = c.lot_id
      JOIN points_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
     WHERE c.tenant_id = ${tenantId} AND c.entry_id = ${entryId} AND c.points > 0
     GROUP BY e.store_id
     ORDER BY e.store_id NULLS FIRST`);
  return r.rows.map((x) => ({ storeId: x.store_id, points: Number(x.points) }));
}

/** Kind, store kind and name of units by id (a redemption's counter may be a region or the head office). */
export async function unitsByIds(db: DbOrTx, tenantId: string, ids: (string | null)[]): Promise<Map<string, UnitInfo>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind, storeKind: orgUnits.storeKind, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, wanted)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The head office's name: the company party is shown by it. */
export async function headOfficeName(db: DbOrTx, tenantId: string): Promise<string | null> {
  const rows = await db.select({ name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.kind, 'hq'))).limit(1);
  return rows[0]?.name ?? null;
}

/** Insert settlement rows; a row already there for the same entry and earning store is left alone. */
export async function insertSettlements(tx: DbOrTx, rows: NewSettlementRow[]): Promise<SettlementRow[]> {
  if (!rows.length) return [];
  return tx.insert(loyaltySettlements).values(rows).onConflictDoNothing().returning();
}

/** The rows that settled a `redeem` entry. */
export async function settledBy(db: DbOrTx, tenantId: string, redeemEntryId: string): Promise<SettlementRow[]> {
  return db
    .select()
    .from(loyaltySettlements)
    .where(and(eq(loyaltySettlements.tenantId, tenantId), eq(loyaltySettlements.redeemEntryId, redeemEntryId), eq(loyaltySettlements.kind, 'redeem')));
}

export interface PairTotals {
  fromStoreId: string | null;
  fromPartyId: string | null;
  fromPartyKind: SettlementRow['fromPartyKind'];
  toStoreId: string | null;
  toPartyId: string | null;
  toPartyKind: SettlementRow['toPartyKind'];
  points: number;
  amountFen: number;
  redemptions: number;
  cancellations: number;
}

/** Sums per store pair (and the parties the rows recorded) of the given rows, in one statement. */
export async function pairTotals(db: DbOrTx, where: SQL): Promise<PairTotals[]> {
  const s = loyaltySettlements;
  const rows = await db
    .select({
      fromStoreId: s.fromStoreId,
      fromPartyId: s.fromPartyId,
      fromPartyKind: s.fromPartyKind,
      toStoreId: s.toStoreId,
      toPartyId: s.toPartyId,
      toPartyKind: s.toPartyKind,
      points: sql<string>`sum(${s.points})`,
      amountFen: sql<string>`sum(${s.amountFen})`,
      redemptions: sql<number>`(count(*) FILTER (WHERE ${s.kind} = 'redeem'))::int`,
      cancellations: sql<number>`(count(*) FILTER (WHERE ${s.kind} = 'cancel'))::int`,
    })
    .from(s)
    .where(where)
    .groupBy(s.fromStoreId, s.fromPartyId, s.fromPartyKind, s.toStoreId, s.toPartyId, s.toPartyKind);
  return rows.map((r) => ({ ...r, points: Number(r.points), amountFen: Number(r.amountFen) }));
}

const withNumber = { ...getTableColumns(loyaltySettlements), memberNumber: loyaltyMembers.number };

/** Keyset page of rows, newest first, with the member's number. */
export async function settlementPage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = createdBefore(loyaltySettlements.createdAt, loyaltySettlements.id, cursor);
  const rows = await db
    .select({ ...withNumber, sortKey: createdSortKey(loyaltySettlements.createdAt) })
    .from(loyaltySettlements)
    .innerJoin(loyaltyMembers, eq(loyaltyMembers.id, loyaltySettlements.memberId))
    .where(after ? and(where, after) : where)
    .orderBy(desc(loyaltySettlements.createdAt), desc(loyaltySettlements.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}
