import type { Client, TestApp } from '../helpers.ts';
import { ok } from './fixtures.ts';

/** Builders of the bonus-rule suites. */

export interface RuleOut {
  id: string;
  name: string;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
  conditions: { storeKinds: string[]; storeIds: string[]; categoryIds: string[]; seriesIds: string[]; birthdayMonth: boolean; campaignIds: string[] };
  effect: { kind: 'multiplier'; percent: number } | { kind: 'fixed'; points: number };
  stackable: boolean;
  priority: number;
  createdAt: string;
}

/**
 * A rule (201), defaults: active, no window, no conditions, not stackable, priority 0. The clock then moves on a
 * millisecond, so rules made one after the other are older and newer (the tie-break and the breakdown's order).
 */
export async function makeRule(t: TestApp, admin: Client, body: Record<string, unknown>): Promise<RuleOut> {
  const rule = ok(await admin.post('/api/v1/loyalty/bonus-rules', { name: '双倍积分', effect: { kind: 'multiplier', percent: 200 }, ...body }), 201);
  t.clock.advance(1);
  return rule;
}

export const double = { kind: 'multiplier', percent: 200 } as const;
export const fixed = (points: number) => ({ kind: 'fixed', points }) as const;

/** The breakdown part a rule leaves in an earn entry. */
export const partOf = (r: RuleOut, basisFen: number, points: number) => ({
  rule: 'bonus', ruleId: r.id, name: r.name, effect: r.effect, stackable: r.stackable, basisFen, points,
});
