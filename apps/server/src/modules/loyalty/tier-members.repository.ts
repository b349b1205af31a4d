import { and, asc, desc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import { users } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyMembers } from './loyalty.tables.ts';
import { memberFence, type MemberRow } from './members.repository.ts';
import { loyaltyMemberTiers, loyaltyTierChanges, loyaltyTierReviews } from './tiers.tables.ts';

/** Members' current tiers, their history and the yearly reviews (LOY-5). */

export type StateRow = typeof loyaltyMemberTiers.$inferSelect;
export type ChangeRow = typeof loyaltyTierChanges.$inferSelect;
export type ChangeRowWithName = ChangeRow & { changedByName: string | null };
export type ReviewRow = typeof loyaltyTierReviews.$inferSelect;

export async function stateOf(db: DbOrTx, tenantId: string, memberId: string): Promise<StateRow | null> {
  const rows = await db.select().from(loyaltyMemberTiers).where(and(eq(loyaltyMemberTiers.tenantId, tenantId), eq(loyaltyMemberTiers.memberId, memberId)));
  return rows[0] ?? null;
}

/**
 * The members' state rows, locked; a member without one gets one at `entryTierId` since its enrolment (the entry
 * tier is what a member never evaluated holds).
 */
export async function lockStates(tx: DbOrTx, tenantId: string, members: readonly MemberRow[], entryTierId: string, now: Date): Promise<Map<string, StateRow>> {
  if (!members.length) return new Map();
  await tx
    .insert(loyaltyMemberTiers)
    .values(members.map((m) => ({ tenantId, memberId: m.id, tierId: entryTierId, since: m.enrolledAt, createdAt: now, updatedAt: now })))
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(loyaltyMemberTiers)
    .where(and(eq(loyaltyMemberTiers.tenantId, tenantId), inArray(loyaltyMemberTiers.memberId, members.map((m) => m.id))))
    .orderBy(asc(loyaltyMemberTiers.memberId))
    .for('update');
  return new Map(rows.map((r) => [r.memberId, r]));
}

export async function setState(tx: DbOrTx, tenantId: string, id: string, patch: Partial<typeof loyaltyMemberTiers.$inferInsert>) {
  await tx.update(loyaltyMemberTiers).set(patch).where(and(eq(loyaltyMemberTiers.tenantId, tenantId), eq(loyaltyMemberTiers.id, id)));
}

/** Mark members as looked at by the review of `year` (those whose tier stays). */
export async function markReviewed(tx: DbOrTx, tenantId: string, stateIds: string[], year: number, now: Date) {
  if (!stateIds.length) return;
  await tx
    .update(loyaltyMemberTiers)
    .set({ lastReviewYear: year, updatedAt: now })
    .where(and(eq(loyaltyMemberTiers.tenantId, tenantId), inArray(loyaltyMemberTiers.id, stateIds)));
}

/** Append a change; null when this member already has a change from the same source (applied before). */
export async function insertChange(tx: DbOrTx, row: typeof loyaltyTierChanges.$inferInsert): Promise<ChangeRow | null> {
  const [made] = await tx.insert(loyaltyTierChanges).values(row).onConflictDoNothing().returning();
  return made ?? null;
}

/** A member's changes, newest first, with the name of who made a manual one. */
export async function historyOf(db: DbOrTx, tenantId: string, memberId: string, limit: number): Promise<ChangeRowWithName[]> {
  const rows = await db
    .select({ c: loyaltyTierChanges, changedByName: users.displayName })
    .from(loyaltyTierChanges)
    .leftJoin(users, and(eq(users.tenantId, loyaltyTierChanges.tenantId), eq(users.id, loyaltyTierChanges.changedById)))
    .where(and(eq(loyaltyTierChanges.tenantId, tenantId), eq(loyaltyTierChanges.memberId, memberId)))
    .orderBy(desc(loyaltyTierChanges.changedAt), desc(loyaltyTierChanges.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, changedByName: r.changedByName }));
}

/**
 * The next members to evaluate after `afterId` (by id), with the state they have: active members for upgrades;
 * every member but the cancelled for a review, leaving out those the review of `reviewYear` already looked at.
 */
export async function membersAfter(db: DbOrTx, tenantId: string, afterId: string | null, limit: number, reviewYear: number | null): Promise<MemberRow[]> {
  const conds: (SQL | undefined)[] = [
    eq(loyaltyMembers.tenantId, tenantId),
    afterId ? gt(loyaltyMembers.id, afterId) : undefined,
    reviewYear === null ? eq(loyaltyMembers.status, 'active') : ne(loyaltyMembers.status, 'cancelled'),
    reviewYear === null ? undefined : or(isNull(loyaltyMemberTiers.lastReviewYear), ne(loyaltyMemberTiers.lastReviewYear, reviewYear)),
  ];
  const rows = await db
    .select({ m: loyaltyMembers })
    .from(loyaltyMembers)
    .leftJoin(loyaltyMemberTiers, and(eq(loyaltyMemberTiers.tenantId, loyaltyMembers.tenantId), eq(loyaltyMemberTiers.memberId, loyaltyMembers.id)))
    .where(and(...conds))
    .orderBy(asc(loyaltyMembers.id))
    .limit(limit);
  return rows.map((r) => r.m);
}

// ---------- yearly reviews ----------

/** The review of `year`, claimed (created) when it starts; a review interrupted earlier is resumed. */
export async function claimReview(db: DbOrTx, tenantId: string, year: number, now: Date): Promise<ReviewRow> {
  await db.insert(loyaltyTierReviews).values({ tenantId, year, startedAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(loyaltyTierReviews).where(and(eq(loyaltyTierReviews.tenantId, tenantId), eq(loyaltyTierReviews.year, year)));
  return row;
}

export async function finishReview(db: DbOrTx, id: string, counts: { reviewed: number; upgraded: number; downgraded: number }, now: Date) {
  await db
    .update(loyaltyTierReviews)
    .set({
      finishedAt: now,
      reviewed: sql`${loyaltyTierReviews.reviewed} + ${counts.reviewed}`,
      upgraded: sql`${loyaltyTierReviews.upgraded} + ${counts.upgraded}`,
      downgraded: sql`${loyaltyTierReviews.downgraded} + ${counts.downgraded}`,
    })
    .where(eq(loyaltyTierReviews.id, id));
}

// ---------- the mix ----------

/** Members of the caller's stores (by join store, cancelled ones left out) per current tier; null: never evaluated. */
export async function mixOf(ctx: Ctx, storeId?: string): Promise<{ tierId: string | null; members: number }[]> {
  return ctx.db
    .select({ tierId: loyaltyMemberTiers.tierId, members: sql<number>`count(*)::int` })
    .from(loyaltyMembers)
    .leftJoin(loyaltyMemberTiers, and(eq(loyaltyMemberTiers.tenantId, loyaltyMembers.tenantId), eq(loyaltyMemberTiers.memberId, loyaltyMembers.id)))
    .where(scopedWhere(ctx, memberFence, ne(loyaltyMembers.status, 'cancelled'), storeId ? eq(loyaltyMembers.joinStoreId, storeId) : undefined))
    .groupBy(loyaltyMemberTiers.tierId);
}
