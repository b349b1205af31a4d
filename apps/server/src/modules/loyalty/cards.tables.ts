/**
 * Tables of loyalty — member cards and family accounts (LOY-6, LOY-7).
 * A card identifies a member at the counter (三卡合一: member, points and stored-value card in one); the balances live
 * on the member's account, so a replacement card reaches them unchanged. A family account (kind `family` in
 * loyalty_accounts) is shared by its primary member and sub members; `loyalty_family_links` keeps who joined when,
 * from which account, and what moved.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/**
 * A member card. Seen through its member (the member's join store fences it). At most one usable (issued or active)
 * card per member; every card that is not final (replaced, cancelled) belongs to the member's current account.
 */
export const loyaltyCards = pgTable(
  'loyalty_cards',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Prefix + per-tenant sequence (counters row `loyalty_card`) + check digit, or a pre-printed number. */
    number: text('number').notNull(),
    memberId: uuid('member_id').notNull(),
    accountId: uuid('account_id').notNull(),
    kind: text('kind', { enum: ['primary', 'sub'] }).notNull(),
    status: text('status', { enum: ['issued', 'active', 'lost', 'replaced', 'cancelled'] }).notNull(),
    /** Discount card (打折卡): percent off, 1–99. */
    discountPercent: integer('discount_percent'),
    /** Sub cards: per Shanghai calendar month, points redeemed and stored value (fen) spent by the member. */
    monthlyPointsLimit: bigint('monthly_points_limit', { mode: 'number' }),
    monthlyValueLimitFen: bigint('monthly_value_limit_fen', { mode: 'number' }),
    replacesCardId: uuid('replaces_card_id'),
    replacedByCardId: uuid('replaced_by_card_id'),
    issuedAt: ts('issued_at').notNull(),
    issuedById: uuid('issued_by_id'),
    issuedStoreId: uuid('issued_store_id'),
    statusChangedAt: ts('status_changed_at').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('loyalty_cards_number').on(t.tenantId, t.number),
    uniqueIndex('loyalty_cards_usable').on(t.tenantId, t.memberId).where(sql`${t.status} IN ('issued', 'active')`),
    index('loyalty_cards_member').on(t.tenantId, t.memberId, t.issuedAt),
    index('loyalty_cards_account').on(t.tenantId, t.accountId),
    check('loyalty_cards_discount', sql`${t.discountPercent} IS NULL OR ${t.discountPercent} BETWEEN 1 AND 99`),
    check('loyalty_cards_limits', sql`coalesce(${t.monthlyPointsLimit}, 0) >= 0 AND coalesce(${t.monthlyValueLimitFen}, 0) >= 0`),
  ],
);

/** Every step of a card: what, from which status to which, who, when and where (the caller's unit). Append-only. */
export const loyaltyCardEvents = pgTable(
  'loyalty_card_events',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    cardId: uuid('card_id').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    at: ts('at').notNull(),
    byId: uuid('by_id'),
    storeId: uuid('store_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('loyalty_card_events_card').on(t.tenantId, t.cardId, t.seq)],
);

/**
 * A member's stay in a family account: joined (from which account, what moved) and, when they left, to which account.
 * One open stay per member.
 */
export const loyaltyFamilyLinks = pgTable(
  'loyalty_family_links',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    accountId: uuid('account_id').notNull(),
    memberId: uuid('member_id').notNull(),
    fromAccountId: uuid('from_account_id').notNull(),
    joinedAt: ts('joined_at').notNull(),
    joinedById: uuid('joined_by_id'),
    joinedStoreId: uuid('joined_store_id'),
    pointsMoved: bigint('points_moved', { mode: 'number' }).notNull().default(0),
    valueMovedFen: bigint('value_moved_fen', { mode: 'number' }).notNull().default(0),
    leftAt: ts('left_at'),
    leftById: uuid('left_by_id'),
    leftStoreId: uuid('left_store_id'),
    toAccountId: uuid('to_account_id'),
  },
  (t) => [
    uniqueIndex('loyalty_family_links_open').on(t.tenantId, t.memberId).where(sql`${t.leftAt} IS NULL`),
    index('loyalty_family_links_account').on(t.tenantId, t.accountId),
  ],
);
