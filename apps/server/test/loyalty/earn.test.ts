import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onOrderPaid, onOrderReturned } from '../../src/modules/loyalty/order-points.ts';
import { createCustomer } from '../factories.ts';
import { makeStore, type TestApp, testApp } from '../helpers.ts';
import { deliveredOrder, expectStatus, newOrder, paidOrder } from '../orders/fixtures.ts';
import { deliverAgain, enrol, entriesOf, eventOf, loyaltyWorld, memberOf, ok, setSettings, verify } from './fixtures.ts';

/** Points from paid orders through the real outbox, and their reversal on returns (LOY-1, LOY-4, LOY-8). */

let t: TestApp;
const NOW = '2026-11-22T07:30:00.000Z';
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.app.close();
});

// The standard order of orderWorld: sofa 12,999 − 999 + two tables at 3,499 = 18,998 yuan.
const TOTAL_FEN = 1_899_800;

describe('earning on order.paid', () => {
  it('awards an enrolled customer 1 point per yuan paid, at the order’s store, with the rule and a lot that expires at the end of next year', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const o = await paidOrder(w.a.admin, w);
    expect(o.totalFen).toBe(TOTAL_FEN);
    await t.deps.jobs.drain(w.a.tenant.id);
    const [e] = await entriesOf(w.a.admin, m.id);
    expect(e).toMatchObject({ kind: 'earn', points: 18_998, balanceAfter: 18_998, sourceType: 'event', orderId: o.id, storeId: w.store.id, expiresAt: '2027-12-31T16:00:00.000Z' });
    expect(e.breakdown).toEqual([{ rule: 'base', orderNo: o.orderNo, basisFen: TOTAL_FEN, rate: { points: 1, yuan: 1 }, points: 18_998 }]);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(18_998);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('uses the store kind’s rate and floors once per order', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { earn: { base: { points: 1, yuan: 10 }, byStoreKind: { franchise: { points: 3, yuan: 2 } }, rounding: 'floor_per_order' } });
    const franchise = await makeStore(w.a.admin, w.region.id, 'franchise');
    const m = await enrol(w.a.admin, w.customer.id);
    await paidOrder(w.a.admin, w); // direct store: 18,998 / 10 = 1,899.8 → 1,899
    await paidOrder(w.a.admin, w, { storeId: franchise.id }); // franchise: 18,998 × 3 / 2 = 28,497
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.cushion.id, quantity: 1, discountFen: 9_999 }] }); // 0.01 yuan: nothing
    await t.deps.jobs.drain(w.a.tenant.id);
    // The worker delivers the two payments in either order: compare the awards, not their sequence.
    const entries = await entriesOf(w.a.admin, m.id);
    expect(entries.map((e) => [e.points, e.breakdown[0].rule]).sort((x, y) => Number(y[0]) - Number(x[0]))).toEqual([
      [28_497, 'store_kind:franchise'],
      [1_899, 'base'],
    ]);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(30_396);
  });

  it('gives nothing to customers who are not members, or who enrolled after paying (not retroactive)', async () => {
    const w = await loyaltyWorld(t);
    await paidOrder(w.a.admin, w);
    t.clock.set('2026-11-22T07:31:00.000Z');
    const m = await enrol(w.a.admin, w.customer.id);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect(await entriesOf(w.a.admin, m.id)).toEqual([]);
    // The next order counts.
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await entriesOf(w.a.admin, m.id)).map((e) => e.points)).toEqual([18_998]);
    t.clock.set(NOW);
  });

  it('creates one entry when the same event is applied twice', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const o = await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    const paid = await eventOf(t, o.id, 'order.paid');
    await deliverAgain(t, paid, onOrderPaid);
    await deliverAgain(t, paid, onOrderPaid);
    expect((await entriesOf(w.a.admin, m.id)).map((e) => e.sourceId)).toEqual([paid.id]);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(18_998);
  });
});

