import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { enrol, entriesOf, loyaltyWorld, memberOf, ok, setSettings, verify } from './fixtures.ts';

/** Manual adjustments: a reason, approval by a second person above the threshold (PLAT-11), idempotency keys, audit. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

async function world() {
  const w = await loyaltyWorld(t);
  const m = await enrol(w.a.admin, w.customer.id);
  const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
  const deputy = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
  return { w, m, manager, deputy };
}

async function auditActions(tenantId: string, entityId: string) {
  const r = await t.deps.db.pool.query('SELECT action, actor_id FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [tenantId, entityId]);
  return r.rows as { action: string; actor_id: string }[];
}

describe('manual adjustments', () => {
  it('posts an adjustment up to the threshold at once, with its reason on the entry', async () => {
    const { w, m, manager } = await world();
    const a = ok(await manager.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 1_000, reason: '补录开业活动积分' }), 201);
    expect(a).toMatchObject({ status: 'posted', points: 1_000, requestedById: manager.user.id, entryId: expect.any(String) });
    const [e] = await entriesOf(manager.client, m.id);
    expect(e).toMatchObject({ id: a.entryId, kind: 'adjust', points: 1_000, sourceType: 'adjustment', sourceId: a.id, storeId: w.store.id });
    expect((await auditActions(w.a.tenant.id, a.id)).map((r) => r.action)).toEqual(['loyaltyAdjustment.posted']);
  });

  it('holds one above the threshold until a second person approves it; the requester cannot', async () => {
    const { w, m, manager, deputy } = await world();
    const a = ok(await manager.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 5_000, reason: '投诉补偿' }), 201);
    expect(a).toMatchObject({ status: 'pending', entryId: null });
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(0);
    expect(ok(await deputy.client.get('/api/v1/loyalty/adjustments?status=pending')).items.map((x: { id: string }) => x.id)).toEqual([a.id]);

    const self = expectErrorBody(await manager.client.post(`/api/v1/loyalty/adjustments/${a.id}/approve`, {}), 403, 'forbidden');
    expect(self.params).toEqual({ reason: 'own_request' });
    expectErrorBody(await manager.client.post(`/api/v1/loyalty/adjustments/${a.id}/reject`, { note: '自己驳回' }), 403, 'forbidden');

    const approved = ok(await deputy.client.post(`/api/v1/loyalty/adjustments/${a.id}/approve`, { note: '同意' }));
    expect(approved).toMatchObject({ status: 'approved', decidedById: deputy.user.id, decisionNote: '同意', entryId: expect.any(String) });
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(5_000);
    // Decided once.
    expect(expectErrorBody(await deputy.client.post(`/api/v1/loyalty/adjustments/${a.id}/approve`, {}), 409, 'conflict').params).toMatchObject({ reason: 'not_pending' });
    const audit = await auditActions(w.a.tenant.id, a.id);
    expect(audit.map((r) => r.action)).toEqual(['loyaltyAdjustment.requested', 'loyaltyAdjustment.approved']);
    expect(audit[1].actor_id).toBe(deputy.user.id);
  });

  it('posts nothing when rejected, and keeps the note', async () => {
    const { w, m, manager, deputy } = await world();
    const a = ok(await manager.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: -2_000, reason: '误发积分回收' }), 201);
    let res = await deputy.client.post(`/api/v1/loyalty/adjustments/${a.id}/reject`, { note: '  ' });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.note']);
    res = await deputy.client.post(`/api/v1/loyalty/adjustments/${a.id}/reject`, { note: '证据不足' });
    expect(ok(res)).toMatchObject({ status: 'rejected', decisionNote: '证据不足', entryId: null });
    expect(await entriesOf(w.a.admin, m.id)).toEqual([]);
    expect((await auditActions(w.a.tenant.id, a.id)).map((r) => r.action)).toEqual(['loyaltyAdjustment.requested', 'loyaltyAdjustment.rejected']);
  });

  it('refuses to take more points than the member holds, at request and at approval', async () => {
    const { w, m, manager, deputy } = await world();
    const res = await manager.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: -10, reason: '扣减' });
    expect(expectErrorBody(res, 409, 'conflict').params).toEqual({ reason: 'insufficient_points', balance: 0, points: 10 });
    expect(ok(await w.a.admin.get('/api/v1/loyalty/adjustments')).items).toEqual([]);
    const big = ok(await manager.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: -5_000, reason: '扣减' }), 201);
    expectErrorBody(await deputy.client.post(`/api/v1/loyalty/adjustments/${big.id}/approve`, {}), 409, 'conflict');
    expect(ok(await deputy.client.get(`/api/v1/loyalty/adjustments/${big.id}`)).status).toBe('pending');
  });

  it('answers 422 for a missing reason, zero points or an unknown member, and 403 without the permissions', async () => {
    const { w, m } = await world();
    for (const [body, path] of [
      [{ memberId: m.id, points: 10 }, 'body.reason'],
      [{ memberId: m.id, points: 10, reason: '   ' }, 'body.reason'],
      [{ memberId: m.id, points: 0, reason: '零' }, 'body.points'],
      [{ memberId: m.id, points: 1.5, reason: '小数' }, 'body.points'],
      [{ memberId: '00000000-0000-4000-8000-000000000000', points: 10, reason: '无此会员' }, 'body.memberId'],
    ] as const) {
      const res = await w.a.admin.post('/api/v1/loyalty/adjustments', body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual([path]);
    }
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    expectErrorBody(await sales.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 10, reason: '导购无权' }), 403, 'forbidden');
    const adjuster = await createRole(w.a.admin, { permissions: ['loyalty:view', 'loyalty:adjust'], dataScope: 'tenant' });
    const u = await userIn(t, w.a.admin, w.a.code, w.store.id, adjuster.name);
    const a = ok(await u.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 5_000, reason: '需审批' }), 201);
    expectErrorBody(await u.client.post(`/api/v1/loyalty/adjustments/${a.id}/approve`, {}), 403, 'forbidden');
  });

  it('keeps adjustments inside the member’s store scope and the tenant', async () => {
    const { w, m, manager } = await world();
    const a = ok(await manager.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 5_000, reason: '需审批' }), 201);
    const other = await makeStore(w.a.admin, w.region.id);
    const outsider = await userIn(t, w.a.admin, w.a.code, other.id, '店长');
    expect((await outsider.client.get(`/api/v1/loyalty/adjustments/${a.id}`)).statusCode).toBe(404);
    expect((await outsider.client.post(`/api/v1/loyalty/adjustments/${a.id}/approve`, {})).statusCode).toBe(404);
    expect(ok(await outsider.client.get('/api/v1/loyalty/adjustments')).items).toEqual([]);
    // Nor may the outsider adjust a member of another store.
    const res = await outsider.client.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 10, reason: '越店' });
    expect(issuePaths(res)).toEqual(['body.memberId']);
    const b = await newTenant(t);
    expect((await b.admin.post(`/api/v1/loyalty/adjustments/${a.id}/approve`, {})).statusCode).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  it('answers a replay with the first result and posts once; another body with the same key is a 409', async () => {
    const { w, m, manager } = await world();
    const body = { memberId: m.id, points: 300, reason: '活动补分' };
    const send = (b: unknown, key = 'adj-key-0001') =>
      t.app.inject({ method: 'POST', url: '/api/v1/loyalty/adjustments', headers: { cookie: manager.client.cookie, 'idempotency-key': key }, payload: b as object });
    const first = await send(body);
    expect(first.statusCode, first.body).toBe(201);
    const replay = await send(body);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(300);
    const other = expectErrorBody(await send({ ...body, points: 301 }), 409, 'conflict');
    expect(other.params).toEqual({ reason: 'idempotency_key_reused' });
    // Concurrent replays of a new key: still one adjustment.
    const many = await Promise.all([1, 2, 3, 4, 5].map(() => send({ ...body, points: 7 }, 'adj-key-0002')));
    expect(many.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(many.map((r) => r.json().id)).size).toBe(1);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(307);
    // A failed request keeps no key: the same key works once the request is valid.
    expectErrorBody(await send({ ...body, points: -400 }, 'adj-key-0003'), 409, 'conflict');
    expect((await send({ ...body, points: 3 }, 'adj-key-0003')).statusCode).toBe(201);
    const bad = await send(body, 'short');
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad)).toEqual(['headers.idempotency-key']);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });
});
