import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../factories.ts';
import { createCustomer } from '../factories.ts';
import { type Client, type TestApp, testApp } from '../helpers.ts';
import { smallCatalogue } from '../catalogue/fixtures.ts';
import { ok, setTarget, targetsWorld, type TargetsWorld } from './targets-world.ts';

/**
 * STAFF-1 progress, against a hand-built month: paid orders (signed sales, from the orders module) and opportunities
 * won or expected to close in the period (from the opportunities module), per person, store and region, as a
 * percentage of the target, with the month's expected-progress line.
 */

const NOV_10 = '2026-11-10T04:00:00.000Z'; // 12:00 in Shanghai, day 10 of 30

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOV_10);
});
afterAll(async () => {
  await t.app.close();
});


interface NodeOut {
  key: string;
  parentKey: string | null;
  targetFen: number | null;
  effectiveTargetFen: number | null;
  ordersFen: number;
  wonFen: number | null;
  weightedFen: number | null;
  openFen: number | null;
  ordersPct: number | null;
  wonPct: number | null;
  forecastPct: number | null;
}
async function progress(c: Client, query: string) {
  const body = ok(await c.get(`/api/v1/targets/progress?${query}`));
  return { ...body, node: (key: string) => (body.nodes as NodeOut[]).find((n) => n.key === key)! } as {
    expectedPct: number;
    elapsedDays: number;
    totalDays: number;
    from: string;
    to: string;
    pipelineAvailable: boolean;
    nodes: NodeOut[];
    node: (key: string) => NodeOut;
  };
}

/** An order of the store's customer for the salesperson, confirmed and paid in full at the clock's time. */
async function paidOrder(admin: Client, body: { customerId: string; storeId: string; salespersonId: string; lines: { productId: string; quantity: number }[] }) {
  const o = ok(await admin.post('/api/v1/orders', body), 201);
  ok(await admin.post(`/api/v1/orders/${o.id}/confirm`));
  ok(await admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'wechat', amountFen: o.totalFen }), 201);
  return o as { id: string; totalFen: number };
}

async function opportunity(admin: Client, body: { customerId: string; ownerId: string; amountFen: number; stageKey?: string; expectedCloseDate?: string }) {
  return ok(await admin.post('/api/v1/opportunities', { name: '全屋定制', ...body }), 201) as { id: string; version: number };
}
async function win(admin: Client, o: { id: string; version: number }) {
  return ok(await admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'won', version: o.version }));
}

/** The hand-built month: see each line's comment for what counts in November. */
async function month(w: TargetsWorld) {
  const { sofa, table, cushion } = await smallCatalogue(w.admin);
  const custA = await createCustomer(w.admin, { name: '王女士', storeId: w.storeA.id });
  const custB = await createCustomer(w.admin, { name: '陈先生', storeId: w.storeB.id });

  // Late October: an order paid at 23:30 on the 31st (Shanghai) and an opportunity won then: not November's.
  t.clock.set('2026-10-31T15:30:00.000Z');
  await paidOrder(w.admin, { customerId: custB.id, storeId: w.storeB.id, salespersonId: w.salesB.user.id, lines: [{ productId: table.id, quantity: 1 }] });
  await win(w.admin, await opportunity(w.admin, { customerId: custA.id, ownerId: w.sales2.user.id, amountFen: 7_000_000 }));
  // Midnight: November 1st in Shanghai (still October 31st in UTC) — November's.
  t.clock.set('2026-10-31T16:00:00.000Z');
  const o4 = await paidOrder(w.admin, { customerId: custB.id, storeId: w.storeB.id, salespersonId: w.salesB.user.id, lines: [{ productId: cushion.id, quantity: 3 }] });

  t.clock.set(NOV_10);
  const o1 = await paidOrder(w.admin, { customerId: custA.id, storeId: w.storeA.id, salespersonId: w.sales1.user.id, lines: [{ productId: sofa.id, quantity: 1 }] });
  const o2 = await paidOrder(w.admin, { customerId: custA.id, storeId: w.storeA.id, salespersonId: w.sales2.user.id, lines: [{ productId: table.id, quantity: 2 }] });
  // Confirmed but not paid: not signed yet.
  const draft = ok(await w.admin.post('/api/v1/orders', { customerId: custA.id, storeId: w.storeA.id, salespersonId: w.sales1.user.id, lines: [{ productId: sofa.id, quantity: 5 }] }), 201);
  ok(await w.admin.post(`/api/v1/orders/${draft.id}/confirm`));

  await win(w.admin, await opportunity(w.admin, { customerId: custA.id, ownerId: w.sales1.user.id, amountFen: 2_000_000 }));
  // Open, expected to close in November at 方案设计 (60 %): weighted 600,000.
  await opportunity(w.admin, { customerId: custA.id, ownerId: w.sales1.user.id, amountFen: 1_000_000, stageKey: 'design', expectedCloseDate: '2026-11-25' });
  // Open but expected in December: not November's pipeline.
  await opportunity(w.admin, { customerId: custB.id, ownerId: w.salesB.user.id, amountFen: 500_000, stageKey: 'negotiation', expectedCloseDate: '2026-12-05' });
  return { o1, o2, o4 };
}

