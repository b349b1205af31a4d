import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateFen as allocate } from '@jiake/shared';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, type TestApp, testApp } from '../helpers.ts';
import { auditOf, ok, setTarget, targetsWorld, type TargetOut } from './targets-world.ts';

/** STAFF-1: splitting a unit's target down to its children exactly, and rolling targets up the org tree. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-10T04:00:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

const split = (c: Client, body: Record<string, unknown>) => c.post('/api/v1/targets/split', body);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocating fen', () => {
  it('always adds up to the amount exactly, rounding each part down and giving the remainder to the last', () => {
    expect(allocate(100_001, [1, 1, 1])).toEqual([33_333, 33_333, 33_335]);
    expect(allocate(1_000_000, [1, 2, 3])).toEqual([166_666, 333_333, 500_001]);
    expect(allocate(10, [0, 1])).toEqual([0, 10]);
    // amount × weight passes 2^53 here: exact all the same.
    expect(allocate(10_000_000_000_001, [999_999, 1, 1_000_000])).toEqual([4_999_995_000_000, 5_000_000, 5_000_000_000_001]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 60 }), (amount, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocate(amount, weights);
        expect(sum(parts)).toBe(amount);
        const total = sum(weights);
        parts.slice(0, -1).forEach((p, i) => expect(p).toBe(Number((BigInt(amount) * BigInt(weights[i])) / BigInt(total))));
        expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
      }),
    );
  });
});

describe('splitting a target', () => {
  it('splits a store’s target equally among its salespeople, exact to the fen, and audits the split', async () => {
    const w = await targetsWorld(t);
    const res = ok(
      await split(w.managerA.client, {
        unitId: w.storeA.id,
        period: '2026-11',
        amountFen: 100_001,
        mode: 'equal',
        children: [
          { subjectType: 'user', subjectId: w.sales1.user.id },
          { subjectType: 'user', subjectId: w.sales2.user.id },
          { subjectType: 'user', subjectId: w.managerA.user.id },
        ],
      }),
    );
    expect(res.parent).toMatchObject({ subjectId: w.storeA.id, amountFen: 100_001 });
    expect(res.children.map((c: TargetOut) => [c.subjectId, c.amountFen])).toEqual([
      [w.sales1.user.id, 33_333],
      [w.sales2.user.id, 33_333],
      [w.managerA.user.id, 33_335],
    ]);
    const trail = await auditOf(t, res.parent.id);
    expect(trail.map((r) => r.action)).toEqual(['salesTarget.created', 'salesTarget.split']);
    expect(trail[1].meta).toMatchObject({ period: '2026-11', amountFen: 100_001, mode: 'equal' });
    expect((trail[1].meta.children as unknown[]).length).toBe(3);
    expect((await auditOf(t, res.children[0].id))[0]).toMatchObject({ action: 'salesTarget.created', meta: { splitFrom: res.parent.id } });
  });

  it('splits a region’s existing target to its stores by shares, replacing their earlier targets', async () => {
    const w = await targetsWorld(t);
    await setTarget(t, w.regional.client, 'unit', w.east.id, 1_000_000, '2026-Q4');
    const before = await setTarget(t, w.regional.client, 'unit', w.storeA.id, 5, '2026-Q4');
    const res = ok(
      await split(w.regional.client, {
        unitId: w.east.id,
        period: '2026-Q4',
        mode: 'shares',
        children: [
          { subjectType: 'unit', subjectId: w.storeA.id, share: 1 },
          { subjectType: 'unit', subjectId: w.storeB.id, share: 2 },
        ],
      }),
    );
    expect(res.parent.amountFen).toBe(1_000_000);
    expect(res.children.map((c: TargetOut) => c.amountFen)).toEqual([333_333, 666_667]);
    expect(res.children[0].id).toBe(before.id);
    expect(sum(res.children.map((c: TargetOut) => c.amountFen))).toBe(res.parent.amountFen);
  });

  it('refuses what is not a direct child, a child twice, missing shares, and a split with nothing to split (422)', async () => {
    const w = await targetsWorld(t);
    const body = (over: Record<string, unknown>) => ({ unitId: w.east.id, period: '2026-11', amountFen: 1000, mode: 'equal', ...over });
    expect(
      issuePaths(
        await split(w.regional.client, body({ children: [{ subjectType: 'unit', subjectId: w.storeA.id }, { subjectType: 'user', subjectId: w.sales1.user.id }, { subjectType: 'unit', subjectId: w.storeC.id }] })),
      ),
    ).toEqual(['body.children.1.subjectId', 'body.children.2.subjectId']);
    expect(issuePaths(await split(w.regional.client, body({ children: [{ subjectType: 'unit', subjectId: w.storeA.id }, { subjectType: 'unit', subjectId: w.storeA.id }] })))).toEqual([
      'body.children.1.subjectId',
    ]);
    expect(issuePaths(await split(w.regional.client, body({ mode: 'shares', children: [{ subjectType: 'unit', subjectId: w.storeA.id, share: 1 }, { subjectType: 'unit', subjectId: w.storeB.id }] })))).toEqual([
      'body.children.1.share',
    ]);
    expect(issuePaths(await split(w.regional.client, body({ mode: 'shares', children: [{ subjectType: 'unit', subjectId: w.storeA.id, share: 0 }] })))).toEqual(['body.children']);
    expect(issuePaths(await split(w.regional.client, body({ amountFen: undefined, children: [{ subjectType: 'unit', subjectId: w.storeA.id }] })))).toEqual(['body.amountFen']);
    expect(issuePaths(await split(w.regional.client, body({ amountFen: -1, children: [{ subjectType: 'unit', subjectId: w.storeA.id }] })))).toEqual(['body.amountFen']);
    expect(issuePaths(await split(w.regional.client, body({ children: [] })))).toEqual(['body.children']);
    // Nothing was written by the refused splits.
    expect(ok(await w.regional.client.get('/api/v1/targets')).items).toEqual([]);
  });

  it('answers 404 for a unit outside the caller’s scope', async () => {
    const w = await targetsWorld(t);
    expectErrorBody(await split(w.managerA.client, { unitId: w.storeB.id, period: '2026-11', amountFen: 10, mode: 'equal', children: [{ subjectType: 'user', subjectId: w.salesB.user.id }] }), 404, 'not_found');
    expectErrorBody(await split(w.regional.client, { unitId: w.south.id, period: '2026-11', amountFen: 10, mode: 'equal', children: [{ subjectType: 'unit', subjectId: w.storeC.id }] }), 404, 'not_found');
    expectErrorBody(await split(w.sales1.client, { unitId: w.storeA.id, period: '2026-11', amountFen: 10, mode: 'equal', children: [{ subjectType: 'user', subjectId: w.sales1.user.id }] }), 403, 'forbidden');
  });
});

interface NodeOut {
  key: string;
  parentKey: string | null;
  name: string;
  targetFen: number | null;
  childrenTargetFen: number | null;
  mismatch: boolean;
  effectiveTargetFen: number | null;
}
const tree = async (c: Client, query: string) => {
  const body = ok(await c.get(`/api/v1/targets/progress?${query}`));
  return { ...body, node: (key: string) => (body.nodes as NodeOut[]).find((n) => n.key === key) } as { nodes: NodeOut[]; node: (key: string) => NodeOut | undefined };
};

describe('rolling targets up the org tree', () => {
  it('sums each unit’s children (a child unit without its own target counts with its children’s sum) and flags a difference', async () => {
    const w = await targetsWorld(t);
    await setTarget(t, w.admin, 'unit', w.hq.id, 2_000_000);
    await setTarget(t, w.admin, 'unit', w.east.id, 1_000_000);
    await setTarget(t, w.admin, 'unit', w.storeA.id, 600_000);
    await setTarget(t, w.admin, 'user', w.sales1.user.id, 300_000);
    await setTarget(t, w.admin, 'user', w.sales2.user.id, 300_000);
    await setTarget(t, w.admin, 'user', w.salesB.user.id, 250_000); // store B has no target of its own
    await setTarget(t, w.admin, 'user', w.salesB.user.id, 999, '2026-12'); // another period: not counted

    const all = await tree(w.admin, 'period=2026-11');
    expect(all.node(`unit:${w.storeA.id}`)).toMatchObject({ targetFen: 600_000, childrenTargetFen: 600_000, mismatch: false, parentKey: `unit:${w.east.id}` });
    expect(all.node(`unit:${w.storeB.id}`)).toMatchObject({ targetFen: null, childrenTargetFen: 250_000, mismatch: false, effectiveTargetFen: 250_000 });
    expect(all.node(`unit:${w.east.id}`)).toMatchObject({ targetFen: 1_000_000, childrenTargetFen: 850_000, mismatch: true });
    expect(all.node(`unit:${w.south.id}`)).toMatchObject({ targetFen: null, childrenTargetFen: null, mismatch: false, effectiveTargetFen: null });
    expect(all.node(`unit:${w.hq.id}`)).toMatchObject({ targetFen: 2_000_000, childrenTargetFen: 1_000_000, mismatch: true, parentKey: null });
    // From the head office, people of the units right below it are listed; deeper ones when drilling down.
    expect(all.node(`user:${w.regional.user.id}`)).toMatchObject({ parentKey: `unit:${w.east.id}` });
    expect(all.node(`user:${w.sales1.user.id}`)).toBeUndefined();

    const region = await tree(w.regional.client, 'period=2026-11');
    expect(region.nodes[0]).toMatchObject({ key: `unit:${w.east.id}`, parentKey: null });
    expect(region.node(`user:${w.sales1.user.id}`)).toMatchObject({ targetFen: 300_000, parentKey: `unit:${w.storeA.id}` });
    expect(region.node(`unit:${w.hq.id}`)).toBeUndefined();
    expect(region.node(`unit:${w.south.id}`)).toBeUndefined();

    // Splitting the region's target to its stores makes the roll-up agree.
    ok(await split(w.regional.client, { unitId: w.east.id, period: '2026-11', mode: 'shares', children: [{ subjectType: 'unit', subjectId: w.storeA.id, share: 6 }, { subjectType: 'unit', subjectId: w.storeB.id, share: 4 }] }));
    const after = await tree(w.regional.client, 'period=2026-11');
    expect(after.node(`unit:${w.east.id}`)).toMatchObject({ childrenTargetFen: 1_000_000, mismatch: false });
    expect(after.node(`unit:${w.storeB.id}`)).toMatchObject({ targetFen: 400_000, childrenTargetFen: 250_000, mismatch: true });
  });
});
