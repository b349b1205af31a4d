import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { loyaltyGifts } from './loyalty.tables.ts';
import { createdBefore, createdSortKey, pageOf } from '../../platform/db/keyset.ts';

export type GiftRow = typeof loyaltyGifts.$inferSelect;

/** The gift catalogue is the tenant's (no store): every store redeems from it. */
export const giftFence: Fence = { table: loyaltyGifts, entity: 'loyaltyGift' };

export async function findGift(ctx: Ctx, db: DbOrTx, id: string): Promise<GiftRow | null> {
  const rows = await db.select().from(loyaltyGifts).where(scopedWhere(ctx, giftFence, eq(loyaltyGifts.id, id)));
  return rows[0] ?? null;
}

/** Lock a gift for a change of its stock (redemptions and cancellations queue on this row). */
export async function lockGift(tx: DbOrTx, tenantId: string, id: string): Promise<GiftRow | null> {
  const rows = await tx.select().from(loyaltyGifts).where(and(eq(loyaltyGifts.tenantId, tenantId), eq(loyaltyGifts.id, id))).for('update');
  return rows[0] ?? null;
}

/** Move a locked gift's stock by `delta` (unlimited stock stays null). */
export async function moveStock(tx: DbOrTx, tenantId: string, id: string, delta: number, now: Date) {
  await tx
    .update(loyaltyGifts)
    .set({ stock: sql`CASE WHEN ${loyaltyGifts.stock} IS NULL THEN NULL ELSE ${loyaltyGifts.stock} + ${delta} END`, updatedAt: now })
    .where(and(eq(loyaltyGifts.tenantId, tenantId), eq(loyaltyGifts.id, id)));
}

export const giftListWhere = (ctx: Ctx, q: { active?: boolean }): SQL => scopedWhere(ctx, giftFence, q.active === undefined ? undefined : eq(loyaltyGifts.active, q.active));

export async function giftPage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = createdBefore(loyaltyGifts.createdAt, loyaltyGifts.id, cursor);
  const rows = await db
    .select({ gift: loyaltyGifts, id: loyaltyGifts.id, sortKey: createdSortKey(loyaltyGifts.createdAt) })
    .from(loyaltyGifts)
    .where(after ? and(where, after) : where)
    .orderBy(desc(loyaltyGifts.createdAt), desc(loyaltyGifts.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}