describe('target progress', () => {
  it('measures each person, store and region against the target: signed orders, won and weighted pipeline, with the expected line', async () => {
    const w = await targetsWorld(t);
    const { o1, o2, o4 } = await month(w);
    await setTarget(t, w.admin, 'unit', w.east.id, 10_000_000);
    await setTarget(t, w.admin, 'unit', w.storeA.id, 5_000_000);
    await setTarget(t, w.admin, 'user', w.sales1.user.id, 3_000_000);

    const p = await progress(w.regional.client, 'period=2026-11');
    expect(p).toMatchObject({ from: '2026-11-01', to: '2026-11-30', elapsedDays: 10, totalDays: 30, expectedPct: 33.3, pipelineAvailable: true });
    expect(p.node(`user:${w.sales1.user.id}`)).toMatchObject({
      targetFen: 3_000_000, ordersFen: o1.totalFen, wonFen: 2_000_000, weightedFen: 600_000, openFen: 1_000_000,
      ordersPct: Math.round((o1.totalFen / 3_000_000) * 1000) / 10, wonPct: 66.7, forecastPct: 86.7,
    });
    expect(p.node(`user:${w.sales2.user.id}`)).toMatchObject({ targetFen: null, ordersFen: o2.totalFen, wonFen: 0, ordersPct: null });
    expect(p.node(`unit:${w.storeA.id}`)).toMatchObject({ targetFen: 5_000_000, ordersFen: o1.totalFen + o2.totalFen, wonFen: 2_000_000, weightedFen: 600_000, wonPct: 40 });
    expect(p.node(`unit:${w.storeB.id}`)).toMatchObject({ ordersFen: o4.totalFen, wonFen: 0, weightedFen: 0, openFen: 0 });
    expect(p.node(`user:${w.salesB.user.id}`)).toMatchObject({ ordersFen: o4.totalFen });
    expect(p.node(`unit:${w.east.id}`)).toMatchObject({
      targetFen: 10_000_000, ordersFen: o1.totalFen + o2.totalFen + o4.totalFen, wonFen: 2_000_000, weightedFen: 600_000, forecastPct: 26,
    });
    // October counts October's: the late order and the opportunity won then.
    const oct = await progress(w.regional.client, 'period=2026-10');
    expect(oct.node(`unit:${w.storeB.id}`).ordersFen).toBeGreaterThan(0);
    expect(oct.node(`user:${w.sales2.user.id}`)).toMatchObject({ wonFen: 7_000_000, ordersFen: 0 });
    expect(oct.expectedPct).toBe(100);
    // The quarter adds the months up.
    const q4 = await progress(w.regional.client, 'period=2026-Q4');
    expect(q4.node(`unit:${w.east.id}`).ordersFen).toBe(oct.node(`unit:${w.east.id}`).ordersFen + p.node(`unit:${w.east.id}`).ordersFen);
    expect(q4).toMatchObject({ from: '2026-10-01', to: '2026-12-31', elapsedDays: 41, totalDays: 92, expectedPct: 44.6 });
  });

  it('shows a store manager its store and its people, a salesperson only themselves, and nobody a unit outside their reach', async () => {
    const w = await targetsWorld(t);
    const { o1 } = await month(w);
    await setTarget(t, w.admin, 'unit', w.storeA.id, 5_000_000);
    await setTarget(t, w.admin, 'user', w.sales1.user.id, 3_000_000);

    const store = await progress(w.managerA.client, 'period=2026-11');
    expect(store.nodes.map((n) => n.key).sort()).toEqual(
      [`unit:${w.storeA.id}`, `user:${w.managerA.user.id}`, `user:${w.sales1.user.id}`, `user:${w.sales2.user.id}`].sort(),
    );
    expectErrorBody(await w.managerA.client.get(`/api/v1/targets/progress?period=2026-11&unitId=${w.storeB.id}`), 404, 'not_found');
    expectErrorBody(await w.managerA.client.get(`/api/v1/targets/progress?period=2026-11&unitId=${w.east.id}`), 404, 'not_found');

    const mine = await progress(w.sales1.client, 'period=2026-11');
    expect(mine.nodes).toHaveLength(1);
    expect(mine.nodes[0]).toMatchObject({ key: `user:${w.sales1.user.id}`, parentKey: null, targetFen: 3_000_000, ordersFen: o1.totalFen, wonFen: 2_000_000 });
    expectErrorBody(await w.sales1.client.get(`/api/v1/targets/progress?period=2026-11&unitId=${w.storeA.id}`), 404, 'not_found');
  });

  it('draws the expected line from the days of the period gone by in Shanghai (today included)', async () => {
    t.clock.set('2026-11-30T16:30:00.000Z'); // 00:30 on December 1st in Shanghai
    const w = await targetsWorld(t);
    expect(await progress(w.admin, 'period=2026-11')).toMatchObject({ elapsedDays: 30, expectedPct: 100 });
    expect(await progress(w.admin, 'period=2026-12')).toMatchObject({ elapsedDays: 1, totalDays: 31, expectedPct: 3.2 });
    expect(await progress(w.admin, 'period=2027')).toMatchObject({ elapsedDays: 0, totalDays: 365, expectedPct: 0 });
    expect(await progress(w.admin, 'period=2028-02')).toMatchObject({ totalDays: 29 });
    t.clock.set(NOV_10);
  });
});
