import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onOrderPaid } from '../../src/modules/loyalty/order-points.ts';
import { makeCategory, makeProduct, makeSeries } from '../catalogue/fixtures.ts';
import { createCustomer } from '../factories.ts';
import { loginAs, makeStore, type TestApp, testApp } from '../helpers.ts';
import { deliveredOrder, expectStatus, type OrderOut, type OrderWorld, paidOrder } from '../orders/fixtures.ts';
import { deliverAgain, enrol, entriesOf, eventOf, loyaltyWorld, memberOf, ok, verify } from './fixtures.ts';
import { double, fixed, makeRule, partOf, type RuleOut } from './bonus-fixtures.ts';

/** Bonus points on paid orders through the real outbox (LOY-2): conditions, stacking, windows, breakdown, returns. */

let t: TestApp;
const NOW = '2026-11-22T07:30:00.000Z'; // Shanghai 22 November 15:30; lunar 10th month, 14th day
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.app.close();
});

// The standard order of orderWorld: sofa 12,999 − 999 + two tables at 3,499 = 18,998 yuan, all living room, all one series.
const TOTAL_FEN = 1_899_800;
const base = (o: OrderOut, basisFen = o.totalFen) => ({ rule: 'base', orderNo: o.orderNo, basisFen, rate: { points: 1, yuan: 1 }, points: Math.floor(basisFen / 100) });

const drain = (w: OrderWorld) => t.deps.jobs.drain(w.a.tenant.id);

/** Set the clock, and log the administrator in again (a session lasts 12 hours). */
async function moveTo(w: OrderWorld, at: string) {
  t.clock.set(at);
  w.a.admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
}

/** The earn entry of an order. */
async function earnOf(w: OrderWorld, memberId: string, o: OrderOut) {
  const e = (await entriesOf(w.a.admin, memberId, '&kind=earn')).find((x) => x.orderId === o.id);
  if (!e) throw new Error(`no earn entry for ${o.orderNo}`);
  return e;
}

/** One table (3,499 yuan) for a customer. */
const tableFor = (w: OrderWorld, customerId: string, extra: Record<string, unknown> = {}) =>
  paidOrder(w.a.admin, w, { customerId, lines: [{ productId: w.table.id, quantity: 1 }], ...extra });

