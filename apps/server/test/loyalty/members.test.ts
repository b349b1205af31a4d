import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { enrol, loyaltyWorld, memberOf, ok, setSettings } from './fixtures.ts';

/** Members: enrolment with a number and join store, one per customer, consents per channel, list, scope, counter lookup. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

async function auditRows(tenantId: string, entityId: string) {
  const r = await t.deps.db.pool.query('SELECT action, actor_id, meta FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [tenantId, entityId]);
  return r.rows as { action: string; actor_id: string | null; meta: Record<string, unknown> }[];
}

describe('enrolment', () => {
  it('enrols a customer with a sequential member number, the customer’s store, a zero balance and the consents given', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id, { consents: [{ channel: 'sms', granted: true }, { channel: 'wechat', granted: false, source: 'wechat' }] });
    expect(m).toMatchObject({ number: 'M00000001', customerId: w.customer.id, customerName: '王建国', joinStoreId: w.store.id, status: 'active', balance: 0 });
    expect(m.consents).toEqual([
      expect.objectContaining({ channel: 'sms', granted: true, source: 'store', recordedAt: '2026-11-22T07:30:00.000Z' }),
      expect.objectContaining({ channel: 'wechat', granted: false, source: 'wechat' }),
    ]);
    const other = await createCustomer(w.a.admin, { name: '赵敏', storeId: w.store.id });
    expect((await enrol(w.a.admin, other.id)).number).toBe('M00000002');
    const audit = await auditRows(w.a.tenant.id, m.id);
    expect(audit.map((r) => r.action)).toEqual(['loyaltyMember.enrolled', 'loyaltyMember.consentRecorded']);
  });

  it('takes the prefix and width of the programme’s member numbers', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { memberNumber: { prefix: 'VIP', digits: 5 } });
    expect((await enrol(w.a.admin, w.customer.id)).number).toBe('VIP00001');
  });

  it('refuses a second membership of one customer, also when two enrolments race', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const again = expectErrorBody(await w.a.admin.post('/api/v1/loyalty/members', { customerId: w.customer.id }), 409, 'conflict');
    expect(again.params).toEqual({ reason: 'already_member', memberId: m.id });
    const c = await createCustomer(w.a.admin, { name: '并发客户', storeId: w.store.id });
    const results = await Promise.all([1, 2, 3, 4].map(() => w.a.admin.post('/api/v1/loyalty/members', { customerId: c.id })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const r = await t.deps.db.pool.query('SELECT count(*)::int AS n FROM loyalty_members WHERE tenant_id = $1 AND customer_id = $2', [w.a.tenant.id, c.id]);
    expect(r.rows[0].n).toBe(1);
  });

  it('answers 422 with field paths for bad input and unknown customers or stores', async () => {
    const w = await loyaltyWorld(t);
    const b = await newTenant(t);
    const foreign = await createCustomer(b.admin, { name: '乙方客户' });
    for (const [body, path] of [
      [{}, 'body.customerId'],
      [{ customerId: 'nope' }, 'body.customerId'],
      [{ customerId: foreign.id }, 'body.customerId'],
      [{ customerId: w.customer.id, joinStoreId: w.region.id }, 'body.joinStoreId'],
      [{ customerId: w.customer.id, consents: [{ channel: 'fax', granted: true }] }, 'body.consents.0.channel'],
      [{ customerId: w.customer.id, consents: [{ channel: 'sms', granted: true }, { channel: 'sms', granted: false }] }, 'body.consents'],
    ] as const) {
      const res = await w.a.admin.post('/api/v1/loyalty/members', body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual([path]);
    }
    expect((await w.a.admin.get('/api/v1/loyalty/members')).json().items).toEqual([]);
  });
});

describe('consent', () => {
  it('records a withdrawal as a new record: the member shows the latest, the history keeps both', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id, { consents: [{ channel: 'sms', granted: true }] });
    t.clock.set('2026-11-22T09:00:00.000Z');
    const after = ok(await w.a.admin.post(`/api/v1/loyalty/members/${m.id}/consents`, { channel: 'sms', granted: false, source: 'phone', note: '客户来电要求不再发短信' }));
    expect(after.consents).toEqual([expect.objectContaining({ channel: 'sms', granted: false, source: 'phone', recordedAt: '2026-11-22T09:00:00.000Z' })]);
    const r = await t.deps.db.pool.query('SELECT granted, source FROM loyalty_consents WHERE member_id = $1 ORDER BY seq', [m.id]);
    expect(r.rows).toEqual([{ granted: true, source: 'store' }, { granted: false, source: 'phone' }]);
    t.clock.set('2026-11-22T07:30:00.000Z');
  });
});

describe('scope and permissions', () => {
  it('shows a store its own members only, and 404s the others', async () => {
    const w = await loyaltyWorld(t);
    const other = await makeStore(w.a.admin, w.region.id, 'franchise');
    const mine = await enrol(w.a.admin, w.customer.id);
    const theirs = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '外店客户', storeId: other.id })).id);
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    const list = ok(await manager.client.get('/api/v1/loyalty/members'));
    expect(list.items.map((m: { id: string }) => m.id)).toEqual([mine.id]);
    expect(list.total).toBe(1);
    expect((await manager.client.get(`/api/v1/loyalty/members/${theirs.id}`)).statusCode).toBe(404);
    expect((await manager.client.get(`/api/v1/loyalty/members/${theirs.id}/entries`)).statusCode).toBe(404);
    // The administrator sees both; filters narrow.
    expect(ok(await w.a.admin.get('/api/v1/loyalty/members')).items).toHaveLength(2);
    expect(ok(await w.a.admin.get(`/api/v1/loyalty/members?joinStoreId=${other.id}`)).items.map((m: { id: string }) => m.id)).toEqual([theirs.id]);
    expect(ok(await w.a.admin.get(`/api/v1/loyalty/members?number=${mine.number.toLowerCase()}`)).items.map((m: { id: string }) => m.id)).toEqual([mine.id]);
  });

  it('pages the list by keyset', async () => {
    const w = await loyaltyWorld(t);
    for (let i = 0; i < 5; i++) await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: `会员${i}`, storeId: w.store.id })).id);
    const first = ok(await w.a.admin.get('/api/v1/loyalty/members?limit=3'));
    const second = ok(await w.a.admin.get(`/api/v1/loyalty/members?limit=3&cursor=${first.nextCursor}`));
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((m: { id: string }) => m.id)).size).toBe(5);
  });

  it('needs loyalty:enrol to enrol and loyalty:view to read (403)', async () => {
    const w = await loyaltyWorld(t);
    const role = await createRole(w.a.admin, { permissions: ['customers:view', 'loyalty:view'], dataScope: 'tenant' });
    const viewer = await userIn(t, w.a.admin, w.a.code, w.store.id, role.name);
    expectErrorBody(await viewer.client.post('/api/v1/loyalty/members', { customerId: w.customer.id }), 403, 'forbidden');
    const none = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const stranger = await userIn(t, w.a.admin, w.a.code, w.store.id, none.name);
    expectErrorBody(await stranger.client.get('/api/v1/loyalty/members'), 403, 'forbidden');
    expectErrorBody(await stranger.client.get('/api/v1/loyalty/members/lookup?number=M00000001'), 403, 'forbidden');
  });

  it('lets a sales assistant enrol a customer of their store (built-in 导购 role)', async () => {
    const w = await loyaltyWorld(t);
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const c = ok(await sales.client.post('/api/v1/customers', { kind: 'person', name: '导购的客户', ignoreDuplicates: true }), 201);
    const m = await enrol(sales.client, c.id);
    expect(m.joinStoreId).toBe(w.store.id);
  });

  it('keeps tenants apart', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const b = await newTenant(t);
    expect((await b.admin.get(`/api/v1/loyalty/members/${m.id}`)).statusCode).toBe(404);
    expect(ok(await b.admin.get('/api/v1/loyalty/members')).items).toEqual([]);
    expect(ok(await b.admin.get(`/api/v1/loyalty/members/lookup?number=${m.number}`)).items).toEqual([]);
  });
});

describe('counter lookup (chain-wide)', () => {
  it('finds a member of another store by phone or number, with the name masked and the balance', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    const other = await makeStore(w.a.admin, w.region.id, 'franchise');
    const counter = await userIn(t, w.a.admin, w.a.code, other.id, '店长');
    const byPhone = ok(await counter.client.get('/api/v1/loyalty/members/lookup?phone=138 0013 8000'));
    expect(byPhone.items).toEqual([{ memberId: m.id, number: m.number, name: '王**', status: 'active', balance: 0, joinStoreName: expect.any(String), card: null }]);
    const byNumber = ok(await counter.client.get(`/api/v1/loyalty/members/lookup?number=${m.number}`));
    expect(byNumber.items.map((i: { memberId: string }) => i.memberId)).toEqual([m.id]);
    // Its own store sees the name in full.
    const home = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    expect(ok(await home.client.get(`/api/v1/loyalty/members/lookup?number=${m.number}`)).items[0].name).toBe('王建国');
    // A role that hides customer names sees none.
    const hidden = await createRole(w.a.admin, { permissions: ['loyalty:view'], dataScope: 'unit', fieldRules: { 'customer.name': 'hidden' } });
    const blind = await userIn(t, w.a.admin, w.a.code, other.id, hidden.name);
    expect(ok(await blind.client.get(`/api/v1/loyalty/members/lookup?number=${m.number}`)).items[0].name).toBeNull();
    // But the record itself stays out of reach.
    expect((await counter.client.get(`/api/v1/loyalty/members/${m.id}`)).statusCode).toBe(404);
  });

  it('answers nobody for an unknown number and 422 for a bad phone or a missing query', async () => {
    const w = await loyaltyWorld(t);
    expect(ok(await w.a.admin.get('/api/v1/loyalty/members/lookup?number=M99999999')).items).toEqual([]);
    expect(ok(await w.a.admin.get('/api/v1/loyalty/members/lookup?phone=13900000000')).items).toEqual([]);
    let res = await w.a.admin.get('/api/v1/loyalty/members/lookup?phone=12');
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['query.phone']);
    res = await w.a.admin.get('/api/v1/loyalty/members/lookup');
    expectErrorBody(res, 422, 'validation_failed');
    res = await w.a.admin.get('/api/v1/loyalty/members/lookup?phone=13800138000&number=M1');
    expectErrorBody(res, 422, 'validation_failed');
  });
});
