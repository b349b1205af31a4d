import { and, asc, desc, eq, getTableColumns, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { counters, orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyCardEvents, loyaltyCards } from './cards.tables.ts';
import { loyaltyMembers, pointsEntries } from './loyalty.tables.ts';
import { scopedMemberIds } from './members.repository.ts';

/** Queries of member cards and their events. */

export type CardRow = typeof loyaltyCards.$inferSelect;
export type CardRowWithMember = CardRow & { memberNumber: string };
export type CardEventRow = typeof loyaltyCardEvents.$inferSelect & { byName: string | null; storeName: string | null };
export type CardStatus = CardRow['status'];

/** Cards whose steps are over: they are kept for the record and refused everywhere. */
export const FINAL_STATUSES: CardStatus[] = ['replaced', 'cancelled'];
/** Cards a member can use (at most one per member, by a partial unique index). */
export const USABLE_STATUSES: CardStatus[] = ['issued', 'active'];

/**
 * A card is seen through its member: the fence names the tenant, and `visibleCards` adds "its member is one the
 * caller may see" (the member's join store and the managers above it), so every read and write of a card by id
 * goes through the members' fence.
 */
export const cardFence: Fence = { table: loyaltyCards, entity: 'loyaltyCard' };
export const visibleCards = (ctx: Ctx): SQL => inArray(loyaltyCards.memberId, scopedMemberIds(ctx));
export const scopedCardIds = (ctx: Ctx) => ctx.db.select({ id: loyaltyCards.id }).from(loyaltyCards).where(scopedWhere(ctx, cardFence, visibleCards(ctx)));

const withMember = { ...getTableColumns(loyaltyCards), memberNumber: loyaltyMembers.number };
const selectWithMember = (db: DbOrTx) => db.select(withMember).from(loyaltyCards).innerJoin(loyaltyMembers, eq(loyaltyMembers.id, loyaltyCards.memberId));

/** Take the next value of the tenant's card sequence (the counter row serialises concurrent issues). */
export async function nextCardSequence(tx: DbOrTx, tenantId: string): Promise<number> {
  const [row] = await tx
    .insert(counters)
    .values({ tenantId, name: 'loyalty_card', value: 1 })
    .onConflictDoUpdate({ target: [counters.tenantId, counters.name], set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return row.value;
}

/** The value the next issue will take, without taking it. */
export async function peekCardSequence(db: DbOrTx, tenantId: string): Promise<number> {
  const rows = await db.select({ value: counters.value }).from(counters).where(and(eq(counters.tenantId, tenantId), eq(counters.name, 'loyalty_card')));
  return (rows[0]?.value ?? 0) + 1;
}

export async function insertCardEvent(tx: DbOrTx, row: typeof loyaltyCardEvents.$inferInsert) {
  await tx.insert(loyaltyCardEvents).values(row);
}

export async function cardByNumber(db: DbOrTx, tenantId: string, number: string): Promise<CardRowWithMember | null> {
  const rows = await selectWithMember(db).where(and(eq(loyaltyCards.tenantId, tenantId), eq(loyaltyCards.number, number)));
  return rows[0] ?? null;
}

export async function numberTaken(db: DbOrTx, tenantId: string, number: string): Promise<boolean> {
  const rows = await db.select({ id: loyaltyCards.id }).from(loyaltyCards).where(and(eq(loyaltyCards.tenantId, tenantId), eq(loyaltyCards.number, number))).limit(1);
  return rows.length > 0;
}

/** A card the caller may see (through its member), or null. */
export async function findVisibleCard(ctx: Ctx, db: DbOrTx, id: string): Promise<CardRowWithMember | null> {
  const rows = await selectWithMember(db).where(scopedWhere(ctx, cardFence, eq(loyaltyCards.id, id), visibleCards(ctx)));
  return rows[0] ?? null;
}

export async function cardInTenant(db: DbOrTx, tenantId: string, id: string): Promise<CardRowWithMember | null> {
  const rows = await selectWithMember(db).where(and(eq(loyaltyCards.tenantId, tenantId), eq(loyaltyCards.id, id)));
  return rows[0] ?? null;
}

export async function cardsByIds(db: DbOrTx, tenantId: string, ids: string[]): Promise<CardRowWithMember[]> {
  if (!ids.length) return [];
  return selectWithMember(db).where(and(eq(loyaltyCards.tenantId, tenantId), inArray(loyaltyCards.id, ids)));
}

/** A member's cards, newest first (a member has a handful over the years; capped). */
export async function cardsOfMember(db: DbOrTx, tenantId: string, memberId: string, limit = 50): Promise<CardRowWithMember[]> {
  return selectWithMember(db)
    .where(and(eq(loyaltyCards.tenantId, tenantId), eq(loyaltyCards.memberId, memberId)))
    .orderBy(desc(loyaltyCards.issuedAt), desc(loyaltyCards.id))
    .limit(limit);
}

/** The cards of these members that are not final (usable or lost), newest first. */
export async function openCardsOf(db: DbOrTx, tenantId: string, memberIds: string[]): Promise<CardRowWithMember[]> {
  if (!memberIds.length) return [];
  return selectWithMember(db)
    .where(and(eq(loyaltyCards.tenantId, tenantId), inArray(loyaltyCards.memberId, memberIds), notInArray(loyaltyCards.status, FINAL_STATUSES)))
    .orderBy(desc(loyaltyCards.issuedAt), desc(loyaltyCards.id));
}

/** The member's usable card (issued or active), if any. */
export async function usableCardOf(db: DbOrTx, tenantId: string, memberId: string): Promise<CardRowWithMember | null> {
  const rows = await selectWithMember(db).where(and(eq(loyaltyCards.tenantId, tenantId), eq(loyaltyCards.memberId, memberId), inArray(loyaltyCards.status, USABLE_STATUSES)));
  return rows[0] ?? null;
}

export async function insertCard(tx: DbOrTx, row: typeof loyaltyCards.$inferInsert): Promise<CardRow> {
  const [c] = await tx.insert(loyaltyCards).values(row).returning();
  return c;
}

/** The steps of these cards, oldest first, with the names of who and where. */
export async function eventsOf(db: DbOrTx, tenantId: string, cardIds: string[]): Promise<CardEventRow[]> {
  if (!cardIds.length) return [];
  return db
    .select({ ...getTableColumns(loyaltyCardEvents), byName: users.displayName, storeName: orgUnits.name })
    .from(loyaltyCardEvents)
    .leftJoin(users, eq(users.id, loyaltyCardEvents.byId))
    .leftJoin(orgUnits, eq(orgUnits.id, loyaltyCardEvents.storeId))
    .where(and(eq(loyaltyCardEvents.tenantId, tenantId), inArray(loyaltyCardEvents.cardId, cardIds)))
    .orderBy(asc(loyaltyCardEvents.seq));
}

/**
 * Points a member redeemed from an account since `from`: the redeem entries of that period minus what cancelling
 * those very redemptions gave back (a cancel of an older redemption does not free this month's limit).
 */
export async function pointsRedeemedSince(db: DbOrTx, tenantId: string, memberId: string, accountId: string, from: Date): Promise<number> {
  const r = await db.execute<{ n: string | number }>(sql`
    SELECT coalesce(sum(-r.points), 0) - coalesce(sum(c.points), 0) AS n
      FROM ${pointsEntries} r
      LEFT JOIN ${pointsEntries} c
        ON c.tenant_id = r.tenant_id AND c.account_id = r.account_id AND c.kind = 'redeem_cancel'
       AND c.source_type = r.source_type AND c.source_id = r.source_id
     WHERE r.tenant_id = ${tenantId} AND r.account_id = ${accountId} AND r.member_id = ${memberId}
       AND r.kind = 'redeem' AND r.created_at >= ${from}`);
  return Number(r.rows[0]?.n ?? 0);
}
