import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { type Activity, activityWorld, auditOf, logActivity } from './activities-world.ts';

/** The five kinds of follow-up activity (LEAD-3): their fields, their validation and what is stored. */

let t: TestApp;
beforeAll(async () => {
  // Sessions outlive the days the clock jumps over.
  t = await testApp({ SESSION_TTL_HOURS: '2000' });
});
afterAll(async () => {
  await t.app.close();
});

const NOW = '2026-11-22T06:00:00.000Z'; // 14:00 in Shanghai

describe('logging activities of each kind', () => {
  it('logs a call with its outcome, notes and next step; it takes the customer’s store and the caller as owner', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const res = await w.salesA.client.post('/api/v1/activities', {
      subjectType: 'customer',
      subjectId: w.customerA.id,
      kind: 'call',
      occurredAt: '2026-11-22T05:30:00.000Z',
      outcome: 'reached',
      notes: '客户想周末看样板间',
      nextStep: { text: '周六上午确认到店时间', dueAt: '2026-11-28T02:00:00.000Z' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as Activity;
    expect(a).toMatchObject({
      kind: 'call',
      subjectType: 'customer',
      subjectId: w.customerA.id,
      subjectName: '王芳',
      subjectLink: `/customers/${w.customerA.id}`,
      storeId: w.storeA.id,
      storeName: w.storeA.name,
      ownerId: w.salesA.user.id,
      ownerName: w.salesA.user.displayName,
      occurredAt: '2026-11-22T05:30:00.000Z',
      outcome: 'reached',
      notes: '客户想周末看样板间',
      nextStep: { text: '周六上午确认到店时间', dueAt: '2026-11-28T02:00:00.000Z', overdue: false, doneAt: null },
      message: null,
      visit: null,
      proposal: null,
      invitation: null,
      attachments: [],
      editable: true,
    });
    expect((await w.salesA.client.get(`/api/v1/activities/${a.id}`)).json()).toEqual(a);
    const audit = await auditOf(t, w.tenantId, a.id);
    expect(audit).toEqual([{ action: 'salesActivity.created', actor_id: w.salesA.user.id, meta: { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call' } }]);
  });

  it('defaults the time to now and a message’s outcome to sent; a message needs its channel', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const a = await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'message', channel: 'wechat', notes: '发了新品图册' });
    expect(a).toMatchObject({ kind: 'message', occurredAt: NOW, outcome: 'sent', message: { channel: 'wechat' }, nextStep: null });
    const bad = await w.salesA.client.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'message', channel: 'email' });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad)).toEqual(['body.channel']);
  });

  it('records a measuring visit with the rooms measured and the furniture seen, own and competitor brands', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const rooms = [
      { room: 'livingRoom', lengthCm: 520, widthCm: 410, heightCm: 280, notes: '落地窗朝南' },
      { room: 'bedroom', lengthCm: 400, widthCm: 360 },
    ];
    const furnitureSeen = [
      { category: 'sofa', brand: '顾家家居', ownership: 'competitor', condition: 'worn', room: 'livingRoom', notes: '三人位布艺，想换真皮' },
      { category: 'bed', ownership: 'own', condition: 'good' },
    ];
    const a = await logActivity(w.salesA.client, {
      subjectType: 'customer',
      subjectId: w.customerA.id,
      kind: 'visit',
      outcome: 'measured',
      visitType: 'measure',
      address: '上海市浦东新区锦绣路100弄5号',
      rooms,
      furnitureSeen,
    });
    expect(a.visit).toEqual({
      visitType: 'measure',
      address: '上海市浦东新区锦绣路100弄5号',
      rooms: [rooms[0], rooms[1]],
      furnitureSeen: [furnitureSeen[0], furnitureSeen[1]],
    });
  });

  it('refuses a measuring visit without measurements, a competitor’s piece without its brand and impossible sizes', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const base = { subjectType: 'customer', subjectId: w.customerA.id, kind: 'visit', visitType: 'measure' };
    const noRooms = await w.salesA.client.post('/api/v1/activities', { ...base, outcome: 'measured' });
    expectErrorBody(noRooms, 422, 'validation_failed');
    expect(issuePaths(noRooms)).toEqual(['body.rooms']);
    // A measuring visit that was postponed measured nothing, and that is fine.
    expect((await w.salesA.client.post('/api/v1/activities', { ...base, outcome: 'postponed' })).statusCode).toBe(201);
    const bad = await w.salesA.client.post('/api/v1/activities', {
      ...base,
      outcome: 'measured',
      rooms: [{ room: 'garage', lengthCm: 0, widthCm: 300.5 }],
      furnitureSeen: [{ category: 'sofa', ownership: 'competitor' }],
    });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.furnitureSeen.0.brand', 'body.rooms.0.lengthCm', 'body.rooms.0.room', 'body.rooms.0.widthCm']);
    const noOutcome = await w.salesA.client.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call' });
    expect(issuePaths(noOutcome)).toEqual(['body.outcome']);
    const wrongOutcome = await w.salesA.client.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'measured' });
    expect(issuePaths(wrongOutcome)).toEqual(['body.outcome']);
    const noKind = await w.salesA.client.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, outcome: 'reached' });
    expectErrorBody(noKind, 422, 'validation_failed');
    expect(issuePaths(noKind)).toEqual(['body.kind']);
  });

  it('starts a design proposal with its first version as a draft', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const a = await logActivity(w.salesA.client, {
      subjectType: 'customer', subjectId: w.customerA.id, kind: 'proposal', title: '客餐厅整体方案', summary: '意式轻奢，真皮沙发+岩板餐桌', amountFen: 8_650_000,
    });
    expect(a.proposal).toMatchObject({
      title: '客餐厅整体方案',
      status: 'draft',
      statusAt: NOW,
      versions: [{ number: 1, summary: '意式轻奢，真皮沙发+岩板餐桌', amountFen: 8_650_000, createdById: w.salesA.user.id, presentedAt: null, answer: null, attachments: [] }],
    });
    const noTitle = await w.salesA.client.post('/api/v1/activities', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'proposal', amountFen: 12.5 });
    expect(issuePaths(noTitle).sort()).toEqual(['body.amountFen', 'body.title']);
  });

  it('invites to the customer’s store by default, or to another open store, for a time not before the invitation', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const base = { subjectType: 'customer', subjectId: w.customerA.id, kind: 'invitation', outcome: 'confirmed' };
    const here = await logActivity(w.salesA.client, { ...base, invitedFor: '2026-11-29T02:00:00.000Z' });
    expect(here.invitation).toEqual({
      storeId: w.storeA.id, storeName: w.storeA.name, invitedFor: '2026-11-29T02:00:00.000Z', status: 'invited', statusAt: NOW,
      arrivedAt: null, receivedById: null, receivedByName: null, cancelReason: null,
    });
    // The flagship store of another district: an invitation may go to any open store of the brand.
    const there = await logActivity(w.salesA.client, { ...base, invitedFor: '2026-11-29T02:00:00.000Z', invitedStoreId: w.storeB.id });
    expect(there.invitation).toMatchObject({ storeId: w.storeB.id, storeName: w.storeB.name });
    expect(there.storeId).toBe(w.storeA.id);
    const past = await w.salesA.client.post('/api/v1/activities', { ...base, invitedFor: '2026-11-21T02:00:00.000Z' });
    expectErrorBody(past, 422, 'validation_failed');
    expect(past.json().error.issues).toEqual([expect.objectContaining({ path: 'body.invitedFor', code: 'before_occurred' })]);
    const region = await w.a.admin.post('/api/v1/org/units', { parentId: w.a.hq.id, kind: 'region', code: 'R-X', name: '华东大区' });
    const notStore = await w.salesA.client.post('/api/v1/activities', { ...base, invitedFor: '2026-11-29T02:00:00.000Z', invitedStoreId: region.json().id });
    expect(notStore.json().error.issues).toEqual([expect.objectContaining({ path: 'body.invitedStoreId', code: 'not_found' })]);
  });

  it('refuses an activity in the future and a next step before the activity or more than a year ahead', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const base = { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' };
    const future = await w.salesA.client.post('/api/v1/activities', { ...base, occurredAt: '2026-11-22T07:00:00.000Z' });
    expect(future.json().error.issues).toEqual([expect.objectContaining({ path: 'body.occurredAt', code: 'in_future' })]);
    // A phone a minute ahead of the server is fine.
    expect((await w.salesA.client.post('/api/v1/activities', { ...base, occurredAt: '2026-11-22T06:01:00+00:00' })).statusCode).toBe(201);
    const before = await w.salesA.client.post('/api/v1/activities', { ...base, occurredAt: '2026-11-22T05:00:00.000Z', nextStep: { text: '回访', dueAt: '2026-11-22T04:00:00.000Z' } });
    expect(before.json().error.issues).toEqual([expect.objectContaining({ path: 'body.nextStep.dueAt', code: 'before_occurred' })]);
    const far = await w.salesA.client.post('/api/v1/activities', { ...base, nextStep: { text: '回访', dueAt: '2028-01-01T00:00:00.000Z' } });
    expect(far.json().error.issues).toEqual([expect.objectContaining({ path: 'body.nextStep.dueAt', code: 'too_far' })]);
    const blank = await w.salesA.client.post('/api/v1/activities', { ...base, nextStep: { text: '  ', dueAt: 'tomorrow' } });
    expect(issuePaths(blank).sort()).toEqual(['body.nextStep.dueAt', 'body.nextStep.text']);
    expect((await t.deps.db.pool.query('SELECT count(*)::int AS n FROM sales_activities WHERE tenant_id = $1', [w.tenantId])).rows[0].n).toBe(1);
  });
});

