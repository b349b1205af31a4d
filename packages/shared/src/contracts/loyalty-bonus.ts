import { z } from 'zod';
import { STORE_KINDS } from '../enums.ts';
import { CleanText, PageQuery } from './common.ts';

/**
 * Loyalty — bonus points rules (奖励积分规则, LOY-2). Must not import from ./loyalty.ts (it imports this file).
 *
 * A rule adds points on top of the base points of a paid order when every condition it names holds at the payment
 * time (Asia/Shanghai): its date window, the order's store (a store kind, or a store or region the store is in), the
 * order's lines (category, including the categories below it, and/or series), the member's birthday month (solar, or
 * the lunar month when the birthday is lunar) and the order's campaign. Effect: a multiplier in percent on the
 * matching basis (200 = double points there) or fixed points per order. Stackable rules add up; of the matching
 * non-stackable rules only the one giving most points applies (ties: higher priority, then the older rule).
 */

export const BONUS_EFFECT_KINDS = ['multiplier', 'fixed'] as const;

/** Lists without repeats, in the order given. */
const ids = (max: number) => z.array(z.uuid()).max(max).transform((v) => [...new Set(v)]);

/** What an order must meet; an empty list (or false) is no condition. Lists are "any of". */
export const BonusConditions = z.object({
  storeKinds: z.array(z.enum(STORE_KINDS)).max(STORE_KINDS.length).transform((v) => [...new Set(v)]).default([]),
  /** Stores, or regions (every store below them). With store kinds too, a store meeting either matches. */
  storeIds: ids(200).default([]),
  /** A line matches when its product's category is one of these or below one of them … */
  categoryIds: ids(200).default([]),
  /** … and (when given) its series is one of these. The basis is the paid share of the matching lines. */
  seriesIds: ids(200).default([]),
  /** The payment falls in the member's birthday month (lunar birthdays: the lunar month of the payment date). */
  birthdayMonth: z.boolean().default(false),
  /** The order's campaign (orders carry a campaign id). */
  campaignIds: ids(50).default([]),
});
export type BonusConditionsDto = z.output<typeof BonusConditions>;

/** The conditions as answered (responses are encoded, so this shape has no transforms). */
export const BonusConditionsOut = z.object({
  storeKinds: z.array(z.enum(STORE_KINDS)),
  storeIds: z.array(z.uuid()),
  categoryIds: z.array(z.uuid()),
  seriesIds: z.array(z.uuid()),
  birthdayMonth: z.boolean(),
  campaignIds: z.array(z.uuid()),
});

export const BonusEffect = z.discriminatedUnion('kind', [
  /** Points on the matching basis at the store's rate × percent ÷ 100 in all; the bonus is the part above 100%. */
  z.object({ kind: z.literal('multiplier'), percent: z.number().int().min(100).max(1000) }),
  /** These points once per matching order. */
  z.object({ kind: z.literal('fixed'), points: z.number().int().min(1).max(10_000_000) }),
]);
export type BonusEffectDto = z.output<typeof BonusEffect>;

const IsoDate = z.iso.date();

const ruleFields = {
  name: CleanText(100).pipe(z.string().min(1)),
  active: z.boolean(),
  /** First and last day (inclusive, Asia/Shanghai) the rule applies; null: open. */
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  conditions: BonusConditions,
  effect: BonusEffect,
  stackable: z.boolean(),
  /** Higher wins a tie between non-stackable rules giving the same points. */
  priority: z.number().int().min(-1000).max(1000),
};

export const CreateBonusRule = z.object({
  ...ruleFields,
  active: ruleFields.active.default(true),
  validFrom: ruleFields.validFrom.default(null),
  validTo: ruleFields.validTo.default(null),
  conditions: BonusConditions.default({ storeKinds: [], storeIds: [], categoryIds: [], seriesIds: [], birthdayMonth: false, campaignIds: [] }),
  stackable: ruleFields.stackable.default(false),
  priority: ruleFields.priority.default(0),
});
export type CreateBonusRuleInput = z.input<typeof CreateBonusRule>;

/** Change some fields; `conditions` and `effect` are replaced whole. Awards already made never change. */
export const UpdateBonusRule = z.object(ruleFields).partial().strict();
export type UpdateBonusRuleInput = z.input<typeof UpdateBonusRule>;

export const BonusRule = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  conditions: BonusConditionsOut,
  effect: BonusEffect,
  stackable: z.boolean(),
  priority: z.number().int(),
  createdById: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BonusRuleDto = z.infer<typeof BonusRule>;

export const BonusRuleListQuery = PageQuery.extend({ active: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });

// ---------- the award's breakdown (what a points entry of kind earn says) ----------

/** The base points: the store's rate (rule `base` or `store_kind:<kind>`) on what was paid. */
export const BaseAwardPart = z.object({
  rule: z.string(),
  orderNo: z.string().optional(),
  basisFen: z.number().int(),
  rate: z.object({ points: z.number().int(), yuan: z.number().int() }),
  points: z.number().int(),
});

/** One bonus rule that applied, as it was when the award was made (later changes of the rule do not touch it). */
export const BonusAwardPart = z.object({
  rule: z.literal('bonus'),
  ruleId: z.uuid(),
  name: z.string(),
  effect: BonusEffect,
  stackable: z.boolean(),
  /** The paid share of the matching lines (the whole paid amount when the rule names no products). */
  basisFen: z.number().int(),
  points: z.number().int(),
});
export type BonusAwardPartDto = z.infer<typeof BonusAwardPart>;

// ---------- preview ----------

export const BonusPreviewLine = z.object({
  categoryId: z.uuid().nullable().optional(),
  seriesId: z.uuid().nullable().optional(),
  amountFen: z.number().int().min(0).max(10_000_000_000_000),
});

/** An order as the award would see it: the points are computed by the same code as a real award. */
export const BonusPreview = z.object({
  storeId: z.uuid(),
  paidFen: z.number().int().min(0).max(10_000_000_000_000),
  /** The order's lines; none: the paid amount is the order's total and no product rule matches. */
  lines: z.array(BonusPreviewLine).max(500).default([]),
  /** Default: now. */
  paidAt: z.iso.datetime({ offset: true }).optional(),
  /** A customer the caller may see: their birthday month counts. */
  customerId: z.uuid().nullable().optional(),
  campaignId: z.uuid().nullable().optional(),
});
export type BonusPreviewInput = z.input<typeof BonusPreview>;

export const BonusPreviewResult = z.object({
  points: z.number().int(),
  basePoints: z.number().int(),
  bonusPoints: z.number().int(),
  /** What was paid, capped at the order's total: the base points' basis and what returns are measured against. */
  basisFen: z.number().int(),
  /** Base first, then every rule that applied, each with its points (what the earn entry's breakdown would say). */
  breakdown: z.array(z.union([BonusAwardPart, BaseAwardPart])),
  /** Non-stackable rules that matched but gave way to one giving more points (or of higher priority). */
  outranked: z.array(BonusAwardPart),
});
export type BonusPreviewResultDto = z.infer<typeof BonusPreviewResult>;
