import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type TestApp, testApp } from '../helpers.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { sweepSla } from '../../src/modules/service-requests/escalation.service.ts';
import { auditOf, eventsOf, MINUTE, MONDAY_10, newRequest, ok, requestsWorld, type RequestsWorld } from './requests-world.ts';

/**
 * SVC-2: an SLA breach escalates to the assignee's supervisor (level 1), then one level up the org tree (level 2), each
 * step trailed (escalation row, audit, timeline, request.escalated event), never twice; driven by the cron with an
 * injected clock.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(MONDAY_10);
  await t.deps.jobs.tickCron(); // the scheduler counts slots from here
});
afterAll(async () => {
  await t.app.close();
});

/**
 * Each test starts on its own later Monday 10:00: the scheduler remembers the last slot it fired, so the clock must
 * never go back between tests.
 */
async function startOn(weeks: number, minutesAfterMonday10 = 0) {
  t.clock.set(new Date(Date.parse(MONDAY_10) + weeks * 7 * 86_400_000 + minutesAfterMonday10 * MINUTE));
  await t.deps.jobs.tickCron();
}
const iso = (weeks: number, minutes: number) => new Date(Date.parse(MONDAY_10) + weeks * 7 * 86_400_000 + minutes * MINUTE).toISOString();

/** Let `minutes` pass, fire the due cron slot and run the tenant's jobs. */
async function after(w: RequestsWorld, minutes: number) {
  t.clock.advance(minutes * MINUTE);
  await t.deps.jobs.tickCron();
  await t.deps.jobs.drain(w.tenant.id);
}

async function escalationsOf(id: string) {
  const r = await t.deps.db.pool.query('SELECT breach, level, cycle, from_user_id, to_user_id, to_unit_id FROM service_request_escalations WHERE request_id = $1 ORDER BY escalated_at, breach, level', [id]);
  return r.rows as { breach: string; level: number; cycle: number; from_user_id: string | null; to_user_id: string | null; to_unit_id: string | null }[];
}

/** A store with an agent whose supervisor is a store manager, a second store manager, and a regional manager. */
async function team() {
  const w = await requestsWorld(t);
  const supervisor = await w.user(w.store.id, '店长');
  const agent = await w.user(w.store.id, '导购');
  ok(await w.admin.patch(`/api/v1/users/${agent.user.id}`, { supervisorId: supervisor.user.id }));
  const regional = await w.user(w.region.id, '区域经理');
  ok(await w.admin.post('/api/v1/request-sla-policies', { type: 'consultation', firstResponseMinutes: 30, resolutionMinutes: 120, escalationStepMinutes: 60 }), 201);
  return { w, supervisor, agent, regional };
}

