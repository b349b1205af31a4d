import { makeProduct } from '../catalogue/fixtures.ts';
import { type Built, customerOf, type Factory, once, type World } from './world.ts';

/** Records of the orders module for the generated isolation walker. Orders belong to a store: customerOwned. */

const ERP_STORE = 'ISO-ERP-STORE';

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; lines: { id: string }[] };
}

/** A delivered order of the world's customer in store A (two lines, paid in full). */
function orderOf(w: World): Promise<Built & { lineId: string }> {
  return once(w, 'order', async () => {
    const c = await customerOf(w);
    const p = await makeProduct(w.a.admin, { sku: 'ISO-ORDER-SKU', name: '隔离茶几', priceFen: 50_000 });
    const o = await ok(w.a.admin.post('/api/v1/orders', { customerId: c.params.id, storeId: w.storeA.id, lines: [{ productId: p.id, quantity: 2 }] }), 201);
    await ok(w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
    await ok(w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'cash', amountFen: 100_000 }), 201);
    await ok(w.a.admin.post(`/api/v1/orders/${o.id}/deliver`, {}), 200);
    return { params: { id: o.id }, rows: [...c.rows, ['orders', o.id], ['order_lines', o.lines[0].id]], lineId: o.lines[0].id };
  }) as Promise<Built & { lineId: string }>;
}

export const FACTORIES: Factory[] = [
  {
    name: 'change request of an order',
    match: /^\/api\/v1\/orders\/:id\/changes\/:changeId(\/|$)/,
    customerOwned: true,
    build: (w) =>
      once(w, 'orderChange', async () => {
        const c = await customerOf(w);
        const p = await makeProduct(w.a.admin, { sku: 'ISO-CHANGE-SKU', name: '隔离床', priceFen: 10_000 });
        const o = await ok(w.a.admin.post('/api/v1/orders', { customerId: c.params.id, storeId: w.storeA.id, lines: [{ productId: p.id, quantity: 1 }] }), 201);
        await ok(w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
        const ch = await ok(w.a.admin.post(`/api/v1/orders/${o.id}/changes`, { deliveryDate: '2026-12-30', reason: '改期' }), 201);
        return { params: { id: o.id, changeId: ch.id }, rows: [['orders', o.id], ['order_changes', ch.id]] };
      }),
  },
  {
    name: 'order from the ERP (by external id, in a store with a known code)',
    match: /^\/api\/v1\/orders\/external\/:externalId$/,
    customerOwned: true,
    build: (w) =>
      once(w, 'erpOrder', async () => {
        const store = await ok(w.a.admin.post('/api/v1/org/units', { parentId: w.a.hq.id, kind: 'store', storeKind: 'direct', code: ERP_STORE, name: '隔离ERP门店' }), 201);
        await customerOf(w);
        await makeProduct(w.a.admin, { sku: 'ISO-ERP-SKU', name: '隔离书桌', priceFen: 20_000 });
        const r = await ok(putAsAdmin(w, ERP_BODY), 201);
        const order = (r as unknown as { order: { id: string } }).order;
        return { params: { externalId: 'ISO-ERP-1' }, rows: [['org_units', store.id], ['orders', order.id]] };
      }),
  },
  {
    name: 'order',
    match: /^\/api\/v1\/orders\/:id(\/|$)/,
    customerOwned: true,
    build: orderOf,
  },
];

/** The client has no PUT helper: send it with the admin's cookie. */
function putAsAdmin(w: World, body: unknown) {
  return w.t.app.inject({ method: 'PUT', url: '/api/v1/orders/external/ISO-ERP-1', headers: { cookie: w.a.admin.cookie }, payload: body as object });
}

/** What the ERP sends (the world's customer by phone; the walker's callers must not be able to apply it). */
const ERP_BODY = {
  storeCode: ERP_STORE,
  customer: { phone: '13912340000' },
  status: 'confirmed',
  lines: [{ sku: 'ISO-ERP-SKU', quantity: 1 }],
  payments: [],
  notes: '甲方ERP订单',
};

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PUT /api/v1/orders/external/:externalId': { ...ERP_BODY, status: 'cancelled', notes: '越权改单', cancelReason: '越权' },
  'PATCH /api/v1/orders/:id': { notes: '越权修改', designerId: '00000000-0000-4000-8000-000000000001' },
  'POST /api/v1/orders/:id/cancel': { reason: '越权取消' },
  'POST /api/v1/orders/:id/deliver': {},
  'POST /api/v1/orders/:id/schedule-delivery': { deliveryDate: '2026-12-31', deliveryAddress: '越权地址' },
  'POST /api/v1/orders/:id/payments': { kind: 'refund', method: 'cash', amountFen: 100 },
  'POST /api/v1/orders/:id/changes': { deliveryDate: '2026-12-31', reason: '越权改期' },
  'POST /api/v1/orders/:id/changes/:changeId/approve': { reason: '越权批准' },
  'POST /api/v1/orders/:id/changes/:changeId/refuse': { reason: '越权拒绝' },
  'POST /api/v1/orders/:id/returns': { lines: [{ lineId: '00000000-0000-4000-8000-000000000002', quantity: 1 }], reason: '越权退货', refundFen: 100 },
};
