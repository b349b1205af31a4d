import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { pipelineTotals } from '../../src/modules/opportunities/index.ts';
import { customerIn, move, newOpportunity, ok, oppWorld } from './opportunities-world.ts';

/**
 * LEAD-5 / STAFF-1: the weighted forecast by month and quarter, and the totals targets read. Owner A works in store S
 * (region R), owner B in store U (region Q).
 *
 *   P1  1,000,000  A  measurement 40 %   expected 2026-11-20   → Nov weighted 400,000
 *   P2  2,000,000  A  design 60 %        expected 2026-12-05   → Dec weighted 1,200,000
 *   P3    333,333  B  override 25 %      expected 2027-01-15   → Jan weighted 83,333 (83,333.25 rounded)
 *   P4  3,000,000  A  won 2026-11-10                           → Nov won
 *   P5    700,000  A  10 %, no expected close date             → undated, weighted 70,000
 *   P6    800,000  B  10 %               expected 2027-06-01   → Q2 2027 weighted 80,000
 *   P7  5,000,000  A  lost               expected 2026-11-25   → nowhere
 *   P8    100,000  A  won 2026-12-01 00:00 Shanghai            → Dec won
 *   P9    200,000  A  won 2026-11-30 23:59:59 Shanghai         → Nov won
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '8760' });
});
afterAll(async () => {
  await t.app.close();
});

async function fixture() {
  t.clock.set('2026-11-10T02:00:00.000Z');
  const w = await oppWorld(t);
  const a = await w.user(w.store.id, '导购');
  const b = await w.user(w.far.id, '导购');
  const cS = await customerIn(w.admin, w.store.id);
  const cU = await customerIn(w.admin, w.far.id);
  const make = (body: Record<string, unknown>) => newOpportunity(w.admin, body);
  const forA = { customerId: cS.id, ownerId: a.user.id };
  const forB = { customerId: cU.id, ownerId: b.user.id };
  await make({ ...forA, name: 'P1', amountFen: 1_000_000, stageKey: 'measurement', expectedCloseDate: '2026-11-20' });
  await make({ ...forA, name: 'P2', amountFen: 2_000_000, stageKey: 'design', expectedCloseDate: '2026-12-05' });
  await make({ ...forB, name: 'P3', amountFen: 333_333, probability: 25, expectedCloseDate: '2027-01-15' });
  await move(w.admin, await make({ ...forA, name: 'P4', amountFen: 3_000_000, expectedCloseDate: '2027-03-01' }), 'won');
  await make({ ...forA, name: 'P5', amountFen: 700_000 });
  await make({ ...forB, name: 'P6', amountFen: 800_000, expectedCloseDate: '2027-06-01' });
  await move(w.admin, await make({ ...forA, name: 'P7', amountFen: 5_000_000, expectedCloseDate: '2026-11-25' }), 'lost', { lossReason: 'budget_cancelled' });
  const p8 = await make({ ...forA, name: 'P8', amountFen: 100_000 });
  const p9 = await make({ ...forA, name: 'P9', amountFen: 200_000 });
  t.clock.set('2026-11-30T16:00:00.000Z');
  await move(w.admin, p8, 'won');
  t.clock.set('2026-11-30T15:59:59.000Z');
  await move(w.admin, p9, 'won');
  t.clock.set('2026-12-01T02:00:00.000Z');
  return { w, a, b };
}

const cell = (bucket: string, openCount: number, openFen: number, weightedFen: number, wonCount: number, wonFen: number) => ({
  bucket, openCount, openFen, weightedFen, wonCount, wonFen, forecastFen: wonFen + weightedFen,
});

describe('the weighted forecast', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    f = await fixture();
  });

  it('weighs open amounts by expected-close month and adds what was won in the month, per owner', async () => {
    t.clock.set('2026-12-01T02:00:00.000Z');
    const res = ok(await f.w.admin.get('/api/v1/pipeline/forecast?period=month&from=2026-11-05&to=2027-01-10'));
    expect(res).toMatchObject({ period: 'month', groupBy: 'owner', from: '2026-11-01', to: '2027-01-31', buckets: ['2026-11', '2026-12', '2027-01'] });
    expect(res.totals).toEqual([cell('2026-11', 1, 1_000_000, 400_000, 2, 3_200_000), cell('2026-12', 1, 2_000_000, 1_200_000, 1, 100_000), cell('2027-01', 1, 333_333, 83_333, 0, 0)]);
    expect(res.total).toEqual(cell('total', 3, 3_333_333, 1_683_333, 3, 3_300_000));
    expect(res.groups).toEqual([
      {
        id: f.a.user.id, name: f.a.user.displayName,
        cells: [cell('2026-11', 1, 1_000_000, 400_000, 2, 3_200_000), cell('2026-12', 1, 2_000_000, 1_200_000, 1, 100_000), cell('2027-01', 0, 0, 0, 0, 0)],
        total: cell('total', 2, 3_000_000, 1_600_000, 3, 3_300_000),
      },
      { id: f.b.user.id, name: f.b.user.displayName, cells: [cell('2026-11', 0, 0, 0, 0, 0), cell('2026-12', 0, 0, 0, 0, 0), cell('2027-01', 1, 333_333, 83_333, 0, 0)], total: cell('total', 1, 333_333, 83_333, 0, 0) },
    ]);
    expect(res.undated).toEqual({ count: 1, openFen: 700_000, weightedFen: 70_000 });
  });

  it('buckets by quarter (default: this quarter and the next three) and groups by store or region', async () => {
    t.clock.set('2026-12-01T02:00:00.000Z');
    const byRegion = ok(await f.w.admin.get('/api/v1/pipeline/forecast?period=quarter&groupBy=region'));
    expect(byRegion).toMatchObject({ from: '2026-10-01', to: '2027-09-30', buckets: ['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3'] });
    expect(byRegion.totals).toEqual([cell('2026-Q4', 2, 3_000_000, 1_600_000, 3, 3_300_000), cell('2027-Q1', 1, 333_333, 83_333, 0, 0), cell('2027-Q2', 1, 800_000, 80_000, 0, 0), cell('2027-Q3', 0, 0, 0, 0, 0)]);
    expect(byRegion.groups.map((g: { id: string; name: string; total: { forecastFen: number } }) => [g.id, g.name, g.total.forecastFen])).toEqual([
      [f.w.region.id, f.w.region.name, 4_900_000],
      [f.w.region2.id, f.w.region2.name, 163_333],
    ]);
    const byStore = ok(await f.w.admin.get('/api/v1/pipeline/forecast?period=quarter&groupBy=store'));
    expect(byStore.groups.map((g: { id: string; total: { weightedFen: number } }) => [g.id, g.total.weightedFen])).toEqual([
      [f.w.store.id, 1_600_000],
      [f.w.far.id, 163_333],
    ]);
  });

  it('stays inside the caller’s scope and its filters', async () => {
    t.clock.set('2026-12-01T02:00:00.000Z');
    const manager = (await f.w.user(f.w.far.id, '店长')).client;
    const mine = ok(await manager.get('/api/v1/pipeline/forecast?period=quarter'));
    expect(mine.groups.map((g: { id: string }) => g.id)).toEqual([f.b.user.id]);
    expect(mine.total).toEqual(cell('total', 2, 1_133_333, 163_333, 0, 0));
    const regionOnly = ok(await f.w.admin.get(`/api/v1/pipeline/forecast?period=quarter&regionId=${f.w.region.id}`));
    expect(regionOnly.total.forecastFen).toBe(4_900_000);
  });

  it('refuses bad input (422)', async () => {
    const bad = await f.w.admin.get('/api/v1/pipeline/forecast?period=week&groupBy=team');
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['query.groupBy', 'query.period']);
    expect(issuePaths(await f.w.admin.get('/api/v1/pipeline/forecast?from=2027-01-01&to=2026-01-01'))).toEqual(['query.to']);
    expect(issuePaths(await f.w.admin.get('/api/v1/pipeline/forecast?period=month&from=2026-01-01&to=2029-12-31'))).toEqual(['query.to']);
  });
});

describe('pipelineTotals (for targets)', () => {
  it('sums won (amount and count), weighted and open amounts per owner and store over a Shanghai date range, whole tenant', async () => {
    const { w, a, b } = await fixture();
    expect(await pipelineTotals(t.deps.db.db, w.tenant.id, { from: '2026-11-01', to: '2026-11-30' })).toEqual([
      { ownerId: a.user.id, storeId: w.store.id, wonFen: 3_200_000, wonCount: 2, weightedFen: 400_000, openFen: 1_000_000 },
    ]);
    const rows = await pipelineTotals(t.deps.db.db, w.tenant.id, { from: '2026-11-01', to: '2027-01-31' });
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { ownerId: a.user.id, storeId: w.store.id, wonFen: 3_300_000, wonCount: 3, weightedFen: 1_600_000, openFen: 3_000_000 },
        { ownerId: b.user.id, storeId: w.far.id, wonFen: 0, wonCount: 0, weightedFen: 83_333, openFen: 333_333 },
      ]),
    );
    expect(await pipelineTotals(t.deps.db.db, w.tenant.id, { from: '2026-12-01', to: '2026-12-01' })).toEqual([
      { ownerId: a.user.id, storeId: w.store.id, wonFen: 100_000, wonCount: 1, weightedFen: 0, openFen: 0 },
    ]);
  });
});
