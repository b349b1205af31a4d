import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { loyaltyMembers } from './loyalty.tables.ts';
import type { MemberRow } from './members.repository.ts';

/** Queries of a membership's move when customers merge (CUS-6). */

/** The members of some customers, locked for the merge, earliest enrolled first. */
export async function lockMembersOfCustomers(tx: DbOrTx, tenantId: string, customerIds: string[]): Promise<MemberRow[]> {
  return tx
    .select()
    .from(loyaltyMembers)
    .where(and(eq(loyaltyMembers.tenantId, tenantId), inArray(loyaltyMembers.customerId, customerIds)))
    .orderBy(asc(loyaltyMembers.enrolledAt), asc(loyaltyMembers.number))
    .for('update');
}

export async function setMemberCustomer(tx: DbOrTx, tenantId: string, memberId: string, customerId: string, now: Date) {
  await tx.update(loyaltyMembers).set({ customerId, updatedAt: now }).where(and(eq(loyaltyMembers.tenantId, tenantId), eq(loyaltyMembers.id, memberId)));
}

export async function cancelMember(tx: DbOrTx, tenantId: string, memberId: string, now: Date) {
  await tx.update(loyaltyMembers).set({ status: 'cancelled', updatedAt: now }).where(and(eq(loyaltyMembers.tenantId, tenantId), eq(loyaltyMembers.id, memberId)));
}

/** How many members share an account (a family account has several cards). */
export async function membersOnAccount(db: DbOrTx, tenantId: string, accountId: string): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(loyaltyMembers).where(and(eq(loyaltyMembers.tenantId, tenantId), eq(loyaltyMembers.accountId, accountId)));
  return rows[0]?.n ?? 0;
}

export interface OpenLotOrigin {
  lotId: string;
  remaining: number;
  expiresAt: Date | null;
  /** Where the lot's points were earned (the store of the entry that opened it): settlement keeps following it. */
  storeId: string | null;
}

/** An account's open lots in spending order, with the store each was earned at. Callers hold the account's lock. */
export async function openLotsWithOrigin(db: DbOrTx, tenantId: string, accountId: string): Promise<OpenLotOrigin[]> {
  const r = await db.execute<{ id: string; remaining: string; expires_at: Date | string | null; store_id: string | null }>(sql`
    SELECT l.id, l.remaining, l.expires_at, e.store_id
      FROM points_lots l JOIN points_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
     WHERE l.tenant_id = ${tenantId} AND l.account_id = ${accountId} AND l.remaining > 0
     ORDER BY l.expires_at ASC NULLS LAST, l.earned_at, l.id`);
  return r.rows.map((x) => ({ lotId: x.id, remaining: Number(x.remaining), expiresAt: x.expires_at ? new Date(x.expires_at) : null, storeId: x.store_id }));
}
