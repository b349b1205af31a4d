import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { returnOrderLines } from '../../src/modules/orders/index.ts';
import { returnShare } from '../../src/modules/orders/order-math.ts';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import { deliveredOrder, eventsOf, expectStatus, orderWorld, paidOrder } from './fixtures.ts';

/** Returns: lines and quantities back with a refund, never more than bought minus returned; `order.returned`. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('returns', () => {
  it('takes part of a line back: partially_returned, a refund payment and order.returned with the lines', async () => {
    const w = await orderWorld(t);
    const o = await deliveredOrder(w.a.admin, w);
    const table = o.lines[1];
    const r = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 1 }], reason: '茶几边角破损' }), 201);
    expect(r).toMatchObject({ kind: 'partial', refundFen: 349_900, lines: [{ lineId: table.id, quantity: 1, amountFen: 349_900 }] });
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([after.status, after.returnedFen, after.refundedFen, after.balanceFen]).toEqual(['partially_returned', 349_900, 349_900, 0]);
    expect(after.lines[1]).toMatchObject({ returnedQuantity: 1, returnedFen: 349_900 });
    expect(after.payments.at(-1)).toMatchObject({ kind: 'refund', amountFen: 349_900, returnId: r.id });
    const [e] = await eventsOf(t, o.id, 'order.returned');
    expect(e.payload).toMatchObject({ returnId: r.id, kind: 'partial', refundFen: 349_900, requestId: null, lines: [{ lineId: table.id, sku: w.table.sku, quantity: 1, amountFen: 349_900 }] });
    const stats = expectStatus(await w.a.admin.get(`/api/v1/orders/customer-stats?customerId=${w.customer.id}`), 200);
    expect(stats.totalSpentFen).toBe(o.totalFen - 349_900);
  });

  it('splits a discounted line exactly in fen, and the last piece back makes the order returned', async () => {
    const w = await orderWorld(t);
    // 3 pieces at 100.00 with 200.00 off: 100.00 for the line, 33.33 + 33.33 + 33.34 back.
    const o = await deliveredOrder(w.a.admin, w, { lines: [{ productId: w.cushion.id, quantity: 3, discountFen: 20_000 }] });
    const line = o.lines[0];
    const shares = [];
    for (let i = 0; i < 3; i++) {
      const r = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: line.id, quantity: 1 }], reason: `退第${i + 1}个` }), 201);
      shares.push(r.lines[0].amountFen);
      expect(r.kind).toBe(i === 2 ? 'full' : 'partial');
    }
    expect(shares).toEqual([3333, 3333, 3334]);
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([after.status, after.returnedFen, after.refundedFen, after.balanceFen]).toEqual(['returned', 10_000, 10_000, 0]);
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: line.id, quantity: 1 }], reason: '再退' }), 409, 'conflict');
  });

  it('never takes back more than was bought minus what came back, also when split over entries', async () => {
    const w = await orderWorld(t);
    const o = await deliveredOrder(w.a.admin, w);
    const other = await deliveredOrder(w.a.admin, w);
    const [sofa, table] = o.lines;
    const over = await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 3 }], reason: '多退' });
    expect(expectErrorBody(over, 422, 'validation_failed').issues?.[0]).toMatchObject({ path: 'body.lines.0.quantity', code: 'exceeds_returnable' });
    const split = await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 2 }, { lineId: table.id, quantity: 1 }], reason: '拆开多退' });
    expect(issuePaths(split)).toEqual(['body.lines.1.quantity']);
    const foreign = await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: other.lines[0].id, quantity: 1 }, { lineId: sofa.id, quantity: 2 }], reason: '别的单' });
    expect(issuePaths(foreign).sort()).toEqual(['body.lines.0.lineId', 'body.lines.1.quantity']);
    expect(issuePaths(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: sofa.id, quantity: 0 }], reason: '' })).sort()).toEqual(['body.lines.0.quantity', 'body.reason']);
    const refund = await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: sofa.id, quantity: 1 }], refundFen: o.totalFen + 1, reason: '多退款' });
    expect(issuePaths(refund)).toEqual(['body.refundFen']);
    const unchanged = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([unchanged.status, unchanged.returnedFen, unchanged.returns.length]).toEqual(['delivered', 0, 0]);
  });

  it('takes one of two concurrent returns of the same pieces; the other is refused', async () => {
    const w = await orderWorld(t);
    const o = await deliveredOrder(w.a.admin, w);
    const table = o.lines[1];
    const results = await Promise.all(
      [1, 2, 3].map((i) => w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: table.id, quantity: 2 }], reason: `并发退货${i}` })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422, 422]);
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([after.lines[1].returnedQuantity, after.returnedFen, after.refundedFen, after.returns.length]).toEqual([2, 699_800, 699_800, 1]);
    expect(await eventsOf(t, o.id, 'order.returned')).toHaveLength(1);
  });

  it('refuses a return before delivery (409) and without orders:approve (403)', async () => {
    const w = await orderWorld(t);
    const p = await paidOrder(w.a.admin, w);
    expect(expectErrorBody(await w.a.admin.post(`/api/v1/orders/${p.id}/returns`, { lines: [{ lineId: p.lines[0].id, quantity: 1 }], reason: '未送货' }), 409, 'conflict').message).toContain(
      'not delivered',
    );
    const d = await deliveredOrder(w.a.admin, w);
    const sales = (await userIn(t, w.a.admin, w.a.code, w.store.id, '导购')).client;
    expectErrorBody(await sales.post(`/api/v1/orders/${d.id}/returns`, { lines: [{ lineId: d.lines[0].id, quantity: 1 }], reason: '无权' }), 403, 'forbidden');
  });

  it('settles one return per customer request when the requests module calls it in its own transaction', async () => {
    const w = await orderWorld(t);
    const o = await deliveredOrder(w.a.admin, w);
    const ctx = systemCtx(t.deps.db.db, w.a.tenant.id, t.clock.now, 'requests-test');
    const requestId = crypto.randomUUID();
    const input = { orderId: o.id, lines: [{ lineId: o.lines[0].id, quantity: 1 }], reason: '客户请求退货', requestId, refundFen: 1_000_000, refundMethod: 'transfer' as const };
    const first = await t.deps.db.db.transaction((tx) => returnOrderLines(ctx, tx, input));
    const again = await t.deps.db.db.transaction((tx) => returnOrderLines(ctx, tx, input));
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ requestId, refundFen: 1_000_000, kind: 'partial' });
    const events = await eventsOf(t, o.id, 'order.returned');
    expect(events).toHaveLength(1);
    expect(events[0].payload.requestId).toBe(requestId);
    // When the request's own transaction fails, the return rolls back with it.
    await expect(
      t.deps.db.db.transaction(async (tx) => {
        await returnOrderLines(ctx, tx, { orderId: o.id, lines: [{ lineId: o.lines[1].id, quantity: 1 }], reason: '回滚', requestId: crypto.randomUUID() });
        throw new Error('request failed');
      }),
    ).rejects.toThrow('request failed');
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([after.returns.length, after.lines[1].returnedQuantity, after.refundedFen]).toEqual([1, 0, 1_000_000]);
  });
});

describe('return shares (fen arithmetic)', () => {
  it('adds up to the line amount whatever the order and size of the returns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 1e9 }), (amount, bought, seed) => {
        let back = 0;
        let sum = 0;
        let s = seed;
        while (back < bought) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const k = 1 + (s % (bought - back));
          const share = returnShare(amount, bought, back, k);
          expect(Number.isInteger(share) && share >= 0).toBe(true);
          sum += share;
          back += k;
        }
        expect(sum).toBe(amount);
      }),
    );
  });
});
