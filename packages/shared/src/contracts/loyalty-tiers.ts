import { z } from 'zod';
import { CleanText, NameText } from './common.ts';

/**
 * Loyalty — member tiers (会员等级, LOY-5). Must not import from ./loyalty.ts (it imports this file); import from
 * ./common.ts.
 *
 * A tier is reached by cumulative spend: the member's customer's paid orders net of returns, counted from the later of
 * the window's start and the member's enrolment (spend before joining does not count, as points are not retroactive).
 * A member moves up as soon as an order crosses a threshold; returns never move a member down; the yearly review (1st
 * of `reviewMonth`, Asia/Shanghai) moves every member to the highest tier their spend then qualifies for.
 * Money is integer fen.
 */

export const TIER_WINDOWS = ['rolling_12_months', 'lifetime'] as const;
export type TierWindow = (typeof TIER_WINDOWS)[number];

/** How tiers are reckoned (tier definitions live in their own table, `GET/PUT /api/v1/loyalty/tiers`). */
export const TierSettings = z.object({
  /** Spend counted over the last 12 months (from the same calendar day a year ago) or since enrolment. */
  window: z.enum(TIER_WINDOWS),
  /** Month (1-12) of the yearly review that may downgrade; it runs on the 1st of that month. */
  reviewMonth: z.number().int().min(1).max(12),
  /** Text members about a change of tier (only those who consented to SMS). */
  smsOnChange: z.boolean().default(true),
});
export type TierSettingsDto = z.infer<typeof TierSettings>;
export const DEFAULT_TIER_SETTINGS: TierSettingsDto = { window: 'rolling_12_months', reviewMonth: 1, smsOnChange: true };

/** Why a member's tier changed: spend crossed a threshold (also at a review), the yearly review, or a person. */
export const TIER_CHANGE_REASONS = ['upgrade', 'review_downgrade', 'manual'] as const;
export type TierChangeReason = (typeof TIER_CHANGE_REASONS)[number];

/** What a tier gives. `discountPercent` is the percentage off (5 = 95 折). */
export const TierBenefits = z.object({
  discountPercent: z.number().int(),
  freeServices: z.array(z.string()),
  birthdayGift: z.string().nullable(),
});
export type TierBenefitsDto = z.infer<typeof TierBenefits>;
export const TierBenefitsInput = z.object({
  discountPercent: z.number().int().min(0).max(90).default(0),
  freeServices: z.array(NameText(60)).max(20).default([]),
  /** Empty text is no gift. */
  birthdayGift: CleanText(200).nullable().default(null),
});

export const TIER_CODE = /^[a-z][a-z0-9_]{0,31}$/;

export const Tier = z.object({
  id: z.uuid(),
  /** Stable key of the tier (lower-case letters, digits, _): a list replacement matches tiers by code. */
  code: z.string(),
  name: z.string(),
  /** 1 = the entry tier; higher is better. */
  rank: z.number().int(),
  /** Cumulative spend in the window (fen) that reaches it; the entry tier's is 0. */
  thresholdFen: z.number().int(),
  benefits: TierBenefits,
  /** Inactive tiers are reached by nobody; members holding one keep it until the review or a manual change. */
  active: z.boolean(),
  /** Members hold it now: it cannot be removed, only deactivated. */
  inUse: z.boolean(),
});
export type TierDto = z.infer<typeof Tier>;
export const TierList = z.object({ items: z.array(Tier) });

export const TierInput = z.object({
  code: z.string().trim().regex(TIER_CODE, 'lower-case letters, digits and _, starting with a letter (at most 32)'),
  name: NameText(30),
  thresholdFen: z.number().int().min(0).max(100_000_000_000),
  benefits: TierBenefitsInput.default({ discountPercent: 0, freeServices: [], birthdayGift: null }),
  active: z.boolean().default(true),
});
export type TierInputDto = z.input<typeof TierInput>;

/**
 * Replace the tier table, lowest first: codes unique, thresholds strictly increasing, the first at 0 and active.
 * A tier left out is removed (409 `tier_in_use` while members hold it: deactivate it instead).
 */
export const ReplaceTiers = z.object({ tiers: z.array(TierInput).min(1).max(20) });
export type ReplaceTiersInput = z.input<typeof ReplaceTiers>;

export const TierRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const TierChange = z.object({
  id: z.uuid(),
  /** The tier held before (a member never evaluated held the entry tier). */
  from: TierRef,
  to: TierRef,
  reason: z.enum(TIER_CHANGE_REASONS),
  /** Spend in the window when it changed (fen). */
  spendFen: z.number().int(),
  note: z.string().nullable(),
  /** What caused it: `event:<order event id>`, `review:<year>`, `recheck:<job id>`, `manual:<id>`. */
  source: z.string(),
  changedById: z.uuid().nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
});
export type TierChangeDto = z.infer<typeof TierChange>;

/** A member's standing: tier, spend in the window, what the next tier needs, benefits and the history (newest first). */
export const MemberTier = z.object({
  memberId: z.uuid(),
  tier: Tier.omit({ inUse: true }),
  /** Since when the member holds it (enrolment for a member never moved). */
  since: z.string(),
  window: z.enum(TIER_WINDOWS),
  /** Spend counts from this instant (the window's start or the enrolment, whichever is later). */
  windowFrom: z.string(),
  spendFen: z.number().int(),
  /** The next active tier above the current one and what is still missing to reach it; null at the top. */
  next: z.object({ id: z.uuid(), code: z.string(), name: z.string(), thresholdFen: z.number().int(), remainingFen: z.number().int() }).nullable(),
  /** The year of the last review that looked at this member. */
  lastReviewYear: z.number().int().nullable(),
  history: z.array(TierChange),
});
export type MemberTierDto = z.infer<typeof MemberTier>;

/** A manual change of tier (loyalty:adjust), up or down, to an active tier, with a reason (audited). */
export const ChangeMemberTier = z.object({
  tierId: z.uuid(),
  reason: NameText(500),
});
export type ChangeMemberTierInput = z.input<typeof ChangeMemberTier>;

/** Members of the caller's stores (by join store) per tier; `tierId` null: members not evaluated yet (entry tier). */
/** The tier mix of the caller's members, or of one join store's. */
export const TierMixQuery = z.object({ storeId: z.uuid().optional() });

export const TierMix = z.object({
  total: z.number().int(),
  tiers: z.array(z.object({ tierId: z.uuid().nullable(), code: z.string().nullable(), name: z.string().nullable(), members: z.number().int() })),
});
export type TierMixDto = z.infer<typeof TierMix>;
