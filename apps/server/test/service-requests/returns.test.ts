import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { smallCatalogue } from '../catalogue/fixtures.ts';
import { customerIn, eventsOf, MONDAY_10, newRequest, ok, requestsWorld } from './requests-world.ts';

/** SVC-3: a return links the order lines and returns them through the orders module in the same transaction. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(MONDAY_10);
});
afterAll(async () => {
  await t.app.close();
});

async function withDeliveredOrder() {
  const w = await requestsWorld(t);
  const customer = await customerIn(w.admin, w.store.id, '王建国');
  const cat = await smallCatalogue(w.admin);
  const o = ok(await w.admin.post('/api/v1/orders', { customerId: customer.id, storeId: w.store.id, lines: [{ productId: cat.sofa.id, quantity: 1 }, { productId: cat.table.id, quantity: 2 }] }), 201);
  ok(await w.admin.post(`/api/v1/orders/${o.id}/confirm`));
  ok(await w.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'wechat', amountFen: o.totalFen }), 201);
  const order = ok(await w.admin.post(`/api/v1/orders/${o.id}/deliver`, {}));
  const sofaLine = order.lines.find((l: { productId: string }) => l.productId === cat.sofa.id);
  const tableLine = order.lines.find((l: { productId: string }) => l.productId === cat.table.id);
  return { w, customer, order, sofaLine, tableLine };
}

const orderEvents = async (orderId: string, type: string) =>
  (await t.deps.db.pool.query("SELECT payload FROM outbox_events WHERE aggregate_type = 'order' AND aggregate_id = $1 AND type = $2", [orderId, type])).rows.map((r) => r.payload);

describe('return and exchange requests', () => {
  it('takes the order’s customer and store, and refuses an order of another customer', async () => {
    const { w, customer, order } = await withDeliveredOrder();
    const r = await newRequest(w.admin, { type: 'return', orderId: order.id, subject: '茶几有划痕要退' });
    expect(r).toMatchObject({ customerId: customer.id, customerName: '王建国', storeId: w.store.id, orderId: order.id });
    const someoneElse = await customerIn(w.admin, w.store.id, '李四');
    const bad = await w.admin.post('/api/v1/requests', { type: 'return', channel: 'phone', subject: '退货', orderId: order.id, customerId: someoneElse.id });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad)).toEqual(['body.orderId']);
    expect(issuePaths(await w.admin.post('/api/v1/requests', { type: 'return', channel: 'phone', subject: '退货', orderId: crypto.randomUUID() }))).toEqual(['body.orderId']);
    // A store user cannot link another store's order.
    const sibling = await w.user(w.other.id, '店长');
    expect(issuePaths(await sibling.client.post('/api/v1/requests', { type: 'return', channel: 'phone', subject: '退货', orderId: order.id }))).toEqual(['body.orderId']);
    expectErrorBody(await w.admin.patch(`/api/v1/requests/${r.id}`, { customerId: someoneElse.id }), 422, 'validation_failed');
  });

  it('resolving a return returns the lines in the same transaction (order.returned) and records the refund', async () => {
    const { w, order, sofaLine, tableLine } = await withDeliveredOrder();
    const r = await newRequest(w.admin, { type: 'return', orderId: order.id, subject: '茶几退一张' });
    const linked = ok(await w.admin.get(`/api/v1/requests/${r.id}/order`));
    expect(linked.lines.map((l: { id: string; returnableQuantity: number }) => [l.id, l.returnableQuantity]).sort()).toEqual([[sofaLine.id, 1], [tableLine.id, 2]].sort());

    const none = await w.admin.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '同意退货' });
    expect(issuePaths(none)).toEqual(['body.returnLines']);
    const tooMany = await w.admin.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '同意退货', returnLines: [{ lineId: tableLine.id, quantity: 3 }] });
    expectErrorBody(tooMany, 422, 'validation_failed');
    expect(issuePaths(tooMany)).toEqual(['body.returnLines.0.quantity']);
    expect(await orderEvents(order.id, 'order.returned')).toEqual([]);

    const d = ok(await w.admin.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '同意退货，上门取件', returnLines: [{ lineId: tableLine.id, quantity: 1 }] }));
    expect(d).toMatchObject({ status: 'resolved', returnLines: [{ lineId: tableLine.id, quantity: 1 }], refundFen: 349_900 });
    const returned = await orderEvents(order.id, 'order.returned');
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ requestId: r.id, kind: 'partial', refundFen: 349_900 });
    expect(returned[0].lines).toEqual([expect.objectContaining({ lineId: tableLine.id, quantity: 1 })]);
    const resolved = (await eventsOf(t, r.id)).find((e) => e.type === 'request.resolved');
    expect(resolved?.payload).toMatchObject({ returnId: returned[0].returnId, refundFen: 349_900 });
    const after = ok(await w.admin.get(`/api/v1/orders/${order.id}`));
    expect(after.status).toBe('partially_returned');
    expect(ok(await w.admin.get(`/api/v1/requests/${r.id}/order`)).lines.find((l: { id: string }) => l.id === tableLine.id).returnableQuantity).toBe(1);

    // Reopened and resolved again, the request settles no second return.
    ok(await w.admin.post(`/api/v1/requests/${r.id}/reopen`, { reason: '退款金额有误' }));
    ok(await w.admin.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '已核对', returnLines: [{ lineId: tableLine.id, quantity: 1 }] }));
    expect(await orderEvents(order.id, 'order.returned')).toHaveLength(1);
  });

  it('an exchange links the lines without returning them; other types take no lines', async () => {
    const { w, order, sofaLine } = await withDeliveredOrder();
    const ex = await newRequest(w.admin, { type: 'exchange', orderId: order.id, subject: '沙发换色' });
    const d = ok(await w.admin.post(`/api/v1/requests/${ex.id}/resolve`, { resolution: '换成灰色', returnLines: [{ lineId: sofaLine.id, quantity: 1 }] }));
    expect(d).toMatchObject({ status: 'resolved', returnLines: [{ lineId: sofaLine.id, quantity: 1 }], refundFen: null });
    expect(await orderEvents(order.id, 'order.returned')).toEqual([]);
    expect(issuePaths(await w.admin.post(`/api/v1/requests/${ex.id}/reopen`, { reason: '' }))).toEqual(['body.reason']);

    const complaint = await newRequest(w.admin, { type: 'product_complaint', orderId: order.id });
    const bad = await w.admin.post(`/api/v1/requests/${complaint.id}/resolve`, { resolution: 'x', cause: '质量', returnLines: [{ lineId: sofaLine.id, quantity: 1 }], refundFen: 10 });
    expect(issuePaths(bad).sort()).toEqual(['body.refundFen', 'body.returnLines']);
    const noOrder = await newRequest(w.admin, { type: 'return' });
    expect(issuePaths(await w.admin.post(`/api/v1/requests/${noOrder.id}/resolve`, { resolution: 'x', returnLines: [{ lineId: sofaLine.id, quantity: 1 }] }))).toEqual(['body.returnLines']);
    expectErrorBody(await w.admin.get(`/api/v1/requests/${noOrder.id}/order`), 404, 'not_found');
  });
});
