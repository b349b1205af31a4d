import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths, rowOf } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { emitOrderEvent, delivered, followupWorld, payOrder, stepsOf } from './followups-world.ts';

/** Done, skipped, rescheduled, given to someone else, reopened: each checked, audited, and refused on bad input. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.app.close();
});

const NOW = '2026-11-22T07:30:00.000Z'; // 15:30 in Shanghai

async function auditOf(tenantId: string, entityId: string, action: string) {
  const r = await t.deps.db.pool.query(
    'SELECT actor_kind, actor_id, changes, meta FROM audit_log WHERE tenant_id = $1 AND entity_type = $2 AND entity_id = $3 AND action = $4 ORDER BY id',
    [tenantId, 'followupStep', entityId, action],
  );
  return r.rows as { actor_kind: string; actor_id: string | null; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, unknown> }[];
}

describe('mark done', () => {
  it('records the outcome, who and when, and audits it', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const step = (await stepsOf(w.sales.client, o.orderId)).confirm;
    const res = await w.sales.client.post(`/api/v1/followup-steps/${step.id}/complete`, { outcome: '  客户确认了颜色和尺寸  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', outcome: '客户确认了颜色和尺寸', doneAt: NOW, doneById: w.sales.user.id, doneByName: w.sales.user.displayName, overdue: false });
    const [row] = await auditOf(w.tenantId, step.id, 'followupStep.done');
    expect(row).toMatchObject({ actor_kind: 'user', actor_id: w.sales.user.id });
    expect(row.changes).toContainEqual({ field: 'status', before: 'pending', after: 'done' });
    // Done once: a second time is a conflict, and changes nothing.
    const before = await rowOf(t, 'followup_steps', step.id);
    expectErrorBody(await w.sales.client.post(`/api/v1/followup-steps/${step.id}/complete`, { outcome: '再来一次' }), 409, 'conflict');
    expect(await rowOf(t, 'followup_steps', step.id)).toEqual(before);
  });

  it('needs a satisfaction score 1–5 to close the post-delivery visit', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW, {}, '2026-11-20');
    await emitOrderEvent(t, w.tenantId, 'order.delivered', delivered(o, '2026-11-20T06:00:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    const visit = (await stepsOf(w.sales.client, o.orderId)).post_delivery_visit;
    const url = `/api/v1/followup-steps/${visit.id}/complete`;
    const missing = await w.sales.client.post(url, { outcome: '客户很满意' });
    expect(expectErrorBody(missing, 422, 'validation_failed').issues).toEqual([expect.objectContaining({ path: 'body.satisfaction', code: 'required' })]);
    for (const satisfaction of [0, 6, 3.5, '5']) {
      const res = await w.sales.client.post(url, { satisfaction });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(['body.satisfaction']);
    }
    expect((await rowOf(t, 'followup_steps', visit.id))?.status).toBe('pending');
    const ok = await w.sales.client.post(url, { satisfaction: 5, outcome: '非常满意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'done', satisfaction: 5 });
    // A step that asks for no score takes one when given.
    const thanks = (await stepsOf(w.sales.client, o.orderId)).thanks;
    expect((await w.sales.client.post(`/api/v1/followup-steps/${thanks.id}/complete`, { satisfaction: 4 })).json().satisfaction).toBe(4);
  });
});

describe('skip', () => {
  it('needs a reason, and keeps it', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const step = (await stepsOf(w.sales.client, o.orderId)).thanks;
    const url = `/api/v1/followup-steps/${step.id}/skip`;
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: '客户\u202e拒接' }]) {
      const res = await w.sales.client.post(url, body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(['body.reason']);
    }
    const res = await w.sales.client.post(url, { reason: '客户要求不要打扰' });
    expect(res.json()).toMatchObject({ status: 'skipped', skipReason: '客户要求不要打扰', skippedAt: NOW });
    const [row] = await auditOf(w.tenantId, step.id, 'followupStep.skipped');
    expect(row).toMatchObject({ actor_kind: 'user', actor_id: w.sales.user.id });
    expectErrorBody(await w.sales.client.post(url, { reason: '再跳过' }), 409, 'conflict');
  });
});

describe('reschedule', () => {
  it('moves a step to a later date with the reason, kept in its history', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const step = (await stepsOf(w.sales.client, o.orderId)).thanks;
    const url = `/api/v1/followup-steps/${step.id}/reschedule`;
    // Today 18:00 Shanghai is 10:00 UTC; still ahead of 15:30.
    const res = await w.sales.client.post(url, { dueDate: '2026-11-22', timeOfDay: '18:00', reason: '客户今晚有空' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dueAt: '2026-11-22T10:00:00.000Z', allDay: false, rescheduledAt: NOW, rescheduleReason: '客户今晚有空' });
    const again = await w.sales.client.post(url, { dueDate: '2026-11-28', reason: '客户出差，下周六再联系' });
    expect(again.json()).toMatchObject({ dueAt: '2026-11-28T15:59:59.000Z', allDay: true, rescheduleReason: '客户出差，下周六再联系' });

    const hist = (await w.sales.client.get(`/api/v1/followup-steps/${step.id}/history`)).json().items;
    const moves = hist.filter((h: { action: string }) => h.action === 'followupStep.rescheduled');
    expect(moves.map((m: { meta: { reason: string } }) => m.meta.reason)).toEqual(['客户出差，下周六再联系', '客户今晚有空']);
    expect(moves[0].changes).toContainEqual({ field: 'dueAt', before: '2026-11-22T10:00:00.000Z', after: '2026-11-28T15:59:59.000Z' });
    expect(moves[1].changes).toContainEqual({ field: 'dueAt', before: '2026-11-23T15:59:59.000Z', after: '2026-11-22T10:00:00.000Z' });
  });

  it('refuses the past, impossible dates and times, far dates, and a missing reason', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const step = (await stepsOf(w.sales.client, o.orderId)).thanks;
    const url = `/api/v1/followup-steps/${step.id}/reschedule`;
    const before = await rowOf(t, 'followup_steps', step.id);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ dueDate: '2026-11-21', reason: '补记' }, 'body.dueDate', 'in_past'],
      // Today, but 09:00 has passed at 15:30.
      [{ dueDate: '2026-11-22', timeOfDay: '09:00', reason: '补记' }, 'body.timeOfDay', 'in_past'],
      [{ dueDate: '2026-02-30', reason: '无' }, 'body.dueDate'],
      [{ dueDate: '2026/11/30', reason: '无' }, 'body.dueDate'],
      [{ dueDate: '2026-11-30', timeOfDay: '24:00', reason: '无' }, 'body.timeOfDay'],
      [{ dueDate: '2026-11-30', timeOfDay: '9:00', reason: '无' }, 'body.timeOfDay'],
      [{ dueDate: '2026-11-30' }, 'body.reason'],
      [{ dueDate: '2028-01-01', reason: '明年再说' }, 'body.dueDate', 'too_far'],
    ];
    for (const [body, path, code] of cases) {
      const res = await w.sales.client.post(url, body);
      const err = expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res), JSON.stringify(body)).toEqual([path]);
      if (code) expect(err.issues?.[0].code).toBe(code);
    }
    expect(await rowOf(t, 'followup_steps', step.id)).toEqual(before);
    // A closed step is not moved.
    await w.sales.client.post(`/api/v1/followup-steps/${step.id}/skip`, { reason: '不需要' });
    expectErrorBody(await w.sales.client.post(url, { dueDate: '2026-11-30', reason: '改期' }), 409, 'conflict');
  });
});

describe('reassign', () => {
  it('gives a step to a user who may work the store’s follow-ups, and refuses anyone else', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const step = (await stepsOf(w.sales.client, o.orderId)).delivery_appointment;
    const url = `/api/v1/followup-steps/${step.id}/reassign`;

    const otherStore = await makeStore(w.a.admin, w.a.hq.id);
    const outsider = await userIn(t, w.a.admin, w.a.code, otherStore.id, '导购');
    const viewer = await createRole(w.a.admin, { permissions: ['followups:view'], dataScope: 'unit' });
    const cannotEdit = await userIn(t, w.a.admin, w.a.code, w.store.id, viewer.name);
    const leaver = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    await w.a.admin.patch(`/api/v1/users/${leaver.user.id}`, { status: 'disabled' });
    const b = await newTenant(t, '别家');
    const bUser = (await b.admin.get('/api/v1/auth/me')).json().user;

    const candidates = (await w.sales.client.get(`/api/v1/followup-steps/${step.id}/owner-candidates`)).json().items.map((u: { id: string }) => u.id);
    // Store users first (the manager before the sales staff), then the head office administrator (whole-tenant scope).
    const adminId = (await w.a.admin.get('/api/v1/auth/me')).json().user.id;
    expect(candidates).toEqual([w.manager.user.id, w.sales.user.id, adminId]);
    for (const id of [outsider.user.id, cannotEdit.user.id, leaver.user.id, bUser.id, crypto.randomUUID()]) {
      const res = await w.sales.client.post(url, { ownerId: id });
      const err = expectErrorBody(res, 422, 'validation_failed');
      expect(err.issues).toEqual([expect.objectContaining({ path: 'body.ownerId', code: 'not_eligible' })]);
      expect(candidates).not.toContain(id);
    }
    expect(issuePaths(await w.sales.client.post(url, { ownerId: 'nobody' }))).toEqual(['body.ownerId']);

    const res = await w.sales.client.post(url, { ownerId: w.manager.user.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerId: w.manager.user.id, ownerName: w.manager.user.displayName });
    const [row] = await auditOf(w.tenantId, step.id, 'followupStep.reassigned');
    expect(row.changes).toContainEqual({ field: 'ownerId', before: w.sales.user.id, after: w.manager.user.id });
    // The salesperson no longer owns it, so no longer sees it; the manager does.
    expectErrorBody(await w.sales.client.get(`/api/v1/followup-steps/${step.id}`), 404, 'not_found');
    expect((await w.manager.client.get('/api/v1/followup-steps?view=all&mine=true')).json().items.map((s: { id: string }) => s.id)).toEqual([step.id]);
  });
});

describe('reopen', () => {
  it('puts a closed step back to pending, clearing its result, with the reason in the audit trail', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, NOW);
    const step = (await stepsOf(w.sales.client, o.orderId)).confirm;
    expectErrorBody(await w.sales.client.post(`/api/v1/followup-steps/${step.id}/reopen`, { reason: '还没做' }), 409, 'conflict');
    await w.sales.client.post(`/api/v1/followup-steps/${step.id}/complete`, { outcome: '点错了', satisfaction: 2 });
    expect(issuePaths(await w.sales.client.post(`/api/v1/followup-steps/${step.id}/reopen`, {}))).toEqual(['body.reason']);
    const res = await w.sales.client.post(`/api/v1/followup-steps/${step.id}/reopen`, { reason: '误点完成' });
    expect(res.json()).toMatchObject({ status: 'pending', doneAt: null, doneById: null, outcome: null, satisfaction: null });
    const [row] = await auditOf(w.tenantId, step.id, 'followupStep.reopened');
    expect(row.meta).toMatchObject({ reason: '误点完成' });
    expect(row.changes).toContainEqual({ field: 'outcome', before: '点错了', after: null });
  });
});
