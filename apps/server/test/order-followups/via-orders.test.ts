import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp, testApp, userIn } from '../helpers.ts';
import { expectStatus, newOrder, orderWorld, paidOrder } from '../orders/fixtures.ts';
import { stepsOf } from './followups-world.ts';

/** End to end with the real orders module: paying, scheduling, delivering and cancelling orders through /api/v1/orders. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z'); // 15:30 in Shanghai
});
afterAll(async () => {
  await t.app.close();
});

describe('follow-up of orders paid through the orders API', () => {
  it('gives a paid order its steps, schedules the delivery steps and the visit as the order moves on', async () => {
    const w = await orderWorld(t);
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const draft = await newOrder(w.a.admin, w, { salespersonId: sales.user.id });
    await t.deps.jobs.drain(w.a.tenant.id);
    // Not paid yet: no steps.
    expect((await w.a.admin.get(`/api/v1/orders/${draft.id}/followup-steps`)).statusCode).toBe(404);

    expectStatus(await w.a.admin.post(`/api/v1/orders/${draft.id}/confirm`), 200);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${draft.id}/payments`, { kind: 'payment', method: 'wechat', amountFen: draft.totalFen }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    let steps = await stepsOf(sales.client, draft.id);
    expect(Object.keys(steps)).toHaveLength(6);
    expect(steps.confirm).toMatchObject({ orderNo: draft.orderNo, ownerId: sales.user.id, customerName: '王建国', dueAt: '2026-11-22T15:59:59.000Z' });
    expect(steps.delivery_reminder.dueAt).toBeNull();

    expectStatus(await w.a.admin.post(`/api/v1/orders/${draft.id}/schedule-delivery`, { deliveryDate: '2026-12-06' }), 200);
    await t.deps.jobs.drain(w.a.tenant.id);
    steps = await stepsOf(sales.client, draft.id);
    expect(steps.delivery_reminder).toMatchObject({ dueAt: '2026-12-05T02:00:00.000Z' });
    expect(steps.delivery_reminder.message).toContain('2026年12月6日');

    // Delivered on 6 December at 14:00 Shanghai (sessions do not last that long: log in again).
    t.clock.set('2026-12-06T08:00:00.000Z');
    const admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
    expectStatus(await admin.post(`/api/v1/orders/${draft.id}/deliver`, { deliveredAt: '2026-12-06T06:00:00.000Z' }), 200);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await stepsOf(admin, draft.id)).post_delivery_visit.dueAt).toBe('2026-12-09T15:59:59.000Z');
    t.clock.set('2026-11-22T07:30:00.000Z');
  });

  it('skips the pending steps when a paid order is cancelled', async () => {
    const w = await orderWorld(t);
    const o = await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/cancel`, { reason: '客户退订' }), 200);
    await t.deps.jobs.drain(w.a.tenant.id);
    const steps = Object.values(await stepsOf(w.a.admin, o.id));
    expect(steps).toHaveLength(6);
    expect(steps.every((s) => s.status === 'skipped' && s.skipReason === '订单已取消：客户退订')).toBe(true);
  });
});
