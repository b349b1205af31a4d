/**
 * Tables of the loyalty module (LOY-1…LOY-8): the programme's settings, members with their consents, points
 * accounts, the append-only points ledger with its lots, order awards, manual adjustments, idempotency keys, the gift
 * catalogue and redemptions.
 * `points_entries` and `points_lot_consumptions` refuse UPDATE, DELETE and TRUNCATE by trigger
 * (landed in drizzle/0006_loyalty_core.sql).
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LoyaltySettingsDto } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/** One programme per tenant; its settings are the shared contract's `LoyaltySettings` (defaults fill what is absent). */
export const loyaltyPrograms = pgTable(
  'loyalty_programs',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    settings: jsonb('settings').$type<Partial<LoyaltySettingsDto>>().notNull().default({}),
    ...timestamps(),
  },
  (t) => [uniqueIndex('loyalty_programs_tenant').on(t.tenantId)],
);

/**
 * A member (会员): one per customer. Fenced by the join store (unit); the points account is chain-wide (LOY-7), so
 * other stores reach it through the lookup only. `accountId` is the account the member earns into and spends from
 * (a family account will hold several members: its cards share one balance).
 */
export const loyaltyMembers = pgTable(
  'loyalty_members',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    customerId: uuid('customer_id').notNull(),
    /** Prefix + per-tenant sequence (counters row `loyalty_member`), e.g. M00000042. */
    number: text('number').notNull(),
    joinStoreId: uuid('join_store_id'),
    accountId: uuid('account_id').notNull(),
    status: text('status', { enum: ['active', 'frozen', 'cancelled'] }).notNull().default('active'),
    enrolledAt: ts('enrolled_at').notNull(),
    enrolledById: uuid('enrolled_by_id'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('loyalty_members_customer').on(t.tenantId, t.customerId),
    uniqueIndex('loyalty_members_number').on(t.tenantId, t.number),
    index('loyalty_members_created').on(t.tenantId, t.createdAt, t.id),
    index('loyalty_members_store_created').on(t.tenantId, t.joinStoreId, t.createdAt, t.id),
    index('loyalty_members_account').on(t.tenantId, t.accountId),
  ],
);

/** Marketing consent per channel, as given and withdrawn over time (the latest row per channel is the state). */
export const loyaltyConsents = pgTable(
  'loyalty_consents',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    memberId: uuid('member_id').notNull(),
    channel: text('channel').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    note: text('note'),
    recordedAt: ts('recorded_at').notNull(),
    recordedById: uuid('recorded_by_id'),
  },
  (t) => [index('loyalty_consents_member').on(t.tenantId, t.memberId, t.channel, t.seq)],
);

/**
 * A points account. `balance` is a cache of the sum of its entries, changed only together with an appended entry,
 * under this row's lock (`postPoints`). `kind = family` is for the cards engineer: several members, one balance.
 */
export const loyaltyAccounts = pgTable(
  'loyalty_accounts',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    kind: text('kind', { enum: ['individual', 'family'] }).notNull().default('individual'),
    primaryMemberId: uuid('primary_member_id'),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    ...timestamps(),
  },
  (t) => [index('loyalty_accounts_tenant').on(t.tenantId, t.id)],
);

/**
 * The points ledger (LOY-8): append-only, one row per movement, signed points and the balance after it. Unique by
 * (account, kind, source): applying the same event, request or adjustment twice creates one entry.
 */
export const pointsEntries = pgTable(
  'points_entries',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Order of the account's entries (several entries of one transaction share their time). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    accountId: uuid('account_id').notNull(),
    memberId: uuid('member_id'),
    kind: text('kind').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    balanceAfter: bigint('balance_after', { mode: 'number' }).notNull(),
    /** 'event' (outbox event id), 'adjustment' (adjustment id), 'request' (Idempotency-Key), 'lot' (expiry) … */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    /** Where it happened (the order's store, the counter's store): settlement between stores reads it. */
    storeId: uuid('store_id'),
    orderId: uuid('order_id'),
    note: text('note'),
    breakdown: jsonb('breakdown').$type<Record<string, unknown>[]>().notNull().default([]),
    /** For a positive entry: when the lot it opened expires (null: never). */
    expiresAt: ts('expires_at'),
    createdById: uuid('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('points_entries_source').on(t.tenantId, t.accountId, t.kind, t.sourceType, t.sourceId),
    index('points_entries_account').on(t.tenantId, t.accountId, t.seq),
    /** Period totals (member KPIs, reports) over the tenant's entries. */
    index('points_entries_created').on(t.tenantId, t.createdAt),
    index('points_entries_order').on(t.tenantId, t.orderId).where(sql`${t.orderId} IS NOT NULL`),
  ],
);

/**
 * A lot: the points a positive entry added, and how many of them are left. Spending and expiry consume lots (the
 * soonest to expire first), each consumption recorded, so the expiry of a partly spent lot is exact.
 * Invariants (verifyLedger): remaining = points − Σ consumptions; Σ remaining of an account = max(balance, 0).
 */
export const pointsLots = pgTable(
  'points_lots',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    accountId: uuid('account_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    remaining: bigint('remaining', { mode: 'number' }).notNull(),
    earnedAt: ts('earned_at').notNull(),
    expiresAt: ts('expires_at'),
  },
  (t) => [
    uniqueIndex('points_lots_entry').on(t.tenantId, t.entryId),
    index('points_lots_open').on(t.tenantId, t.accountId, t.expiresAt).where(sql`${t.remaining} > 0`),
    index('points_lots_due').on(t.tenantId, t.expiresAt).where(sql`${t.remaining} > 0 AND ${t.expiresAt} IS NOT NULL`),
  ],
);