describe('the timeline of a subject and changes to an activity', () => {
  it('lists a subject’s activities newest first in keyset pages, optionally of one kind', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const at = (d: number) => `2026-11-1${d}T02:00:00.000Z`;
    for (const [i, kind] of (['call', 'message', 'call', 'visit', 'call'] as const).entries()) {
      const extra = kind === 'call' ? { outcome: 'no_answer' } : kind === 'message' ? { channel: 'sms' } : { outcome: 'visited', visitType: 'visit' };
      await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind, occurredAt: at(i), ...extra });
    }
    await logActivity(w.salesB.client, { subjectType: 'customer', subjectId: w.customerB.id, kind: 'call', outcome: 'reached' });
    const url = `/api/v1/activities?subjectType=customer&subjectId=${w.customerA.id}`;
    const p1 = (await w.salesA.client.get(`${url}&limit=2`)).json();
    const p2 = (await w.salesA.client.get(`${url}&limit=2&cursor=${p1.nextCursor}`)).json();
    const p3 = (await w.salesA.client.get(`${url}&limit=2&cursor=${p2.nextCursor}`)).json();
    expect([...p1.items, ...p2.items, ...p3.items].map((a: Activity) => a.occurredAt)).toEqual([at(4), at(3), at(2), at(1), at(0)]);
    expect(p3.nextCursor).toBeNull();
    const calls = (await w.salesA.client.get(`${url}&kind=call`)).json();
    expect(calls.items.map((a: Activity) => a.occurredAt)).toEqual([at(4), at(2), at(0)]);
  });

  it('changes the fields of the activity’s kind, refuses those of other kinds and audits before/after', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const a = await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'visit', outcome: 'visited', visitType: 'visit' });
    const changed = await w.salesA.client.patch(`/api/v1/activities/${a.id}`, {
      outcome: 'measured',
      visitType: 'measure',
      rooms: [{ room: 'study', lengthCm: 300, widthCm: 280 }],
      notes: '补录量尺',
      nextStep: { text: '出设计方案', dueAt: '2026-11-25T10:00:00.000Z' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ outcome: 'measured', notes: '补录量尺', visit: { visitType: 'measure', rooms: [{ room: 'study' }] }, nextStep: { text: '出设计方案' } });
    const wrong = await w.salesA.client.patch(`/api/v1/activities/${a.id}`, { channel: 'sms', title: '方案', outcome: 'reached' });
    expectErrorBody(wrong, 422, 'validation_failed');
    expect(issuePaths(wrong).sort()).toEqual(['body.channel', 'body.outcome', 'body.title']);
    const unmeasured = await w.salesA.client.patch(`/api/v1/activities/${a.id}`, { rooms: [] });
    expect(issuePaths(unmeasured)).toEqual(['body.rooms']);
    const noOutcome = await w.salesA.client.patch(`/api/v1/activities/${a.id}`, { outcome: null });
    expect(issuePaths(noOutcome)).toEqual(['body.outcome']);
    const audit = await t.deps.db.pool.query("SELECT action, changes FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'salesActivity.updated'", [w.tenantId, a.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'outcome', before: 'visited', after: 'measured' },
        { field: 'visitType', before: 'visit', after: 'measure' },
        { field: 'nextStepText', before: null, after: '出设计方案' },
      ]),
    );
  });
});
