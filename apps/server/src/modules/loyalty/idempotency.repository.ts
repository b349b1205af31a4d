import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { loyaltyIdempotencyKeys } from './loyalty.tables.ts';

export type IdempotencyRow = typeof loyaltyIdempotencyKeys.$inferSelect;

/**
 * Claim a key in the caller's transaction. A concurrent claim of the same key waits for the first to commit (then
 * finds it taken) or roll back (then takes it). Answers true when this request owns the key.
 */
export async function claimKey(tx: DbOrTx, tenantId: string, key: string, requestHash: string, now: Date): Promise<boolean> {
  const rows = await tx.insert(loyaltyIdempotencyKeys).values({ tenantId, key, requestHash, createdAt: now }).onConflictDoNothing().returning({ id: loyaltyIdempotencyKeys.id });
  return rows.length > 0;
}

export async function keyRow(db: DbOrTx, tenantId: string, key: string): Promise<IdempotencyRow | null> {
  const rows = await db.select().from(loyaltyIdempotencyKeys).where(and(eq(loyaltyIdempotencyKeys.tenantId, tenantId), eq(loyaltyIdempotencyKeys.key, key)));
  return rows[0] ?? null;
}

export async function saveResponse(tx: DbOrTx, tenantId: string, key: string, statusCode: number, response: unknown) {
  await tx.update(loyaltyIdempotencyKeys).set({ statusCode, response }).where(and(eq(loyaltyIdempotencyKeys.tenantId, tenantId), eq(loyaltyIdempotencyKeys.key, key)));
}
