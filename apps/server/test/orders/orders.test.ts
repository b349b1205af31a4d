import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import { auditOf, deliveredOrder, eventsOf, expectStatus, newOrder, orderWorld, paidOrder } from './fixtures.ts';

/** Orders (ORD-1): lines and fen totals, the status machine, payments and the one `order.paid`, events, audit. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('creating and editing orders', () => {
  it('prices lines from the catalogue, snapshots them and adds up in fen', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w);
    expect(o.orderNo).toMatch(/^SO\d{8}\d{4}$/);
    expect(o.status).toBe('draft');
    expect(o.lines.map((l) => [l.sku, l.quantity, l.unitPriceFen, l.discountFen, l.amountFen])).toEqual([
      [w.sofa.sku, 1, 1_299_900, 99_900, 1_200_000],
      [w.table.sku, 2, 349_900, 0, 699_800],
    ]);
    expect([o.listFen, o.discountFen, o.totalFen, o.paidFen, o.balanceFen]).toEqual([1_999_700, 99_900, 1_899_800, 0, 1_899_800]);
    // A later price change in the catalogue leaves the order as sold.
    expectStatus(await w.a.admin.patch(`/api/v1/catalogue/products/${w.table.id}`, { priceFen: 1, name: '改名茶几' }), 200);
    const again = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect(again.lines[1]).toMatchObject({ unitPriceFen: 349_900, name: w.table.name });
  });

  it('numbers orders per tenant and day: SO + Shanghai date + sequence', async () => {
    const w = await orderWorld(t);
    t.clock.set('2026-11-21T16:30:00Z'); // 00:30 on 22 November in Shanghai
    const first = await newOrder(w.a.admin, w);
    const second = await newOrder(w.a.admin, w);
    expect([first.orderNo, second.orderNo]).toEqual(['SO202611220001', 'SO202611220002']);
    t.clock.set(new Date());
  });

  it('refuses bad lines with the field paths: unknown product, discount above the line, fractional fen, zero quantity', async () => {
    const w = await orderWorld(t);
    const res = await w.a.admin.post('/api/v1/orders', {
      customerId: w.customer.id,
      storeId: w.store.id,
      lines: [
        { productId: crypto.randomUUID(), quantity: 1 },
        { productId: w.table.id, quantity: 2, discountFen: 699_801 },
      ],
    });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res).sort()).toEqual(['body.lines.0.productId', 'body.lines.1.discountFen']);
    const zod = await w.a.admin.post('/api/v1/orders', {
      customerId: w.customer.id,
      lines: [{ productId: w.table.id, quantity: 0, unitPriceFen: 10.5 }],
    });
    expectErrorBody(zod, 422, 'validation_failed');
    expect(issuePaths(zod).sort()).toEqual(['body.lines.0.quantity', 'body.lines.0.unitPriceFen']);
    const noCustomer = await w.a.admin.post('/api/v1/orders', { customerId: crypto.randomUUID(), storeId: w.store.id });
    expect(issuePaths(noCustomer)).toEqual(['body.customerId']);
    // The head office is no store: an order there needs one.
    const noStore = await w.a.admin.post('/api/v1/orders', { customerId: w.customer.id });
    expect(issuePaths(noStore)).toEqual(['body.storeId']);
    const hqAsStore = await w.a.admin.post('/api/v1/orders', { customerId: w.customer.id, storeId: w.a.hq.id });
    expect(issuePaths(hqAsStore)).toEqual(['body.storeId']);
  });

  it('keeps line ids on a draft edit, and changes items only by change request once confirmed', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w);
    const edited = expectStatus(
      await w.a.admin.patch(`/api/v1/orders/${o.id}`, {
        lines: [{ id: o.lines[1].id, productId: w.table.id, quantity: 3 }, { productId: w.cushion.id, quantity: 4, discountFen: 1 }],
        notes: '客户要求周末送货',
      }),
      200,
    );
    expect(edited.lines[0].id).toBe(o.lines[1].id);
    expect(edited.lines.map((l: { amountFen: number }) => l.amountFen)).toEqual([1_049_700, 39_999]);
    expect(edited.totalFen).toBe(1_089_699);
    const audit = await auditOf(t, w.a, o.id);
    const update = audit.find((r) => r.action === 'order.updated')!;
    expect(update.changes.map((c) => c.field).sort()).toEqual(['discountFen', 'lines', 'listFen', 'notes', 'totalFen']);

    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
    const late = await w.a.admin.patch(`/api/v1/orders/${o.id}`, { lines: [{ productId: w.table.id, quantity: 1 }] });
    const err = expectErrorBody(late, 409, 'conflict');
    expect(err.message).toContain('change request');
    // Notes and attribution still change directly.
    const designerId = crypto.randomUUID();
    expect(expectStatus(await w.a.admin.patch(`/api/v1/orders/${o.id}`, { designerId }), 200).designerId).toBe(designerId);
  });
});

describe('the status machine', () => {
  it('refuses illegal moves with 409 and a message that says why', async () => {
    const w = await orderWorld(t);
    const empty = await newOrder(w.a.admin, w, { lines: [] });
    expect(expectErrorBody(await w.a.admin.post(`/api/v1/orders/${empty.id}/confirm`), 409, 'conflict').message).toContain('no lines');
    const o = await newOrder(w.a.admin, w);
    expect(expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/deliver`, {}), 409, 'conflict').message).toBe('cannot mark as delivered an order that is draft');
    expect(expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/complete`), 409, 'conflict').message).toBe('cannot complete an order that is draft');
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 409, 'conflict');
    expect(expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/deliver`, {}), 409, 'conflict').message).toContain('not paid yet');
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/cancel`, { reason: '客户退订' }), 200);
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/cancel`, { reason: '再取消' }), 409, 'conflict');
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'cash', amountFen: 100 }), 409, 'conflict');
    expectErrorBody(await w.a.admin.patch(`/api/v1/orders/${o.id}`, { notes: 'x' }), 409, 'conflict');

    const d = await deliveredOrder(w.a.admin, w);
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${d.id}/cancel`, { reason: '晚了' }), 409, 'conflict');
    const done = expectStatus(await w.a.admin.post(`/api/v1/orders/${d.id}/complete`), 200);
    expect(done.status).toBe('completed');
    expect(done.completedAt).toBeTruthy();
  });

  it('cancels with a reason (required) and emits order.cancelled', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    expect(issuePaths(await w.a.admin.post(`/api/v1/orders/${o.id}/cancel`, { reason: '  ' }))).toEqual(['body.reason']);
    const c = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/cancel`, { reason: '客户资金问题' }), 200);
    expect([c.status, c.cancelReason]).toEqual(['cancelled', '客户资金问题']);
    const [e] = await eventsOf(t, o.id, 'order.cancelled');
    expect(e.payload).toMatchObject({ orderId: o.id, orderNo: o.orderNo, reason: '客户资金问题', storeId: w.store.id, customerId: w.customer.id });
  });

  it('emits delivered and completed events with the order reference', async () => {
    const w = await orderWorld(t);
    const d = await deliveredOrder(w.a.admin, w);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${d.id}/complete`), 200);
    const types = (await eventsOf(t, d.id)).map((e) => e.type).sort();
    expect(types).toEqual(['order.completed', 'order.delivered', 'order.paid']);
    const [delivered] = await eventsOf(t, d.id, 'order.delivered');
    expect(delivered.payload).toMatchObject({ orderId: d.id, orderNo: d.orderNo, deliveredAt: expect.any(String) });
  });

  it('refuses a delivery time in the future', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    const res = await w.a.admin.post(`/api/v1/orders/${o.id}/deliver`, { deliveredAt: new Date(t.clock.now().getTime() + 86400_000).toISOString() });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.deliveredAt']);
  });
});

describe('payments and order.paid', () => {
  it('becomes paid when deposit and payments cover the total, emitting order.paid once with the lines', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w, { deliveryDate: '2026-12-05' });
    // A deposit taken on the draft does not make it paid: only a confirmed order is.
    const dep = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'deposit', method: 'cash', amountFen: 500_000, reference: 'R-001' }), 201);
    expect([dep.status, dep.paidFen, dep.balanceFen]).toEqual(['draft', 500_000, 1_399_800]);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
    const part = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'card', amountFen: 1_399_799 }), 201);
    expect([part.status, part.balanceFen]).toEqual(['confirmed', 1]);
    const full = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'alipay', amountFen: 1 }), 201);
    expect([full.status, full.balanceFen]).toEqual(['paid', 0]);
    expect(full.paidAt).toBeTruthy();
    const paid = await eventsOf(t, o.id, 'order.paid');
    expect(paid).toHaveLength(1);
    expect(paid[0].payload).toMatchObject({
      orderId: o.id, orderNo: o.orderNo, customerId: w.customer.id, storeId: w.store.id, totalFen: 1_899_800, paidFen: 1_899_800, deliveryDate: '2026-12-05',
    });
    expect((paid[0].payload.lines as { sku: string; amountFen: number; seriesId: string | null; categoryId: string | null }[]).map((l) => [l.sku, l.amountFen, l.seriesId, l.categoryId])).toEqual([
      [w.sofa.sku, 1_200_000, w.series.id, w.livingRoom.id],
      [w.table.sku, 699_800, w.series.id, w.livingRoom.id],
    ]);
    // A refund and a new payment later do not pay it twice.
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'refund', method: 'alipay', amountFen: 100 }), 201);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'alipay', amountFen: 100 }), 201);
    expect(await eventsOf(t, o.id, 'order.paid')).toHaveLength(1);
  });

  it('emits order.paid once when two payments arrive at the same moment', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
    const half = o.totalFen / 2;
    const results = await Promise.all([1, 2, 3].map((i) => w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'wechat', amountFen: half, reference: `P-${i}` })));
    // Two fit, the third would pay more than is owed.
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 422]);
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([after.status, after.paidFen, after.payments.length]).toEqual(['paid', o.totalFen, 2]);
    expect(await eventsOf(t, o.id, 'order.paid')).toHaveLength(1);
  });

  it('confirms straight to paid when the deposit already covers the order', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w, { lines: [{ productId: w.cushion.id, quantity: 1 }] });
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'deposit', method: 'cash', amountFen: 10_000 }), 201);
    expect(expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200).status).toBe('paid');
    expect(await eventsOf(t, o.id, 'order.paid')).toHaveLength(1);
  });

  it('refuses overpayment, refunds above what was received and a reference used twice', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w);
    const over = await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'deposit', method: 'cash', amountFen: o.totalFen + 1 });
    expect(expectErrorBody(over, 422, 'validation_failed').issues?.[0]).toMatchObject({ path: 'body.amountFen', code: 'exceeds_balance' });
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'deposit', method: 'cash', amountFen: 1000, reference: 'X1' }), 201);
    const refund = await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'refund', method: 'cash', amountFen: 1001 });
    expect(expectErrorBody(refund, 422, 'validation_failed').issues?.[0]).toMatchObject({ path: 'body.amountFen', code: 'exceeds_received' });
    const twice = await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'deposit', method: 'cash', amountFen: 1000, reference: 'X1' });
    expect(expectErrorBody(twice, 409, 'conflict').issues?.[0].path).toBe('body.reference');
    const bad = await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'tip', method: 'bitcoin', amountFen: 0 });
    expect(issuePaths(bad).sort()).toEqual(['body.amountFen', 'body.kind', 'body.method']);
    const cur = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([cur.paidFen, cur.refundedFen, cur.payments.length]).toEqual([1000, 0, 1]);
  });

  it('audits every payment with the order, and shows it in the order history', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    const audit = await auditOf(t, w.a, o.id);
    expect(audit.map((r) => r.action)).toEqual(['order.created', 'order.confirmed', 'order.payment_received', 'order.paid']);
    const pay = audit.find((r) => r.action === 'order.payment_received')!;
    expect(pay.changes).toContainEqual({ field: 'paidFen', before: 0, after: o.totalFen });
    expect(pay.meta.payment).toMatchObject({ kind: 'payment', method: 'wechat', amountFen: o.totalFen });
    const history = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}/history`), 200);
    expect(history.items.map((i: { action: string }) => i.action)).toEqual(['order.paid', 'order.payment_received', 'order.confirmed', 'order.created']);
  });
});

describe('delivery date', () => {
  it('emits order.deliveryScheduled when a date is agreed, and sends a later change to a change request', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    const s = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/schedule-delivery`, { deliveryDate: '2026-12-01', deliveryAddress: '上海市徐汇区漕溪北路1号' }), 200);
    expect([s.deliveryDate, s.deliveryAddress]).toEqual(['2026-12-01', '上海市徐汇区漕溪北路1号']);
    const [e] = await eventsOf(t, o.id, 'order.deliveryScheduled');
    expect(e.payload).toMatchObject({ orderId: o.id, deliveryDate: '2026-12-01', previousDate: null });
    const again = await w.a.admin.post(`/api/v1/orders/${o.id}/schedule-delivery`, { deliveryDate: '2026-12-02' });
    expect(expectErrorBody(again, 409, 'conflict').message).toContain('request a change');
    expect(issuePaths(await w.a.admin.post(`/api/v1/orders/${o.id}/schedule-delivery`, { deliveryDate: '2026-02-30' }))).toEqual(['body.deliveryDate']);
  });
});

describe('permissions', () => {
  it('answers 403 without the permission of the action', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w);
    const viewer = await createRole(w.a.admin, { permissions: ['orders:view', 'customers:view'], dataScope: 'tenant' });
    const editor = await createRole(w.a.admin, { permissions: ['orders:view', 'orders:edit', 'customers:view', 'catalogue:view'], dataScope: 'tenant' });
    const v = (await userIn(t, w.a.admin, w.a.code, w.store.id, viewer.name)).client;
    const e = (await userIn(t, w.a.admin, w.a.code, w.store.id, editor.name)).client;
    expectStatus(await v.get(`/api/v1/orders/${o.id}`), 200);
    expectErrorBody(await v.post('/api/v1/orders', { customerId: w.customer.id }), 403, 'forbidden');
    expectErrorBody(await v.patch(`/api/v1/orders/${o.id}`, { notes: 'x' }), 403, 'forbidden');
    expectErrorBody(await v.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'cash', amountFen: 1 }), 403, 'forbidden');
    expectErrorBody(await e.post(`/api/v1/orders/${o.id}/cancel`, { reason: '无权' }), 403, 'forbidden');
    expectStatus(await e.post(`/api/v1/orders/${o.id}/confirm`), 200);
    const nobody = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const n = (await userIn(t, w.a.admin, w.a.code, w.store.id, nobody.name)).client;
    expectErrorBody(await n.get('/api/v1/orders'), 403, 'forbidden');
    expectErrorBody(await n.get(`/api/v1/orders/${o.id}/history`), 403, 'forbidden');
  });
});
