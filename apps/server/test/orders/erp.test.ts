import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createRole, expectErrorBody, issuePaths, rowOf } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { eventsOf, expectStatus, orderWorld, type OrderWorld } from './fixtures.ts';

/** PUT /orders/external/{externalId} (ORD-1): the ERP's idempotent upsert of a whole order. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

async function erpKey(w: OrderWorld, permissions = ['orders:view', 'orders:create', 'orders:edit', 'orders:cancel', 'customers:view', 'catalogue:view']) {
  const role = await createRole(w.a.admin, { permissions, dataScope: 'tenant' });
  const res = await w.a.admin.post('/api/v1/api-keys', { name: 'ERP', roleId: role.id, unitId: w.a.hq.id });
  const key = res.json().key as string;
  return (externalId: string, body: unknown) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/orders/external/${externalId}`, headers: { authorization: `Bearer ${key}` }, payload: body as object });
}

const body = (w: OrderWorld, over: Record<string, unknown> = {}) => ({
  storeCode: w.store.code,
  customer: { phone: '+86 137-0013-7000', name: '赵敏' },
  orderedAt: '2026-11-20T10:00:00+08:00',
  status: 'paid',
  lines: [
    { sku: w.sofa.sku, quantity: 1, unitPriceFen: 1_200_000 },
    { sku: w.cushion.sku, quantity: 4, discountFen: 5_000 },
  ],
  payments: [
    { reference: 'ERP-PAY-1', kind: 'deposit', method: 'transfer', amountFen: 200_000, paidAt: '2026-11-20T10:05:00+08:00' },
    { reference: 'ERP-PAY-2', kind: 'payment', method: 'card', amountFen: 1_035_000, paidAt: '2026-11-20T11:00:00+08:00' },
  ],
  deliveryAddress: '杭州市西湖区文三路90号',
  deliveryDate: '2026-11-30',
  ...over,
});

async function footprint(w: OrderWorld, orderId: string) {
  return {
    order: await rowOf(t, 'orders', orderId),
    audit: await countRows(t, 'audit_log', w.a.tenant.id),
    events: await countRows(t, 'outbox_events', w.a.tenant.id),
    payments: await countRows(t, 'order_payments', w.a.tenant.id),
    lines: await countRows(t, 'order_lines', w.a.tenant.id),
    customers: await countRows(t, 'customers', w.a.tenant.id),
  };
}

describe('ERP upsert', () => {
  it('creates the order (and its new customer in the store), then a replay changes nothing at all', async () => {
    const w = await orderWorld(t);
    const put = await erpKey(w);
    const first = expectStatus(await put('ERP-SO-1001', body(w)), 201);
    expect([first.created, first.changed]).toEqual([true, true]);
    const o = first.order;
    expect(o).toMatchObject({ externalId: 'ERP-SO-1001', source: 'erp', status: 'paid', storeId: w.store.id, customerName: '赵敏', totalFen: 1_235_000, paidFen: 1_235_000, deliveryDate: '2026-11-30' });
    expect(o.orderNo).toMatch(/^SO20261120\d{4}$/);
    const customer = expectStatus(await w.a.admin.get(`/api/v1/customers/${o.customerId}`), 200);
    expect([customer.storeId, customer.phones]).toEqual([w.store.id, ['137****7000']]);
    expect((await eventsOf(t, o.id)).map((e) => e.type).sort()).toEqual(['order.deliveryScheduled', 'order.paid']);

    const before = await footprint(w, o.id);
    for (let i = 0; i < 2; i++) {
      const again = expectStatus(await put('ERP-SO-1001', body(w)), 200);
      expect([again.created, again.changed]).toEqual([false, false]);
      expect(again.order.id).toBe(o.id);
    }
    expect(await footprint(w, o.id)).toEqual(before);
  });

  it('applies a changed body once: new date, a new payment, delivery — with their events — and a replay of it adds nothing', async () => {
    const w = await orderWorld(t);
    const put = await erpKey(w);
    const o = expectStatus(await put('ERP-SO-2001', body(w, { status: 'confirmed', payments: [] })), 201).order;
    expect(o.status).toBe('confirmed');
    const changed = body(w, { status: 'delivered', deliveryDate: '2026-12-03', deliveredAt: '2026-11-22T09:00:00+08:00' });
    const r = expectStatus(await put('ERP-SO-2001', changed), 200);
    expect([r.created, r.changed, r.order.status, r.order.deliveryDate, r.order.paidFen]).toEqual([false, true, 'delivered', '2026-12-03', 1_235_000]);
    const types = (await eventsOf(t, o.id)).map((e) => e.type).sort();
    expect(types).toEqual(['order.delivered', 'order.deliveryScheduled', 'order.deliveryScheduled', 'order.paid']);
    const moved = (await eventsOf(t, o.id, 'order.deliveryScheduled')).find((e) => e.payload.deliveryDate === '2026-12-03')!;
    expect(moved.payload.previousDate).toBe('2026-11-30');
    const before = await footprint(w, o.id);
    expect(expectStatus(await put('ERP-SO-2001', changed), 200).changed).toBe(false);
    expect(await footprint(w, o.id)).toEqual(before);
  });

  it('matches lines by SKU (ids kept) and payments by reference (corrected, audited)', async () => {
    const w = await orderWorld(t);
    const put = await erpKey(w);
    const o = expectStatus(await put('ERP-SO-3001', body(w, { status: 'draft', payments: [] })), 201).order;
    const next = body(w, {
      status: 'draft',
      lines: [{ sku: w.cushion.sku, quantity: 5 }, { sku: w.sofa.sku, quantity: 1, unitPriceFen: 1_200_000 }, { sku: w.table.sku, quantity: 1 }],
      payments: [{ reference: 'D-1', kind: 'deposit', method: 'cash', amountFen: 1000, paidAt: '2026-11-20T10:05:00+08:00' }],
    });
    const r = expectStatus(await put('ERP-SO-3001', next), 200).order;
    const idOf = (x: { lines: { sku: string; id: string }[] }, sku: string) => x.lines.find((l) => l.sku === sku)!.id;
    expect(idOf(r, w.sofa.sku)).toBe(idOf(o, w.sofa.sku));
    expect(idOf(r, w.cushion.sku)).toBe(idOf(o, w.cushion.sku));
    expect(r.totalFen).toBe(1_200_000 + 50_000 + 349_900);
    const corrected = expectStatus(await put('ERP-SO-3001', { ...next, payments: [{ ...next.payments[0], amountFen: 2000 }] }), 200).order;
    expect([corrected.paidFen, corrected.payments.length]).toEqual([2000, 1]);
    const audit = await t.deps.db.pool.query("SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'order.payment_corrected'", [o.id]);
    expect(audit.rows[0].changes).toContainEqual({ field: 'payment.amountFen', before: 1000, after: 2000 });
  });

  it('finds an existing customer by phone in any format, or by id', async () => {
    const w = await orderWorld(t);
    const put = await erpKey(w);
    const byPhone = expectStatus(await put('ERP-SO-4001', body(w, { customer: { phone: '138 0013 8000' } })), 201).order;
    expect(byPhone.customerId).toBe(w.customer.id);
    const byId = expectStatus(await put('ERP-SO-4002', body(w, { customer: { id: w.customer.id } })), 201).order;
    expect(byId.customerId).toBe(w.customer.id);
    const nameless = await put('ERP-SO-4003', body(w, { customer: { phone: '13600136000' } }));
    expect(issuePaths(nameless)).toEqual(['body.customer.name']);
  });

  it('refuses what it cannot apply: unknown SKU (422), unknown store (404), unpaid "paid" (422), lines of a delivered order (409)', async () => {
    const w = await orderWorld(t);
    const put = await erpKey(w);
    const sku = await put('ERP-SO-5001', body(w, { lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] }));
    expectErrorBody(sku, 422, 'validation_failed');
    expect(issuePaths(sku)).toEqual(['body.lines.0.sku']);
    expectErrorBody(await put('ERP-SO-5001', body(w, { storeCode: 'NOWHERE' })), 404, 'not_found');
    const unpaid = await put('ERP-SO-5001', body(w, { payments: [] }));
    expect(expectErrorBody(unpaid, 422, 'validation_failed').issues?.[0]).toMatchObject({ path: 'body.status', code: 'not_covered' });
    expect(await countRows(t, 'orders', w.a.tenant.id)).toBe(0);
    expect(issuePaths(await put('ERP-SO-5001', { ...body(w), lines: [{ sku: w.sofa.sku, quantity: -1 }] }))).toEqual(['body.lines.0.quantity']);

    expectStatus(await put('ERP-SO-5001', body(w, { status: 'delivered' })), 201);
    const late = await put('ERP-SO-5001', body(w, { status: 'delivered', lines: [{ sku: w.sofa.sku, quantity: 2, unitPriceFen: 1_200_000 }] }));
    expectErrorBody(late, 409, 'conflict');
  });

  it('needs orders:create to create, and orders:cancel to cancel', async () => {
    const w = await orderWorld(t);
    const full = await erpKey(w);
    const editOnly = await erpKey(w, ['orders:view', 'orders:edit', 'customers:view', 'catalogue:view']);
    expectErrorBody(await editOnly('ERP-SO-6001', body(w)), 403, 'forbidden');
    const o = expectStatus(await full('ERP-SO-6001', body(w, { status: 'confirmed', payments: [] })), 201).order;
    expect(expectStatus(await editOnly('ERP-SO-6001', body(w, { status: 'confirmed', payments: [], notes: '改备注' })), 200).order.notes).toBe('改备注');
    expectErrorBody(await editOnly('ERP-SO-6001', body(w, { status: 'cancelled', payments: [] })), 403, 'forbidden');
    const c = expectStatus(await full('ERP-SO-6001', body(w, { status: 'cancelled', payments: [], cancelReason: 'ERP 撤单' })), 200).order;
    expect([c.status, c.cancelReason]).toEqual(['cancelled', 'ERP 撤单']);
    expect(await eventsOf(t, o.id, 'order.cancelled')).toHaveLength(1);
    expectErrorBody(await full('ERP-SO-6001', body(w, { status: 'confirmed', payments: [] })), 409, 'conflict');
  });

  it('creates one order when the same new order arrives twice at once', async () => {
    const w = await orderWorld(t);
    const put = await erpKey(w);
    const [a, b] = await Promise.all([put('ERP-SO-7001', body(w)), put('ERP-SO-7001', body(w))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(await countRows(t, 'orders', w.a.tenant.id)).toBe(1);
    expect(await countRows(t, 'customers', w.a.tenant.id)).toBe(2);
    expect(await eventsOf(t, a.json().order.id, 'order.paid')).toHaveLength(1);
  });
});
