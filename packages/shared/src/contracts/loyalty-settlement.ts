import { z } from 'zod';
import { PageQuery } from './common.ts';

/**
 * Loyalty — cross-store settlement (LOY-7), member KPIs, expiry notices (issue 5).
 * Must not import from ./loyalty.ts (it imports this file); import from ./common.ts.
 */

// ---------- expiry notices (LOY-4: members are told ahead) ----------

/**
 * Notices to members ahead of points expiring: once per account and expiry date, when the first lot of that date
 * comes within `expiryDaysAhead` days (0: off). An SMS goes out only with the member's SMS consent.
 */
export const NoticeSettings = z.object({ expiryDaysAhead: z.number().int().min(0).max(365) });
export const DEFAULT_NOTICE_SETTINGS: z.infer<typeof NoticeSettings> = { expiryDaysAhead: 30 };

export const EXPIRY_NOTICE_STATUSES = ['queued', 'skipped'] as const;
/** Why a notice was not sent: no SMS consent (or withdrawn), no mobile phone on the customer, the member is not active. */
export const EXPIRY_NOTICE_SKIP_REASONS = ['no_consent', 'no_phone', 'member_inactive'] as const;

export const ExpiryNotice = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberNumber: z.string(),
  accountId: z.uuid(),
  /** The instant the points stop being usable (the last usable day is the Shanghai day before). */
  expiresAt: z.string(),
  points: z.number().int(),
  channel: z.literal('sms'),
  status: z.enum(EXPIRY_NOTICE_STATUSES),
  reason: z.enum(EXPIRY_NOTICE_SKIP_REASONS).nullable(),
  messageId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type ExpiryNoticeDto = z.infer<typeof ExpiryNotice>;
export const ExpiryNoticeListQuery = PageQuery.extend({ memberId: z.uuid().optional(), status: z.enum(EXPIRY_NOTICE_STATUSES).optional() });

// ---------- settlement between stores (LOY-7) ----------

/**
 * Who settles with whom: a franchise store or a dealer is its own party; direct stores, regions, the head office and
 * points without a store belong to the company (`hq`, id null).
 */
export const SETTLEMENT_PARTY_KINDS = ['hq', 'franchise', 'dealer'] as const;
/** `redeem`: what the earning party owes the redeeming one; `cancel`: the offset when the redemption is cancelled. */
export const SETTLEMENT_KINDS = ['redeem', 'cancel'] as const;

/** A calendar month, Asia/Shanghai: 2026-11. */
export const SettlementMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const SettlementParty = z.object({
  /** The franchise store or dealer; null for the company (head office). */
  id: z.uuid().nullable(),
  kind: z.enum(SETTLEMENT_PARTY_KINDS),
  name: z.string().nullable(),
});
export type SettlementPartyDto = z.infer<typeof SettlementParty>;

export const SettlementReportQuery = z.object({ month: SettlementMonth });

/**
 * One store pair of a month: the points earned at `fromStore` (null: without a store) and redeemed at `toStore`, and
 * what `fromParty` owes `toParty`. `amountFen` is the sum of the rows' amounts; each row is
 * floor(points × 100 ÷ pointsPerYuan) at the redemption rate in force when it was redeemed (offsets negate it exactly).
 */
export const SettlementReportRow = z.object({
  fromParty: SettlementParty,
  fromStoreId: z.uuid().nullable(),
  fromStoreName: z.string().nullable(),
  toParty: SettlementParty,
  toStoreId: z.uuid().nullable(),
  toStoreName: z.string().nullable(),
  points: z.number().int(),
  amountFen: z.number().int(),
  /** Redemptions settled in the month, and cancellations offset in it. */
  redemptions: z.number().int(),
  cancellations: z.number().int(),
});
export type SettlementReportRowDto = z.infer<typeof SettlementReportRow>;

/** Between two parties, both directions netted: `fromParty` pays `toParty` this much. */
export const SettlementNet = z.object({ fromParty: SettlementParty, toParty: SettlementParty, points: z.number().int(), amountFen: z.number().int() });

export const SettlementReport = z.object({
  month: SettlementMonth,
  rows: z.array(SettlementReportRow),
  net: z.array(SettlementNet),
  totals: z.object({ points: z.number().int(), amountFen: z.number().int(), redemptions: z.number().int(), cancellations: z.number().int() }),
});
export type SettlementReportDto = z.infer<typeof SettlementReport>;

/** A store of a pair: a unit id, or `none` for points without a store. */
const PairStore = z.union([z.uuid(), z.literal('none')]);
export const SettlementListQuery = PageQuery.extend({ month: SettlementMonth, fromStoreId: PairStore.optional(), toStoreId: PairStore.optional() });
export const SettlementExportQuery = SettlementListQuery.omit({ limit: true, cursor: true });

export const SettlementEntry = z.object({
  id: z.uuid(),
  kind: z.enum(SETTLEMENT_KINDS),
  redemptionId: z.uuid(),
  memberId: z.uuid(),
  memberNumber: z.string(),
  fromParty: SettlementParty,
  fromStoreId: z.uuid().nullable(),
  fromStoreName: z.string().nullable(),
  toParty: SettlementParty,
  toStoreId: z.uuid().nullable(),
  toStoreName: z.string().nullable(),
  points: z.number().int(),
  amountFen: z.number().int(),
  pointsPerYuan: z.number().int(),
  createdAt: z.string(),
});
export type SettlementEntryDto = z.infer<typeof SettlementEntry>;

// ---------- member KPIs ----------

export const MemberKpiQuery = z
  .object({ from: z.iso.date(), to: z.iso.date(), storeId: z.uuid().optional() })
  .refine((q) => q.from <= q.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'at most 366 days', path: ['to'] });

/**
 * Member KPIs of the caller's members (by join store) over a period of Shanghai days. Points: `issued` = earned +
 * positive adjustments; `redeemed` is net of cancellations posted in the period; `adjusted` is the signed sum of
 * manual adjustments; transfers (merges, family accounts) move points and are left out. Liability is now, not at the
 * period's end: Σ positive balances, in fen floor(points × 100 ÷ pointsPerYuan).
 */
export const MemberKpis = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  storeId: z.uuid().nullable(),
  /** `total`: members now (enrolled by today); `new`: enrolled in the period; `active`: earned or redeemed in it. */
  members: z.object({ total: z.number().int(), new: z.number().int(), active: z.number().int() }),
  points: z.object({
    issued: z.number().int(),
    earned: z.number().int(),
    adjusted: z.number().int(),
    redeemed: z.number().int(),
    expired: z.number().int(),
    reversed: z.number().int(),
  }),
  liability: z.object({ points: z.number().int(), fen: z.number().int(), pointsPerYuan: z.number().int() }),
  redemptions: z.object({ count: z.number().int(), cancelled: z.number().int(), points: z.number().int() }),
  topGifts: z.array(z.object({ giftId: z.uuid(), giftName: z.string(), quantity: z.number().int(), redemptions: z.number().int(), points: z.number().int() })),
});
export type MemberKpisDto = z.infer<typeof MemberKpis>;
