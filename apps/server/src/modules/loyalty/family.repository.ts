import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { loyaltyFamilyLinks } from './cards.tables.ts';
import { loyaltyAccounts, pointsEntries } from './loyalty.tables.ts';

/** Queries of family accounts: a member's stays in a family account, and the account's kind. */

export type FamilyLinkRow = typeof loyaltyFamilyLinks.$inferSelect;

export async function insertLink(tx: DbOrTx, row: typeof loyaltyFamilyLinks.$inferInsert): Promise<FamilyLinkRow> {
  const [l] = await tx.insert(loyaltyFamilyLinks).values(row).returning();
  return l;
}

export async function updateLink(tx: DbOrTx, tenantId: string, id: string, patch: Partial<typeof loyaltyFamilyLinks.$inferInsert>) {
  await tx.update(loyaltyFamilyLinks).set(patch).where(and(eq(loyaltyFamilyLinks.tenantId, tenantId), eq(loyaltyFamilyLinks.id, id)));
}

/** The member's current stay in a family account, if any. */
export async function openLinkOf(db: DbOrTx, tenantId: string, memberId: string): Promise<FamilyLinkRow | null> {
  const rows = await db.select().from(loyaltyFamilyLinks).where(and(eq(loyaltyFamilyLinks.tenantId, tenantId), eq(loyaltyFamilyLinks.memberId, memberId), isNull(loyaltyFamilyLinks.leftAt)));
  return rows[0] ?? null;
}

/** The current stays in one family account (when each sub member joined). */
export async function openLinksOfAccount(db: DbOrTx, tenantId: string, accountId: string): Promise<FamilyLinkRow[]> {
  return db.select().from(loyaltyFamilyLinks).where(and(eq(loyaltyFamilyLinks.tenantId, tenantId), eq(loyaltyFamilyLinks.accountId, accountId), isNull(loyaltyFamilyLinks.leftAt)));
}

/** Make an account a family account (the caller holds its lock). */
export async function makeFamilyAccount(tx: DbOrTx, tenantId: string, accountId: string, now: Date) {
  await tx.update(loyaltyAccounts).set({ kind: 'family', updatedAt: now }).where(and(eq(loyaltyAccounts.tenantId, tenantId), eq(loyaltyAccounts.id, accountId)));
}

/** The store each entry happened at (a lot moved to a family account keeps the store it was earned at). */
export async function storesOfEntries(db: DbOrTx, tenantId: string, entryIds: string[]): Promise<Map<string, string | null>> {
  if (!entryIds.length) return new Map();
  const rows = await db.select({ id: pointsEntries.id, storeId: pointsEntries.storeId }).from(pointsEntries).where(and(eq(pointsEntries.tenantId, tenantId), inArray(pointsEntries.id, entryIds)));
  return new Map(rows.map((r) => [r.id, r.storeId]));
}
