import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { touchOpportunityActivity } from '../../src/modules/opportunities/index.ts';
import { customerIn, DAY, move, newOpportunity, NOV_2, ok, type Opp, oppWorld, type OppWorld } from './opportunities-world.ts';

/**
 * LEAD-5: the funnel, checked number by number against a hand-built fixture. Ten opportunities of store S are created
 * on 2 November (day 0) and moved on known days; the funnel is read on day 30.
 *
 *   #   amount(fen)  owner  moves (day → stage)                                              end
 *   1   1,000,000    A      2 nc, 5 meas, 9 design, 12 visit, 14 nego, 20 won                won
 *   2   2,000,000    A      1 nc, 3 meas, 10 won                                             won
 *   3     500,000    A      3 nc, 6 lost (price)                                             lost
 *   4     800,000    A      4 lost (competitor)                                              lost
 *   5   1,500,000    A      2 nc, 4 meas, 8 design, 15 lost (price)                          lost
 *   6     300,000    B      —                                                                open in ic
 *   7   1,200,000    B      1 nc, 2 meas, 3 nc (back), 6 meas                                open in meas
 *   8     600,000    B      5 design (skips)                                                 open in design
 *   9     900,000    B      2 nc                                                             open in nc
 *  10     400,000    B      1 nc, 3 meas, 6 design, 9 visit                                  open in visit
 *
 * Outside the population: one created on 31 October 23:59:59 (Shanghai) in S, one created on 1 November 00:00 in
 * store T (inside the period, outside the store filter).
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '8760' });
});
afterAll(async () => {
  await t.app.close();
});

const day = (n: number) => new Date(Date.parse(NOV_2) + n * DAY);
const AMOUNTS = [1_000_000, 2_000_000, 500_000, 800_000, 1_500_000, 300_000, 1_200_000, 600_000, 900_000, 400_000];
const MOVES: [number, number, string, string?][] = [
  [1, 1, 'needs_confirmed'], [1, 6, 'needs_confirmed'], [1, 9, 'needs_confirmed'],
  [2, 0, 'needs_confirmed'], [2, 4, 'needs_confirmed'], [2, 6, 'measurement'], [2, 8, 'needs_confirmed'],
  [3, 1, 'measurement'], [3, 2, 'needs_confirmed'], [3, 6, 'needs_confirmed'], [3, 9, 'measurement'],
  [4, 3, 'lost', 'competitor'], [4, 4, 'measurement'],
  [5, 0, 'measurement'], [5, 7, 'design'],
  [6, 2, 'lost', 'price'], [6, 6, 'measurement'], [6, 9, 'design'],
  [8, 4, 'design'],
  [9, 0, 'design'], [9, 9, 'store_visit'],
  [10, 1, 'won'],
  [12, 0, 'store_visit'],
  [14, 0, 'negotiation'],
  [15, 4, 'lost', 'price'],
  [20, 0, 'won'],
];

async function fixture() {
  t.clock.set(day(-10));
  const w = await oppWorld(t);
  const a = await w.user(w.store.id, '导购');
  const b = await w.user(w.store.id, '导购');
  const c = await customerIn(w.admin, w.store.id);
  const cT = await customerIn(w.admin, w.other.id);
  t.clock.set('2026-10-31T15:59:59.000Z');
  const before = await newOpportunity(w.admin, { customerId: c.id, name: '十月', amountFen: 7_777 });
  t.clock.set('2026-10-31T16:00:00.000Z');
  const inT = await newOpportunity(w.admin, { customerId: cT.id, name: 'T店', amountFen: 50_000 });
  t.clock.set(day(0));
  const opps: Opp[] = [];
  for (const [i, amountFen] of AMOUNTS.entries()) {
    opps.push(await newOpportunity(w.admin, { customerId: c.id, name: `商机${i + 1}`, amountFen, ownerId: (i < 5 ? a : b).user.id }));
  }
  for (const [d, i, stageKey, lossReason] of MOVES) {
    t.clock.set(day(d));
    opps[i] = await move(w.admin, opps[i], stageKey, lossReason ? { lossReason } : {});
  }
  // Activities logged on the open ones (the activities module calls this); an older one does not move the time back.
  const touch = (i: number, d: number) => t.deps.db.db.transaction((tx) => touchOpportunityActivity(tx, w.tenant.id, opps[i].id, day(d)));
  await touch(6, 25);
  await touch(6, 3);
  await touch(9, 20);
  await touch(8, 10);
  t.clock.set(day(30));
  return { w, a, b, opps, before, inT };
}

const NOV = 'from=2026-11-01&to=2026-11-30';

describe('the funnel', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  let w: OppWorld;
  beforeAll(async () => {
    f = await fixture();
    w = f.w;
  });

  it('counts, per stage, the opportunities that reached it and their amount, with the conversion between stages', async () => {
    t.clock.set(day(30));
    const res = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`));
    expect(res).toMatchObject({ from: '2026-11-01', to: '2026-11-30', stalledDays: 14 });
    expect(res.stages.map((s: any) => [s.key, s.count, s.amountFen, s.conversionToNext, s.conversionFromFirst])).toEqual([
      ['initial_contact', 10, 9_200_000, 0.8, 1],
      ['needs_confirmed', 8, 8_100_000, 0.75, 0.8],
      ['measurement', 6, 6_700_000, 0.8333, 0.6],
      ['design', 5, 5_500_000, 0.6, 0.5],
      ['store_visit', 3, 3_400_000, 0.6667, 0.3],
      ['negotiation', 2, 3_000_000, 1, 0.2],
      ['won', 2, 3_000_000, null, 0.2],
      ['lost', 3, 2_800_000, null, null],
    ]);
  });

  it('averages the days spent in each stage from the stage history, open stays counted up to now', async () => {
    t.clock.set(day(30));
    const res = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`));
    // ic: 2+1+3+4+2+30+1+5+2+1 = 51 over 10; nc: 3+2+3+2+(1+3)+28+2 = 44 over 7; meas: 4+7+4+(1+24)+3 = 43 over 5;
    // design: 3+7+25+3 = 38 over 4; visit: 2+21 over 2; negotiation: 6 over 1.
    expect(res.stages.map((s: any) => [s.key, s.avgDays])).toEqual([
      ['initial_contact', 5.1],
      ['needs_confirmed', 6.29],
      ['measurement', 8.6],
      ['design', 9.5],
      ['store_visit', 11.5],
      ['negotiation', 6],
      ['won', null],
      ['lost', null],
    ]);
    // Two days later the open stays are two days longer (O6 in ic; O9 in nc; O7 in meas; O8 in design; O10 in visit).
    t.clock.set(day(32));
    const later = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`));
    expect(later.stages.slice(0, 5).map((s: any) => s.avgDays)).toEqual([5.3, 6.57, 9, 10, 12.5]);
  });

  it('gives totals with the weighted open amount and the win rate (won / closed), and the loss reasons', async () => {
    t.clock.set(day(30));
    const res = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`));
    expect(res.totals).toEqual({
      count: 10, amountFen: 9_200_000, openCount: 5, openFen: 3_400_000,
      // 300,000×10% + 1,200,000×40% + 600,000×60% + 900,000×20% + 400,000×70%
      weightedFen: 1_330_000,
      wonCount: 2, wonFen: 3_000_000, lostCount: 3, lostFen: 2_800_000, winRate: 0.4, stalledCount: 3,
    });
    expect(res.lossReasons).toEqual([
      { code: 'price', label: '价格', count: 2, amountFen: 2_000_000 },
      { code: 'competitor', label: '竞品', count: 1, amountFen: 800_000 },
    ]);
  });

  it('lists the stalled ones (open, no activity for N days; the tenant default or the query), longest idle first', async () => {
    t.clock.set(day(30));
    const res = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`));
    // Idle days at day 30: O6 30, O8 25, O9 20 (touched day 10), O10 10 (touched day 20), O7 5 (touched day 25).
    expect(res.stalled.map((o: { name: string; idleDays: number }) => [o.name, o.idleDays])).toEqual([['商机6', 30], ['商机8', 25], ['商机9', 20]]);
    const strict = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}&stalledDays=21`));
    expect(strict.stalled.map((o: { name: string }) => o.name)).toEqual(['商机6', '商机8']);
    expect(strict.totals.stalledCount).toBe(2);
    ok(await w.admin.patch('/api/v1/opportunity-settings', { stalledDays: 5 }));
    const loose = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`));
    expect(loose.stalledDays).toBe(5);
    expect(loose.stalled.map((o: { name: string }) => o.name)).toEqual(['商机6', '商机8', '商机9', '商机10', '商机7']);
    ok(await w.admin.patch('/api/v1/opportunity-settings', { stalledDays: 14 }));
    // The list endpoint answers the same question.
    const listed = ok(await w.admin.get(`/api/v1/opportunities?stalled=14&storeId=${w.store.id}`)).items.map((o: { name: string }) => o.name).sort();
    expect(listed).toEqual(['商机6', '商机8', '商机9', '十月'].sort());
  });

  it('groups the same totals by owner and by store for the manager table', async () => {
    t.clock.set(day(30));
    const res = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`));
    expect(res.byOwner).toEqual([
      { id: f.a.user.id, name: f.a.user.displayName, count: 5, amountFen: 5_800_000, openCount: 0, openFen: 0, weightedFen: 0, wonCount: 2, wonFen: 3_000_000, lostCount: 3, lostFen: 2_800_000, winRate: 0.4, stalledCount: 0 },
      { id: f.b.user.id, name: f.b.user.displayName, count: 5, amountFen: 3_400_000, openCount: 5, openFen: 3_400_000, weightedFen: 1_330_000, wonCount: 0, wonFen: 0, lostCount: 0, lostFen: 0, winRate: null, stalledCount: 3 },
    ]);
    expect(res.byStore).toEqual([{ id: w.store.id, name: w.store.name, ...res.totals }]);
    const byOwner = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&ownerId=${f.b.user.id}`));
    expect(byOwner.totals).toMatchObject({ count: 5, wonCount: 0, winRate: null });
    expect(byOwner.stages[0]).toMatchObject({ count: 5, amountFen: 3_400_000 });
  });

  it('takes the period in Shanghai dates and narrows by store and region', async () => {
    t.clock.set(day(30));
    const all = ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}`));
    // The T-store one made at 00:00 on 1 November is in; the one of 23:59:59 on 31 October is out.
    expect(all.stages[0]).toMatchObject({ count: 11, amountFen: 9_250_000 });
    expect(all.byStore.map((s: { id: string; count: number }) => [s.id, s.count])).toEqual([[w.store.id, 10], [w.other.id, 1]]);
    const october = ok(await w.admin.get('/api/v1/pipeline/funnel?from=2026-10-01&to=2026-10-31'));
    expect(october.totals).toMatchObject({ count: 1, amountFen: 7_777 });
    expect(ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&regionId=${w.region.id}`)).totals.count).toBe(11);
    expect(ok(await w.admin.get(`/api/v1/pipeline/funnel?${NOV}&regionId=${w.region2.id}`)).totals).toMatchObject({ count: 0, winRate: null });
  });

  it('stays inside the caller’s scope: a store manager sees the store, a salesperson their own', async () => {
    t.clock.set(day(30));
    const manager = (await w.user(w.other.id, '店长')).client;
    const inT = ok(await manager.get(`/api/v1/pipeline/funnel?${NOV}`));
    expect(inT.totals).toMatchObject({ count: 1, amountFen: 50_000 });
    // Asking for another store does not widen the scope.
    expect(ok(await manager.get(`/api/v1/pipeline/funnel?${NOV}&storeId=${w.store.id}`)).totals.count).toBe(0);
    const bView = ok(await f.b.client.get(`/api/v1/pipeline/funnel?${NOV}`));
    expect(bView.totals).toMatchObject({ count: 5, openFen: 3_400_000 });
    expect(bView.byOwner.map((o: { id: string }) => o.id)).toEqual([f.b.user.id]);
  });

  it('refuses bad input (422)', async () => {
    const bad = await w.admin.get('/api/v1/pipeline/funnel?from=2026-11-31&stalledDays=0&ownerId=x');
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['query.from', 'query.ownerId', 'query.stalledDays']);
    expect(issuePaths(await w.admin.get('/api/v1/pipeline/funnel?from=2026-11-30&to=2026-11-01'))).toEqual(['query.to']);
    expect(issuePaths(await w.admin.get('/api/v1/pipeline/funnel?regionId=00000000-0000-4000-8000-000000000000'))).toEqual(['query.regionId']);
  });
});
