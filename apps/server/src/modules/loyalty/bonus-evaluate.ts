import { BonusConditions, type BirthdayValue, type BonusAwardPartDto, type BonusConditionsDto, type BonusEffectDto, type EarnRateDto, type LoyaltySettingsDto } from '@jiake/shared';
import { pointsFor, rateFor, shanghaiDay } from './program.ts';
import { inBirthdayMonth } from './bonus-birthday.ts';

/**
 * The points of a paid order (LOY-1, LOY-2), pure: base points at the store's rate on what was paid, plus the bonus
 * rules that match at the payment time. The real award (order-points.ts) and the preview both come here, through
 * bonus-award.ts.
 *
 * - A rule matches when it is active, the payment's Shanghai day is in its window and every condition it names holds.
 * - Its basis is what was paid, or, when it names categories or series, the paid share of the matching lines:
 *   floor(paid × matching lines ÷ order total).
 * - A multiplier of P% adds floor(basis × rate × (P − 100) ÷ 100) points (200%: the basis earns twice); fixed points
 *   are added once. A rule whose basis or points come to nothing does not apply.
 * - Stackable rules all add. Of the non-stackable ones only the one giving most points applies (ties: higher
 *   priority, then the older rule); the others are reported as outranked.
 */

export interface AwardLine {
  categoryId: string | null;
  seriesId: string | null;
  amountFen: number;
}

export interface AwardFacts {
  storeId: string;
  storeKind: string | null;
  /** The store's org path ('/<hq>/<region>/<store>/'): a rule naming a region matches its stores. */
  storePath: string | null;
  totalFen: number;
  paidFen: number;
  lines: AwardLine[];
  paidAt: Date;
  campaignId: string | null;
  /** The customer's birthday (null: not known, so no birthday rule matches). */
  birthday: BirthdayValue | null;
  /** The parent of every category of the tenant, to match a rule's category with those below it. */
  categoryParents: ReadonlyMap<string, string | null>;
  orderNo?: string;
}

/** What the evaluation needs of a rule (a row of loyalty_bonus_rules). */
export interface RuleForAward {
  id: string;
  name: string;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
  conditions: unknown;
  effect: BonusEffectDto;
  stackable: boolean;
  priority: number;
  createdAt: Date;
}

export interface Award {
  /** Base plus every applied rule. */
  points: number;
  /** What was paid, capped at the total (returns are measured against it). */
  basisFen: number;
  basePoints: number;
  bonusPoints: number;
  /** Base first, then each applied rule: what the earn entry records. */
  breakdown: Record<string, unknown>[];
  applied: BonusAwardPartDto[];
  outranked: BonusAwardPartDto[];
}

/**
 * Stored conditions with defaults (a rule saved before a condition existed lacks its key); null when they no longer
 * read, and such a rule matches nothing rather than everything.
 */
export const conditionsOf = (stored: unknown): BonusConditionsDto | null => {
  const parsed = BonusConditions.safeParse(stored ?? {});
  return parsed.success ? parsed.data : null;
};

export const inWindow = (r: Pick<RuleForAward, 'validFrom' | 'validTo'>, day: string) => (!r.validFrom || r.validFrom <= day) && (!r.validTo || day <= r.validTo);

function inCategories(categoryId: string | null, wanted: ReadonlySet<string>, parents: ReadonlyMap<string, string | null>): boolean {
  // Walk up the tree; the hop limit guards against a cycle in bad data.
  for (let c = categoryId, hops = 0; c && hops < 64; c = parents.get(c) ?? null, hops++) if (wanted.has(c)) return true;
  return false;
}

function storeMatches(c: BonusConditionsDto, f: AwardFacts): boolean {
  if (!c.storeKinds.length && !c.storeIds.length) return true;
  if (f.storeKind && (c.storeKinds as string[]).includes(f.storeKind)) return true;
  return c.storeIds.some((id) => id === f.storeId || !!f.storePath?.includes(`/${id}/`));
}

/** The rule's basis: what was paid, or the paid share of the lines it names; null when a condition fails. */
function basisOf(c: BonusConditionsDto, f: AwardFacts, paidBasis: number): number | null {
  if (!storeMatches(c, f)) return null;
  if (c.campaignIds.length && !(f.campaignId && c.campaignIds.includes(f.campaignId))) return null;
  if (c.birthdayMonth && !(f.birthday && inBirthdayMonth(f.birthday, f.paidAt))) return null;
  if (!c.categoryIds.length && !c.seriesIds.length) return paidBasis;
  const categories = new Set(c.categoryIds);
  const series = new Set(c.seriesIds);
  const matching = f.lines
    .filter((l) => (!categories.size || inCategories(l.categoryId, categories, f.categoryParents)) && (!series.size || (!!l.seriesId && series.has(l.seriesId))))
    .reduce((s, l) => s + Math.max(l.amountFen, 0), 0);
  if (!matching || f.totalFen <= 0) return null;
  return Number((BigInt(paidBasis) * BigInt(Math.min(matching, f.totalFen))) / BigInt(f.totalFen));
}

/** Points a rule adds on its basis: the part of the multiplier above 100%, or its fixed points. */
export function bonusPoints(effect: BonusEffectDto, basisFen: number, rate: EarnRateDto): number {
  if (basisFen <= 0) return 0;
  if (effect.kind === 'fixed') return effect.points;
  // BigInt: basis × points × percent can pass 2^53 for a very large order.
  return Number((BigInt(basisFen) * BigInt(rate.points) * BigInt(effect.percent - 100)) / (BigInt(rate.yuan) * 10_000n));
}

const firstInRank = (a: { rule: RuleForAward }, b: { rule: RuleForAward }) =>
  b.rule.priority - a.rule.priority || a.rule.createdAt.getTime() - b.rule.createdAt.getTime() || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0);

export function evaluateAward(settings: LoyaltySettingsDto, rules: readonly RuleForAward[], f: AwardFacts): Award {
  const { rate, rule: baseRule } = rateFor(settings, f.storeKind);
  const basisFen = Math.max(0, Math.min(f.paidFen, f.totalFen));
  const basePoints = pointsFor(basisFen, rate);
  const day = shanghaiDay(f.paidAt);
  const matched: { rule: RuleForAward; part: BonusAwardPartDto }[] = [];
  for (const rule of rules) {
    if (!rule.active || !inWindow(rule, day)) continue;
    const conditions = conditionsOf(rule.conditions);
    const ruleBasis = conditions ? basisOf(conditions, f, basisFen) : null;
    if (ruleBasis === null) continue;
    const points = bonusPoints(rule.effect, ruleBasis, rate);
    if (points <= 0) continue;
    matched.push({ rule, part: { rule: 'bonus', ruleId: rule.id, name: rule.name, effect: rule.effect, stackable: rule.stackable, basisFen: ruleBasis, points } });
  }
  const exclusive = matched.filter((m) => !m.rule.stackable).sort((a, b) => b.part.points - a.part.points || firstInRank(a, b));
  const applied = [...matched.filter((m) => m.rule.stackable), ...exclusive.slice(0, 1)].sort(firstInRank).map((m) => m.part);
  const bonus = applied.reduce((s, p) => s + p.points, 0);
  const base = { rule: baseRule, ...(f.orderNo ? { orderNo: f.orderNo } : {}), basisFen, rate, points: basePoints };
  return {
    points: basePoints + bonus,
    basisFen,
    basePoints,
    bonusPoints: bonus,
    breakdown: [base, ...applied],
    applied,
    outranked: exclusive.slice(1).map((m) => m.part),
  };
}
