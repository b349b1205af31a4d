import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, expectErrorBody } from '../factories.ts';
import { type Client, type TestApp, testApp } from '../helpers.ts';
import { type Activity, activityWorld, auditOf, callWithStep, logActivity } from './activities-world.ts';

/** The follow-up plan (跟进计划, LEAD-6): views by the Shanghai day, counts, done and reschedule, and whose steps a caller sees. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '2000' });
});
afterAll(async () => {
  await t.app.close();
});

interface Item {
  activityId: string;
  subjectName: string;
  subjectLink: string;
  ownerId: string;
  nextStep: { text: string; dueAt: string; overdue: boolean; doneAt: string | null; doneById: string | null; doneNote: string | null };
  editable: boolean;
}
const plan = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/activities/next-steps?${query}`);
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json() as { items: Item[]; nextCursor: string | null };
};
const texts = async (c: Client, query: string) => (await plan(c, query)).items.map((i) => i.nextStep.text);

describe('views of the follow-up plan', () => {
  it('splits today from overdue by the Shanghai day, and moves the steps across midnight', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const w = await activityWorld(t);
    const c = w.salesA.client;
    t.clock.set('2026-11-22T15:30:00.000Z'); // 23:30 on the 22nd in Shanghai
    await logActivity(c, callWithStep(w.customerA.id, '2026-11-22T15:00:00.000Z', '23点回电', { occurredAt: '2026-11-22T14:00:00.000Z' }));
    await logActivity(c, callWithStep(w.customerA.id, '2026-11-22T15:50:00.000Z', '23点50发方案'));
    await logActivity(c, callWithStep(w.customerA.id, '2026-11-21T10:00:00.000Z', '昨天该回访', { occurredAt: '2026-11-21T09:00:00.000Z' }));
    await logActivity(c, callWithStep(w.customerA.id, '2026-11-23T01:00:00.000Z', '明早9点量尺'));
    await logActivity(c, callWithStep(w.customerA.id, '2026-11-30T02:00:00.000Z', '下周到店'));
    await logActivity(c, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'refused' });

    expect(await texts(c, 'view=today')).toEqual(['23点回电', '23点50发方案']);
    expect((await plan(c, 'view=today')).items.map((i) => i.nextStep.overdue)).toEqual([true, false]);
    expect(await texts(c, 'view=overdue')).toEqual(['昨天该回访']);
    expect(await texts(c, 'view=upcoming')).toEqual(['明早9点量尺', '下周到店']);
    expect((await c.get('/api/v1/activities/next-steps/counts')).json()).toEqual({ today: 2, overdue: 1, upcoming: 2, done: 0, cap: 999 });

    t.clock.set('2026-11-22T16:10:00.000Z'); // 00:10 on the 23rd
    expect(await texts(c, 'view=today')).toEqual(['明早9点量尺']);
    expect(await texts(c, 'view=overdue')).toEqual(['昨天该回访', '23点回电', '23点50发方案']);
    expect(await texts(c, 'view=upcoming')).toEqual(['下周到店']);
    const first = await plan(c, 'view=overdue&limit=2');
    expect(first.items).toHaveLength(2);
    expect((await plan(c, `view=overdue&limit=2&cursor=${first.nextCursor}`)).items.map((i) => i.nextStep.text)).toEqual(['23点50发方案']);
    const item = (await plan(c, 'view=today')).items[0];
    expect(item).toMatchObject({ subjectName: '王芳', subjectLink: `/customers/${w.customerA.id}`, ownerId: w.salesA.user.id, editable: true });
  });

  it('marks a step done once, lists it under done, and audits who did it', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const c = w.salesA.client;
    const a = await logActivity(c, callWithStep(w.customerA.id, '2026-11-22T08:00:00.000Z'));
    t.clock.set('2026-11-22T07:00:00.000Z');
    const done = await c.post(`/api/v1/activities/${a.id}/next-step/done`, { note: '已约周六' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().nextStep).toMatchObject({ doneAt: '2026-11-22T07:00:00.000Z', doneById: w.salesA.user.id, doneByName: w.salesA.user.displayName, doneNote: '已约周六', overdue: false });
    expect(expectErrorBody(await c.post(`/api/v1/activities/${a.id}/next-step/done`, {}), 409, 'conflict').params).toEqual({ reason: 'next_step_done' });
    expect(expectErrorBody(await c.post(`/api/v1/activities/${a.id}/next-step/reschedule`, { dueAt: '2026-11-25T02:00:00.000Z' }), 409, 'conflict').params?.reason).toBe('next_step_done');
    expect(expectErrorBody(await c.patch(`/api/v1/activities/${a.id}`, { nextStep: { text: '再约', dueAt: '2026-11-25T02:00:00.000Z' } }), 409, 'conflict').params?.reason).toBe('next_step_done');
    expect(await texts(c, 'view=today')).toEqual([]);
    expect(await texts(c, 'view=done')).toEqual(['回电确认量尺时间']);
    const bare = await logActivity(c, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' });
    expect(expectErrorBody(await c.post(`/api/v1/activities/${bare.id}/next-step/done`, {}), 409, 'conflict').params).toEqual({ reason: 'no_next_step' });
    const audit = await t.deps.db.pool.query("SELECT actor_id, changes FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'salesActivity.nextStepDone'", [w.tenantId, a.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].actor_id).toBe(w.salesA.user.id);
    expect(audit.rows[0].changes).toContainEqual({ field: 'nextStepDoneAt', before: null, after: '2026-11-22T07:00:00.000Z' });
  });

  it('reschedules a pending step to a time not in the past, and audits the move with its reason', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const c = w.salesA.client;
    const a = await logActivity(c, callWithStep(w.customerA.id, '2026-11-22T08:00:00.000Z'));
    const past = await c.post(`/api/v1/activities/${a.id}/next-step/reschedule`, { dueAt: '2026-11-22T01:00:00.000Z' });
    expect(expectErrorBody(past, 422, 'validation_failed').issues).toEqual([expect.objectContaining({ path: 'body.dueAt', code: 'in_past' })]);
    const far = await c.post(`/api/v1/activities/${a.id}/next-step/reschedule`, { dueAt: '2027-12-22T01:00:00.000Z' });
    expect(expectErrorBody(far, 422, 'validation_failed').issues).toEqual([expect.objectContaining({ path: 'body.dueAt', code: 'too_far' })]);
    const moved = await c.post(`/api/v1/activities/${a.id}/next-step/reschedule`, { dueAt: '2026-11-24T02:00:00.000Z', reason: '客户出差' });
    expect(moved.json().nextStep).toMatchObject({ dueAt: '2026-11-24T02:00:00.000Z', doneAt: null });
    expect(await texts(c, 'view=upcoming')).toEqual(['回电确认量尺时间']);
    const rows = await auditOf(t, w.tenantId, a.id);
    expect(rows.map((r) => [r.action, r.meta])).toEqual([
      ['salesActivity.created', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call' }],
      ['salesActivity.nextStepRescheduled', { reason: '客户出差' }],
    ]);
    // A pending step may also be replaced or removed through the activity.
    const replaced = await c.patch(`/api/v1/activities/${a.id}`, { nextStep: { text: '改为上门', dueAt: '2026-11-23T02:00:00.000Z' } });
    expect(replaced.json().nextStep).toMatchObject({ text: '改为上门', dueAt: '2026-11-23T02:00:00.000Z' });
    expect((await c.patch(`/api/v1/activities/${a.id}`, { nextStep: null })).json().nextStep).toBeNull();
    expect((await c.get('/api/v1/activities/next-steps/counts')).json()).toMatchObject({ today: 0, overdue: 0, upcoming: 0 });
  });
});

describe('whose steps a caller sees and may act on', () => {
  it('shows a salesperson their own steps only; a store manager the store’s, by owner or store; nobody another store’s', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const own2 = await createCustomer(w.a.admin, { name: '赵敏', storeId: w.storeA.id, ownerId: w.salesA2.user.id });
    const due = '2026-11-22T09:00:00.000Z';
    await logActivity(w.salesA.client, callWithStep(w.customerA.id, due, 'A的回访'));
    await logActivity(w.salesA2.client, callWithStep(own2.id, due, 'A2的回访'));
    await logActivity(w.salesB.client, callWithStep(w.customerB.id, due, 'B的回访'));

    expect(await texts(w.salesA.client, 'view=today')).toEqual(['A的回访']);
    expect(await texts(w.salesA.client, 'view=today&owner=all')).toEqual(['A的回访']);
    expect(await texts(w.salesA.client, `view=today&owner=${w.salesA2.user.id}`)).toEqual([]);
    expect(await texts(w.managerA.client, 'view=today')).toEqual([]);
    expect((await texts(w.managerA.client, 'view=today&owner=all')).sort()).toEqual(['A2的回访', 'A的回访']);
    expect(await texts(w.managerA.client, `view=today&owner=${w.salesA2.user.id}`)).toEqual(['A2的回访']);
    expect((await texts(w.managerA.client, `view=today&owner=all&storeId=${w.storeA.id}`)).sort()).toEqual(['A2的回访', 'A的回访']);
    expect(await texts(w.managerA.client, `view=today&owner=all&storeId=${w.storeB.id}`)).toEqual([]);
    expect(await texts(w.managerA.client, `view=today&owner=${w.salesB.user.id}`)).toEqual([]);
    expect(await texts(w.a.admin, `view=today&owner=all&storeId=${w.storeB.id}`)).toEqual(['B的回访']);
    expect((await w.managerA.client.get('/api/v1/activities/next-steps/counts?owner=all')).json()).toMatchObject({ today: 2 });
    const bad = await w.managerA.client.get('/api/v1/activities/next-steps?view=someday&owner=nobody');
    expect(expectErrorBody(bad, 422, 'validation_failed').issues?.map((i) => i.path).sort()).toEqual(['query.owner', 'query.view']);
  });

  it('lets the owner and the store manager act on a step, but not a colleague who sees the same customer', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    // An unowned customer of store A (公海): both salespeople of the store see it and its whole timeline.
    const pool = await createCustomer(w.a.admin, { name: '公海客户', storeId: w.storeA.id, ownerId: null });
    const a = await logActivity(w.salesA.client, callWithStep(pool.id, '2026-11-22T09:00:00.000Z'));
    const timeline = (await w.salesA2.client.get(`/api/v1/activities?subjectType=customer&subjectId=${pool.id}`)).json();
    expect(timeline.items.map((x: Activity) => [x.id, x.editable])).toEqual([[a.id, false]]);
    expect((await w.salesA2.client.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(200);
    for (const res of [
      await w.salesA2.client.post(`/api/v1/activities/${a.id}/next-step/done`, {}),
      await w.salesA2.client.post(`/api/v1/activities/${a.id}/next-step/reschedule`, { dueAt: '2026-11-23T02:00:00.000Z' }),
      await w.salesA2.client.patch(`/api/v1/activities/${a.id}`, { notes: '改别人的' }),
    ]) expectErrorBody(res, 404, 'not_found');
    const byManager = await w.managerA.client.post(`/api/v1/activities/${a.id}/next-step/done`, { note: '店长代为完成' });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect((byManager.json() as Activity).nextStep).toMatchObject({ doneById: w.managerA.user.id });
  });
});
