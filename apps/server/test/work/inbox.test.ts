import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify, type Notification } from '../../src/platform/notifications/notify.ts';
import { expectErrorBody, issuePaths, rowOf } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';

/** The inbox (PLAT-12): every user reads and marks only their own notifications. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const T0 = new Date('2026-11-22T02:00:00.000Z');

async function world() {
  const a = await newTenant(t, '通知家具');
  const store = await makeStore(a.admin, a.hq.id);
  const sales = await userIn(t, a.admin, a.code, store.id, '导购');
  const other = await userIn(t, a.admin, a.code, store.id, '导购');
  /** Notifications for one user, each a minute after the one before, as the clock says. */
  const send = async (userId: string, items: Omit<Notification, 'userId'>[], from = T0) => {
    for (const [i, n] of items.entries()) await notify(t.deps.db.db, a.tenant.id, { userId, ...n }, new Date(from.getTime() + i * 60_000));
  };
  return { a, store, sales, other, send };
}

const list = async (c: Client, query = '') => {
  const res = await c.get(`/api/v1/notifications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; kind: string; params: Record<string, unknown>; link: string | null; readAt: string | null; createdAt: string }[]; nextCursor: string | null };
};
const count = async (c: Client) => (await c.get('/api/v1/notifications/unread-count')).json() as { count: number; capped: boolean };

describe('the inbox', () => {
  it('lists only the caller’s own notifications, newest first, in keyset pages, with their kind, params and link', async () => {
    t.clock.set(T0);
    const w = await world();
    await w.send(w.sales.user.id, [
      { kind: 'lead.assigned', params: { name: '王女士', source: 'website' }, link: '/leads/1' },
      { kind: 'request.assigned', params: { number: 'SR202611220001', subject: '沙发开裂' }, link: '/requests/2' },
      { kind: 'opportunity.assigned', params: { name: '李先生全屋定制' }, link: '/opportunities/3' },
    ]);
    await w.send(w.other.user.id, [{ kind: 'lead.assigned', params: { name: '别人的线索' } }]);

    const first = await list(w.sales.client, '?limit=2');
    expect(first.items.map((n) => n.kind)).toEqual(['opportunity.assigned', 'request.assigned']);
    expect(first.items[1]).toMatchObject({ params: { number: 'SR202611220001', subject: '沙发开裂' }, link: '/requests/2', readAt: null, createdAt: '2026-11-22T02:01:00.000Z' });
    expect(first.nextCursor).toBeTruthy();
    const second = await list(w.sales.client, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.params.name)).toEqual(['王女士']);
    expect(second.nextCursor).toBeNull();
    // The administrator of the tenant sees none of them: an inbox is personal, whatever the role.
    expect((await list(w.a.admin)).items).toEqual([]);
    expect((await list(w.other.client)).items.map((n) => n.params.name)).toEqual(['别人的线索']);
  });

  it('counts unread notifications, filters unread ones, and caps the count at 99', async () => {
    const w = await world();
    await w.send(w.sales.user.id, [{ kind: 'lead.assigned' }, { kind: 'lead.reassigned' }]);
    expect(await count(w.sales.client)).toEqual({ count: 2, capped: false });
    const [newest] = (await list(w.sales.client)).items;
    expect((await w.sales.client.post(`/api/v1/notifications/${newest.id}/read`)).statusCode).toBe(200);
    expect(await count(w.sales.client)).toEqual({ count: 1, capped: false });
    expect((await list(w.sales.client, '?unread=true')).items.map((n) => n.kind)).toEqual(['lead.assigned']);
    expect((await list(w.sales.client, '?unread=false')).items).toHaveLength(2);

    await notify(t.deps.db.db, w.a.tenant.id, Array.from({ length: 120 }, (_, i) => ({ userId: w.other.user.id, kind: 'lead.assigned', params: { name: `线索${i}` } })));
    expect(await count(w.other.client)).toEqual({ count: 99, capped: true });
  });

  it('marks one notification read at the clock’s time, once (a second read keeps the first time)', async () => {
    t.clock.set(T0);
    const w = await world();
    await w.send(w.sales.user.id, [{ kind: 'lead.assigned', params: { name: '王女士' }, link: '/leads/x' }]);
    const [n] = (await list(w.sales.client)).items;
    t.clock.set('2026-11-22T03:00:00.000Z');
    const res = await w.sales.client.post(`/api/v1/notifications/${n.id}/read`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: n.id, readAt: '2026-11-22T03:00:00.000Z', link: '/leads/x' });
    t.clock.set('2026-11-22T04:00:00.000Z');
    expect((await w.sales.client.post(`/api/v1/notifications/${n.id}/read`)).json().readAt).toBe('2026-11-22T03:00:00.000Z');
  });

  it('answers 404 for another user’s notification, another tenant’s, and an unknown id, and changes nothing', async () => {
    const w = await world();
    await w.send(w.other.user.id, [{ kind: 'lead.assigned' }]);
    const [theirs] = (await list(w.other.client)).items;
    const before = await rowOf(t, 'notifications', theirs.id);
    expectErrorBody(await w.sales.client.post(`/api/v1/notifications/${theirs.id}/read`), 404, 'not_found');
    expectErrorBody(await w.a.admin.post(`/api/v1/notifications/${theirs.id}/read`), 404, 'not_found');
    const b = await newTenant(t, '别家');
    expectErrorBody(await b.admin.post(`/api/v1/notifications/${theirs.id}/read`), 404, 'not_found');
    expectErrorBody(await w.sales.client.post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/read'), 404, 'not_found');
    expect(await rowOf(t, 'notifications', theirs.id)).toEqual(before);
    // Reading all of one's own leaves other people's unread.
    expect((await w.sales.client.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 0 });
    expect(await count(w.other.client)).toEqual({ count: 1, capped: false });
  });

  it('marks all of the caller’s unread notifications read, and says how many', async () => {
    t.clock.set(T0);
    const w = await world();
    await w.send(w.sales.user.id, [{ kind: 'lead.assigned' }, { kind: 'lead.reassigned' }, { kind: 'activity.due' }]);
    await w.send(w.other.user.id, [{ kind: 'lead.assigned' }]);
    const [first] = (await list(w.sales.client)).items;
    await w.sales.client.post(`/api/v1/notifications/${first.id}/read`);
    const res = await w.sales.client.post('/api/v1/notifications/read-all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 2 });
    expect(await count(w.sales.client)).toEqual({ count: 0, capped: false });
    expect((await list(w.sales.client)).items.every((n) => n.readAt === T0.toISOString())).toBe(true);
    expect(await count(w.other.client)).toEqual({ count: 1, capped: false });
  });

  it('notifies once per dedupe key (an event delivered twice)', async () => {
    const w = await world();
    const n = { userId: w.sales.user.id, kind: 'lead.assigned', params: { name: '王女士' }, dedupeKey: 'event:42' };
    await notify(t.deps.db.db, w.a.tenant.id, n);
    await notify(t.deps.db.db, w.a.tenant.id, [n, { ...n, dedupeKey: 'event:43' }]);
    expect((await list(w.sales.client)).items).toHaveLength(2);
  });

  it('refuses a malformed id or filter (422) and callers who are not logged in (401)', async () => {
    const w = await world();
    expect(issuePaths(await w.sales.client.post('/api/v1/notifications/not-a-uuid/read'))).toEqual(['params.id']);
    expect(issuePaths(await w.sales.client.get('/api/v1/notifications?unread=maybe'))).toEqual(['query.unread']);
    expect(issuePaths(await w.sales.client.get('/api/v1/notifications?limit=1000'))).toEqual(['query.limit']);
    expectErrorBody(await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' }), 401, 'unauthenticated');
    expectErrorBody(await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all' }), 401, 'unauthenticated');
  });
});
