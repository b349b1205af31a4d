import { z } from 'zod';
import { PageQuery } from './common.ts';

/**
 * Sales targets (STAFF-1): an amount of signed sales (and optionally a number of won opportunities) per subject — a
 * user, or an org unit (store, region, the whole company = the head office) — and period: a month 'YYYY-MM', a
 * quarter 'YYYY-Qn' or a year 'YYYY'. Money in integer fen.
 */
export const TARGET_SUBJECT_TYPES = ['user', 'unit'] as const;
export type TargetSubjectType = (typeof TARGET_SUBJECT_TYPES)[number];
export const TARGET_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type TargetPeriodKind = (typeof TARGET_PERIOD_KINDS)[number];

export const PERIOD_PATTERN = /^(20\d{2})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;
/** A month 2026-11, a quarter 2026-Q4 or a year 2026 (2000–2099). */
export const TargetPeriod = z.string().regex(PERIOD_PATTERN, 'a month YYYY-MM, a quarter YYYY-Qn or a year YYYY');

export function periodKindOf(period: string): TargetPeriodKind {
  return period.includes('Q') ? 'quarter' : period.length === 7 ? 'month' : 'year';
}

/** First and last calendar day of a period, 'YYYY-MM-DD' (both inclusive). */
export function periodRange(period: string): { from: string; to: string } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  const year = Number(m[1]);
  const [first, last] = m[2] ? [Number(m[2]), Number(m[2])] : m[3] ? [Number(m[3]) * 3 - 2, Number(m[3]) * 3] : [1, 12];
  const day = (y: number, month: number, d: number) => new Date(Date.UTC(y, month - 1, d)).toISOString().slice(0, 10);
  return { from: day(year, first, 1), to: day(year, last + 1, 0) };
}

/** Up to 100 billion yuan: generous, and far from 2^53 fen. */
const AmountFen = z.number().int().min(0).max(10_000_000_000_000);
const WonCount = z.number().int().min(0).max(1_000_000);

