import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, loginAs, makeStore, type TestApp, testApp, userIn } from '../helpers.ts';
import { createCustomer } from '../factories.ts';
import { emitOrderEvent, deliveryScheduled, followupWorld, type FollowupWorld, payOrder, type StepJson, stepsOf } from './followups-world.ts';

/**
 * The follow-up work list: today, overdue, upcoming (7 days), unscheduled and closed views at the injected clock,
 * badge counts, keyset pages, filters, and the data scope (a salesperson sees their own steps, a store manager the
 * store's, nobody another store's).
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const NOW = '2026-11-22T07:30:00.000Z'; // 15:30 in Shanghai

const list = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/followup-steps?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: StepJson[]; nextCursor: string | null };
};
const names = (items: StepJson[]) => items.map((s) => `${s.orderNo}:${s.stepKey}`);

/** Two orders of the salesperson: A paid two days ago (overdue steps), B paid now. */
async function twoOrders(w: FollowupWorld) {
  const a = await payOrder(t, w, '2026-11-20T02:00:00.000Z');
  const b = await payOrder(t, w, NOW);
  return { a, b };
}

describe('work list views', () => {
  it('sorts pending steps into today, overdue, upcoming and unscheduled by the clock, with badge counts', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const { a, b } = await twoOrders(w);
    const c = w.sales.client;
    // Due by the end of today: A's appointment (paid on the 20th, +2 d) and B's confirmation (same time: any order).
    expect(names((await list(c, 'view=today')).items).sort()).toEqual([`${a.orderNo}:delivery_appointment`, `${b.orderNo}:confirm`].sort());
    // Due before now: A's confirmation (20th) and thank-you (21st), oldest first, flagged overdue.
    const overdue = await list(c, 'view=overdue');
    expect(names(overdue.items)).toEqual([`${a.orderNo}:confirm`, `${a.orderNo}:thanks`]);
    expect(overdue.items.every((s) => s.overdue)).toBe(true);
    expect(names((await list(c, 'view=upcoming')).items)).toEqual([`${b.orderNo}:thanks`, `${b.orderNo}:delivery_appointment`]);
    expect((await list(c, 'view=unscheduled')).items).toHaveLength(6);
    const counts = (await c.get('/api/v1/followup-steps/counts')).json();
    expect(counts).toEqual({ today: 2, overdue: 2, upcoming: 2, unscheduled: 6, cap: 999 });

    // A day later B's confirmation is overdue too.
    t.clock.set('2026-11-23T07:30:00.000Z');
    const again = await loginAs(t, w.a.code, w.sales.user.username, 'user-pass-1');
    expect(names((await list(again, 'view=overdue')).items)).toContain(`${b.orderNo}:confirm`);
    expect((await again.get('/api/v1/followup-steps/counts')).json()).toMatchObject({ today: 1, overdue: 4 });
    t.clock.set(NOW);
  });

  it('counts only the next seven days as upcoming, and lists closed steps newest first', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const far = await payOrder(t, w, NOW);
    await emitOrderEvent(t, w.tenantId, 'order.deliveryScheduled', deliveryScheduled(far, '2027-01-20'));
    await t.deps.jobs.drain(w.tenantId);
    expect(names((await list(w.sales.client, 'view=upcoming')).items)).not.toContain(`${far.orderNo}:delivery_reminder`);
    expect(names((await list(w.sales.client, 'view=all')).items)).toContain(`${far.orderNo}:delivery_reminder`);

    const steps = await stepsOf(w.sales.client, far.orderId);
    await w.sales.client.post(`/api/v1/followup-steps/${steps.confirm.id}/complete`, { outcome: '已确认' });
    t.clock.advance(60_000);
    await w.sales.client.post(`/api/v1/followup-steps/${steps.thanks.id}/skip`, { reason: '客户不接电话' });
    t.clock.set(NOW);
    const closed = await list(w.sales.client, 'view=closed');
    expect(names(closed.items)).toEqual([`${far.orderNo}:thanks`, `${far.orderNo}:confirm`]);
    expect(names((await list(w.sales.client, 'view=today')).items)).not.toContain(`${far.orderNo}:confirm`);
  });

  it('pages with keyset cursors without repeating or losing rows', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    for (let i = 0; i < 3; i++) await payOrder(t, w, NOW);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(w.manager.client, `view=unscheduled&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const bad = await w.manager.client.get('/api/v1/followup-steps?cursor=bm90LWEtY3Vyc29y');
    expect(issuePaths(bad)).toEqual(['query.cursor']);
  });

  it('filters by step, owner and store', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const byStep = await list(w.manager.client, 'view=all&stepKey=post_delivery_visit');
    expect(names(byStep.items)).toEqual([`${o.orderNo}:post_delivery_visit`]);
    expect((await list(w.manager.client, `view=all&ownerId=${w.sales.user.id}`)).items).toHaveLength(6);
    expect((await list(w.manager.client, `view=all&ownerId=${w.manager.user.id}`)).items).toHaveLength(0);
    expect((await list(w.manager.client, 'view=all&mine=true')).items).toHaveLength(0);
    expect((await list(w.a.admin, `view=all&storeId=${w.store.id}`)).items).toHaveLength(6);
    expect((await list(w.a.admin, `view=all&storeId=${w.a.hq.id}`)).items).toHaveLength(0);
    const bad = await w.manager.client.get('/api/v1/followup-steps?view=someday&stepKey=不行');
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['query.stepKey', 'query.view']);
  });
});

describe('scope', () => {
  it('shows a salesperson their own steps, the store manager the store’s, and answers 404 across stores', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const colleague = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const mine = await payOrder(t, w, NOW);
    const theirs = await payOrder(t, w, NOW, { salespersonId: colleague.user.id });
    // Another store of the same tenant, with its own manager and order.
    const other = await makeStore(w.a.admin, w.a.hq.id);
    const otherManager = await userIn(t, w.a.admin, w.a.code, other.id, '店长');
    const otherCustomer = await createCustomer(w.a.admin, { name: '李雷', storeId: other.id });
    const elsewhere = await payOrder(t, w, NOW, { storeId: other.id, customerId: otherCustomer.id, salespersonId: null });

    const salesAll = await list(w.sales.client, 'view=all&limit=50');
    expect(new Set(salesAll.items.map((s) => s.orderId))).toEqual(new Set([mine.orderId]));
    const managerAll = await list(w.manager.client, 'view=all&limit=50');
    expect(new Set(managerAll.items.map((s) => s.orderId))).toEqual(new Set([mine.orderId, theirs.orderId]));
    expect((await list(w.a.admin, 'view=all&limit=50')).items).toHaveLength(18);

    // The colleague's order and the other store's order are not there for the salesperson / the manager.
    const theirStep = (await stepsOf(colleague.client, theirs.orderId)).confirm;
    expectErrorBody(await w.sales.client.get(`/api/v1/orders/${theirs.orderId}/followup-steps`), 404, 'not_found');
    expectErrorBody(await w.sales.client.get(`/api/v1/followup-steps/${theirStep.id}`), 404, 'not_found');
    expectErrorBody(await w.sales.client.post(`/api/v1/followup-steps/${theirStep.id}/complete`, {}), 404, 'not_found');
    const elsewhereStep = (await stepsOf(otherManager.client, elsewhere.orderId)).confirm;
    expect(elsewhereStep.ownerId).toBe(otherManager.user.id);
    expectErrorBody(await w.manager.client.get(`/api/v1/orders/${elsewhere.orderId}/followup-steps`), 404, 'not_found');
    expectErrorBody(await w.manager.client.post(`/api/v1/followup-steps/${elsewhereStep.id}/skip`, { reason: '越权' }), 404, 'not_found');
    expect((await w.manager.client.get('/api/v1/followup-steps/counts')).json()).toMatchObject({ today: 2 });
    // An order nobody paid: 404 as well.
    expectErrorBody(await w.a.admin.get(`/api/v1/orders/${crypto.randomUUID()}/followup-steps`), 404, 'not_found');
  });

  it('shares an unowned step with the store’s staff', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    // Nobody in the store may edit follow-ups: the steps stay unowned, and the store's staff see them.
    const bare = await makeStore(w.a.admin, w.a.hq.id);
    const viewer = await createRole(w.a.admin, { permissions: ['followups:view'], dataScope: 'own' });
    const clerk = await userIn(t, w.a.admin, w.a.code, bare.id, viewer.name);
    const o = await payOrder(t, w, NOW, { storeId: bare.id, salespersonId: null });
    const steps = await stepsOf(clerk.client, o.orderId);
    expect(Object.values(steps).map((s) => s.ownerId)).toEqual(Array(6).fill(null));
    expectErrorBody(await w.sales.client.get(`/api/v1/orders/${o.orderId}/followup-steps`), 404, 'not_found');
  });
});

describe('permissions', () => {
  it('needs followups:view to read, followups:edit to act', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const step = (await stepsOf(w.manager.client, o.orderId)).confirm;
    const readOnly = await createRole(w.a.admin, { permissions: ['followups:view'], dataScope: 'unit' });
    const nothing = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'unit' });
    const reader = (await userIn(t, w.a.admin, w.a.code, w.store.id, readOnly.name)).client;
    const stranger = (await userIn(t, w.a.admin, w.a.code, w.store.id, nothing.name)).client;

    expect((await reader.get('/api/v1/followup-steps?view=all')).json().items).toHaveLength(6);
    expect((await reader.get(`/api/v1/orders/${o.orderId}/followup-steps`)).statusCode).toBe(200);
    for (const [url, body] of [
      [`/api/v1/followup-steps/${step.id}/complete`, {}],
      [`/api/v1/followup-steps/${step.id}/skip`, { reason: '无' }],
      [`/api/v1/followup-steps/${step.id}/reschedule`, { dueDate: '2026-11-30', reason: '客户出差' }],
      [`/api/v1/followup-steps/${step.id}/reassign`, { ownerId: w.manager.user.id }],
      [`/api/v1/followup-steps/${step.id}/reopen`, { reason: '无' }],
    ] as const) {
      expectErrorBody(await reader.post(url, body), 403, 'forbidden');
    }
    expectErrorBody(await reader.get(`/api/v1/followup-steps/${step.id}/owner-candidates`), 403, 'forbidden');
    expectErrorBody(await stranger.get('/api/v1/followup-steps'), 403, 'forbidden');
    expectErrorBody(await stranger.get('/api/v1/followup-steps/counts'), 403, 'forbidden');
    expectErrorBody(await stranger.get(`/api/v1/orders/${o.orderId}/followup-steps`), 403, 'forbidden');
    expectErrorBody(await stranger.get('/api/v1/followup-templates'), 403, 'forbidden');
    expect((await stepsOf(w.manager.client, o.orderId)).confirm.status).toBe('pending');
  });
});
