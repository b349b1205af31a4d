import { z } from 'zod';
import { CleanText, PageQuery } from './common.ts';
import { CardSettings, DEFAULT_CARD_SETTINGS, LookupCard } from './loyalty-cards.ts';
import { DEFAULT_NOTICE_SETTINGS, NoticeSettings } from './loyalty-settlement.ts';
import { DEFAULT_TIER_SETTINGS, TierSettings } from './loyalty-tiers.ts';
import { DEFAULT_STORED_VALUE_SETTINGS, StoredValueSettings } from './loyalty-value.ts';

/**
 * Loyalty and membership (会员与积分, LOY-1…LOY-8). Codes are English; the web app shows Chinese labels.
 * Points are integers; money is integer fen.
 */

/**
 * Kinds of points-ledger entries. Positive: earn (from a paid order), redeem_cancel (a redemption given back),
 * transfer_in; negative: redeem, expire, reverse (a returned order's share), transfer_out; adjust either way.
 */
export const POINTS_ENTRY_KINDS = ['earn', 'reverse', 'redeem', 'redeem_cancel', 'expire', 'adjust', 'transfer_in', 'transfer_out'] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];
export const MEMBER_STATUSES = ['active', 'frozen', 'cancelled'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** Marketing channels a member consents to separately (PIPL: consent per purpose and channel, withdrawable). */
export const CONSENT_CHANNELS = ['sms', 'wechat', 'email', 'phone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
/** Where a consent (or its withdrawal) was given. */
export const CONSENT_SOURCES = ['store', 'phone', 'self_service', 'wechat', 'import'] as const;
/**
 * What a return does to points already spent: `allow_negative` takes the whole share back (the balance may go below
 * zero and later points pay it off first); `cap_at_balance` takes back at most the balance and records the shortfall.
 */
export const RETURN_POINTS_POLICIES = ['allow_negative', 'cap_at_balance'] as const;
export const ADJUSTMENT_STATUSES = ['pending', 'posted', 'approved', 'rejected'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

// ---------- programme settings ----------

/** `points` points for every `yuan` yuan paid (1 per 1; 1 per 10; 2 per 1). */
export const EarnRate = z.object({
  points: z.number().int().min(0).max(1000),
  yuan: z.number().int().min(1).max(100_000),
});
export type EarnRateDto = z.infer<typeof EarnRate>;

/**
 * When earned points expire: never; N months after earning (end of that day, Asia/Shanghai); or at the end of the
 * calendar year `years` after the year of earning (years = 1: earned in 2026, expire 2027-12-31 24:00 Shanghai).
 */
export const ExpiryPolicy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('months'), months: z.number().int().min(1).max(120) }),
  z.object({ kind: z.literal('year_end'), years: z.number().int().min(0).max(10) }),
]);
export type ExpiryPolicyDto = z.infer<typeof ExpiryPolicy>;

export const LoyaltySettings = z.object({
  earn: z.object({
    /** The rate of every store without an override. */
    base: EarnRate,
    /** Overrides by store kind (direct / franchise / dealer). */
    byStoreKind: z.object({ direct: EarnRate.optional(), franchise: EarnRate.optional(), dealer: EarnRate.optional() }),
    /** Stated rule: points = floor(paid fen × points ÷ (yuan × 100)), once per order (never per line). */
    rounding: z.literal('floor_per_order'),
  }),
  expiry: ExpiryPolicy,
  returns: z.object({ spentPoints: z.enum(RETURN_POINTS_POLICIES) }),
  adjustments: z.object({
    /** Manual adjustments of more than this many points (either way) wait for a second person's approval (PLAT-11). */
    approvalThreshold: z.number().int().min(0).max(100_000_000),
  }),
  memberNumber: z.object({
    prefix: z.string().regex(/^[A-Z0-9]{0,6}$/, 'uppercase letters and digits, at most 6'),
    digits: z.number().int().min(4).max(12),
  }),
  redemption: z.object({
    /**
     * Cash deduction rate: this many points deduct 1 yuan (100 = 1 point per fen). Stated rounding: a deduction of
     * N fen costs ceil(N × pointsPerYuan ÷ 100) points, so the member never gets more cash than the points cover.
     */
    pointsPerYuan: z.number().int().min(1).max(100_000),
    /** The balance a redemption must leave on the account (0: the member may spend every point). */
    minBalance: z.number().int().min(0).max(100_000_000),
  }),
  tiers: TierSettings,
  cards: CardSettings,
  storedValue: StoredValueSettings,
  notices: NoticeSettings,
});
export type LoyaltySettingsDto = z.infer<typeof LoyaltySettings>;

export const DEFAULT_LOYALTY_SETTINGS: LoyaltySettingsDto = {
  earn: { base: { points: 1, yuan: 1 }, byStoreKind: {}, rounding: 'floor_per_order' },
  expiry: { kind: 'year_end', years: 1 },
  returns: { spentPoints: 'allow_negative' },
  adjustments: { approvalThreshold: 1000 },
  memberNumber: { prefix: 'M', digits: 8 },
  redemption: { pointsPerYuan: 100, minBalance: 0 },
  tiers: DEFAULT_TIER_SETTINGS,
  cards: DEFAULT_CARD_SETTINGS,
  storedValue: DEFAULT_STORED_VALUE_SETTINGS,
  notices: DEFAULT_NOTICE_SETTINGS,
};

