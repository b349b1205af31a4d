import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, type TestTenant, testApp, userIn } from '../helpers.ts';

/** SVC-8: a telephony system asks who is calling; the answer respects tenant, scope, field rules and masking. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const lookup = (c: Client, phone: string) => c.get(`/api/v1/caller-lookup?phone=${encodeURIComponent(phone)}`);
const matchIds = async (c: Client, phone: string) => {
  const res = await lookup(c, phone);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().matches.map((m: { customer: { id: string } }) => m.customer.id) as string[];
};

async function apiKey(a: TestTenant, permissions: string[], unitId: string, dataScope: 'tenant' | 'unit' = 'tenant') {
  const role = await createRole(a.admin, { permissions, dataScope });
  const res = await a.admin.post('/api/v1/api-keys', { name: '呼叫中心', roleId: role.id, unitId });
  if (res.statusCode !== 201) throw new Error(res.body);
  const key = res.json().key as string;
  const headers = { authorization: `Bearer ${key}` };
  return { get: (url: string) => t.app.inject({ method: 'GET', url, headers }) } as Client;
}

describe('GET /caller-lookup', () => {
  it('finds the customer for any format of the number and masks the phones', async () => {
    const a = await newTenant(t);
    const c = await createCustomer(a.admin, { name: '陈静', phones: ['13812345678', '010-6552-1234'], tags: ['VIP'] });
    await createCustomer(a.admin, { name: '别人', phones: ['13812345679'] });
    for (const phone of ['+86 138-1234-5678', '0086 13812345678', '138 1234 5678', '8613812345678', '+86 (138) 1234 5678', '１３８１２３４５６７８']) {
      expect(await matchIds(a.admin, phone), phone).toEqual([c.id]);
    }
    expect(await matchIds(a.admin, '(010) 6552-1234')).toEqual([c.id]);
    expect(await matchIds(a.admin, '+86 10 6552 1234')).toEqual([c.id]);
    const res = (await lookup(a.admin, '+86 138-1234-5678')).json();
    expect(res.phone).toBe('+8613812345678');
    expect(res.matches[0].customer).toMatchObject({ name: '陈静', tags: ['VIP'], phones: ['138****5678', '010****1234'] });
    expect(JSON.stringify(res.matches)).not.toContain('13812345678');
    expect(await matchIds(a.admin, '13900000000')).toEqual([]);
  });

  it('finds a customer through a contact’s number too', async () => {
    const a = await newTenant(t);
    const c = await createCustomer(a.admin, { kind: 'company', name: '华美装饰公司' });
    await a.admin.post(`/api/v1/customers/${c.id}/contacts`, { name: '采购经理', phones: ['13711112222'] });
    expect(await matchIds(a.admin, '137 1111 2222')).toEqual([c.id]);
  });

  it('comes with the open requests and the recent orders of each customer', async () => {
    const a = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const c = await createCustomer(a.admin, { name: '林峰', phones: ['13600001111'], storeId: store.id });
    const open = await a.admin.post('/api/v1/requests', { type: 'consultation', channel: 'phone', subject: '沙发何时到货', customerId: c.id });
    expect(open.statusCode, open.body).toBe(201);
    const done = (await a.admin.post('/api/v1/requests', { type: 'praise', channel: 'phone', subject: '服务很好', customerId: c.id })).json();
    await a.admin.post(`/api/v1/requests/${done.id}/status`, { status: 'cancelled', reason: '重复登记' });
    const order = await a.admin.post('/api/v1/orders', { customerId: c.id, storeId: store.id, lines: [] });
    expect(order.statusCode, order.body).toBe(201);

    const m = (await lookup(a.admin, '13600001111')).json().matches[0];
    expect(m.openRequests.map((r: { id: string }) => r.id)).toEqual([open.json().id]);
    expect(m.openRequests[0]).toMatchObject({ subject: '沙发何时到货', type: 'consultation', breached: false });
    expect(m.recentOrders.map((o: { id: string }) => o.id)).toEqual([order.json().id]);

    // A caller without the right to read requests or orders gets the card alone.
    const key = await apiKey(a, ['callerLookup:view', 'customers:view'], a.hq.id);
    const bare = (await key.get('/api/v1/caller-lookup?phone=13600001111')).json().matches[0];
    expect(bare).toMatchObject({ customer: { id: c.id }, openRequests: null, recentOrders: null });
  });

  it('works with an API key (a telephony system) and applies the key role’s field rules', async () => {
    const a = await newTenant(t);
    const c = await createCustomer(a.admin, { name: '黄蓉', phones: ['13500002222'], incomeBand: 'high', notes: '喜欢中式风格' });
    const role = await createRole(a.admin, { permissions: ['callerLookup:view', 'customers:view', 'requests:view', 'orders:view'], dataScope: 'tenant', fieldRules: { 'customer.incomeBand': 'hidden', 'customer.notes': 'hidden' } });
    const created = await a.admin.post('/api/v1/api-keys', { name: '呼叫中心', roleId: role.id, unitId: a.hq.id });
    const headers = { authorization: `Bearer ${created.json().key}` };
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/caller-lookup?phone=%2B8613500002222', headers });
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json().matches[0].customer;
    expect(card).toMatchObject({ id: c.id, name: '黄蓉', phones: ['135****2222'] });
    expect(card).not.toHaveProperty('incomeBand');
    expect(card).not.toHaveProperty('notes');
    expect(res.json().matches[0].openRequests).toEqual([]);
    expectErrorBody(await t.app.inject({ method: 'GET', url: '/api/v1/caller-lookup?phone=13500002222', headers: { authorization: 'Bearer jk_nope' } }), 401, 'unauthenticated');
  });

  it('finds nobody by phone for a role that may not see phones', async () => {
    const a = await newTenant(t);
    await createCustomer(a.admin, { name: '郭靖', phones: ['13400003333'] });
    const key = await apiKey(a, ['callerLookup:view', 'customers:view'], a.hq.id);
    expect((await key.get('/api/v1/caller-lookup?phone=13400003333')).json().matches).toHaveLength(1);
    const role = await createRole(a.admin, { permissions: ['callerLookup:view', 'customers:view'], dataScope: 'tenant', fieldRules: { 'customer.phones': 'hidden' } });
    const res = await a.admin.post('/api/v1/api-keys', { name: '无号码', roleId: role.id, unitId: a.hq.id });
    const hidden = await t.app.inject({ method: 'GET', url: '/api/v1/caller-lookup?phone=13400003333', headers: { authorization: `Bearer ${res.json().key}` } });
    expect(hidden.json().matches).toEqual([]);
  });

  it('stays within the caller’s tenant and data scope', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const storeA = await makeStore(a.admin, a.hq.id);
    const storeB = await makeStore(a.admin, a.hq.id);
    const mine = await createCustomer(a.admin, { name: '本店客户', phones: ['13300004444'], storeId: storeA.id });
    await createCustomer(a.admin, { name: '他店客户', phones: ['13300004444'], storeId: storeB.id });
    const manager = (await userIn(t, a.admin, a.code, storeA.id, '店长')).client;
    expect(await matchIds(manager, '13300004444')).toEqual([mine.id]);
    expect(await matchIds(a.admin, '13300004444')).toHaveLength(2);
    expect(await matchIds(b.admin, '13300004444')).toEqual([]);
  });

  it('refuses a bad phone (422) and a caller without callerLookup:view (403)', async () => {
    const a = await newTenant(t);
    for (const phone of ['12345', 'abcdefg', '138-1234-567x']) {
      const res = await lookup(a.admin, phone);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(['query.phone']);
    }
    expect(issuePaths(await a.admin.get('/api/v1/caller-lookup'))).toEqual(['query.phone']);
    expect(issuePaths(await lookup(a.admin, '1'.repeat(41)))).toEqual(['query.phone']);
    const store = await makeStore(a.admin, a.hq.id);
    const guide = (await userIn(t, a.admin, a.code, store.id, '导购')).client;
    expectErrorBody(await lookup(guide, '13800138000'), 403, 'forbidden');
  });
});
