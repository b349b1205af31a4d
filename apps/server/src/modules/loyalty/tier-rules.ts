import type { TierWindow } from '@jiake/shared';

/** Pure rules of member tiers (LOY-5): the spend window, the tier a spend qualifies for, the next tier, the review day. */

export interface TierDef {
  id: string;
  code: string;
  name: string;
  rank: number;
  thresholdFen: number;
  active: boolean;
}

const SHANGHAI_MS = 8 * 3_600_000;

/** Calendar parts of an instant in Asia/Shanghai (month 1-12). */
export function shanghaiDate(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * Where spend starts counting at `now`: for `rolling_12_months` the start of the same Shanghai calendar day a year
 * earlier (29 February → 28 February), for `lifetime` the enrolment; never before the enrolment (spend before joining
 * does not count).
 */
export function windowStart(window: TierWindow, now: Date, enrolledAt: Date): Date {
  if (window === 'lifetime') return enrolledAt;
  const { year, month, day } = shanghaiDate(now);
  const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  const start = new Date(Date.UTC(year - 1, month - 1, Math.min(day, lastDay)) - SHANGHAI_MS);
  return start > enrolledAt ? start : enrolledAt;
}

const byRank = <T extends TierDef>(tiers: readonly T[]) => [...tiers].sort((a, b) => a.rank - b.rank);

/** The entry tier: the lowest rank. */
export function entryTier<T extends TierDef>(tiers: readonly T[]): T {
  const [first] = byRank(tiers);
  if (!first) throw new Error('a tenant has at least one tier');
  return first;
}

/** The highest active tier whose threshold the spend reaches (the entry tier when none). */
export function qualifyingTier<T extends TierDef>(tiers: readonly T[], spendFen: number): T {
  let best = entryTier(tiers);
  for (const t of byRank(tiers)) if (t.active && t.thresholdFen <= spendFen && t.rank > best.rank) best = t;
  return best;
}

/** The next active tier above `current`, and what the spend still lacks to reach it (0 when it already does). */
export function nextTier<T extends TierDef>(tiers: readonly T[], current: TierDef, spendFen: number): { tier: T; remainingFen: number } | null {
  const next = byRank(tiers).find((t) => t.active && t.rank > current.rank);
  return next ? { tier: next, remainingFen: Math.max(0, next.thresholdFen - spendFen) } : null;
}

/**
 * The review year when `now` falls in the review month (Shanghai). The review is due from the 1st of that month; a
 * run missed on the 1st (everything down) catches up later in the month, never in another month.
 */
export function reviewYearAt(now: Date, reviewMonth: number): number | null {
  const d = shanghaiDate(now);
  return d.month === reviewMonth ? d.year : null;
}
