import { makeProduct } from '../catalogue/fixtures.ts';
import { type Built, customerOf, type Factory, once, type World } from './world.ts';

/** Records of the service-requests module for the generated isolation walker. */

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; totalFen: number };
}

/**
 * A return request of store A's customer for a delivered order, assigned to tenant A's administrator (so unassigning
 * or resolving it would be a change).
 */
function requestOf(w: World): Promise<Built> {
  return once(w, 'serviceRequest', async () => {
    const c = await customerOf(w);
    const p = await makeProduct(w.a.admin, { sku: 'ISO-REQ-SKU', name: '隔离餐椅', priceFen: 30_000 });
    const o = await ok(w.a.admin.post('/api/v1/orders', { customerId: c.params.id, storeId: w.storeA.id, lines: [{ productId: p.id, quantity: 2 }] }), 201);
    await ok(w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
    await ok(w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'payment', method: 'cash', amountFen: o.totalFen }), 201);
    await ok(w.a.admin.post(`/api/v1/orders/${o.id}/deliver`, {}), 200);
    const me = (await w.a.admin.get('/api/v1/auth/me')).json();
    const r = await ok(
      w.a.admin.post('/api/v1/requests', { type: 'return', channel: 'phone', subject: '隔离测试退货', orderId: o.id, storeId: w.storeA.id, assigneeId: me.user.id }),
      201,
    );
    return { params: { id: r.id }, rows: [...c.rows, ['orders', o.id], ['service_requests', r.id]] };
  });
}

export const FACTORIES: Factory[] = [
  {
    name: 'customer request',
    match: /^\/api\/v1\/requests\/:id(\/|$)/,
    customerOwned: true,
    build: requestOf,
  },
  {
    name: 'request routing rule',
    match: /^\/api\/v1\/request-routing-rules\/:id$/,
    customerOwned: false,
    build: (w) =>
      once(w, 'requestRoutingRule', async () => {
        const res = await w.a.admin.post('/api/v1/request-routing-rules', { name: '投诉进队列', types: ['product_complaint'], strategy: 'queue' });
        if (res.statusCode !== 201) throw new Error(res.body);
        return { params: { id: res.json().id }, rows: [['request_routing_rules', res.json().id]] };
      }),
  },
  {
    name: 'request SLA policy',
    match: /^\/api\/v1\/request-sla-policies\/:id$/,
    customerOwned: false,
    build: (w) =>
      once(w, 'requestSlaPolicy', async () => {
        const res = await w.a.admin.post('/api/v1/request-sla-policies', { type: 'return', firstResponseMinutes: 30, resolutionMinutes: 600 });
        if (res.statusCode !== 201) throw new Error(res.body);
        return { params: { id: res.json().id }, rows: [['request_sla_policies', res.json().id]] };
      }),
  },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/requests/:id': { subject: '越权修改', priority: 'urgent' },
  'POST /api/v1/requests/:id/assign': { assigneeId: null },
  'POST /api/v1/requests/:id/activities': { kind: 'reply', body: '越权回复' },
  'POST /api/v1/requests/:id/status': { status: 'cancelled', reason: '越权取消' },
  'POST /api/v1/requests/:id/resolve': { resolution: '越权解决', cause: '越权' },
  'POST /api/v1/requests/:id/confirm': { satisfaction: 1 },
  'POST /api/v1/requests/:id/reopen': { reason: '越权重开' },
  'PATCH /api/v1/request-routing-rules/:id': { name: '越权改名', enabled: false },
  'PATCH /api/v1/request-sla-policies/:id': { enabled: false, firstResponseMinutes: 1 },
};