describe('reversal on order.returned', () => {
  it('takes back the returned lines’ share, cumulatively, and everything after a full return', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const o = await deliveredOrder(w.a.admin, w);
    const [sofa, table] = o.lines;
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 1 }], reason: '茶几破损' }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    let entries = await entriesOf(w.a.admin, m.id);
    expect(entries[0]).toMatchObject({ kind: 'reverse', points: -3_499, balanceAfter: 15_499, orderId: o.id });
    // The same return event again changes nothing.
    const returned = await eventOf(t, o.id, 'order.returned');
    await deliverAgain(t, returned, onOrderReturned);
    expect(await entriesOf(w.a.admin, m.id)).toHaveLength(2);

    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 1 }, { lineId: sofa.id, quantity: 1 }], reason: '整单退货' }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    entries = await entriesOf(w.a.admin, m.id);
    expect(entries[0]).toMatchObject({ kind: 'reverse', points: -15_499, balanceAfter: 0 });
    expect(entries.filter((e) => e.kind === 'reverse').reduce((s, e) => s + e.points, 0)).toBe(-18_998);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('lets the balance go negative when points were spent (allow_negative), and later points pay the debt first', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { adjustments: { approvalThreshold: 1_000_000 } });
    const m = await enrol(w.a.admin, w.customer.id);
    const o = await deliveredOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    ok(await w.a.admin.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: -18_000, reason: '兑换礼品（手工）' }), 201);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: o.lines[1].id, quantity: 1 }], reason: '退一张茶几' }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await entriesOf(w.a.admin, m.id))[0]).toMatchObject({ kind: 'reverse', points: -3_499, balanceAfter: -2_501 });
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.table.id, quantity: 1 }] }); // 3,499 points
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(998);
    const lots = await t.deps.db.pool.query('SELECT sum(remaining)::int AS open FROM points_lots WHERE account_id = $1', [m.accountId]);
    expect(lots.rows[0].open).toBe(998);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('caps the reversal at the balance and records the shortfall (cap_at_balance)', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { adjustments: { approvalThreshold: 1_000_000 }, returns: { spentPoints: 'cap_at_balance' } });
    const m = await enrol(w.a.admin, w.customer.id);
    const o = await deliveredOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    ok(await w.a.admin.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: -18_000, reason: '兑换礼品（手工）' }), 201);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: o.lines[1].id, quantity: 1 }], reason: '退一张茶几' }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    const [rev] = await entriesOf(w.a.admin, m.id);
    expect(rev).toMatchObject({ kind: 'reverse', points: -998, balanceAfter: 0 });
    expect(rev.breakdown).toContainEqual({ rule: 'shortfall', points: 2_501, requested: 3_499 });
    // Nothing left: the next return records only a shortfall.
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: o.lines[1].id, quantity: 1 }], reason: '再退一张' }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await entriesOf(w.a.admin, m.id))[0]).toMatchObject({ kind: 'reverse', points: 0, balanceAfter: 0 });
    const award = await t.deps.db.pool.query('SELECT points_reversed::int AS r, shortfall_points::int AS s, returned_fen::int AS f FROM loyalty_order_awards WHERE order_id = $1', [o.id]);
    expect(award.rows[0]).toEqual({ r: 998, s: 6_000, f: 699_800 });
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(0);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('applies a return that arrives before its order’s payment event once the award is made', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const o = await deliveredOrder(w.a.admin, w);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: o.lines[1].id, quantity: 1 }], reason: '茶几破损' }), 201);
    const paid = await eventOf(t, o.id, 'order.paid');
    const returned = await eventOf(t, o.id, 'order.returned');
    // Deliver out of order by hand (the queued deliveries then find both applied).
    await deliverAgain(t, returned, onOrderReturned);
    expect(await entriesOf(w.a.admin, m.id)).toEqual([]);
    await deliverAgain(t, paid, onOrderPaid);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await entriesOf(w.a.admin, m.id)).map((e) => [e.kind, e.points])).toEqual([
      ['reverse', -3_499],
      ['earn', 18_998],
    ]);
  });

  it('keeps other members’ points apart', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const other = await createCustomer(w.a.admin, { name: '陈静', storeId: w.store.id });
    const m2 = await enrol(w.a.admin, other.id);
    await paidOrder(w.a.admin, w);
    const o2 = await newOrder(w.a.admin, w, { customerId: other.id, lines: [{ productId: w.table.id, quantity: 1 }] });
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o2.id}/confirm`), 200);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o2.id}/payments`, { kind: 'payment', method: 'cash', amountFen: o2.totalFen }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(18_998);
    expect((await memberOf(w.a.admin, m2.id)).balance).toBe(3_499);
  });
});
