import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/platform/http/guard.ts';
import { countRows, createCustomer, createRole, defineField, expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, loginAs, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';

/** The audit trail (留痕, PLAT-6): who, when, from where, which request, field before/after; read-only; per tenant. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

interface Row {
  id: number;
  at: string;
  actorId: string | null;
  actorKind: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
  meta: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

async function trail(c: Client, qs = ''): Promise<Row[]> {
  const res = await c.get(`/api/v1/audit?limit=200${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const byField = (r: Row) => [...r.changes].sort((a, b) => a.field.localeCompare(b.field));
const me = async (c: Client) =>
  (await c.get('/api/v1/auth/me')).json().user as {
    id: string;
    displayName: string;
  };

/** A request from a given address, answering the response (its x-request-id too). */
function from(c: Client, ip: string) {
  return (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: c.cookie },
      remoteAddress: ip,
      ...(payload ? { payload } : {}),
    });
}

describe('what the trail records', () => {
  it('records a customer create with actor, address and request id, field values after', async () => {
    const { admin } = await newTenant(t);
    const res = await from(admin, '203.0.113.7')('POST', '/api/v1/customers', {
      kind: 'person',
      name: '审计客户',
      phones: ['13812345678'],
      notes: '首次',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const rows = await trail(admin, `&entityId=${id}`);
    expect(rows).toHaveLength(1);
    const admin1 = await me(admin);
    expect(rows[0]).toMatchObject({
      action: 'customer.created',
      entityType: 'customer',
      entityId: id,
      actorId: admin1.id,
      actorKind: 'user',
      actorName: '管理员',
      ip: '203.0.113.7',
      requestId: res.headers['x-request-id'],
    });
    expect(rows[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: null, after: '审计客户' },
        { field: 'notes', before: null, after: '首次' },
        { field: 'kind', before: null, after: 'person' },
        { field: 'phones', before: null, after: ['138****5678'] },
        { field: 'code', before: null, after: 'C0000001' },
      ]),
    );
    // Derived search columns and timestamps are not history.
    const fields = rows[0].changes.map((c) => c.field);
    for (const f of ['namePinyin', 'nameInitials', 'nameGrams', 'createdAt', 'updatedAt', 'tenantId', 'id']) expect(fields).not.toContain(f);
    expect(Date.parse(rows[0].at)).not.toBeNaN();
  });

  it('records exactly the changed fields of an update, before and after, and a delete with the last values', async () => {
    const { admin } = await newTenant(t);
    const c = await createCustomer(admin, {
      name: '改前',
      creditRating: 'C',
      tags: ['甲'],
    });
    const upd = await from(admin, '198.51.100.20')('PATCH', `/api/v1/customers/${c.id}`, {
      name: '改后',
      creditRating: 'A',
      tags: ['甲', '乙'],
      notes: null,
      gender: 'female',
    });
    expect(upd.statusCode).toBe(200);
    const del = await from(admin, '198.51.100.21')('DELETE', `/api/v1/customers/${c.id}`);
    expect(del.statusCode).toBe(200);
    const rows = await trail(admin, `&entityId=${c.id}`);
    expect(rows.map((r) => r.action)).toEqual(['customer.deleted', 'customer.updated', 'customer.created']);
    expect(byField(rows[1])).toEqual([
      { field: 'creditRating', before: 'C', after: 'A' },
      { field: 'gender', before: null, after: 'female' },
      { field: 'name', before: '改前', after: '改后' },
      { field: 'tags', before: ['甲'], after: ['甲', '乙'] },
    ]);
    expect(rows[1]).toMatchObject({
      ip: '198.51.100.20',
      requestId: upd.headers['x-request-id'],
    });
    expect(rows[0]).toMatchObject({
      ip: '198.51.100.21',
      requestId: del.headers['x-request-id'],
      changes: [
        {
          field: 'deletedAt',
          before: null,
          after: expect.stringMatching(/^\d{4}-/),
        },
      ],
    });
    // A PATCH that changes nothing writes no row.
    const c2 = await createCustomer(admin, { name: '不变' });
    await admin.patch(`/api/v1/customers/${c2.id}`, { name: '不变' });
    expect((await trail(admin, `&entityId=${c2.id}`)).map((r) => r.action)).toEqual(['customer.created']);
  });

  it('records contact changes and shows them in the customer’s history', async () => {
    const { admin } = await newTenant(t);
    const c = await createCustomer(admin, { kind: 'company', name: '公司' });
    const added = (
      await admin.post(`/api/v1/customers/${c.id}/contacts`, {
        name: '王总',
        decisionRole: 'decisionMaker',
      })
    ).json();
    await admin.patch(`/api/v1/customers/${c.id}/contacts/${added.id}`, {
      title: '董事长',
      decisionRole: 'influencer',
    });
    const rows = await trail(admin, `&entityType=contact&entityId=${added.id}`);
    expect(rows.map((r) => r.action)).toEqual(['contact.updated', 'contact.created']);
    expect(byField(rows[0])).toEqual([
      { field: 'decisionRole', before: 'decisionMaker', after: 'influencer' },
      { field: 'title', before: null, after: '董事长' },
    ]);
    expect(rows[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'customerId', before: null, after: c.id },
        { field: 'name', before: null, after: '王总' },
      ]),
    );
    const history = (await admin.get(`/api/v1/customers/${c.id}/history`)).json().items as Row[];
    expect(history.map((r) => r.action)).toEqual(['contact.updated', 'contact.created', 'customer.created']);
    await admin.delete(`/api/v1/customers/${c.id}/contacts/${added.id}`);
    const gone = await trail(admin, `&entityId=${added.id}`);
    expect(gone[0].action).toBe('contact.deleted');
    expect(gone[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: '王总', after: null },
        { field: 'title', before: '董事长', after: null },
      ]),
    );
  });

  it('records user, role and unit changes, never a password hash', async () => {
    const { admin, code, hq } = await newTenant(t);
    const unit = (
      await admin.post('/api/v1/org/units', {
        parentId: hq.id,
        kind: 'store',
        storeKind: 'direct',
        code: 'A1',
        name: '甲店',
      })
    ).json();
    await admin.patch(`/api/v1/org/units/${unit.id}`, { name: '甲店（新）' });
    const role = await createRole(admin, {
      name: '临时',
      permissions: ['customers:view'],
      dataScope: 'own',
    });
    await admin.patch(`/api/v1/roles/${role.id}`, {
      permissions: ['customers:view', 'customers:edit'],
      dataScope: 'unit',
    });
    const { user } = await userIn(t, admin, code, unit.id, '临时');
    const guide = (await admin.get('/api/v1/roles')).json().items.find((r: { name: string }) => r.name === '导购');
    await admin.patch(`/api/v1/users/${user.id}`, {
      displayName: '新名字',
      password: 'new-password-9',
      roleIds: [guide.id],
    });

    const units = await trail(admin, `&entityId=${unit.id}`);
    expect(units.map((r) => r.action)).toEqual(['orgUnit.updated', 'orgUnit.created']);
    expect(units[0].changes).toEqual([{ field: 'name', before: '甲店', after: '甲店（新）' }]);
    const roles = await trail(admin, `&entityId=${role.id}`);
    expect(roles.map((r) => r.action)).toEqual(['role.updated', 'role.created']);
    expect(byField(roles[0])).toEqual([
      { field: 'dataScope', before: 'own', after: 'unit' },
      {
        field: 'permissions',
        before: ['customers:view'],
        after: ['customers:view', 'customers:edit'],
      },
    ]);
    const users = await trail(admin, `&entityType=user&entityId=${user.id}`);
    expect(users.map((r) => r.action)).toEqual(['user.roles_changed', 'user.updated', 'auth.login', 'user.roles_changed', 'user.created']);
    expect(users[0].changes).toEqual([{ field: 'roleIds', before: [role.id], after: [guide.id] }]);
    expect(users[1].changes).toEqual([{ field: 'displayName', before: user.displayName, after: '新名字' }]);
    expect(users[1].meta).toEqual({ passwordChanged: true });
    const all = JSON.stringify(await trail(admin));
    expect(all).not.toContain('scrypt$');
    expect(all).not.toContain('passwordHash');
    expect(all).not.toContain('new-password-9');
  });

  it('records logins and failed logins with address and user agent', async () => {
    const { admin, code } = await newTenant(t);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: code, username: 'admin', password: 'admin-pass-1' },
      remoteAddress: '192.0.2.44',
      headers: { 'user-agent': 'JiakeTest/1.0' },
    });
    expect(ok.statusCode).toBe(200);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: code, username: 'admin', password: 'wrong' },
      remoteAddress: '192.0.2.45',
    });
    const rows = await trail(admin, '&entityType=user');
    const login = rows.find((r) => r.action === 'auth.login' && r.ip === '192.0.2.44')!;
    expect(login).toMatchObject({
      actorName: '管理员',
      requestId: ok.headers['x-request-id'],
      meta: { userAgent: 'JiakeTest/1.0' },
    });
    const failed = rows.find((r) => r.action === 'auth.login_failed')!;
    expect(failed).toMatchObject({
      ip: '192.0.2.45',
      meta: { failures: 1, reason: 'password' },
    });
    expect(JSON.stringify(failed)).not.toContain('wrong');
  });

  it('writes nothing for a refused request', async () => {
    const { admin, tenant } = await newTenant(t);
    const c = await createCustomer(admin, { name: '甲' });
    const before = await countRows(t, 'audit_log', tenant.id);
    await admin.patch(`/api/v1/customers/${c.id}`, { phones: ['bad'] });
    await admin.post('/api/v1/roles', {
      name: 'x',
      permissions: ['nope:nope'],
      dataScope: 'own',
    });
    await admin.delete(`/api/v1/customers/${crypto.randomUUID()}`);
    expect(await countRows(t, 'audit_log', tenant.id)).toBe(before);
  });
});