export const SalesTarget = z.object({
  id: z.string(),
  subjectType: z.enum(TARGET_SUBJECT_TYPES),
  subjectId: z.string(),
  subjectName: z.string().nullable(),
  /** The unit the target belongs to: the unit itself, or the user's unit. */
  unitId: z.string(),
  period: z.string(),
  periodKind: z.enum(TARGET_PERIOD_KINDS),
  amountFen: z.number().int(),
  wonCount: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SalesTargetDto = z.infer<typeof SalesTarget>;

export const SetTarget = z.object({
  subjectType: z.enum(TARGET_SUBJECT_TYPES),
  subjectId: z.uuid(),
  period: TargetPeriod,
  amountFen: AmountFen,
  wonCount: WonCount.nullable().optional(),
});
export type SetTargetInput = z.infer<typeof SetTarget>;

export const UpdateTarget = z
  .object({
    amountFen: AmountFen.optional(),
    wonCount: WonCount.nullable().optional(),
  })
  .strict();
export type UpdateTargetInput = z.infer<typeof UpdateTarget>;

export const TargetListQuery = PageQuery.extend({
  period: TargetPeriod.optional(),
  subjectType: z.enum(TARGET_SUBJECT_TYPES).optional(),
  /** Targets of this unit and the units and users below it. */
  unitId: z.uuid().optional(),
});
export type TargetListQueryInput = z.input<typeof TargetListQuery>;

/**
 * Split an amount of fen by integer weights: each part is its exact share rounded down, and what the rounding left
 * over goes to the last part, so the parts always add up to the amount (the server's split, and the web's preview).
 * BigInt inside: amount × weight may pass 2^53.
 */
export function allocateFen(amountFen: number, weights: number[]): number[] {
  if (!weights.length) return [];
  const total = weights.reduce((a, b) => a + BigInt(b), BigInt(0));
  if (total <= BigInt(0)) throw new Error('weights add up to nothing');
  const amount = BigInt(amountFen);
  const parts = weights.map((w) => (amount * BigInt(w)) / total);
  const given = parts.reduce((a, b) => a + b, BigInt(0));
  parts[parts.length - 1] += amount - given;
  return parts.map(Number);
}

export const TARGET_SPLIT_MODES = ['equal', 'shares'] as const;
/**
 * Distribute a unit's target of a period to its direct children (child units and the users of the unit): equally, or
 * in proportion to integer shares. Each child gets whole fen rounded down; the remainder goes to the last child, so the
 * children add up exactly to the amount. `amountFen` sets the unit's own target first (else its current one is split).
 */
export const SplitTarget = z
  .object({
    unitId: z.uuid(),
    period: TargetPeriod,
    amountFen: AmountFen.optional(),
    mode: z.enum(TARGET_SPLIT_MODES),
    children: z
      .array(
        z.object({
          subjectType: z.enum(TARGET_SUBJECT_TYPES),
          subjectId: z.uuid(),
          share: z.number().int().min(0).max(1_000_000).optional(),
        }),
      )
      .min(1)
      .max(500),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== 'shares') return;
    v.children.forEach((c, i) => {
      if (c.share === undefined) ctx.addIssue({ code: 'custom', path: ['children', i, 'share'], message: 'each child needs a share' });
    });
    if (v.children.every((c) => (c.share ?? 0) === 0)) ctx.addIssue({ code: 'custom', path: ['children'], message: 'the shares add up to nothing' });
  });
export type SplitTargetInput = z.infer<typeof SplitTarget>;

export const TargetProgressQuery = z.object({
  period: TargetPeriod,
  /** The unit at the top of the tree; the caller's own unit by default. */
  unitId: z.uuid().optional(),
});

export const TargetProgressNode = z.object({
  /** `unit:<id>` or `user:<id>`. */
  key: z.string(),
  type: z.enum(TARGET_SUBJECT_TYPES),
  id: z.string(),
  parentKey: z.string().nullable(),
  name: z.string(),
  unitKind: z.enum(['hq', 'region', 'store']).nullable(),
  targetId: z.string().nullable(),
  /** The node's own target. */
  targetFen: z.number().int().nullable(),
  wonCountTarget: z.number().int().nullable(),
  /** Sum of the children's targets (a child unit without its own target counts with its children's sum); null: none. */
  childrenTargetFen: z.number().int().nullable(),
  /** The own target and the children's sum differ. */
  mismatch: z.boolean(),
  /** What progress is measured against: the own target, else the children's sum. */
  effectiveTargetFen: z.number().int().nullable(),
  /** Paid orders of the period (net of returns): 已签约. */
  ordersFen: z.number().int(),
  /** Opportunities won in the period; null while the pipeline cannot be read. */
  wonFen: z.number().int().nullable(),
  wonCount: z.number().int().nullable(),
  /** Open opportunities expected to close in the period × stage probability. */
  weightedFen: z.number().int().nullable(),
  openFen: z.number().int().nullable(),
  /** Percentages of the effective target, one decimal; null without a target. */
  ordersPct: z.number().nullable(),
  wonPct: z.number().nullable(),
  /** (won + weighted) / target. */
  forecastPct: z.number().nullable(),
});
export type TargetProgressNodeDto = z.infer<typeof TargetProgressNode>;

export const TargetProgress = z.object({
  period: z.string(),
  periodKind: z.enum(TARGET_PERIOD_KINDS),
  from: z.string(),
  to: z.string(),
  /** Days of the period elapsed at the clock (today included) / days in the period, as a percentage. */
  expectedPct: z.number(),
  elapsedDays: z.number().int(),
  totalDays: z.number().int(),
  /** False while the opportunities pipeline could not be read (won and weighted are null then). */
  pipelineAvailable: z.boolean(),
  nodes: z.array(TargetProgressNode),
});
export type TargetProgressDto = z.infer<typeof TargetProgress>;
