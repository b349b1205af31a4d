import { periodKindOf, periodRange, type TargetProgressDto, type TargetProgressNodeDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { pipelineTotals, type PipelineTotal } from '../opportunities/index.ts';
import { paidOrderTotals } from '../orders/index.ts';
import * as repo from './targets.repository.ts';

/**
 * Target progress (STAFF-1): the org tree under a unit — its units, and the users of the unit and of the units just
 * below it (drill down for deeper ones) — each with its own target, the roll-up of its children's targets, and the
 * period's actuals: signed sales (paid orders, from the orders module), won amount and weighted open pipeline (from
 * the opportunities module). Every row passes the caller's fences: units and users it may see, targets it may see.
 */

const DAY_MS = 86_400_000;
const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number | null, of: number | null) => (x === null || !of ? null : round1((x / of) * 100));

/** How much of the period has gone by at `now` (Shanghai days, today included): the expected-progress line. */
export function expectedProgress(period: string, now: Date) {
  const { from, to } = periodRange(period);
  const today = shanghaiDate(now);
  const totalDays = days(from, to) + 1;
  const elapsedDays = today < from ? 0 : today > to ? totalDays : days(from, today) + 1;
  return { from, to, totalDays, elapsedDays, expectedPct: round1((elapsedDays / totalDays) * 100) };
}

interface Actual {
  ordersFen: number;
  wonFen: number;
  wonCount: number;
  weightedFen: number;
  openFen: number;
}
const zero = (): Actual => ({ ordersFen: 0, wonFen: 0, wonCount: 0, weightedFen: 0, openFen: 0 });
const add = (m: Map<string, Actual>, key: string, part: Partial<Actual>) => {
  const a = m.get(key) ?? m.set(key, zero()).get(key)!;
  for (const k of Object.keys(part) as (keyof Actual)[]) a[k] += part[k] ?? 0;
};

/** The pipeline comes from another module; while it cannot answer, progress shows signed sales only. */
async function readPipeline(ctx: Ctx, range: { from: string; to: string }, log: (err: unknown) => void): Promise<PipelineTotal[] | null> {
  try {
    return await pipelineTotals(ctx.db, ctx.tenantId, range);
  } catch (err) {
    log(err);
    return null;
  }
}

