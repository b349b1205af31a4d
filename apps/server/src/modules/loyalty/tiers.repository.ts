import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { loyaltyMemberTiers, loyaltyTiers } from './tiers.tables.ts';

/** Tier definitions of a tenant (the only file that queries `loyalty_tiers`). */

export type TierRow = typeof loyaltyTiers.$inferSelect;
export type NewTierRow = typeof loyaltyTiers.$inferInsert;

export async function storedTiers(db: DbOrTx, tenantId: string): Promise<TierRow[]> {
  return db.select().from(loyaltyTiers).where(eq(loyaltyTiers.tenantId, tenantId)).orderBy(asc(loyaltyTiers.rank));
}

/** Serialise changes of one tenant's tier table (the defaults' first storing, a replacement) until commit. */
export async function lockTierTable(tx: DbOrTx, tenantId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`loyalty_tiers:${tenantId}`}, 0))`);
}

export async function insertTiers(tx: DbOrTx, rows: NewTierRow[]): Promise<TierRow[]> {
  if (!rows.length) return [];
  return tx.insert(loyaltyTiers).values(rows).onConflictDoNothing().returning();
}

export async function updateTier(tx: DbOrTx, tenantId: string, id: string, patch: Partial<NewTierRow>): Promise<TierRow> {
  const [row] = await tx.update(loyaltyTiers).set(patch).where(and(eq(loyaltyTiers.tenantId, tenantId), eq(loyaltyTiers.id, id))).returning();
  return row;
}

export async function deleteTier(tx: DbOrTx, tenantId: string, id: string) {
  await tx.delete(loyaltyTiers).where(and(eq(loyaltyTiers.tenantId, tenantId), eq(loyaltyTiers.id, id)));
}

/** Ids of the tiers some member holds now (they cannot be removed). */
export async function tiersInUse(db: DbOrTx, tenantId: string): Promise<Set<string>> {
  const rows = await db.selectDistinct({ tierId: loyaltyMemberTiers.tierId }).from(loyaltyMemberTiers).where(eq(loyaltyMemberTiers.tenantId, tenantId));
  return new Set(rows.map((r) => r.tierId));
}