describe('reading the trail', () => {
  async function busyTenant() {
    const tn = await newTenant(t);
    const store = await makeStore(tn.admin, tn.hq.id);
    const { user, client } = await userIn(t, tn.admin, tn.code, store.id, '店长');
    const customers = [];
    for (let i = 0; i < 4; i++) customers.push(await createCustomer(tn.admin, { name: `客户${i}` }));
    for (let i = 0; i < 3; i++) customers.push(await createCustomer(client, { name: `门店客户${i}` }));
    await tn.admin.patch(`/api/v1/customers/${customers[0].id}`, {
      notes: '一',
    });
    await tn.admin.patch(`/api/v1/customers/${customers[0].id}`, {
      notes: '二',
    });
    await defineField(tn.admin, { key: 'f1', type: 'text' });
    return { ...tn, store, user, client, customers };
  }

  it('filters by action, entity type, entity id and actor', async () => {
    const w = await busyTenant();
    const admin1 = await me(w.admin);
    const created = await trail(w.admin, '&action=customer.created');
    expect(created).toHaveLength(7);
    expect(new Set(created.map((r) => r.action))).toEqual(new Set(['customer.created']));
    const fields = await trail(w.admin, '&entityType=customField');
    expect(fields.map((r) => r.action)).toEqual(['customField.created']);
    const one = await trail(w.admin, `&entityId=${w.customers[0].id}`);
    expect(one.map((r) => r.action)).toEqual(['customer.updated', 'customer.updated', 'customer.created']);
    expect(one.map((r) => r.changes.find((c) => c.field === 'notes')?.after)).toEqual(['二', '一', undefined]);
    const byStore = await trail(w.admin, `&actorId=${w.user.id}&action=customer.created`);
    expect(byStore.map((r) => r.entityId).sort()).toEqual(
      w.customers
        .slice(4)
        .map((c) => c.id)
        .sort(),
    );
    const byAdmin = await trail(w.admin, `&actorId=${admin1.id}&entityType=customer`);
    expect(byAdmin).toHaveLength(6);
    expect(await trail(w.admin, `&actorId=${w.user.id}&entityType=customField`)).toEqual([]);
  });

  it('filters by time window', async () => {
    const w = await busyTenant();
    const all = await trail(w.admin);
    const times = all.map((r) => Date.parse(r.at));
    const mid = new Date(times[Math.floor(times.length / 2)]).toISOString();
    const after = await trail(w.admin, `&from=${encodeURIComponent(mid)}`);
    const before = await trail(w.admin, `&to=${encodeURIComponent(mid)}`);
    expect(after.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    for (const r of after) expect(Date.parse(r.at)).toBeGreaterThanOrEqual(Date.parse(mid));
    for (const r of before) expect(Date.parse(r.at)).toBeLessThanOrEqual(Date.parse(mid));
    expect(new Set([...after, ...before].map((r) => r.id)).size).toBe(all.length);
    expect(await trail(w.admin, `&from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).toEqual([]);
    expectErrorBody(await w.admin.get('/api/v1/audit?from=yesterday'), 422, 'validation_failed');
  });

  it('pages newest first with a cursor, every row exactly once', async () => {
    const w = await busyTenant();
    const all = await trail(w.admin);
    expect(all.length).toBeGreaterThan(10);
    for (let i = 1; i < all.length; i++) expect(all[i].id).toBeLessThan(all[i - 1].id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<Client['get']>> = await w.admin.get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((r: Row) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    const bad = await w.admin.get('/api/v1/audit?cursor=abc');
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad)).toEqual(['query.cursor']);
    expect(issuePaths(await w.admin.get('/api/v1/audit?limit=500'))).toEqual(['query.limit']);
  });

  it('is refused without audit:view', async () => {
    const w = await busyTenant();
    expectErrorBody(await w.client.get('/api/v1/audit'), 403, 'forbidden');
  });

  it('shows a regional manager only the trail of records in the region', async () => {
    const w = await busyTenant();
    const region = await makeStore(w.admin, w.hq.id, 'direct', 'region');
    const inRegion = await makeStore(w.admin, region.id);
    const rm = await userIn(t, w.admin, w.code, region.id, '区域经理');
    const mine = await createCustomer(w.admin, {
      name: '区域客户',
      storeId: inRegion.id,
      notes: '区域备注',
    });
    const secret = await createCustomer(w.admin, {
      name: '总部机密客户',
      notes: '总部备注',
    });
    const rows = await trail(rm.client);
    const customerIds = new Set(rows.filter((r) => r.entityType === 'customer').map((r) => r.entityId));
    expect(customerIds.has(mine.id)).toBe(true);
    expect(customerIds.has(secret.id)).toBe(false);
    expect(customerIds.has(w.customers[4].id)).toBe(false);
    expect(JSON.stringify(rows)).not.toContain('总部备注');
    expect(await trail(rm.client, `&entityId=${secret.id}`)).toEqual([]);
    // Users outside the region are not in the manager's trail either; the manager's own login is.
    const userIds = new Set(rows.filter((r) => r.entityType === 'user').map((r) => r.entityId));
    expect(userIds.has(w.user.id)).toBe(false);
    expect(userIds.has(rm.user.id)).toBe(true);
    // The administrator sees all of it.
    expect((await trail(w.admin, `&entityId=${secret.id}`)).map((r) => r.action)).toEqual(['customer.created']);
  });
});

describe('the trail cannot be changed through the product', () => {
  it('has no route that writes to the audit trail', () => {
    const routes = apiRoutes(t.app).filter((r) => /audit/i.test(r.url));
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/audit']);
  });

  it('answers 404 to PATCH, PUT and DELETE on audit URLs', async () => {
    const { admin, tenant } = await newTenant(t);
    const [row] = await trail(admin);
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST'] as const) {
      for (const url of ['/api/v1/audit', `/api/v1/audit/${row.id}`]) {
        const res = await t.app.inject({
          method,
          url,
          headers: { cookie: admin.cookie },
          payload: method === 'DELETE' ? undefined : { action: 'x' },
        });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    expect((await trail(admin)).find((r) => r.id === row.id)).toEqual(row);
    expect(await countRows(t, 'audit_log', tenant.id)).toBeGreaterThan(0);
  });

  it('keeps every earlier row byte for byte while records are changed, deleted and revoked', async () => {
    const { admin, tenant, hq } = await newTenant(t);
    const c = await createCustomer(admin, {
      name: '将被删',
      phones: ['13812345678'],
    });
    const contact = (await admin.post(`/api/v1/customers/${c.id}/contacts`, { name: '联系人' })).json();
    const field = await defineField(admin, { key: 'gone', type: 'text' });
    const role = (await admin.get('/api/v1/roles')).json().items[0];
    const key = (
      await admin.post('/api/v1/api-keys', {
        name: 'k',
        roleId: role.id,
        unitId: hq.id,
      })
    ).json();
    const snapshot = async () =>
      (await t.deps.db.pool.query('SELECT to_jsonb(a) AS j FROM audit_log a WHERE tenant_id = $1 ORDER BY id', [tenant.id])).rows.map((r) => r.j);
    const before = await snapshot();
    await admin.delete(`/api/v1/customers/${c.id}/contacts/${contact.id}`);
    await admin.delete(`/api/v1/customers/${c.id}`);
    await admin.delete(`/api/v1/custom-fields/${field.id}`);
    await admin.delete(`/api/v1/api-keys/${key.id}`);
    await admin.patch(`/api/v1/roles/${role.id}`, { description: '改' });
    const after = await snapshot();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBe(before.length + 5);
  });

  it('is refused by the database itself (UPDATE and DELETE)', async () => {
    const { tenant } = await newTenant(t);
    await expect(t.deps.db.pool.query("UPDATE audit_log SET actor_name = 'forged' WHERE tenant_id = $1", [tenant.id])).rejects.toThrow(/append-only/);
    await expect(t.deps.db.pool.query('DELETE FROM audit_log WHERE tenant_id = $1', [tenant.id])).rejects.toThrow(/append-only/);
  });
});

describe('tenant isolation of the trail', () => {
  it('never shows one tenant’s rows to another', async () => {
    const a = await newTenant(t, '甲品牌');
    const b = await newTenant(t, '乙品牌');
    const c = await createCustomer(a.admin, {
      name: '甲的客户',
      notes: '甲的秘密',
    });
    const adminA = await me(a.admin);
    const rowsB = await trail(b.admin);
    expect(rowsB.length).toBeGreaterThan(0);
    const text = JSON.stringify(rowsB);
    expect(text).not.toContain(c.id);
    expect(text).not.toContain(adminA.id);
    expect(text).not.toContain('甲的秘密');
    expect(await trail(b.admin, `&entityId=${c.id}`)).toEqual([]);
    expect(await trail(b.admin, `&actorId=${adminA.id}`)).toEqual([]);
    expectErrorBody(await b.admin.get(`/api/v1/customers/${c.id}/history`), 404, 'not_found');
    // Tenant A sees its own row, tenant B's login rows are its own.
    expect((await trail(a.admin, `&entityId=${c.id}`)).map((r) => r.action)).toEqual(['customer.created']);
    const tenantB = (await b.admin.get('/api/v1/auth/me')).json().tenant.id;
    const owners = await t.deps.db.pool.query('SELECT DISTINCT tenant_id FROM audit_log WHERE id = ANY($1)', [rowsB.map((r) => r.id)]);
    expect(owners.rows.map((r) => r.tenant_id)).toEqual([tenantB]);
  });

  it('keeps an API key’s actions in its own tenant’s trail, named as the key', async () => {
    const a = await newTenant(t);
    const role = (await a.admin.get('/api/v1/roles')).json().items[0];
    const key = (
      await a.admin.post('/api/v1/api-keys', {
        name: 'ERP 同步',
        roleId: role.id,
        unitId: a.hq.id,
      })
    ).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${key.key}` },
      payload: { kind: 'person', name: '接口客户' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await trail(a.admin, `&entityId=${res.json().id}`);
    expect(row).toMatchObject({
      actorKind: 'apiKey',
      actorId: key.id,
      actorName: 'ERP 同步',
      requestId: res.headers['x-request-id'],
    });
    await loginAs(t, a.code, 'admin', 'admin-pass-1');
  });
});