export async function targetProgress(ctx: Ctx, q: { period: string; unitId?: string }, log: (err: unknown) => void): Promise<TargetProgressDto> {
  const expected = expectedProgress(q.period, ctx.now());
  const range = { from: expected.from, to: expected.to };
  const rootId = q.unitId ?? ctx.actor.unitId;
  const units = await repo.unitsUnder(ctx, rootId);
  const root = units.find((u) => u.id === rootId);
  if (q.unitId && !root) throw notFound('orgUnit');
  const depth = (u: repo.TreeUnit) => u.path.split('/').filter(Boolean).length;
  // Users of the root and of the units right below it; an own-scope caller (no unit in reach) sees itself in its unit.
  const peopleUnits = root ? units.filter((u) => depth(u) <= depth(root) + 1).map((u) => u.id) : [rootId];
  const people = await repo.usersIn(ctx, peopleUnits, q.period);
  const [targets, pipeline, orders] = await Promise.all([
    repo.targetsOf(ctx, q.period, units.map((u) => u.id), people.map((p) => p.id)),
    readPipeline(ctx, range, log),
    paidOrderTotals(ctx.db, ctx.tenantId, range),
  ]);

  const unitById = new Map(units.map((u) => [u.id, u]));
  const userUnit = new Map(people.map((p) => [p.id, p.unitId]));
  const unitTarget = new Map<string, repo.TargetRow>();
  const userTarget = new Map<string, repo.TargetRow>();
  for (const t of targets) (t.subjectType === 'unit' ? unitTarget : userTarget).set(t.subjectId, t);

  // Roll-up, deepest units first: a unit's children are its child units (their own target, else their children's
  // sum) and the user targets set in it (a listed user counts in the unit they are in now).
  const childrenSum = new Map<string, number | null>();
  const effective = new Map<string, number | null>();
  const userTargetsIn = new Map<string, number[]>();
  for (const t of userTarget.values()) {
    const unitId = userUnit.get(t.subjectId) ?? t.unitId;
    userTargetsIn.set(unitId, [...(userTargetsIn.get(unitId) ?? []), t.amountFen]);
  }
  for (const u of [...units].sort((a, b) => depth(b) - depth(a))) {
    const parts = [...units.filter((c) => c.parentId === u.id).map((c) => effective.get(c.id) ?? null), ...(userTargetsIn.get(u.id) ?? [])].filter(
      (x): x is number => x !== null,
    );
    const sum = parts.length ? parts.reduce((a, b) => a + b, 0) : null;
    childrenSum.set(u.id, sum);
    effective.set(u.id, unitTarget.get(u.id)?.amountFen ?? sum);
  }

  // Actuals: a user's by owner/salesperson; a unit's from every store in its subtree (no store: the head office).
  const byUser = new Map<string, Actual>();
  const byUnit = new Map<string, Actual>();
  const headOffice = units.find((u) => u.parentId === null)?.id;
  const addToUnits = (storeId: string | null, part: Partial<Actual>) => {
    for (let at = unitById.get(storeId ?? headOffice ?? ''); at; at = at.parentId ? unitById.get(at.parentId) : undefined) add(byUnit, at.id, part);
  };
  for (const o of orders) {
    if (o.salespersonId) add(byUser, o.salespersonId, { ordersFen: o.amountFen });
    addToUnits(o.storeId, { ordersFen: o.amountFen });
  }
  for (const p of pipeline ?? []) {
    const part = { wonFen: p.wonFen, wonCount: p.wonCount, weightedFen: p.weightedFen, openFen: p.openFen };
    if (p.ownerId) add(byUser, p.ownerId, part);
    addToUnits(p.storeId, part);
  }
  // The number of won deals is known whenever the pipeline answered.
  const wonCountKnown = !!pipeline;

  const node = (base: Pick<TargetProgressNodeDto, 'key' | 'type' | 'id' | 'parentKey' | 'name' | 'unitKind'>, target: repo.TargetRow | undefined, children: number | null, a: Actual): TargetProgressNodeDto => {
    const targetFen = target?.amountFen ?? null;
    const eff = targetFen ?? children;
    const won = pipeline ? a.wonFen : null;
    const weighted = pipeline ? a.weightedFen : null;
    return {
      ...base,
      targetId: target?.id ?? null,
      targetFen,
      wonCountTarget: target?.wonCount ?? null,
      childrenTargetFen: children,
      mismatch: targetFen !== null && children !== null && targetFen !== children,
      effectiveTargetFen: eff,
      ordersFen: a.ordersFen,
      wonFen: won,
      wonCount: wonCountKnown ? a.wonCount : null,
      weightedFen: weighted,
      openFen: pipeline ? a.openFen : null,
      ordersPct: pct(a.ordersFen, eff),
      wonPct: pct(won, eff),
      forecastPct: won === null || weighted === null ? null : pct(won + weighted, eff),
    };
  };

  const nodes: TargetProgressNodeDto[] = [
    ...units.map((u) =>
      node(
        { key: `unit:${u.id}`, type: 'unit', id: u.id, parentKey: u.parentId && unitById.has(u.parentId) ? `unit:${u.parentId}` : null, name: u.name, unitKind: u.kind },
        unitTarget.get(u.id),
        childrenSum.get(u.id) ?? null,
        byUnit.get(u.id) ?? zero(),
      ),
    ),
    ...people.map((p) =>
      node(
        { key: `user:${p.id}`, type: 'user', id: p.id, parentKey: unitById.has(p.unitId) ? `unit:${p.unitId}` : null, name: p.name, unitKind: null },
        userTarget.get(p.id),
        null,
        byUser.get(p.id) ?? zero(),
      ),
    ),
  ];
  return { period: q.period, periodKind: periodKindOf(q.period), ...expected, pipelineAvailable: !!pipeline, nodes };
}