/**
 * Which entry took how many points of which lot (positive), or gave them back (negative: a cancelled redemption
 * restores its lots). A positive entry that paid off a negative balance consumes its own lot. Append-only.
 */
export const pointsLotConsumptions = pgTable(
  'points_lot_consumptions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    accountId: uuid('account_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    /** On a give-back (negative points): the entry whose consumption it returns. */
    restoresEntryId: uuid('restores_entry_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('points_lot_consumptions_restores').on(t.tenantId, t.restoresEntryId).where(sql`${t.restoresEntryId} IS NOT NULL`), index('points_lot_consumptions_lot').on(t.tenantId, t.lotId), index('points_lot_consumptions_entry').on(t.tenantId, t.entryId)],
);

export interface OrderAwardReturn {
  eventId: string;
  returnId: string | null;
  amountFen: number;
  storeId: string;
  applied: boolean;
  points: number;
  shortfall: number;
}

/**
 * What an order earned and what its returns took back, so reversals are proportional, cumulative and never more than
 * was earned. A return that arrives before its order's payment is kept unapplied in `returns` and applied with the award.
 */
export const loyaltyOrderAwards = pgTable(
  'loyalty_order_awards',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    orderId: uuid('order_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    memberId: uuid('member_id'),
    accountId: uuid('account_id'),
    storeId: uuid('store_id'),
    basisFen: bigint('basis_fen', { mode: 'number' }),
    pointsEarned: bigint('points_earned', { mode: 'number' }).notNull().default(0),
    earnEntryId: uuid('earn_entry_id'),
    earnedAt: ts('earned_at'),
    returnedFen: bigint('returned_fen', { mode: 'number' }).notNull().default(0),
    pointsReversed: bigint('points_reversed', { mode: 'number' }).notNull().default(0),
    shortfallPoints: bigint('shortfall_points', { mode: 'number' }).notNull().default(0),
    /** Every return event seen, once each (by event id); `applied: false` waits for the award. */
    returns: jsonb('returns').$type<OrderAwardReturn[]>().notNull().default([]),
    ...timestamps(),
  },
  (t) => [uniqueIndex('loyalty_order_awards_order').on(t.tenantId, t.orderId)],
);

/**
 * A manual adjustment (LOY-4, PLAT-11): posted at once up to the threshold, else pending until a second person with
 * loyalty:approve approves (posting the entry) or rejects it. Fenced by the member's join store.
 */
export const loyaltyAdjustments = pgTable(
  'loyalty_adjustments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    memberId: uuid('member_id').notNull(),
    accountId: uuid('account_id').notNull(),
    storeId: uuid('store_id'),
    points: bigint('points', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'posted', 'approved', 'rejected'] }).notNull(),
    /** The threshold in force when it was requested. */
    threshold: integer('threshold').notNull(),
    requestedById: uuid('requested_by_id'),
    requestedAt: ts('requested_at').notNull(),
    decidedById: uuid('decided_by_id'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    entryId: uuid('entry_id'),
    ...timestamps(),
  },
  (t) => [
    index('loyalty_adjustments_created').on(t.tenantId, t.createdAt, t.id),
    index('loyalty_adjustments_pending').on(t.tenantId, t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Idempotency keys of point-moving API requests: a replay with the same key and body answers the first result; the
 * same key with another body is refused. Written in the transaction of the effect, so a failed request keeps no key.
 */
export const loyaltyIdempotencyKeys = pgTable(
  'loyalty_idempotency_keys',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('loyalty_idempotency_keys_key').on(t.tenantId, t.key)],
);

/** The gift catalogue (LOY-3): tenant-wide; `stock` null is unlimited, never below zero (redemptions lock the row). */
export const loyaltyGifts = pgTable(
  'loyalty_gifts',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    pointsPrice: integer('points_price').notNull(),
    stock: integer('stock'),
    active: boolean('active').notNull().default(true),
    description: text('description'),
    imageUrl: text('image_url'),
    ...timestamps(),
  },
  (t) => [index('loyalty_gifts_created').on(t.tenantId, t.createdAt, t.id), check('loyalty_gifts_stock', sql`${t.stock} IS NULL OR ${t.stock} >= 0`)],
);

/**
 * A redemption (LOY-3): points spent on a gift or a cash deduction, at the store where it happened (its fence: the
 * counter's store; the account is chain-wide). Cancelled once, giving the points back to the lots they came from.
 */
export const loyaltyRedemptions = pgTable(
  'loyalty_redemptions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    memberId: uuid('member_id').notNull(),
    accountId: uuid('account_id').notNull(),
    storeId: uuid('store_id'),
    kind: text('kind', { enum: ['gift', 'cash'] }).notNull(),
    giftId: uuid('gift_id'),
    /** The gift's name when redeemed (the catalogue may change later). */
    giftName: text('gift_name'),
    quantity: integer('quantity'),
    cashFen: bigint('cash_fen', { mode: 'number' }),
    points: bigint('points', { mode: 'number' }).notNull(),
    orderId: uuid('order_id'),
    note: text('note'),
    status: text('status', { enum: ['redeemed', 'cancelled'] }).notNull().default('redeemed'),
    entryId: uuid('entry_id'),
    cancelEntryId: uuid('cancel_entry_id'),
    redeemedById: uuid('redeemed_by_id'),
    redeemedAt: ts('redeemed_at').notNull(),
    cancelledById: uuid('cancelled_by_id'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
    ...timestamps(),
  },
  (t) => [
    index('loyalty_redemptions_created').on(t.tenantId, t.createdAt, t.id),
    index('loyalty_redemptions_member').on(t.tenantId, t.memberId, t.createdAt, t.id),
    index('loyalty_redemptions_store').on(t.tenantId, t.storeId, t.createdAt, t.id),
  ],
);