/** Change some sections; each given section replaces the stored one. */
export const UpdateLoyaltySettings = LoyaltySettings.partial().strict();
export type UpdateLoyaltySettingsInput = z.input<typeof UpdateLoyaltySettings>;

// ---------- members ----------

export const ConsentGrant = z.object({
  channel: z.enum(CONSENT_CHANNELS),
  granted: z.boolean(),
  source: z.enum(CONSENT_SOURCES).default('store'),
  note: CleanText(500).nullable().optional(),
});
export type ConsentGrantInput = z.input<typeof ConsentGrant>;

export const EnrolMember = z.object({
  /** A customer the caller can see; one membership per customer. */
  customerId: z.uuid(),
  /** Defaults to the customer's store, else the caller's store. Must be within the caller's scope. */
  joinStoreId: z.uuid().nullable().optional(),
  /** Marketing consent given at enrolment, recorded per channel with time and source. Enrolment itself needs none. */
  consents: z.array(ConsentGrant).max(CONSENT_CHANNELS.length).default([]),
});
export type EnrolMemberInput = z.input<typeof EnrolMember>;

export const MemberConsent = z.object({
  channel: z.enum(CONSENT_CHANNELS),
  granted: z.boolean(),
  source: z.string(),
  recordedAt: z.string(),
  recordedById: z.uuid().nullable(),
});

export const Member = z.object({
  id: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  joinStoreId: z.uuid().nullable(),
  joinStoreName: z.string().nullable(),
  accountId: z.uuid(),
  status: z.enum(MEMBER_STATUSES),
  balance: z.number().int(),
  enrolledAt: z.string(),
  enrolledById: z.uuid().nullable(),
  /** The current state per channel (the latest record); channels never recorded are absent. */
  consents: z.array(MemberConsent),
});
export type MemberDto = z.infer<typeof Member>;

export const MemberListQuery = PageQuery.extend({
  joinStoreId: z.uuid().optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  /** Exact member number. */
  number: z.string().trim().max(40).optional(),
  customerId: z.uuid().optional(),
  enrolledFrom: z.iso.date().optional(),
  enrolledTo: z.iso.date().optional(),
});

/** The counter's lookup in any store of the brand (LOY-7): by phone (any format), by member number or by card number. */
export const MemberLookupQuery = z
  .object({
    phone: z.string().trim().min(1).max(40).optional(),
    number: z.string().trim().min(1).max(40).optional(),
    card: z.string().trim().min(1).max(40).optional(),
  })
  .refine((q) => [q.phone, q.number, q.card].filter(Boolean).length === 1, { message: 'give exactly one of phone, number or card', path: ['phone'] });

/** The minimum the counter needs: the name is masked unless the caller may see the customer. */
export const MemberLookupHit = z.object({
  memberId: z.uuid(),
  number: z.string(),
  name: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  balance: z.number().int(),
  joinStoreName: z.string().nullable(),
  /** The card looked up (whatever its status: a lost card answers usable false), else the member's usable card. */
  card: LookupCard.nullable(),
});
export const MemberLookupResult = z.object({ items: z.array(MemberLookupHit) });

// ---------- ledger ----------

export const PointsEntry = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  accountId: z.uuid(),
  memberId: z.uuid().nullable(),
  kind: z.enum(POINTS_ENTRY_KINDS),
  points: z.number().int(),
  balanceAfter: z.number().int(),
  sourceType: z.string(),
  sourceId: z.string(),
  storeId: z.uuid().nullable(),
  /** The store's name, so where points moved shows without org:view. */
  storeName: z.string().nullable(),
  orderId: z.uuid().nullable(),
  note: z.string().nullable(),
  /** Why these points: the rules that produced an award, the shortfall of a capped reversal. */
  breakdown: z.array(z.record(z.string(), z.unknown())),
  expiresAt: z.string().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.string(),
});
export type PointsEntryDto = z.infer<typeof PointsEntry>;

export const EntryListQuery = PageQuery.extend({
  kind: z.enum(POINTS_ENTRY_KINDS).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

// ---------- manual adjustments ----------

export const CreateAdjustment = z.object({
  memberId: z.uuid(),
  /** Signed: positive adds points, negative takes them away; never zero. */
  points: z.number().int().min(-100_000_000).max(100_000_000).refine((n) => n !== 0, 'must not be zero'),
  reason: CleanText(500).pipe(z.string().min(1)),
});
export type CreateAdjustmentInput = z.input<typeof CreateAdjustment>;

export const DecideAdjustment = z.object({ note: CleanText(500).nullable().optional() });
export const RejectAdjustment = z.object({ note: CleanText(500).pipe(z.string().min(1)) });

export const Adjustment = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberNumber: z.string(),
  accountId: z.uuid(),
  points: z.number().int(),
  reason: z.string(),
  status: z.enum(ADJUSTMENT_STATUSES),
  requestedById: z.uuid().nullable(),
  requestedAt: z.string(),
  decidedById: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  entryId: z.uuid().nullable(),
});
export type AdjustmentDto = z.infer<typeof Adjustment>;