describe('conditions', () => {
  it('doubles the points at stores of a kind and writes one entry listing the base and the rule; other kinds are left alone', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const direct = await makeRule(t, w.a.admin, { name: '直营店双倍积分', conditions: { storeKinds: ['direct'] } });
    await makeRule(t, w.a.admin, { name: '加盟店三倍积分', effect: { kind: 'multiplier', percent: 300 }, conditions: { storeKinds: ['franchise'] } });
    const o = await paidOrder(w.a.admin, w);
    await drain(w);
    const entries = await entriesOf(w.a.admin, m.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'earn', points: 37_996, balanceAfter: 37_996, orderId: o.id });
    expect(entries[0].breakdown).toEqual([base(o), partOf(direct, TOTAL_FEN, 18_998)]);
    const award = await t.deps.db.pool.query('SELECT points_earned::int AS p, basis_fen::int AS b FROM loyalty_order_awards WHERE order_id = $1', [o.id]);
    expect(award.rows[0]).toEqual({ p: 37_996, b: TOTAL_FEN });
  });

  it('matches a store named, or any store below a region named', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const elsewhere = await makeStore(w.a.admin, w.a.hq.id);
    const region = await makeRule(t, w.a.admin, { name: '华东大区加赠', effect: fixed(100), stackable: true, conditions: { storeIds: [w.region.id] } });
    const single = await makeRule(t, w.a.admin, { name: '新店开业加赠', effect: fixed(7), stackable: true, conditions: { storeIds: [elsewhere.id] } });
    const inRegion = await tableFor(w, w.customer.id);
    const outside = await tableFor(w, w.customer.id, { storeId: elsewhere.id });
    await drain(w);
    expect((await earnOf(w, m.id, inRegion)).breakdown).toEqual([base(inRegion), partOf(region, 349_900, 100)]);
    expect((await earnOf(w, m.id, outside)).breakdown).toEqual([base(outside), partOf(single, 349_900, 7)]);
  });

  it('earns a product rule on the paid share of the matching lines: categories include those below them, series narrow them', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const bedroom = await makeCategory(w.a.admin, { name: '卧室' });
    const sofas = await makeCategory(w.a.admin, { name: '沙发', parentId: w.livingRoom.id });
    const bed = await makeProduct(w.a.admin, { name: '实木床', priceFen: 500_000, categoryId: bedroom.id });
    const fabricSofa = await makeProduct(w.a.admin, { name: '布艺沙发', priceFen: 300_000, categoryId: sofas.id });
    const otherSeries = await makeSeries(w.a.admin);
    const beds = await makeRule(t, w.a.admin, { name: '卧室三倍', effect: { kind: 'multiplier', percent: 300 }, stackable: true, conditions: { categoryIds: [bedroom.id] } });
    const living = await makeRule(t, w.a.admin, { name: '客厅双倍', effect: double, stackable: true, conditions: { categoryIds: [w.livingRoom.id] } });
    const series = await makeRule(t, w.a.admin, { name: '套系加赠', effect: fixed(300), stackable: true, conditions: { seriesIds: [w.series.id] } });
    const both = await makeRule(t, w.a.admin, { name: '客厅套系1.5倍', effect: { kind: 'multiplier', percent: 150 }, stackable: true, conditions: { categoryIds: [w.livingRoom.id], seriesIds: [w.series.id] } });
    await makeRule(t, w.a.admin, { name: '别的套系', effect: fixed(999), stackable: true, conditions: { seriesIds: [otherSeries.id] } });
    const o = await paidOrder(w.a.admin, w, {
      lines: [
        { productId: bed.id, quantity: 1 },
        { productId: fabricSofa.id, quantity: 1 },
        { productId: w.table.id, quantity: 1 },
      ],
    });
    await drain(w);
    const e = await earnOf(w, m.id, o);
    // 11,499 base; beds: 5,000 × 2 more; living room (the fabric sofa below it, the table): 6,499; the series (the table
    // only): 300; living room and series (the table): floor(3,499 × 0.5) = 1,749.
    expect(e.breakdown).toEqual([base(o), partOf(beds, 500_000, 10_000), partOf(living, 649_900, 6_499), partOf(series, 349_900, 300), partOf(both, 349_900, 1_749)]);
    expect(e.points).toBe(11_499 + 10_000 + 6_499 + 300 + 1_749);
  });

  it('gives the birthday-month bonus by the solar month, or by the lunar month of the payment day for a lunar birthday', async () => {
    const w = await loyaltyWorld(t);
    const rule = await makeRule(t, w.a.admin, { name: '生日月加赠', effect: fixed(2_000), conditions: { birthdayMonth: true } });
    const people = {
      solarNovember: { calendar: 'solar', month: 11, day: 5 },
      solarOctober: { calendar: 'solar', month: 10, day: 14 },
      lunarTenth: { calendar: 'lunar', month: 10, day: 1 },
      lunarEleventh: { calendar: 'lunar', month: 11, day: 22 },
      none: null,
    } as const;
    const got: Record<string, number> = {};
    for (const [who, birthday] of Object.entries(people)) {
      const c = await createCustomer(w.a.admin, { name: `客户${who}`, storeId: w.store.id, birthday });
      const m = await enrol(w.a.admin, c.id);
      const o = await tableFor(w, c.id);
      await drain(w);
      const e = await earnOf(w, m.id, o);
      got[who] = e.points;
      if (e.points > 3_499) expect(e.breakdown).toEqual([base(o), partOf(rule, 349_900, 2_000)]);
    }
    expect(got).toEqual({ solarNovember: 5_499, solarOctober: 3_499, lunarTenth: 5_499, lunarEleventh: 3_499, none: 3_499 });
  });

  it('counts a leap lunar month for a leap-month birthday only', async () => {
    t.clock.set('2025-08-01T04:00:00.000Z'); // the leap sixth lunar month of 2025
    try {
      const w = await loyaltyWorld(t);
      await makeRule(t, w.a.admin, { name: '生日月加赠', effect: fixed(2_000), conditions: { birthdayMonth: true } });
      const ordinary = await createCustomer(w.a.admin, { name: '六月生', storeId: w.store.id, birthday: { calendar: 'lunar', month: 6, day: 8 } });
      const leap = await createCustomer(w.a.admin, { name: '闰六月生', storeId: w.store.id, birthday: { calendar: 'lunar', month: 6, day: 8, leapMonth: true } });
      const mo = await enrol(w.a.admin, ordinary.id);
      const ml = await enrol(w.a.admin, leap.id);
      const oo = await tableFor(w, ordinary.id);
      const ol = await tableFor(w, leap.id);
      await drain(w);
      expect((await earnOf(w, mo.id, oo)).points).toBe(3_499);
      expect((await earnOf(w, ml.id, ol)).points).toBe(5_499);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('matches the order’s campaign', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const campaign = randomUUID();
    const rule = await makeRule(t, w.a.admin, { name: '双十一活动', effect: fixed(888), conditions: { campaignIds: [campaign] } });
    const inCampaign = await tableFor(w, w.customer.id, { campaignId: campaign });
    const otherCampaign = await tableFor(w, w.customer.id, { campaignId: randomUUID() });
    const none = await tableFor(w, w.customer.id);
    await drain(w);
    expect((await earnOf(w, m.id, inCampaign)).breakdown).toEqual([base(inCampaign), partOf(rule, 349_900, 888)]);
    expect((await earnOf(w, m.id, otherCampaign)).points).toBe(3_499);
    expect((await earnOf(w, m.id, none)).points).toBe(3_499);
  });

  it('needs every condition a rule names', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const campaign = randomUUID();
    await makeRule(t, w.a.admin, { name: '加盟店活动', effect: fixed(500), conditions: { storeKinds: ['franchise'], campaignIds: [campaign] } });
    const o = await tableFor(w, w.customer.id, { campaignId: campaign }); // right campaign, direct store
    await drain(w);
    expect((await earnOf(w, m.id, o)).breakdown).toEqual([base(o)]);
  });
});

