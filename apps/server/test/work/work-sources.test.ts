import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followupWorkSource } from '../../src/modules/order-followups/index.ts';
import { sweepSla } from '../../src/modules/service-requests/escalation.service.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { createRole } from '../factories.ts';
import { type Client, loginAs, type TestApp, testApp, userIn } from '../helpers.ts';
import { followupWorld, payOrder } from '../order-followups/followups-world.ts';
import { MINUTE, MONDAY_10, newRequest, ok, requestsWorld } from '../service-requests/requests-world.ts';
import { workApp } from './work-app.ts';

/**
 * The work-today sources of after-sales follow-ups and customer requests, through the real route: the caller's own
 * steps due by the end of today (overdue ones flagged), the open requests assigned to them with their SLA due times;
 * and the inbox notifications of request assignments and escalations.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

interface Item {
  source: string;
  id: string;
  kind: string;
  title: string;
  detail: string | null;
  dueAt: string | null;
  overdue: boolean;
  link: string;
}
async function today(c: Client) {
  const res = await c.get('/api/v1/work/today');
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { sections: { key: string; count: number; items: Item[] }[]; failed: { source: string }[]; endOfToday: string };
  const of = (key: string, source: string) => (body.sections.find((s) => s.key === key)?.items ?? []).filter((i) => i.source === source);
  return { ...body, of };
}
const inbox = async (c: Client) => (await c.get('/api/v1/notifications')).json().items as { kind: string; params: Record<string, unknown>; link: string }[];

describe('after-sales follow-up steps in my work today', () => {
  const NOW = '2026-11-22T07:30:00.000Z'; // 15:30 in Shanghai

  it('lists my steps overdue and due by the end of today, oldest first, linking to the order — not other people’s', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const a = await payOrder(t, w, '2026-11-20T02:00:00.000Z'); // confirm (20th) and thanks (21st) overdue, appointment today
    const b = await payOrder(t, w, NOW); // confirm today, thanks tomorrow
    const mine = await today(w.sales.client);
    expect(mine.failed.map((f) => f.source)).not.toContain('followups');
    expect(mine.of('overdue', 'followups').map((i) => i.detail)).toEqual([`订单确认 · ${a.orderNo}`, `订单答谢 · ${a.orderNo}`]);
    expect(mine.of('overdue', 'followups').every((i) => i.overdue && i.kind === 'followup.due')).toBe(true);
    const due = mine.of('dueToday', 'followups');
    expect(due.map((i) => i.detail).sort()).toEqual([`订单确认 · ${b.orderNo}`, `送货预约 · ${a.orderNo}`].sort());
    expect(due.find((i) => i.detail?.endsWith(a.orderNo))).toMatchObject({ title: '王芳', overdue: false, dueAt: '2026-11-22T15:59:59.000Z', link: `/orders/${a.orderId}` });
    // The store manager sees the store's steps in the work list, but "my work" is the steps they own: none.
    const manager = await today(w.manager.client);
    expect([...manager.of('overdue', 'followups'), ...manager.of('dueToday', 'followups')]).toEqual([]);
  });

  it('keeps today’s steps when the overdue ones pass the limit, filling up with the oldest overdue', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const a = await payOrder(t, w, '2026-11-20T02:00:00.000Z'); // confirm 20th, thanks 21st overdue; appointment today
    const b = await payOrder(t, w, '2026-11-19T02:00:00.000Z'); // confirm 19th, thanks 20th, appointment 21st: all overdue
    const { app } = await workApp(t, { followups: { permission: 'followups:view', section: 'tasks', load: (ctx, input) => followupWorkSource(ctx, { ...input, limit: 2 }) } });
    const res = await app.inject({ method: 'GET', url: '/api/v1/work/today', headers: { cookie: w.sales.client.cookie } });
    const body = res.json() as { sections: { key: string; more: boolean; items: Item[] }[] };
    const section = (key: string) => body.sections.find((s) => s.key === key)!;
    expect(section('dueToday').items.map((i) => i.detail)).toEqual([`送货预约 · ${a.orderNo}`]);
    expect(section('overdue').items.map((i) => i.detail)).toEqual([`订单确认 · ${b.orderNo}`]);
    expect(section('overdue').more).toBe(false); // the route's own limit was not reached: only this test's source limit
    await app.close();
  });

  it('moves the day on at midnight in Shanghai: today’s steps become overdue, tomorrow’s become today’s', async () => {
    t.clock.set(NOW);
    const w = await followupWorld(t);
    const b = await payOrder(t, w, NOW);
    t.clock.set('2026-11-22T15:59:00.000Z'); // 23:59
    let c = await loginAs(t, w.a.code, w.sales.user.username, 'user-pass-1');
    let mine = await today(c);
    expect(mine.of('dueToday', 'followups').map((i) => i.detail)).toEqual([`订单确认 · ${b.orderNo}`]);
    expect(mine.of('overdue', 'followups')).toEqual([]);
    t.clock.set('2026-11-22T16:00:00.000Z'); // 00:00 on the 23rd
    c = await loginAs(t, w.a.code, w.sales.user.username, 'user-pass-1');
    mine = await today(c);
    expect(mine.endOfToday).toBe('2026-11-23T16:00:00.000Z');
    expect(mine.of('overdue', 'followups').map((i) => i.detail)).toEqual([`订单确认 · ${b.orderNo}`]);
    expect(mine.of('dueToday', 'followups').map((i) => i.detail)).toEqual([`订单答谢 · ${b.orderNo}`]);
    t.clock.set(NOW);
  });
});

describe('customer requests in my work today', () => {
  it('lists the open requests assigned to me with the due time of their running SLA clock, overdue once it ran out', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    ok(await w.admin.post('/api/v1/request-sla-policies', { type: 'consultation', firstResponseMinutes: 30, resolutionMinutes: 120, escalationStepMinutes: 60 }), 201);
    const agent = await w.user(w.store.id, '导购');
    const colleague = await w.user(w.store.id, '导购');
    const r1 = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id, subject: '沙发扶手开裂' });
    const r2 = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id, subject: '餐桌送货时间' });
    await newRequest(w.admin, { storeId: w.store.id, assigneeId: colleague.user.id, subject: '别人的请求' });
    const waiting = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id, subject: '等客户回复' });
    ok(await agent.client.post(`/api/v1/requests/${waiting.id}/status`, { status: 'awaiting_customer' }));

    let mine = await today(agent.client);
    expect(mine.failed.map((f) => f.source)).not.toContain('requests');
    let items = mine.of('requests', 'requests');
    expect(items.map((i) => i.title).sort()).toEqual(['沙发扶手开裂', '餐桌送货时间'].sort());
    expect(items.find((i) => i.id === r1.id)).toMatchObject({
      kind: 'request.open', dueAt: r1.sla.firstResponseDueAt, overdue: false, link: `/requests/${r1.id}`, detail: r1.number,
    });

    // Answering stops the first-response clock: the resolution due time is next.
    ok(await agent.client.post(`/api/v1/requests/${r2.id}/activities`, { kind: 'reply', body: '已安排师傅' }));
    t.clock.set(new Date(Date.parse(MONDAY_10) + 45 * MINUTE));
    const again = await loginAs(t, w.code, agent.user.username, 'user-pass-1');
    mine = await today(again);
    items = mine.of('requests', 'requests');
    expect(items.map((i) => i.id)).toEqual([r1.id, r2.id]); // most urgent first
    expect(items[0]).toMatchObject({ overdue: true, dueAt: r1.sla.firstResponseDueAt });
    expect(items[1]).toMatchObject({ overdue: false, dueAt: r2.sla.resolutionDueAt });
    t.clock.set(MONDAY_10);
  });

  it('is not asked for callers without requests:view', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const role = await createRole(w.admin, { permissions: ['followups:view'], dataScope: 'own' });
    const limited = await userIn(t, w.admin, w.code, w.store.id, role.name);
    const mine = await today(limited.client);
    expect(mine.sections.map((s) => s.key)).toEqual(['overdue', 'dueToday']);
  });

  it('tells the assignee in their inbox, but not someone who takes a request themselves; and tells whom an SLA breach escalates to', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    ok(await w.admin.post('/api/v1/request-sla-policies', { type: 'consultation', firstResponseMinutes: 30, resolutionMinutes: 120, escalationStepMinutes: 60 }), 201);
    const supervisor = await w.user(w.store.id, '店长');
    const agent = await w.user(w.store.id, '导购');
    ok(await w.admin.patch(`/api/v1/users/${agent.user.id}`, { supervisorId: supervisor.user.id }));

    const r = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id, subject: '床垫异味' });
    expect(await inbox(agent.client)).toEqual([expect.objectContaining({ kind: 'request.assigned', params: { number: r.number, subject: '床垫异味' }, link: `/requests/${r.id}` })]);

    // Reassigned to the supervisor by the administrator: the supervisor is told.
    const queued = await newRequest(w.admin, { storeId: w.store.id, subject: '柜门松动' });
    ok(await w.admin.post(`/api/v1/requests/${queued.id}/assign`, { assigneeId: supervisor.user.id }));
    expect((await inbox(supervisor.client)).map((n) => [n.kind, n.params.subject])).toEqual([['request.assigned', '柜门松动']]);
    // The agent answers a queued request and so takes it: no notification to themselves.
    const other = await newRequest(w.admin, { storeId: w.store.id, subject: '茶几划痕' });
    expect(other.assigneeId).toBeNull();
    expect(ok(await agent.client.post(`/api/v1/requests/${other.id}/activities`, { kind: 'reply', body: '马上处理' })).assigneeId).toBe(agent.user.id);
    expect((await inbox(agent.client)).map((n) => n.params.subject)).toEqual(['床垫异味']);

    // The first response of r is missed: level 1 goes to the agent's supervisor, who is told.
    t.clock.set(new Date(Date.parse(MONDAY_10) + 31 * MINUTE));
    await sweepSla(systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'test-sweep'), t.clock.now());
    const escalated = (await inbox(supervisor.client)).filter((n) => n.kind === 'request.escalated');
    expect(escalated).toEqual([expect.objectContaining({ params: { number: r.number, subject: '床垫异味', level: 1, breach: 'first_response' }, link: `/requests/${r.id}` })]);
    // A second sweep escalates nothing new and notifies nobody again.
    await sweepSla(systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'test-sweep'), t.clock.now());
    expect((await inbox(supervisor.client)).filter((n) => n.kind === 'request.escalated')).toHaveLength(1);
    t.clock.set(MONDAY_10);
  });
});