export const AdjustmentListQuery = PageQuery.extend({ status: z.enum(ADJUSTMENT_STATUSES).optional(), memberId: z.uuid().optional() });

// ---------- verification ----------

export const LedgerMismatch = z.object({
  accountId: z.uuid(),
  problem: z.enum(['balance_differs', 'lots_differ', 'lot_remaining_differs', 'lot_out_of_range', 'balance_after_differs']),
  expected: z.number().int(),
  found: z.number().int(),
  lotId: z.uuid().nullable(),
});
export const VerifyLedgerResult = z.object({
  accounts: z.number().int(),
  entries: z.number().int(),
  mismatches: z.array(LedgerMismatch),
  checkedAt: z.string(),
});
export type VerifyLedgerResultDto = z.infer<typeof VerifyLedgerResult>;

// ---------- gifts and redemption (LOY-3) ----------

/** A gift of the tenant's catalogue: redeemed for points; `stock` null is unlimited. */
export const Gift = z.object({
  id: z.uuid(),
  name: z.string(),
  pointsPrice: z.number().int(),
  stock: z.number().int().nullable(),
  active: z.boolean(),
  description: z.string().nullable(),
  imageUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GiftDto = z.infer<typeof Gift>;

export const CreateGift = z.object({
  name: CleanText(100).pipe(z.string().min(1)),
  pointsPrice: z.number().int().min(1).max(100_000_000),
  stock: z.number().int().min(0).max(100_000_000).nullable().default(null),
  active: z.boolean().default(true),
  description: CleanText(2000).nullable().optional(),
  imageUrl: z.url({ protocol: /^https?$/ }).max(1000).nullable().optional(),
});
export type CreateGiftInput = z.input<typeof CreateGift>;
export const UpdateGift = z
  .object({
    name: CleanText(100).pipe(z.string().min(1)),
    pointsPrice: z.number().int().min(1).max(100_000_000),
    stock: z.number().int().min(0).max(100_000_000).nullable(),
    active: z.boolean(),
    description: CleanText(2000).nullable(),
    imageUrl: z.url({ protocol: /^https?$/ }).max(1000).nullable(),
  })
  .partial()
  .strict();
export const GiftListQuery = PageQuery.extend({ active: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });

export const REDEMPTION_KINDS = ['gift', 'cash'] as const;
export const REDEMPTION_STATUSES = ['redeemed', 'cancelled'] as const;

/**
 * Redeem points for a member at the caller's store (any store of the brand: the account is chain-wide): a gift of
 * the catalogue (quantity × its price), or a cash deduction in fen converted at the programme's rate. `cardNumber`: the
 * card presented, which must be an active card of the member (a family sub card's monthly limits apply either way).
 */
const PresentedCard = z.string().trim().min(1).max(40).nullable().optional();
export const CreateRedemption = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gift'), giftId: z.uuid(), quantity: z.number().int().min(1).max(1000).default(1), orderId: z.uuid().nullable().optional(), note: CleanText(500).nullable().optional(), cardNumber: PresentedCard }),
  z.object({ kind: z.literal('cash'), cashFen: z.number().int().min(1).max(10_000_000_000), orderId: z.uuid().nullable().optional(), note: CleanText(500).nullable().optional(), cardNumber: PresentedCard }),
]);
export type CreateRedemptionInput = z.input<typeof CreateRedemption>;
export const CancelRedemption = z.object({ reason: CleanText(500).nullable().optional() });

export const Redemption = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberNumber: z.string(),
  accountId: z.uuid(),
  /** Where it happened (the caller's store). */
  storeId: z.uuid().nullable(),
  kind: z.enum(REDEMPTION_KINDS),
  giftId: z.uuid().nullable(),
  giftName: z.string().nullable(),
  quantity: z.number().int().nullable(),
  cashFen: z.number().int().nullable(),
  points: z.number().int(),
  orderId: z.uuid().nullable(),
  note: z.string().nullable(),
  status: z.enum(REDEMPTION_STATUSES),
  entryId: z.uuid().nullable(),
  cancelEntryId: z.uuid().nullable(),
  redeemedById: z.uuid().nullable(),
  redeemedAt: z.string(),
  cancelledById: z.uuid().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type RedemptionDto = z.infer<typeof Redemption>;

export const RedemptionListQuery = PageQuery.extend({
  memberId: z.uuid().optional(),
  storeId: z.uuid().optional(),
  kind: z.enum(REDEMPTION_KINDS).optional(),
  status: z.enum(REDEMPTION_STATUSES).optional(),
});
export const MemberRedemptionListQuery = PageQuery.extend({ status: z.enum(REDEMPTION_STATUSES).optional() });