describe('stacking', () => {
  it('adds every stackable rule and only the non-stackable one giving most points', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const a = await makeRule(t, w.a.admin, { name: '会员日双倍', effect: double, stackable: true });
    const b = await makeRule(t, w.a.admin, { name: '到店礼', effect: fixed(300), stackable: true });
    const c = await makeRule(t, w.a.admin, { name: '1.5倍', effect: { kind: 'multiplier', percent: 150 } });
    await makeRule(t, w.a.admin, { name: '满额送5000', effect: fixed(5_000) });
    const o = await paidOrder(w.a.admin, w);
    await drain(w);
    const e = await earnOf(w, m.id, o);
    expect(e.breakdown).toEqual([base(o), partOf(a, TOTAL_FEN, 18_998), partOf(b, TOTAL_FEN, 300), partOf(c, TOTAL_FEN, 9_499)]);
    expect(e.points).toBe(18_998 + 18_998 + 300 + 9_499);
  });

  it('breaks a tie between non-stackable rules by priority, then by age', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    await makeRule(t, w.a.admin, { name: '低优先', effect: fixed(1_000), priority: 1 });
    const high = await makeRule(t, w.a.admin, { name: '高优先', effect: fixed(1_000), priority: 5 });
    await makeRule(t, w.a.admin, { name: '高优先但较新', effect: fixed(1_000), priority: 5 });
    const o = await tableFor(w, w.customer.id);
    await drain(w);
    expect((await earnOf(w, m.id, o)).breakdown).toEqual([base(o), partOf(high, 349_900, 1_000)]);
  });
});

describe('time', () => {
  it('applies a rule on the Shanghai days of its window, judged at the payment time however late the event is applied', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const rule = await makeRule(t, w.a.admin, { name: '十二月加赠', effect: fixed(1_000), validFrom: '2026-12-01', validTo: '2026-12-31' });
    const paidAt = ['2026-11-30T15:59:59.000Z', '2026-11-30T16:00:00.000Z', '2026-12-31T15:59:59.000Z', '2026-12-31T16:00:00.000Z'];
    const orders: OrderOut[] = [];
    for (const at of paidAt) {
      await moveTo(w, at);
      orders.push(await tableFor(w, w.customer.id));
    }
    // The events are applied in January: the window is judged by when the orders were paid.
    await moveTo(w, '2027-01-05T02:00:00.000Z');
    await drain(w);
    const points = await Promise.all(orders.map(async (o) => (await earnOf(w, m.id, o)).points));
    expect(points).toEqual([3_499, 4_499, 4_499, 3_499]);
    expect((await earnOf(w, m.id, orders[1])).breakdown).toEqual([base(orders[1]), partOf(rule, 349_900, 1_000)]);
    t.clock.set(NOW);
  });

  it('leaves past awards as they were when a rule is changed or deactivated; later orders follow the rule as it is', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const rule = await makeRule(t, w.a.admin, { name: '周末双倍', effect: double });
    const first = await paidOrder(w.a.admin, w);
    await drain(w);
    const before = await earnOf(w, m.id, first);
    expect(before.points).toBe(37_996);

    const changed: RuleOut = ok(await w.a.admin.patch(`/api/v1/loyalty/bonus-rules/${rule.id}`, { name: '周末三倍', effect: { kind: 'multiplier', percent: 300 } }));
    const second = await paidOrder(w.a.admin, w);
    await drain(w);
    expect(await earnOf(w, m.id, first)).toEqual(before);
    expect((await earnOf(w, m.id, second)).breakdown).toEqual([base(second), partOf(changed, TOTAL_FEN, 37_996)]);

    ok(await w.a.admin.delete(`/api/v1/loyalty/bonus-rules/${rule.id}`));
    const third = await paidOrder(w.a.admin, w);
    await drain(w);
    expect(await earnOf(w, m.id, first)).toEqual(before);
    expect((await earnOf(w, m.id, third)).breakdown).toEqual([base(third)]);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(37_996 + 56_994 + 18_998);
  });
});

