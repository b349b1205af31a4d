import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { isOrderVisible, orderSummaryForRequests, recentOrdersOfCustomer } from '../../src/modules/orders/index.ts';
import { createCustomer, expectErrorBody, ids, issuePaths } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { expectStatus, newOrder, orderWorld, paidOrder } from './fixtures.ts';

/** Data scope of orders (PLAT-4): the store is the unit, the salesperson the owner; out of scope answers 404. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

async function twoStores() {
  const w = await orderWorld(t);
  const other = await makeStore(w.a.admin, w.region.id);
  const otherCustomer = await createCustomer(w.a.admin, { name: '李娜', storeId: other.id, phones: ['13900139000'] });
  const mine = (await userIn(t, w.a.admin, w.a.code, w.store.id, '店长')).client;
  const theirs = (await userIn(t, w.a.admin, w.a.code, other.id, '店长')).client;
  return { w, other, otherCustomer, mine, theirs };
}

describe('order scope', () => {
  it('shows a store user the orders of its store only; others answer 404 and stay unchanged', async () => {
    const { w, other, otherCustomer, mine, theirs } = await twoStores();
    const o = await newOrder(w.a.admin, w);
    const elsewhere = await newOrder(w.a.admin, w, { customerId: otherCustomer.id, storeId: other.id });
    expect(ids(await mine.get('/api/v1/orders'))).toEqual([o.id]);
    expect(ids(await theirs.get('/api/v1/orders'))).toEqual([elsewhere.id]);
    expectStatus(await mine.get(`/api/v1/orders/${o.id}`), 200);
    for (const res of [
      await theirs.get(`/api/v1/orders/${o.id}`),
      await theirs.patch(`/api/v1/orders/${o.id}`, { notes: '越权' }),
      await theirs.post(`/api/v1/orders/${o.id}/confirm`),
      await theirs.post(`/api/v1/orders/${o.id}/payments`, { kind: 'deposit', method: 'cash', amountFen: 100 }),
      await theirs.get(`/api/v1/orders/${o.id}/history`),
      await theirs.post(`/api/v1/orders/${o.id}/changes`, { deliveryDate: '2026-12-24', reason: '越权' }),
    ]) {
      expectErrorBody(res, 404, 'not_found');
    }
    const still = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([still.status, still.paidFen, still.notes, still.changes.length]).toEqual(['draft', 0, null, 0]);
    // The region's manager sees both.
    const regional = (await userIn(t, w.a.admin, w.a.code, w.region.id, '区域经理')).client;
    expect(ids(await regional.get('/api/v1/orders')).sort()).toEqual([o.id, elsewhere.id].sort());
  });

  it('makes a store user’s order in its own store, and refuses another store or a customer it cannot see', async () => {
    const { w, other, otherCustomer, mine } = await twoStores();
    const o = expectStatus(await mine.post('/api/v1/orders', { customerId: w.customer.id, lines: [{ productId: w.cushion.id, quantity: 1 }] }), 201);
    expect(o.storeId).toBe(w.store.id);
    expect(o.salespersonId).toBeTruthy();
    expect(issuePaths(await mine.post('/api/v1/orders', { customerId: w.customer.id, storeId: other.id }))).toEqual(['body.storeId']);
    expect(issuePaths(await mine.post('/api/v1/orders', { customerId: otherCustomer.id }))).toEqual(['body.customerId']);
  });

  it('shows a salesperson (own scope) the orders it sells only', async () => {
    const w = await orderWorld(t);
    const s1 = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const s2 = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const pooled = await createCustomer(w.a.admin, { name: '公海客户', storeId: w.store.id, ownerId: null });
    const mineOrder = expectStatus(await s1.client.post('/api/v1/orders', { customerId: pooled.id, lines: [{ productId: w.cushion.id, quantity: 2 }] }), 201);
    expect(mineOrder.salespersonId).toBe(s1.user.id);
    expect(ids(await s1.client.get('/api/v1/orders'))).toEqual([mineOrder.id]);
    expect(ids(await s2.client.get('/api/v1/orders'))).toEqual([]);
    expectErrorBody(await s2.client.get(`/api/v1/orders/${mineOrder.id}`), 404, 'not_found');
  });

  it('moves the orders of merged customers to the surviving customer', async () => {
    const w = await orderWorld(t);
    const twin = await createCustomer(w.a.admin, { name: '王建国', storeId: w.store.id, phones: ['13800138001'] });
    const o = await newOrder(w.a.admin, w, { customerId: twin.id });
    expectStatus(await w.a.admin.post('/api/v1/customers/merge', { survivorId: w.customer.id, mergedIds: [twin.id] }), 200);
    expect(expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200).customerId).toBe(w.customer.id);
    expect(ids(await w.a.admin.get(`/api/v1/orders?customerId=${w.customer.id}`))).toEqual([o.id]);
    const h = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}/history`), 200);
    expect(h.items[0]).toMatchObject({ action: 'order.customer_merged', meta: { survivorId: w.customer.id, mergedIds: [twin.id] } });
  });

  it('answers 404 to another tenant', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w);
    const b = await newTenant(t);
    expectErrorBody(await b.admin.get(`/api/v1/orders/${o.id}`), 404, 'not_found');
    expect(ids(await b.admin.get('/api/v1/orders'))).toEqual([]);
    expect(issuePaths(await b.admin.post('/api/v1/orders', { customerId: w.customer.id, storeId: w.store.id }))).toEqual(['body.customerId', 'body.storeId']);
  });

  it('gives other modules the order summary, recent orders and visibility within the caller’s scope', async () => {
    const { w, other, otherCustomer } = await twoStores();
    const o = await paidOrder(w.a.admin, w);
    await newOrder(w.a.admin, w, { customerId: otherCustomer.id, storeId: other.id });
    const tenantCtx = systemCtx(t.deps.db.db, w.a.tenant.id, t.clock.now, 'test');
    const hqPath = `/${w.a.hq.id}/`;
    const otherStoreCtx = { ...tenantCtx, scope: { kind: 'unit' as const, userId: tenantCtx.scope.userId, unitId: other.id, unitPath: `${hqPath}${w.region.id}/${other.id}/` } };
    expect(await isOrderVisible(tenantCtx, o.id)).toBe(true);
    expect(await isOrderVisible(otherStoreCtx, o.id)).toBe(false);
    const summary = await orderSummaryForRequests(tenantCtx, o.id);
    expect(summary).toMatchObject({ orderNo: o.orderNo, customerId: w.customer.id, storeId: w.store.id, status: 'paid' });
    expect(summary!.lines.map((l) => [l.sku, l.quantity, l.returnableQuantity])).toEqual([
      [w.sofa.sku, 1, 1],
      [w.table.sku, 2, 2],
    ]);
    expect(await orderSummaryForRequests(otherStoreCtx, o.id)).toBeNull();
    expect((await recentOrdersOfCustomer(tenantCtx, w.customer.id, 5)).map((r) => r.id)).toEqual([o.id]);
    expect(await recentOrdersOfCustomer(otherStoreCtx, w.customer.id, 5)).toEqual([]);
    const stats = expectStatus(await w.a.admin.get(`/api/v1/orders/customer-stats?customerId=${w.customer.id}`), 200);
    expect(stats).toMatchObject({ orderCount: 1, totalSpentFen: o.totalFen });
  });
});
