import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createCustomer } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, type TestTenant } from '../helpers.ts';
import { smallCatalogue } from '../catalogue/fixtures.ts';

/** A tenant with a region, a store, a customer of that store and a small catalogue. */
export async function orderWorld(t: TestApp) {
  const a = await newTenant(t);
  const region = await makeStore(a.admin, a.hq.id, 'direct', 'region');
  const store = await makeStore(a.admin, region.id);
  const customer = await createCustomer(a.admin, { name: '王建国', storeId: store.id, phones: ['13800138000'] });
  const cat = await smallCatalogue(a.admin);
  return { a, region, store, customer, ...cat };
}
export type OrderWorld = Awaited<ReturnType<typeof orderWorld>>;

export interface OrderOut {
  id: string;
  orderNo: string;
  status: string;
  totalFen: number;
  listFen: number;
  discountFen: number;
  paidFen: number;
  refundedFen: number;
  returnedFen: number;
  balanceFen: number;
  deliveryDate: string | null;
  deliveryAddress: string | null;
  paidAt: string | null;
  storeId: string;
  customerId: string;
  salespersonId: string | null;
  lines: { id: string; productId: string; sku: string; name: string; quantity: number; unitPriceFen: number; discountFen: number; amountFen: number; returnedQuantity: number; returnedFen: number }[];
  payments: { id: string; kind: string; amountFen: number; reference: string | null; returnId: string | null }[];
  returns: { id: string; kind: string; refundFen: number; lines: { lineId: string; quantity: number; amountFen: number }[] }[];
  changes: { id: string; status: string }[];
}

export function expectStatus(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export async function newOrder(c: Client, w: OrderWorld, body: Record<string, unknown> = {}): Promise<OrderOut> {
  const res = await c.post('/api/v1/orders', {
    customerId: w.customer.id,
    storeId: w.store.id,
    lines: [
      { productId: w.sofa.id, quantity: 1, discountFen: 99_900 },
      { productId: w.table.id, quantity: 2 },
    ],
    ...body,
  });
  return expectStatus(res, 201);
}

/** Draft → confirmed → paid (one payment of the whole total). */
export async function paidOrder(c: Client, w: OrderWorld, body: Record<string, unknown> = {}): Promise<OrderOut> {
  const o = await newOrder(c, w, body);
  expectStatus(await c.post(`/api/v1/orders/${o.id}/confirm`), 200);
  return expectStatus(await c.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'wechat', amountFen: o.totalFen }), 201);
}

export async function deliveredOrder(c: Client, w: OrderWorld, body: Record<string, unknown> = {}): Promise<OrderOut> {
  const o = await paidOrder(c, w, body);
  return expectStatus(await c.post(`/api/v1/orders/${o.id}/deliver`, {}), 200);
}

/** Outbox events of one order, oldest first. */
export async function eventsOf(t: TestApp, orderId: string, type?: string) {
  const r = await t.deps.db.pool.query(
    `SELECT type, payload FROM outbox_events WHERE aggregate_type = 'order' AND aggregate_id = $1 ${type ? 'AND type = $2' : ''} ORDER BY occurred_at, created_at`,
    type ? [orderId, type] : [orderId],
  );
  return r.rows as { type: string; payload: Record<string, unknown> }[];
}

export async function auditOf(t: TestApp, tenant: TestTenant, orderId: string) {
  const r = await t.deps.db.pool.query(`SELECT action, changes, meta FROM audit_log WHERE tenant_id = $1 AND entity_type = 'order' AND entity_id = $2 ORDER BY id`, [
    tenant.tenant.id,
    orderId,
  ]);
  return r.rows as { action: string; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, unknown> }[];
}