describe('awards with a bonus', () => {
  it('takes back the returned share of a double-points award, and all of it after a full return', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    await makeRule(t, w.a.admin, { name: '双倍积分', effect: double, conditions: { seriesIds: [w.series.id] } });
    await makeRule(t, w.a.admin, { name: '到店礼', effect: fixed(101), stackable: true });
    const o = await deliveredOrder(w.a.admin, w);
    await drain(w);
    expect((await earnOf(w, m.id, o)).points).toBe(18_998 * 2 + 101);
    const [sofa, table] = o.lines;
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 1 }], reason: '茶几破损' }), 201);
    await drain(w);
    // floor(38,097 × 3,499 ÷ 18,998) = 7,016: the table's share of everything the order earned.
    expect((await entriesOf(w.a.admin, m.id))[0]).toMatchObject({ kind: 'reverse', points: -7_016, balanceAfter: 31_081 });
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 1 }, { lineId: sofa.id, quantity: 1 }], reason: '整单退货' }), 201);
    await drain(w);
    const entries = await entriesOf(w.a.admin, m.id);
    expect(entries[0]).toMatchObject({ kind: 'reverse', points: -31_081, balanceAfter: 0 });
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('makes one entry, bonus included, when the paid event is applied again after the rules changed', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const rule = await makeRule(t, w.a.admin, { name: '双倍积分', effect: double });
    const o = await paidOrder(w.a.admin, w);
    await drain(w);
    ok(await w.a.admin.patch(`/api/v1/loyalty/bonus-rules/${rule.id}`, { effect: { kind: 'multiplier', percent: 500 } }));
    const paid = await eventOf(t, o.id, 'order.paid');
    await deliverAgain(t, paid, onOrderPaid);
    const entries = await entriesOf(w.a.admin, m.id);
    expect(entries.map((e) => [e.sourceId, e.points])).toEqual([[paid.id, 37_996]]);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(37_996);
  });

  it('previews exactly what the real award gives, by the same rules', async () => {
    const w = await loyaltyWorld(t);
    const birthday = { calendar: 'lunar', month: 10, day: 3 };
    const c = await createCustomer(w.a.admin, { name: '预览客户', storeId: w.store.id, birthday });
    const m = await enrol(w.a.admin, c.id);
    const campaign = randomUUID();
    await makeRule(t, w.a.admin, { name: '生日月', effect: fixed(2_000), conditions: { birthdayMonth: true } });
    await makeRule(t, w.a.admin, { name: '套系双倍', effect: double, stackable: true, conditions: { seriesIds: [w.series.id] } });
    await makeRule(t, w.a.admin, { name: '活动加赠', effect: fixed(66), stackable: true, conditions: { campaignIds: [campaign] } });
    const lines = [
      { productId: w.table.id, quantity: 1 },
      { productId: w.cushion.id, quantity: 2 },
    ];
    const o = await paidOrder(w.a.admin, w, { customerId: c.id, campaignId: campaign, lines });
    await drain(w);
    const e = await earnOf(w, m.id, o);
    const preview = ok(
      await w.a.admin.post('/api/v1/loyalty/bonus-rules/preview', {
        storeId: w.store.id,
        paidFen: o.totalFen,
        paidAt: o.paidAt,
        customerId: c.id,
        campaignId: campaign,
        lines: [
          { categoryId: w.livingRoom.id, seriesId: w.series.id, amountFen: 349_900 },
          { categoryId: w.livingRoom.id, seriesId: null, amountFen: 20_000 },
        ],
      }),
    );
    const { orderNo: _orderNo, ...previewBase } = e.breakdown[0];
    expect(preview.breakdown).toEqual([previewBase, ...e.breakdown.slice(1)]);
    expect(preview).toMatchObject({ points: e.points, basePoints: 3_699, bonusPoints: 2_000 + 3_499 + 66, basisFen: 369_900, outranked: [] });
  });
});
