/**
 * Tables of loyalty — member tiers (LOY-5): the tenant's tier definitions, each member's current tier, the history of
 * tier changes (append-only by trigger, drizzle/0008_loyalty_cards_tiers_value.sql) and the yearly reviews.
 */
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TierBenefitsDto } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/**
 * A tier of the tenant (普通会员, VIP贵宾会员 …): reached at a cumulative spend; `rank` 1 is the entry tier. Tenant-wide
 * configuration (loyalty:admin). The defaults are stored on first use with ids derived from the tenant and the code.
 */
export const loyaltyTiers = pgTable(
  'loyalty_tiers',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    rank: integer('rank').notNull(),
    thresholdFen: bigint('threshold_fen', { mode: 'number' }).notNull(),
    benefits: jsonb('benefits').$type<TierBenefitsDto>().notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('loyalty_tiers_code').on(t.tenantId, t.code), index('loyalty_tiers_rank').on(t.tenantId, t.rank)],
);

/**
 * The tier a member holds now (one row per member, made at the member's first evaluation; a member without one holds
 * the entry tier). Changed under this row's lock. A tier held here cannot be deleted (foreign key).
 */
export const loyaltyMemberTiers = pgTable(
  'loyalty_member_tiers',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    memberId: uuid('member_id').notNull(),
    tierId: uuid('tier_id')
      .notNull()
      .references(() => loyaltyTiers.id),
    since: ts('since').notNull(),
    /** The year of the last yearly review that evaluated the member: a review runs once per member and year. */
    lastReviewYear: integer('last_review_year'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('loyalty_member_tiers_member').on(t.tenantId, t.memberId), index('loyalty_member_tiers_tier').on(t.tenantId, t.tierId)],
);

/**
 * Every change of a member's tier, with the tiers' codes and names as they were, the spend that justified it and its
 * cause. Unique by (member, source): the same order event, review or recheck changes a member once.
 */
export const loyaltyTierChanges = pgTable(
  'loyalty_tier_changes',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Order of a member's changes (several may share an instant). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    memberId: uuid('member_id').notNull(),
    fromTierId: uuid('from_tier_id').notNull(),
    fromCode: text('from_code').notNull(),
    fromName: text('from_name').notNull(),
    toTierId: uuid('to_tier_id').notNull(),
    toCode: text('to_code').notNull(),
    toName: text('to_name').notNull(),
    reason: text('reason', { enum: ['upgrade', 'review_downgrade', 'manual'] }).notNull(),
    spendFen: bigint('spend_fen', { mode: 'number' }).notNull(),
    windowFrom: ts('window_from').notNull(),
    source: text('source').notNull(),
    note: text('note'),
    changedById: uuid('changed_by_id'),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [uniqueIndex('loyalty_tier_changes_source').on(t.tenantId, t.memberId, t.source), index('loyalty_tier_changes_member').on(t.tenantId, t.memberId, t.changedAt)],
);

/** One yearly review per tenant and year: claimed when it starts, finished with its counts. */
export const loyaltyTierReviews = pgTable(
  'loyalty_tier_reviews',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    year: integer('year').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
    reviewed: integer('reviewed').notNull().default(0),
    upgraded: integer('upgraded').notNull().default(0),
    downgraded: integer('downgraded').notNull().default(0),
  },
  (t) => [uniqueIndex('loyalty_tier_reviews_year').on(t.tenantId, t.year)],
);
