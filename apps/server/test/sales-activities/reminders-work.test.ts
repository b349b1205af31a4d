import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { remindDueNextSteps } from '../../src/modules/sales-activities/due-reminders.ts';
import { activityWorkSource, proposalWorkSource } from '../../src/modules/sales-activities/index.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { activityWorld, callWithStep, logActivity, userCtx } from './activities-world.ts';

/** Next-step reminders into the owner's inbox (cron activities.nextStepsDue) and the module's "my work today" sources. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '2000' });
});
afterAll(async () => {
  await t.app.close();
});

const inbox = async (tenantId: string) =>
  (
    await t.deps.db.pool.query(
      'SELECT user_id, kind, params, link, entity_type, entity_id, dedupe_key, created_at FROM notifications WHERE tenant_id = $1 ORDER BY created_at, id',
      [tenantId],
    )
  ).rows;

describe('next-step reminders (cron activities.nextStepsDue)', () => {
  it('puts one activity.due notification into the owner’s inbox when the step comes due, and again after a reschedule', async () => {
    t.clock.set('2026-11-22T02:01:00.000Z');
    const w = await activityWorld(t);
    const a = await logActivity(w.salesA.client, callWithStep(w.customerA.id, '2026-11-22T02:07:00.000Z', '回电确认量尺'));
    await t.deps.jobs.tickCron();
    const cronJobs = async () =>
      (await t.deps.db.pool.query("SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND kind = 'cron:activities.nextStepsDue'", [w.tenantId])).rows[0].n;

    t.clock.set('2026-11-22T02:05:30.000Z');
    await t.deps.jobs.tickCron();
    expect(await cronJobs()).toBe(1);
    await t.deps.jobs.drain(w.tenantId);
    expect(await inbox(w.tenantId)).toEqual([]);

    t.clock.set('2026-11-22T02:10:30.000Z');
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.tenantId);
    const first = await inbox(w.tenantId);
    expect(first).toEqual([
      {
        user_id: w.salesA.user.id,
        kind: 'activity.due',
        params: { subject: '王芳', text: '回电确认量尺', dueAt: '2026-11-22T02:07:00.000Z', activityKind: 'call' },
        link: `/customers/${w.customerA.id}`,
        entity_type: 'salesActivity',
        entity_id: a.id,
        dedupe_key: `activity.due:${a.id}:2026-11-22T02:07:00.000Z`,
        created_at: new Date('2026-11-22T02:10:30.000Z'),
      },
    ]);

    // The next slot, and a re-run of the same sweep, remind of nothing new.
    t.clock.set('2026-11-22T02:15:30.000Z');
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.tenantId);
    expect(await remindDueNextSteps(systemCtx(t.deps.db.db, w.tenantId, t.clock.now, 'test'), t.clock.now())).toEqual({ reminded: 0 });
    expect(await inbox(w.tenantId)).toHaveLength(1);

    // Moved to 02:18: it reminds again when that time has come.
    expect((await w.salesA.client.post(`/api/v1/activities/${a.id}/next-step/reschedule`, { dueAt: '2026-11-22T02:18:00.000Z' })).statusCode).toBe(200);
    t.clock.set('2026-11-22T02:20:30.000Z');
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.tenantId);
    expect((await inbox(w.tenantId)).map((n) => n.dedupe_key)).toEqual([`activity.due:${a.id}:2026-11-22T02:07:00.000Z`, `activity.due:${a.id}:2026-11-22T02:18:00.000Z`]);
  });

  it('does not remind of steps that are done, or of steps not yet due', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const done = await logActivity(w.salesA.client, callWithStep(w.customerA.id, '2026-11-22T03:00:00.000Z', '已完成'));
    await logActivity(w.salesA.client, callWithStep(w.customerA.id, '2026-11-22T05:00:00.000Z', '还没到'));
    await logActivity(w.salesB.client, callWithStep(w.customerB.id, '2026-11-22T03:30:00.000Z', 'B店的'));
    await w.salesA.client.post(`/api/v1/activities/${done.id}/next-step/done`, {});
    t.clock.set('2026-11-22T04:00:00.000Z');
    expect(await remindDueNextSteps(systemCtx(t.deps.db.db, w.tenantId, t.clock.now, 'test'), t.clock.now())).toEqual({ reminded: 1 });
    expect((await inbox(w.tenantId)).map((n) => [n.user_id, n.params.text])).toEqual([[w.salesB.user.id, 'B店的']]);
  });
});

describe('my work today: next steps and proposals awaiting an answer', () => {
  it('lists the caller’s own steps due by the end of today, overdue ones flagged, with a link to the subject', async () => {
    t.clock.set('2026-11-21T02:00:00.000Z');
    const w = await activityWorld(t);
    const late = await logActivity(w.salesA.client, callWithStep(w.customerA.id, '2026-11-21T03:00:00.000Z', '昨天的回访'));
    t.clock.set('2026-11-22T06:00:00.000Z'); // 14:00 on the 22nd
    const soon = await logActivity(w.salesA.client, callWithStep(w.customerA.id, '2026-11-22T12:00:00.000Z', '今晚8点回电'));
    await logActivity(w.salesA.client, callWithStep(w.customerA.id, '2026-11-22T16:30:00.000Z', '明天的'));
    const doneToday = await logActivity(w.salesA.client, callWithStep(w.customerA.id, '2026-11-22T07:00:00.000Z', '已完成的'));
    await w.salesA.client.post(`/api/v1/activities/${doneToday.id}/next-step/done`, {});
    await logActivity(w.salesB.client, callWithStep(w.customerB.id, '2026-11-22T08:00:00.000Z', '别人的'));

    const ctx = await userCtx(t, w.salesA.user.id);
    const input = { now: t.clock.now(), endOfToday: new Date('2026-11-22T16:00:00.000Z'), limit: 20 };
    expect(await activityWorkSource(ctx, input)).toEqual([
      { source: 'activities', id: late.id, kind: 'activity.due', title: '王芳', detail: '昨天的回访', dueAt: '2026-11-21T03:00:00.000Z', overdue: true, link: `/customers/${w.customerA.id}` },
      { source: 'activities', id: soon.id, kind: 'activity.due', title: '王芳', detail: '今晚8点回电', dueAt: '2026-11-22T12:00:00.000Z', overdue: false, link: `/customers/${w.customerA.id}` },
    ]);
    expect(await activityWorkSource(ctx, { ...input, limit: 1 })).toHaveLength(1);
    expect(await activityWorkSource(await userCtx(t, w.managerA.user.id), input)).toEqual([]);
  });

  it('lists the caller’s presented proposals until the customer answers', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const c = w.salesA.client;
    const proposal = (title: string) => logActivity(c, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'proposal', title });
    const waiting = await proposal('客厅方案');
    const draft = await proposal('卧室方案');
    const answered = await proposal('书房方案');
    await c.post(`/api/v1/activities/${waiting.id}/proposal/present`);
    await c.post(`/api/v1/activities/${answered.id}/proposal/present`);
    await c.post(`/api/v1/activities/${answered.id}/proposal/accept`);
    const input = { now: t.clock.now(), endOfToday: new Date('2026-11-22T16:00:00.000Z'), limit: 20 };
    expect(await proposalWorkSource(await userCtx(t, w.salesA.user.id), input)).toEqual([
      { source: 'proposals', id: waiting.id, kind: 'proposal.awaiting', title: '王芳', detail: '客厅方案', dueAt: null, overdue: false, link: `/customers/${w.customerA.id}` },
    ]);
    expect(draft.proposal?.status).toBe('draft');
    expect(await proposalWorkSource(await userCtx(t, w.salesA2.user.id), input)).toEqual([]);
  });
});
