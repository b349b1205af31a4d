/**
 * Tables of loyalty — cross-store settlement (LOY-7) and expiry notices (issue 5).
 * `loyalty_settlements` refuses UPDATE, DELETE and TRUNCATE by trigger (drizzle/0008_loyalty_cards_tiers_value.sql):
 * a cancelled redemption is offset by new rows.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../../platform/db/columns.ts';

/**
 * What one settlement party owes another for one redemption (LOY-7): the points a `redeem` entry took from lots
 * earned at `fromStoreId`, redeemed at `toStoreId`, when their parties differ (a franchise store or dealer is its own
 * party; direct stores and points without a store are the company's, party id null). `amountFen` =
 * floor(points × 100 ÷ pointsPerYuan) at the redemption rate in force. A cancellation adds a `cancel` row that negates
 * the `redeem` row exactly. Parties are kept as they were at the time (a store may change kind later).
 * Fenced by both stores: a pair is seen by the scope of either.
 */
export const loyaltySettlements = pgTable(
  'loyalty_settlements',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    kind: text('kind', { enum: ['redeem', 'cancel'] }).notNull(),
    redemptionId: uuid('redemption_id').notNull(),
    memberId: uuid('member_id').notNull(),
    /** The ledger entry that made this row: the `redeem` entry, or the `redeem_cancel` entry of an offset. */
    entryId: uuid('entry_id').notNull(),
    /** The `redeem` entry settled (an offset names the one it negates). */
    redeemEntryId: uuid('redeem_entry_id').notNull(),
    fromStoreId: uuid('from_store_id'),
    fromPartyId: uuid('from_party_id'),
    fromPartyKind: text('from_party_kind', { enum: ['hq', 'franchise', 'dealer'] }).notNull(),
    toStoreId: uuid('to_store_id'),
    toPartyId: uuid('to_party_id'),
    toPartyKind: text('to_party_kind', { enum: ['hq', 'franchise', 'dealer'] }).notNull(),
    /** Signed: positive on `redeem`, negative on `cancel`. */
    points: bigint('points', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    pointsPerYuan: integer('points_per_yuan').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // One row per entry and earning store: settling or offsetting twice changes nothing.
    uniqueIndex('loyalty_settlements_entry_store').on(t.tenantId, t.entryId, sql`coalesce(${t.fromStoreId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    index('loyalty_settlements_created').on(t.tenantId, t.createdAt, t.id),
    index('loyalty_settlements_from').on(t.tenantId, t.fromStoreId, t.createdAt),
    index('loyalty_settlements_to').on(t.tenantId, t.toStoreId, t.createdAt),
    index('loyalty_settlements_redeem_entry').on(t.tenantId, t.redeemEntryId),
  ],
);

/**
 * A notice ahead of points expiring (LOY-4): one per account and expiry date, whatever happened — `queued` with the
 * SMS sent through platform messaging, or `skipped` with the reason. Fenced by the member's join store at the time.
 */
export const loyaltyExpiryNotices = pgTable(
  'loyalty_expiry_notices',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    accountId: uuid('account_id').notNull(),
    memberId: uuid('member_id').notNull(),
    storeId: uuid('store_id'),
    expiresAt: ts('expires_at').notNull(),
    points: bigint('points', { mode: 'number' }).notNull(),
    channel: text('channel', { enum: ['sms'] }).notNull().default('sms'),
    status: text('status', { enum: ['queued', 'skipped'] }).notNull(),
    reason: text('reason', { enum: ['no_consent', 'no_phone', 'member_inactive'] }),
    messageId: uuid('message_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('loyalty_expiry_notices_once').on(t.tenantId, t.accountId, t.expiresAt),
    index('loyalty_expiry_notices_created').on(t.tenantId, t.createdAt, t.id),
    index('loyalty_expiry_notices_member').on(t.tenantId, t.memberId, t.createdAt),
  ],
);
