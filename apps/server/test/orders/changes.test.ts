import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import { auditOf, deliveredOrder, eventsOf, expectStatus, newOrder, orderWorld, paidOrder } from './fixtures.ts';

/** Order changes (ORD-3): requested, approved (applied) or refused with a reason, all kept. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('order change requests', () => {
  it('applies an approved change of items, address and date, with a deliveryScheduled event and history', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w, { deliveryDate: '2026-12-01', deliveryAddress: '旧地址' });
    const req = expectStatus(
      await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, {
        lines: [{ id: o.lines[0].id, productId: w.sofa.id, quantity: 1, discountFen: 99_900 }, { productId: w.cushion.id, quantity: 2 }],
        deliveryAddress: '上海市浦东新区世纪大道100号',
        deliveryDate: '2026-12-10',
        reason: '客户换成抱枕，改送新家',
      }),
      201,
    );
    expect([req.status, req.totalBeforeFen, req.totalAfterFen, req.changesAddress, req.changesDate]).toEqual(['requested', 1_899_800, 1_220_000, true, true]);
    // Nothing applies before the decision.
    const waiting = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([waiting.totalFen, waiting.deliveryDate, waiting.changes.length]).toEqual([1_899_800, '2026-12-01', 1]);
    expect(expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, { deliveryDate: '2026-12-11', reason: '再改' }), 409, 'conflict').message).toContain('waiting');

    const ok = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/changes/${req.id}/approve`, { reason: '库存充足' }), 200);
    expect([ok.status, ok.decisionReason, ok.decidedAt !== null]).toEqual(['approved', '库存充足', true]);
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([after.totalFen, after.deliveryDate, after.deliveryAddress, after.balanceFen, after.status]).toEqual([1_220_000, '2026-12-10', '上海市浦东新区世纪大道100号', 1_220_000 - 1_899_800, 'paid']);
    expect(after.lines[0].id).toBe(o.lines[0].id);
    const moved = (await eventsOf(t, o.id, 'order.deliveryScheduled')).map((e) => [e.payload.deliveryDate, e.payload.previousDate]);
    expect(moved).toContainEqual(['2026-12-10', '2026-12-01']);
    const audit = await auditOf(t, w.a, o.id);
    const approved = audit.find((r) => r.action === 'order.change_approved')!;
    expect(approved.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['lines', 'totalFen', 'deliveryDate', 'deliveryAddress']));
    expect(approved.meta.changeId).toBe(req.id);
    expect(audit.map((r) => r.action)).toContain('order.change_requested');
    // Decided once.
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/changes/${req.id}/refuse`, { reason: '晚了' }), 409, 'conflict');
  });

  it('keeps a refused change with its reason and leaves the order as it was', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    const req = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, { deliveryDate: '2026-12-20', reason: '客户出差' }), 201);
    expect(issuePaths(await w.a.admin.post(`/api/v1/orders/${o.id}/changes/${req.id}/refuse`, {}))).toEqual(['body.reason']);
    const no = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/changes/${req.id}/refuse`, { reason: '物流已排期' }), 200);
    expect([no.status, no.decisionReason]).toEqual(['refused', '物流已排期']);
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect(after.deliveryDate).toBeNull();
    expect(await eventsOf(t, o.id, 'order.deliveryScheduled')).toHaveLength(0);
    const list = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}/changes`), 200);
    expect(list.items.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[req.id, 'refused']]);
    // A new request may follow.
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, { deliveryDate: '2026-12-21', reason: '客户再约' }), 201);
  });

  it('turns a confirmed order paid when an approved change lowers the total to what was paid', async () => {
    const w = await orderWorld(t);
    const o = await newOrder(w.a.admin, w);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/confirm`), 200);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/payments`, { kind: 'deposit', method: 'cash', amountFen: 1_200_000 }), 201);
    const req = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, { lines: [{ id: o.lines[0].id, productId: w.sofa.id, quantity: 1, discountFen: 99_900 }], reason: '不要茶几' }), 201);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/changes/${req.id}/approve`, {}), 200);
    const after = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}`), 200);
    expect([after.status, after.totalFen, after.balanceFen]).toEqual(['paid', 1_200_000, 0]);
    expect(await eventsOf(t, o.id, 'order.paid')).toHaveLength(1);
  });

  it('refuses changes an order can no longer take, and closes an open request on delivery', async () => {
    const w = await orderWorld(t);
    const d = await deliveredOrder(w.a.admin, w);
    expect(expectErrorBody(await w.a.admin.post(`/api/v1/orders/${d.id}/changes`, { deliveryDate: '2026-12-24', reason: '改期' }), 409, 'conflict').message).toContain('delivered');
    const o = await paidOrder(w.a.admin, w);
    const req = expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, { deliveryAddress: '新地址', reason: '搬家' }), 201);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/deliver`, {}), 200);
    const closed = expectStatus(await w.a.admin.get(`/api/v1/orders/${o.id}/changes`), 200).items[0];
    expect([closed.id, closed.status, closed.decisionReason]).toEqual([req.id, 'refused', 'the order was delivered']);
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/changes/${req.id}/approve`, {}), 409, 'conflict');
  });

  it('validates the request: at least one change, lines of this order, real products', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    expect(issuePaths(await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, { reason: '什么都不改' }))).toEqual(['body.lines']);
    const bad = await w.a.admin.post(`/api/v1/orders/${o.id}/changes`, {
      lines: [{ id: crypto.randomUUID(), productId: w.sofa.id, quantity: 1 }, { productId: crypto.randomUUID(), quantity: 1 }],
      reason: '坏数据',
    });
    expect(issuePaths(bad).sort()).toEqual(['body.lines.0.id', 'body.lines.1.productId']);
    expectErrorBody(await w.a.admin.post(`/api/v1/orders/${o.id}/changes/${crypto.randomUUID()}/approve`, {}), 404, 'not_found');
  });

  it('lets orders:edit request but only orders:approve decide', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    const sales = (await userIn(t, w.a.admin, w.a.code, w.store.id, '店长')).client;
    const clerkRole = await createRole(w.a.admin, { permissions: ['orders:view', 'orders:edit', 'catalogue:view', 'customers:view'], dataScope: 'unit' });
    const clerk = (await userIn(t, w.a.admin, w.a.code, w.store.id, clerkRole.name)).client;
    const req = expectStatus(await clerk.post(`/api/v1/orders/${o.id}/changes`, { deliveryDate: '2026-12-12', reason: '客户要求' }), 201);
    expect(req.requestedByName).toBeTruthy();
    expectErrorBody(await clerk.post(`/api/v1/orders/${o.id}/changes/${req.id}/approve`, {}), 403, 'forbidden');
    expectStatus(await sales.post(`/api/v1/orders/${o.id}/changes/${req.id}/approve`, {}), 200);
  });
});
