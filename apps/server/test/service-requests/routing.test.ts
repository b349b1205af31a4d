import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { auditOf, eventsOf, MONDAY_10, newRequest, ok, requestsWorld, type RequestsWorld } from './requests-world.ts';

/** SVC-2: routing rules assign by type, channel and store; evaluated in order; round robin takes turns. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(MONDAY_10);
});
afterAll(async () => {
  await t.app.close();
});

const rule = async (w: RequestsWorld, body: Record<string, unknown>) => ok(await w.admin.post('/api/v1/request-routing-rules', { name: '规则', ...body }), 201);

describe('routing rules', () => {
  it('assigns to a named user when type, channel and store match, else leaves the request in the store queue', async () => {
    const w = await requestsWorld(t);
    const expert = await w.user(w.store.id, '店长');
    const r1 = await rule(w, { types: ['product_complaint', 'return'], channels: ['phone'], storeIds: [w.store.id], strategy: 'user', assigneeId: expert.user.id });
    expect(r1).toMatchObject({ position: 10, assigneeName: expert.user.displayName, enabled: true });

    const hit = await newRequest(w.admin, { type: 'return', channel: 'phone', storeId: w.store.id });
    expect(hit).toMatchObject({ status: 'assigned', assigneeId: expert.user.id, assigneeName: expert.user.displayName });
    const events = (await eventsOf(t, hit.id)).map((e) => e.type).sort();
    expect(events).toEqual(['request.assigned', 'request.created']);
    const created = (await auditOf(t, hit.id))[0];
    expect(created.changes.find((c) => c.field === 'assigneeId')?.after).toBe(expert.user.id);
    const detail = ok(await w.admin.get(`/api/v1/requests/${hit.id}`));
    expect(detail.activities[1]).toMatchObject({ kind: 'assignment', meta: { ruleId: r1.id, strategy: 'user', to: expert.user.id } });

    for (const miss of [
      { type: 'consultation', channel: 'phone', storeId: w.store.id },
      { type: 'return', channel: 'wechat', storeId: w.store.id },
      { type: 'return', channel: 'phone', storeId: w.other.id },
      { type: 'return', channel: 'phone' },
    ]) {
      const r = await newRequest(w.admin, miss);
      expect(r, JSON.stringify(miss)).toMatchObject({ status: 'new', assigneeId: null });
    }
  });

  it('evaluates rules in position order: the first match wins, and a queue rule stops the search', async () => {
    const w = await requestsWorld(t);
    const first = await w.user(w.store.id, '导购');
    const second = await w.user(w.store.id, '导购');
    await rule(w, { name: '后', position: 20, strategy: 'user', assigneeId: second.user.id });
    await rule(w, { name: '先', position: 10, types: ['price_inquiry'], strategy: 'user', assigneeId: first.user.id });
    const queue = await rule(w, { name: '投诉进队列', position: 15, types: ['service_complaint'], strategy: 'queue' });
    expect((await newRequest(w.admin, { type: 'price_inquiry', storeId: w.store.id })).assigneeId).toBe(first.user.id);
    expect((await newRequest(w.admin, { type: 'consultation', storeId: w.store.id })).assigneeId).toBe(second.user.id);
    expect((await newRequest(w.admin, { type: 'service_complaint', storeId: w.store.id })).assigneeId).toBeNull();
    // Same position: the older rule first.
    const w2 = await requestsWorld(t);
    const older = await w2.user(w2.store.id, '导购');
    const newer = await w2.user(w2.store.id, '导购');
    await rule(w2, { position: 5, strategy: 'user', assigneeId: older.user.id });
    t.clock.advance(1000);
    await rule(w2, { position: 5, strategy: 'user', assigneeId: newer.user.id });
    expect((await newRequest(w2.admin, { storeId: w2.store.id })).assigneeId).toBe(older.user.id);
    // A disabled rule is skipped.
    ok(await w.admin.patch(`/api/v1/request-routing-rules/${queue.id}`, { enabled: false }));
    expect((await newRequest(w.admin, { type: 'service_complaint', storeId: w.store.id })).assigneeId).toBe(second.user.id);
  });

  it('takes turns among the store’s active users with requests:edit (round robin), skipping disabled users and other stores', async () => {
    const w = await requestsWorld(t);
    const people = [await w.user(w.store.id, '导购'), await w.user(w.store.id, '导购'), await w.user(w.store.id, '店长')];
    await w.user(w.other.id, '导购'); // another store: never picked
    await rule(w, { strategy: 'round_robin', channels: ['store', 'phone'] });
    const ids = people.map((p) => p.user.id).sort();
    const picks = [];
    for (let i = 0; i < 6; i++) picks.push((await newRequest(w.admin, { storeId: w.store.id })).assigneeId);
    expect(picks).toEqual([...ids, ...ids]);

    // Disabled users are skipped; the turn goes on from where it was.
    ok(await w.admin.patch(`/api/v1/users/${ids[0]}`, { status: 'disabled' }));
    const next = [];
    for (let i = 0; i < 3; i++) next.push((await newRequest(w.admin, { storeId: w.store.id })).assigneeId);
    expect(next).toEqual([ids[1], ids[2], ids[1]]);

    // A store with nobody to take requests falls through to the queue.
    const empty = (await newRequest(w.admin, { storeId: w.other.id, channel: 'store' })).assigneeId;
    expect(empty).not.toBeNull(); // the other store has one salesperson
    const lonely = await newRequest(w.admin, { storeId: w.region.id, channel: 'store' });
    expect(lonely).toMatchObject({ assigneeId: null, status: 'new' });
  });

  it('skips a named user who is disabled or cannot serve the store, and moves on to the next rule', async () => {
    const w = await requestsWorld(t);
    const gone = await w.user(w.store.id, '导购');
    const elsewhere = await w.user(w.other.id, '导购');
    const fallback = await w.user(w.store.id, '店长');
    await rule(w, { position: 1, strategy: 'user', assigneeId: gone.user.id });
    await rule(w, { position: 2, strategy: 'user', assigneeId: elsewhere.user.id });
    await rule(w, { position: 3, strategy: 'user', assigneeId: fallback.user.id });
    expect((await newRequest(w.admin, { storeId: w.store.id })).assigneeId).toBe(gone.user.id);
    ok(await w.admin.patch(`/api/v1/users/${gone.user.id}`, { status: 'disabled' }));
    expect((await newRequest(w.admin, { storeId: w.store.id })).assigneeId).toBe(fallback.user.id);
    expect((await newRequest(w.admin, { storeId: w.other.id })).assigneeId).toBe(elsewhere.user.id);
  });

  it('skips routing when an assignee is given', async () => {
    const w = await requestsWorld(t);
    const routed = await w.user(w.store.id, '导购');
    const chosen = await w.user(w.store.id, '导购');
    await rule(w, { strategy: 'user', assigneeId: routed.user.id });
    expect((await newRequest(w.admin, { storeId: w.store.id, assigneeId: chosen.user.id })).assigneeId).toBe(chosen.user.id);
  });

  it('validates rules (422), lists them in order, audits changes and deletes', async () => {
    const w = await requestsWorld(t);
    const other = await requestsWorld(t);
    const stranger = await other.user(other.store.id, '导购');
    const noUser = await w.admin.post('/api/v1/request-routing-rules', { name: '缺人', strategy: 'user' });
    expectErrorBody(noUser, 422, 'validation_failed');
    expect(issuePaths(noUser)).toEqual(['body.assigneeId']);
    expect(issuePaths(await w.admin.post('/api/v1/request-routing-rules', { name: '外人', strategy: 'user', assigneeId: stranger.user.id }))).toEqual(['body.assigneeId']);
    expect(issuePaths(await w.admin.post('/api/v1/request-routing-rules', { name: '错店', strategy: 'queue', storeIds: [w.store.id, other.store.id] }))).toEqual(['body.storeIds.1']);
    expect(issuePaths(await w.admin.post('/api/v1/request-routing-rules', { name: '', strategy: 'lottery', types: ['x'] })).sort()).toEqual(['body.name', 'body.strategy', 'body.types.0']);

    const a = await rule(w, { name: 'A', strategy: 'queue' });
    const b = await rule(w, { name: 'B', strategy: 'round_robin' });
    expect(b.position).toBe(20);
    ok(await w.admin.patch(`/api/v1/request-routing-rules/${b.id}`, { position: 1 }));
    expect(ok(await w.admin.get('/api/v1/request-routing-rules')).items.map((r: { name: string }) => r.name)).toEqual(['B', 'A']);
    const sales = await w.user(w.store.id, '导购');
    // Changing a rule to a user rule needs the user; changing away forgets it.
    expect(issuePaths(await w.admin.patch(`/api/v1/request-routing-rules/${a.id}`, { strategy: 'user' }))).toEqual(['body.assigneeId']);
    ok(await w.admin.patch(`/api/v1/request-routing-rules/${a.id}`, { strategy: 'user', assigneeId: sales.user.id }));
    expect(ok(await w.admin.patch(`/api/v1/request-routing-rules/${a.id}`, { strategy: 'queue' })).assigneeId).toBeNull();
    ok(await w.admin.delete(`/api/v1/request-routing-rules/${a.id}`));
    expectErrorBody(await w.admin.delete(`/api/v1/request-routing-rules/${a.id}`), 404, 'not_found');
    const audit = await t.deps.db.pool.query("SELECT action FROM audit_log WHERE entity_type = 'requestRoutingRule' AND entity_id = $1 ORDER BY id", [a.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['requestRoutingRule.created', 'requestRoutingRule.updated', 'requestRoutingRule.updated', 'requestRoutingRule.deleted']);
  });
});
