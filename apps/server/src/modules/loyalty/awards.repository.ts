import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { loyaltyOrderAwards } from './loyalty.tables.ts';

/** What each order earned and what its returns took back (one row per order, locked while an event is applied). */

export type AwardRow = typeof loyaltyOrderAwards.$inferSelect;

export async function lockAward(tx: DbOrTx, tenantId: string, orderId: string): Promise<AwardRow | null> {
  const rows = await tx.select().from(loyaltyOrderAwards).where(and(eq(loyaltyOrderAwards.tenantId, tenantId), eq(loyaltyOrderAwards.orderId, orderId))).for('update');
  return rows[0] ?? null;
}

/** The order's row, created when absent, locked. */
export async function ensureAward(tx: DbOrTx, tenantId: string, orderId: string, customerId: string, now: Date): Promise<AwardRow> {
  await tx.insert(loyaltyOrderAwards).values({ tenantId, orderId, customerId, createdAt: now, updatedAt: now }).onConflictDoNothing();
  return (await lockAward(tx, tenantId, orderId))!;
}

export async function updateAward(tx: DbOrTx, tenantId: string, id: string, patch: Partial<AwardRow>, now: Date): Promise<AwardRow> {
  const [row] = await tx.update(loyaltyOrderAwards).set({ ...patch, updatedAt: now }).where(and(eq(loyaltyOrderAwards.tenantId, tenantId), eq(loyaltyOrderAwards.id, id))).returning();
  return row;
}

export async function awardOfOrder(db: DbOrTx, tenantId: string, orderId: string): Promise<AwardRow | null> {
  const rows = await db.select().from(loyaltyOrderAwards).where(and(eq(loyaltyOrderAwards.tenantId, tenantId), eq(loyaltyOrderAwards.orderId, orderId)));
  return rows[0] ?? null;
}
