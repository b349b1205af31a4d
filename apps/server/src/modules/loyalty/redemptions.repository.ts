import { and, desc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { loyaltyMembers, loyaltyRedemptions } from './loyalty.tables.ts';
import { createdBefore, createdSortKey, pageOf } from '../../platform/db/keyset.ts';

export type RedemptionRow = typeof loyaltyRedemptions.$inferSelect;
export type RedemptionRowWithNumber = RedemptionRow & { memberNumber: string };

/**
 * A redemption belongs to the store where it happened (unit), not to the member's join store: the account is
 * chain-wide, the counter that redeemed (and the managers above it) sees and cancels what it did.
 */
export const redemptionFence: Fence = { table: loyaltyRedemptions, unit: loyaltyRedemptions.storeId, entity: 'loyaltyRedemption' };
export const scopedRedemptionIds = (ctx: Ctx) => ctx.db.select({ id: loyaltyRedemptions.id }).from(loyaltyRedemptions).where(scopedWhere(ctx, redemptionFence));

const withNumber = { ...getTableColumns(loyaltyRedemptions), memberNumber: loyaltyMembers.number };
const selectWithNumber = <E extends Record<string, SQL>>(db: DbOrTx, extra?: E) =>
  db
    .select({ ...withNumber, ...(extra ?? ({} as E)) })
    .from(loyaltyRedemptions)
    .innerJoin(loyaltyMembers, eq(loyaltyMembers.id, loyaltyRedemptions.memberId));

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<RedemptionRowWithNumber | null> {
  const rows = await selectWithNumber(db).where(scopedWhere(ctx, redemptionFence, eq(loyaltyRedemptions.id, id)));
  return rows[0] ?? null;
}

export function redemptionListWhere(ctx: Ctx, q: { memberId?: string; storeId?: string; kind?: RedemptionRow['kind']; status?: RedemptionRow['status'] }): SQL {
  return scopedWhere(
    ctx,
    redemptionFence,
    q.memberId ? eq(loyaltyRedemptions.memberId, q.memberId) : undefined,
    q.storeId ? eq(loyaltyRedemptions.storeId, q.storeId) : undefined,
    q.kind ? eq(loyaltyRedemptions.kind, q.kind) : undefined,
    q.status ? eq(loyaltyRedemptions.status, q.status) : undefined,
  );
}

export async function redemptionPage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = createdBefore(loyaltyRedemptions.createdAt, loyaltyRedemptions.id, cursor);
  const rows = await selectWithNumber(db, { sortKey: createdSortKey(loyaltyRedemptions.createdAt) })
    .where(after ? and(where, after) : where)
    .orderBy(desc(loyaltyRedemptions.createdAt), desc(loyaltyRedemptions.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

/** A redemption of the tenant whatever the caller's scope (answering the write that just made or changed it). */
export async function findInTenant(db: DbOrTx, tenantId: string, id: string): Promise<RedemptionRowWithNumber | null> {
  const rows = await selectWithNumber(db).where(and(eq(loyaltyRedemptions.tenantId, tenantId), eq(loyaltyRedemptions.id, id)));
  return rows[0] ?? null;
}
