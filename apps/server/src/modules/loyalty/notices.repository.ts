import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { createdBefore, createdSortKey, pageOf } from '../../platform/db/keyset.ts';
import { tenants } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyMembers } from './loyalty.tables.ts';
import { loyaltyExpiryNotices } from './settlement.tables.ts';

/** Queries of the notices ahead of points expiring. */

export type NoticeRow = typeof loyaltyExpiryNotices.$inferSelect;
export type NoticeRowWithNumber = NoticeRow & { memberNumber: string };

/** A notice belongs to the member's join store (as it was when the notice was made). */
export const noticeFence: Fence = { table: loyaltyExpiryNotices, unit: loyaltyExpiryNotices.storeId, entity: 'loyaltyExpiryNotice' };

export interface DueExpiry {
  accountId: string;
  expiresAt: Date;
  points: number;
  memberId: string;
  memberNumber: string;
  memberStatus: 'active' | 'frozen' | 'cancelled';
  joinStoreId: string | null;
  customerId: string;
  /** The member's latest SMS consent: true granted, false withdrawn, null never recorded. */
  smsConsent: boolean | null;
}

/**
 * Points of each account expiring in (now, until], per expiry instant, that no notice covers yet, with the account's
 * primary member (a family account is told once, through its primary card) and that member's SMS consent.
 */
export async function dueExpiries(db: DbOrTx, tenantId: string, now: Date, until: Date, limit: number): Promise<DueExpiry[]> {
  const r = await db.execute<{
    account_id: string; expires_at: Date | string; points: string; member_id: string; number: string; status: DueExpiry['memberStatus']; join_store_id: string | null; customer_id: string; sms: boolean | null;
  }>(sql`
    SELECT l.account_id, l.expires_at, sum(l.remaining)::bigint AS points, m.id AS member_id, m.number, m.status, m.join_store_id, m.customer_id,
           (SELECT c.granted FROM loyalty_consents c
             WHERE c.tenant_id = m.tenant_id AND c.member_id = m.id AND c.channel = 'sms' ORDER BY c.seq DESC LIMIT 1) AS sms
      FROM points_lots l
      JOIN loyalty_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
      JOIN loyalty_members m ON m.tenant_id = a.tenant_id AND m.id = a.primary_member_id
     WHERE l.tenant_id = ${tenantId} AND l.remaining > 0 AND l.expires_at IS NOT NULL AND l.expires_at > ${now} AND l.expires_at <= ${until}
       AND NOT EXISTS (SELECT 1 FROM loyalty_expiry_notices n WHERE n.tenant_id = l.tenant_id AND n.account_id = l.account_id AND n.expires_at = l.expires_at)
     GROUP BY l.account_id, l.expires_at, m.id
     ORDER BY l.expires_at, l.account_id
     LIMIT ${limit}`);
  return r.rows.map((x) => ({
    accountId: x.account_id, expiresAt: new Date(x.expires_at), points: Number(x.points), memberId: x.member_id, memberNumber: x.number, memberStatus: x.status,
    joinStoreId: x.join_store_id, customerId: x.customer_id, smsConsent: x.sms,
  }));
}

/** Record a notice, once per account and expiry instant: null when one is already there (another run made it). */
export async function claimNotice(tx: DbOrTx, row: typeof loyaltyExpiryNotices.$inferInsert): Promise<NoticeRow | null> {
  const rows = await tx.insert(loyaltyExpiryNotices).values(row).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function setNoticeMessage(tx: DbOrTx, tenantId: string, id: string, messageId: string) {
  await tx.update(loyaltyExpiryNotices).set({ messageId }).where(and(eq(loyaltyExpiryNotices.tenantId, tenantId), eq(loyaltyExpiryNotices.id, id)));
}

export async function tenantName(db: DbOrTx, tenantId: string): Promise<string> {
  const rows = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return rows[0]?.name ?? '';
}

export const noticeListWhere = (ctx: Ctx, q: { memberId?: string; status?: NoticeRow['status'] }): SQL =>
  scopedWhere(ctx, noticeFence, q.memberId ? eq(loyaltyExpiryNotices.memberId, q.memberId) : undefined, q.status ? eq(loyaltyExpiryNotices.status, q.status) : undefined);

/** Keyset page of notices, newest first, with the member's number. */
export async function noticePage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = createdBefore(loyaltyExpiryNotices.createdAt, loyaltyExpiryNotices.id, cursor);
  const rows = await db
    .select({ ...getTableColumns(loyaltyExpiryNotices), memberNumber: loyaltyMembers.number, sortKey: createdSortKey(loyaltyExpiryNotices.createdAt) })
    .from(loyaltyExpiryNotices)
    .innerJoin(loyaltyMembers, eq(loyaltyMembers.id, loyaltyExpiryNotices.memberId))
    .where(after ? and(where, after) : where)
    .orderBy(desc(loyaltyExpiryNotices.createdAt), desc(loyaltyExpiryNotices.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}