describe('SLA breach and escalation', () => {
  it('escalates a missed first response to the supervisor, then to the region, then the missed resolution likewise; never twice', async () => {
    await startOn(1);
    const { w, supervisor, agent, regional } = await team();
    const r = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id });
    expect(new Date(r.sla.firstResponseDueAt).toISOString()).toBe(iso(1, 30));

    await after(w, 29);
    expect(await escalationsOf(r.id)).toEqual([]);

    await after(w, 2); // 10:31: the first response is overdue
    expect(await escalationsOf(r.id)).toEqual([
      { breach: 'first_response', level: 1, cycle: 0, from_user_id: agent.user.id, to_user_id: supervisor.user.id, to_unit_id: w.store.id },
    ]);
    let d = ok(await w.admin.get(`/api/v1/requests/${r.id}`));
    expect(d).toMatchObject({ escalatedToId: supervisor.user.id, escalatedToName: supervisor.user.displayName, assigneeId: agent.user.id });
    expect(d.sla).toMatchObject({ firstResponseBreached: true, escalationLevel: 1 });
    expect(d.escalations).toHaveLength(1);
    expect(d.activities.at(-1)).toMatchObject({ kind: 'escalation', public: false, actorKind: 'system', meta: { breach: 'first_response', level: 1, toUserId: supervisor.user.id } });
    // The supervisor finds it in their queue.
    const mine = ok(await supervisor.client.get('/api/v1/requests?queue=escalated')).items.map((i: { id: string }) => i.id);
    expect(mine).toEqual([r.id]);

    // Sweeps keep running: nothing happens twice.
    await after(w, 1);
    await after(w, 1);
    expect(await escalationsOf(r.id)).toHaveLength(1);

    await after(w, 58); // 11:31: one step (60 business minutes) past due → level 2, one level up the org tree
    expect((await escalationsOf(r.id)).map((e) => [e.breach, e.level, e.to_user_id, e.to_unit_id])).toEqual([
      ['first_response', 1, supervisor.user.id, w.store.id],
      ['first_response', 2, regional.user.id, w.region.id],
    ]);

    await after(w, 30); // 12:01: resolution (120 minutes) overdue
    await after(w, 60); // 13:01: and one step on
    await after(w, 120);
    const all = await escalationsOf(r.id);
    expect(all.map((e) => `${e.breach}:${e.level}:${e.to_user_id === supervisor.user.id ? 'supervisor' : e.to_user_id === regional.user.id ? 'region' : e.to_user_id}`)).toEqual([
      'first_response:1:supervisor',
      'first_response:2:region',
      'resolution:1:supervisor',
      'resolution:2:region',
    ]);

    const events = (await eventsOf(t, r.id)).filter((e) => e.type === 'request.escalated');
    expect(events).toHaveLength(4);
    expect(events.map((e) => [e.payload.breach, e.payload.level]).sort()).toEqual([
      ['first_response', 1], ['first_response', 2], ['resolution', 1], ['resolution', 2],
    ]);
    expect(events[0].payload).toMatchObject({ requestId: r.id, requestNo: r.number, storeId: w.store.id, fromUserId: agent.user.id });
    const audit = (await auditOf(t, r.id)).filter((a) => a.action === 'serviceRequest.escalated');
    expect(audit).toHaveLength(4);
    expect(audit.every((a) => a.actor_kind === 'system')).toBe(true);
    d = ok(await w.admin.get(`/api/v1/requests/${r.id}`));
    expect(d.sla.escalationLevel).toBe(2);
    expect(d.escalations.map((e: { toUserName: string }) => e.toUserName)).toEqual([
      supervisor.user.displayName, regional.user.displayName, supervisor.user.displayName, regional.user.displayName,
    ]);
  });

  it('goes to the store manager when the request has no assignee, and can make the target the assignee', async () => {
    await startOn(2);
    const { w, supervisor, regional } = await team();
    ok(await w.admin.patch('/api/v1/request-settings', { reassignOnEscalation: true }));
    const r = await newRequest(w.admin, { storeId: w.store.id });
    expect(r.assigneeId).toBeNull();
    await after(w, 31);
    let d = ok(await w.admin.get(`/api/v1/requests/${r.id}`));
    expect(d).toMatchObject({ escalatedToId: supervisor.user.id, assigneeId: supervisor.user.id, status: 'assigned' });
    await after(w, 60);
    d = ok(await w.admin.get(`/api/v1/requests/${r.id}`));
    expect(d).toMatchObject({ escalatedToId: regional.user.id, assigneeId: regional.user.id });
    expect((await escalationsOf(r.id)).map((e) => e.from_user_id)).toEqual([null, supervisor.user.id]);
  });

  it('does not escalate an answered request, nor the resolution clock while awaiting the customer', async () => {
    await startOn(3);
    const { w, agent } = await team();
    const r = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id });
    await after(w, 10);
    ok(await agent.client.post(`/api/v1/requests/${r.id}/activities`, { kind: 'reply', body: '收到' }));
    ok(await agent.client.post(`/api/v1/requests/${r.id}/status`, { status: 'awaiting_customer' }));
    await after(w, 200);
    expect(await escalationsOf(r.id)).toEqual([]);
    // Back to work: the 200 paused minutes moved the resolution due time; 110 minutes were left.
    ok(await agent.client.post(`/api/v1/requests/${r.id}/status`, { status: 'in_progress' }));
    await after(w, 100);
    expect(await escalationsOf(r.id)).toEqual([]);
    await after(w, 11);
    expect((await escalationsOf(r.id)).map((e) => `${e.breach}:${e.level}`)).toEqual(['resolution:1']);
  });

  it('counts business time only: an evening request escalates the next business morning', async () => {
    await startOn(4, 5 * 24 * 60 + 465); // Saturday 17:45
    const { w, agent, supervisor } = await team();
    const r = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id });
    // 15 minutes on Saturday, Sunday off, 15 minutes on Monday.
    expect(new Date(r.sla.firstResponseDueAt).toISOString()).toBe(iso(5, -45));
    await after(w, 14 * 60); // Sunday 07:45
    await after(w, 24 * 60); // Monday 07:45
    expect(await escalationsOf(r.id)).toEqual([]);
    await after(w, 91); // Monday 09:16
    expect((await escalationsOf(r.id)).map((e) => [e.level, e.to_user_id])).toEqual([[1, supervisor.user.id]]);
    // Sessions have expired meanwhile; the supervisor logs in again and sees the escalation.
    const again = await loginAs(t, w.code, (await t.deps.db.pool.query('SELECT username FROM users WHERE id = $1', [supervisor.user.id])).rows[0].username, 'user-pass-1');
    expect(ok(await again.get('/api/v1/requests?queue=escalated')).items.map((i: { id: string }) => i.id)).toEqual([r.id]);
  });

  it('escalates a reopened request’s new resolution clock again (a new cycle)', async () => {
    await startOn(6);
    const { w, agent } = await team();
    const r = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id });
    ok(await agent.client.post(`/api/v1/requests/${r.id}/activities`, { kind: 'reply', body: '收到' }));
    await after(w, 121);
    expect((await escalationsOf(r.id)).map((e) => `${e.breach}:${e.level}:${e.cycle}`)).toEqual(['resolution:1:0']);
    ok(await agent.client.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '已处理' }));
    ok(await agent.client.post(`/api/v1/requests/${r.id}/reopen`, { reason: '没处理好' }));
    await after(w, 121);
    expect((await escalationsOf(r.id)).map((e) => `${e.breach}:${e.level}:${e.cycle}`)).toEqual(['resolution:1:0', 'resolution:1:1']);
  });
  it('finds a new breach behind any number of requests waiting for their next level (the batch counts work, not candidates)', async () => {
    await startOn(7);
    const { w, agent } = await team();
    const waiting = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id });
    await after(w, 31); // 10:31: its first response escalated to level 1; level 2 falls due at 11:30
    expect((await escalationsOf(waiting.id)).map((e) => `${e.breach}:${e.level}`)).toEqual(['first_response:1']);
    const fresh = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id }); // due 11:01
    t.clock.advance(31 * MINUTE); // 11:02, no cron: the sweep is called with a batch of one
    const ctx = systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'test.sweep');
    // The older breach comes first in the scan but has nothing due; it is passed over, not locked and counted.
    expect(await sweepSla(ctx, t.clock.now(), 1)).toEqual({ escalated: 1, checked: 2 });
    expect((await escalationsOf(fresh.id)).map((e) => `${e.breach}:${e.level}`)).toEqual(['first_response:1']);
    expect((await escalationsOf(waiting.id)).map((e) => `${e.breach}:${e.level}`)).toEqual(['first_response:1']);
    expect(await sweepSla(ctx, t.clock.now(), 1)).toEqual({ escalated: 0, checked: 2 });
  });
});
