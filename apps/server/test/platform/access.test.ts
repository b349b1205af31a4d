import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomer, createRole, defineField, expectErrorBody, ids, issuePaths, rowOf } from '../factories.ts';
import { type Client, loginAs, makeStore, newTenant, type TestApp, testApp, uniq, userIn } from '../helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

type Named = { id: string };

/**
 * HQ → region R (stores S1 direct, S2 franchise) and region R2 (store S3), with one user per built-in role and one
 * customer per place: c1/c2 in S1 owned by two sales associates, c3 in S2, c4 in S3, c5 at HQ (no store).
 */
async function network() {
  const tn = await newTenant(t);
  const { admin, code, hq } = tn;
  const roles = (await admin.get('/api/v1/roles')).json().items as {
    id: string;
    name: string;
  }[];
  const R = await makeStore(admin, hq.id, 'direct', 'region');
  const R2 = await makeStore(admin, hq.id, 'direct', 'region');
  const S1 = await makeStore(admin, R.id, 'direct');
  const S2 = await makeStore(admin, R.id, 'franchise');
  const S3 = await makeStore(admin, R2.id, 'dealer');
  const rm = await userIn(t, admin, code, R.id, '区域经理', roles);
  const rm2 = await userIn(t, admin, code, R2.id, '区域经理', roles);
  const sm1 = await userIn(t, admin, code, S1.id, '店长', roles);
  const g1 = await userIn(t, admin, code, S1.id, '导购', roles);
  const g2 = await userIn(t, admin, code, S1.id, '导购', roles);
  const fr = await userIn(t, admin, code, S2.id, '加盟商', roles);
  const sm3 = await userIn(t, admin, code, S3.id, '店长', roles);
  const c1 = await createCustomer(admin, {
    name: '客户一',
    storeId: S1.id,
    ownerId: g1.user.id,
    phones: ['13900000001'],
    incomeBand: 'high',
    creditRating: 'B',
  });
  const c2 = await createCustomer(admin, {
    name: '客户二',
    storeId: S1.id,
    ownerId: g2.user.id,
    phones: ['13900000002'],
  });
  const c3 = await createCustomer(admin, {
    name: '客户三',
    storeId: S2.id,
    ownerId: fr.user.id,
    phones: ['13900000003'],
    incomeBand: 'veryHigh',
    creditRating: 'A',
  });
  const c4 = await createCustomer(admin, {
    name: '客户四',
    storeId: S3.id,
    ownerId: sm3.user.id,
    phones: ['13900000004'],
  });
  const c5 = await createCustomer(admin, {
    name: '客户五',
    storeId: null,
    phones: ['13900000005'],
  });
  return {
    ...tn,
    roles,
    R,
    R2,
    S1,
    S2,
    S3,
    rm,
    rm2,
    sm1,
    g1,
    g2,
    fr,
    sm3,
    c1,
    c2,
    c3,
    c4,
    c5,
  };
}

const sorted = (xs: Named[]) => xs.map((x) => x.id).sort();
async function listed(c: Client, qs = '') {
  const res = await c.get(`/api/v1/customers?limit=200${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return ids(res).sort();
}

async function userWithRoles(t: TestApp, admin: Client, tenantCode: string, unitId: string, roleIds: string[]) {
  const username = uniq('u');
  const res = await admin.post('/api/v1/users', {
    username,
    displayName: `多角色${username.slice(-4)}`,
    password: 'user-pass-1',
    unitId,
    roleIds,
  });
  expect(res.statusCode, res.body).toBe(201);
  return {
    user: res.json(),
    client: await loginAs(t, tenantCode, username, 'user-pass-1'),
  };
}

describe('data scopes (PLAT-4)', () => {
  it('shows each role exactly its customers in list, search and GET', async () => {
    const n = await network();
    const all = [n.c1, n.c2, n.c3, n.c4, n.c5];
    const cases: [string, Client, Named[]][] = [
      ['系统管理员 (tenant)', n.admin, all],
      ['区域经理 (subtree)', n.rm.client, [n.c1, n.c2, n.c3]],
      ['区域经理 R2 (subtree)', n.rm2.client, [n.c4]],
      ['店长 (unit)', n.sm1.client, [n.c1, n.c2]],
      ['导购 (own)', n.g1.client, [n.c1]],
      ['导购 (own), other', n.g2.client, [n.c2]],
      ['加盟商 (unit)', n.fr.client, [n.c3]],
      ['店长 S3 (unit)', n.sm3.client, [n.c4]],
    ];
    for (const [who, c, expected] of cases) {
      expect(await listed(c), who).toEqual(sorted(expected));
      expect(await listed(c, `&q=${encodeURIComponent('客户')}`), `${who} name search`).toEqual(sorted(expected));
      expect(await listed(c, '&q=1390000'), `${who} phone search`).toEqual(sorted(expected));
      expect(await listed(c, '&q=kehu'), `${who} pinyin search`).toEqual(sorted(expected));
      expect(await listed(c, '&withTotal=true'), who).toEqual(sorted(expected));
      expect((await c.get('/api/v1/customers?withTotal=true')).json().total, `${who} total`).toBe(expected.length);
      for (const x of all) {
        const res = await c.get(`/api/v1/customers/${x.id}`);
        const visible = expected.includes(x);
        expect(res.statusCode, `${who} GET ${x.name}`).toBe(visible ? 200 : 404);
        if (!visible) expect(res.json().error.code).toBe('not_found');
      }
    }
  });

  it('answers 404 to GET, PATCH, DELETE, reveal, history and contacts outside the scope, and changes nothing', async () => {
    const n = await network();
    const strong = await createRole(n.admin, {
      permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:delete', 'customers:reveal', 'audit:view'],
      dataScope: 'unit',
    });
    const { client } = await userIn(t, n.admin, n.code, n.S1.id, strong.name);
    const before = await rowOf(t, 'customers', n.c3.id);
    const audits = await countRows(t, 'audit_log', n.tenant.id);
    const calls = [
      () => client.get(`/api/v1/customers/${n.c3.id}`),
      () => client.patch(`/api/v1/customers/${n.c3.id}`, { notes: '越权修改' }),
      () => client.delete(`/api/v1/customers/${n.c3.id}`),
      () => client.post(`/api/v1/customers/${n.c3.id}/reveal-phones`),
      () => client.get(`/api/v1/customers/${n.c3.id}/history`),
      () =>
        client.post(`/api/v1/customers/${n.c3.id}/contacts`, {
          name: '越权联系人',
        }),
    ];
    for (const call of calls) expectErrorBody(await call(), 404, 'not_found');
    expect(await rowOf(t, 'customers', n.c3.id)).toEqual(before);
    expect(await countRows(t, 'audit_log', n.tenant.id)).toBe(audits);
    expect(await countRows(t, 'customer_contacts', n.tenant.id)).toBe(0);
    // The same user can do all of that inside its store.
    expect((await client.patch(`/api/v1/customers/${n.c1.id}`, { notes: '本店' })).statusCode).toBe(200);
  });

  it('answers 404, not 403, to a sales associate reading a colleague’s customer', async () => {
    const n = await network();
    const before = await rowOf(t, 'customers', n.c2.id);
    expectErrorBody(await n.g1.client.get(`/api/v1/customers/${n.c2.id}`), 404, 'not_found');
    expectErrorBody(await n.g1.client.patch(`/api/v1/customers/${n.c2.id}`, { notes: 'x' }), 404, 'not_found');
    expect(await rowOf(t, 'customers', n.c2.id)).toEqual(before);
  });

  it('refuses to create or move a customer into a store outside the scope (422) and creates nothing', async () => {
    const n = await network();
    const count = await countRows(t, 'customers', n.tenant.id);
    for (const [c, storeId] of [
      [n.sm1.client, n.S2.id],
      [n.fr.client, n.S1.id],
      [n.rm.client, n.S3.id],
      [n.g1.client, n.S2.id],
      [n.rm.client, crypto.randomUUID()],
    ] as const) {
      const res = await c.post('/api/v1/customers', {
        kind: 'person',
        name: '越界新客',
        storeId,
      });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(['body.storeId']);
    }
    expect(await countRows(t, 'customers', n.tenant.id)).toBe(count);
    const before = await rowOf(t, 'customers', n.c1.id);
    const move = await n.sm1.client.patch(`/api/v1/customers/${n.c1.id}`, {
      storeId: n.S3.id,
    });
    expectErrorBody(move, 422, 'validation_failed');
    expect(await rowOf(t, 'customers', n.c1.id)).toEqual(before);
    // Inside the scope it works, and a store user's new customer lands in its own store, owned by itself.
    const own = await n.sm1.client.post('/api/v1/customers', {
      kind: 'person',
      name: '本店新客',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      storeId: n.S1.id,
      ownerId: n.sm1.user.id,
    });
    const regional = await n.rm.client.post('/api/v1/customers', {
      kind: 'person',
      name: '区域新客',
      storeId: n.S2.id,
    });
    expect(regional.statusCode, regional.body).toBe(201);
  });

  it('moves visibility with the unit when a store or a whole region moves', async () => {
    const n = await network();
    const moved = await n.admin.patch(`/api/v1/org/units/${n.S2.id}`, {
      parentId: n.R2.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().parentId).toBe(n.R2.id);
    expect(await listed(n.rm.client)).toEqual(sorted([n.c1, n.c2]));
    expect(await listed(n.rm2.client)).toEqual(sorted([n.c3, n.c4]));
    expect(await listed(n.fr.client)).toEqual(sorted([n.c3]));
    expectErrorBody(await n.rm.client.get(`/api/v1/customers/${n.c3.id}`), 404, 'not_found');

    // Moving the region R (with S1) under R2: R2's manager now sees the whole subtree; R's manager still sees R.
    const region = await n.admin.patch(`/api/v1/org/units/${n.R.id}`, {
      parentId: n.R2.id,
    });
    expect(region.statusCode, region.body).toBe(200);
    expect(await listed(n.rm2.client)).toEqual(sorted([n.c1, n.c2, n.c3, n.c4]));
    expect(await listed(n.rm.client)).toEqual(sorted([n.c1, n.c2]));
    const paths = await t.deps.db.pool.query('SELECT id, path FROM org_units WHERE id = ANY($1)', [[n.R.id, n.S1.id]]);
    const byId = Object.fromEntries(paths.rows.map((r) => [r.id, r.path]));
    expect(byId[n.S1.id]).toBe(`/${n.hq.id}/${n.R2.id}/${n.R.id}/${n.S1.id}/`);

    // A unit cannot move under itself or its own store, and HQ cannot move.
    const cycle = await n.admin.patch(`/api/v1/org/units/${n.R2.id}`, {
      parentId: n.R.id,
    });
    expectErrorBody(cycle, 422, 'validation_failed');
    expect(issuePaths(cycle)).toEqual(['body.parentId']);
    expectErrorBody(await n.admin.patch(`/api/v1/org/units/${n.R.id}`, { parentId: n.S3.id }), 422, 'validation_failed');
    expectErrorBody(await n.admin.patch(`/api/v1/org/units/${n.hq.id}`, { parentId: n.R.id }), 422, 'validation_failed');
  });

  it('closes and reopens a unit; its customers and their history stay', async () => {
    const n = await network();
    const closed = await n.admin.patch(`/api/v1/org/units/${n.S1.id}`, {
      status: 'closed',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const units = (await n.admin.get('/api/v1/org/units')).json().items as {
      id: string;
      status: string;
    }[];
    expect(units.find((u) => u.id === n.S1.id)?.status).toBe('closed');
    expect(await listed(n.rm.client)).toEqual(sorted([n.c1, n.c2, n.c3]));
    expect((await n.admin.get(`/api/v1/customers/${n.c1.id}`)).json().storeId).toBe(n.S1.id);
    const reopened = await n.admin.patch(`/api/v1/org/units/${n.S1.id}`, {
      status: 'active',
    });
    expect(reopened.json().status).toBe('active');
    const trail = (await n.admin.get(`/api/v1/audit?entityId=${n.S1.id}&action=orgUnit.updated`)).json().items;
    expect(trail.map((r: { changes: unknown }) => r.changes)).toEqual([
      [{ field: 'status', before: 'closed', after: 'active' }],
      [{ field: 'status', before: 'active', after: 'closed' }],
    ]);
  });

  it('answers 403 for a missing permission', async () => {
    const n = await network();
    const count = await countRows(t, 'customers', n.tenant.id);
    const res = await n.sm1.client.delete(`/api/v1/customers/${n.c1.id}`);
    expectErrorBody(res, 403, 'forbidden');
    expect(res.json().error.params).toEqual({ permission: 'customers:delete' });
    expectErrorBody(
      await n.g1.client.post('/api/v1/roles', {
        name: '自封',
        permissions: [],
        dataScope: 'tenant',
      }),
      403,
      'forbidden',
    );
    expectErrorBody(await n.sm1.client.post(`/api/v1/customers/${n.c1.id}/reveal-phones`), 403, 'forbidden');
    expect(await countRows(t, 'customers', n.tenant.id)).toBe(count);
  });
});

describe('role administration (PLAT-4)', () => {
  it('starts a tenant with the built-in roles described in Chinese, the language its users read', async () => {
    const { admin } = await newTenant(t);
    const roles = (await admin.get('/api/v1/roles')).json().items as { name: string; description: string; builtin: boolean }[];
    const builtin = roles.filter((r) => r.builtin);
    expect(builtin.map((r) => r.name).sort()).toEqual(['系统管理员', '区域经理', '店长', '导购', '加盟商'].sort());
    for (const r of builtin) expect(r.description, r.name).toMatch(/^[\u4e00-\u9fff][^A-Za-z]*$/);
    expect(builtin.find((r) => r.name === '系统管理员')?.description).toBe('系统管理员：全部功能，全公司数据');
  });

  it('refuses an unknown permission key with an issue at its index, on create and on change', async () => {
    const { admin, tenant } = await newTenant(t);
    const count = await countRows(t, 'roles', tenant.id);
    const res = await admin.post('/api/v1/roles', {
      name: '坏角色',
      permissions: ['customers:view', 'customers:fly', 'root:all'],
      dataScope: 'unit',
    });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.permissions.1', 'body.permissions.2']);
    expect(await countRows(t, 'roles', tenant.id)).toBe(count);
    const role = await createRole(admin, {
      permissions: ['customers:view'],
      dataScope: 'unit',
    });
    const before = await rowOf(t, 'roles', role.id);
    const patch = await admin.patch(`/api/v1/roles/${role.id}`, {
      permissions: ['customers:view', 'customers:everything'],
    });
    expectErrorBody(patch, 422, 'validation_failed');
    expect(issuePaths(patch)).toEqual(['body.permissions.1']);
    expect(await rowOf(t, 'roles', role.id)).toEqual(before);
  });

  it('keeps field rules and permissions a PATCH does not name', async () => {
    const { admin } = await newTenant(t);
    const role = await createRole(admin, {
      permissions: ['customers:view'],
      dataScope: 'unit',
      fieldRules: { 'customer.phones': 'hidden' },
    });
    const res = await admin.patch(`/api/v1/roles/${role.id}`, {
      description: '只改说明',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      description: '只改说明',
      permissions: ['customers:view'],
      dataScope: 'unit',
      fieldRules: { 'customer.phones': 'hidden' },
    });
  });

  it('applies a role change at the next request', async () => {
    const { admin, code, hq } = await newTenant(t);
    const role = await createRole(admin, {
      permissions: ['customers:view'],
      dataScope: 'tenant',
    });
    const { client } = await userIn(t, admin, code, hq.id, role.name);
    expect((await client.get('/api/v1/customers')).statusCode).toBe(200);
    await admin.patch(`/api/v1/roles/${role.id}`, {
      permissions: ['org:view'],
    });
    expectErrorBody(await client.get('/api/v1/customers'), 403, 'forbidden');
  });
});

describe('field rules (PLAT-5)', () => {
  const PHONE = '139 8765 0123';
  const LEAKS = ['87650', '98765', '+86', '****', '71111'];

  async function withPhones() {
    const n = await network();
    const x = await createCustomer(n.admin, {
      name: '电话客户',
      phones: [PHONE],
      notes: '初始',
    });
    await n.admin.patch(`/api/v1/customers/${x.id}`, {
      phones: [PHONE, '136 0000 2222'],
      notes: '改过',
    });
    await n.admin.post(`/api/v1/customers/${x.id}/contacts`, {
      name: '联系人',
      phones: ['137 1111 2222'],
    });
    return { ...n, x };
  }

  it('never shows hidden phones: list, detail, search, phone search, history, audit and errors', async () => {
    const n = await withPhones();
    const role = await createRole(n.admin, {
      permissions: ['customers:view', 'customers:create', 'customers:edit', 'customers:reveal', 'audit:view'],
      dataScope: 'tenant',
      fieldRules: { 'customer.phones': 'hidden' },
    });
    const { client } = await userIn(t, n.admin, n.code, n.hq.id, role.name);
    const noLeak = (body: string, where: string) => {
      for (const l of LEAKS) expect(body, `${where} leaks ${l}`).not.toContain(l);
    };

    const list = await client.get('/api/v1/customers?limit=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(6);
    for (const item of list.json().items) expect(item).not.toHaveProperty('phones');
    noLeak(list.body, 'list');

    const detail = await client.get(`/api/v1/customers/${n.x.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).not.toHaveProperty('phones');
    expect(detail.json().name).toBe('电话客户');
    expect(detail.json().contacts).toHaveLength(1);
    expect(detail.json().contacts[0]).not.toHaveProperty('phones');
    noLeak(detail.body, 'detail');

    const byName = await client.get(`/api/v1/customers?q=${encodeURIComponent('电话客户')}`);
    expect(ids(byName)).toEqual([n.x.id]);
    expect(byName.json().items[0]).not.toHaveProperty('phones');
    for (const q of ['87650123', '13987650123', '+86 139 8765 0123', '0123', '13900000001', '13711112222']) {
      const res = await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items, `phone search ${q}`).toEqual([]);
    }

    for (const url of [`/api/v1/customers/${n.x.id}/history`, `/api/v1/audit?entityId=${n.x.id}`, '/api/v1/audit?entityType=customer&limit=200']) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json().items.length, url).toBeGreaterThan(0);
      for (const row of res.json().items)
        expect(
          row.changes.map((c: { field: string }) => c.field),
          url,
        ).not.toContain('phones');
      noLeak(res.body, url);
    }
    // The admin's view of the same history does have the (masked) phone change: the rule removed it, not the writer.
    const adminHistory = (await n.admin.get(`/api/v1/customers/${n.x.id}/history`)).json().items;
    expect(adminHistory.flatMap((r: { changes: { field: string }[] }) => r.changes.map((c) => c.field))).toContain('phones');

    const write = await client.patch(`/api/v1/customers/${n.x.id}`, {
      phones: ['13987650123'],
    });
    expectErrorBody(write, 422, 'forbidden_field');
    expect(issuePaths(write)).toEqual(['body.phones']);
    noLeak(write.body, 'write error');
    const dup = await client.post('/api/v1/customers', {
      kind: 'person',
      name: '电话客户',
    });
    noLeak(dup.body, 'duplicate answer');
    const revealed = await client.post(`/api/v1/customers/${n.x.id}/reveal-phones`);
    expect([403, 404]).toContain(revealed.statusCode);
    noLeak(revealed.body, 'reveal');
  });

  it('masks phones (138****1234) for a role without the reveal right, everywhere including history', async () => {
    const n = await withPhones();
    const role = await createRole(n.admin, {
      permissions: ['customers:view', 'customers:edit', 'audit:view'],
      dataScope: 'tenant',
    });
    const { client } = await userIn(t, n.admin, n.code, n.hq.id, role.name);
    const list = await client.get('/api/v1/customers?limit=200');
    const row = list.json().items.find((i: { id: string }) => i.id === n.x.id);
    expect(row.phones).toEqual(['139****0123', '136****2222']);
    const detail = (await client.get(`/api/v1/customers/${n.x.id}`)).json();
    expect(detail.phones).toEqual(['139****0123', '136****2222']);
    expect(detail.contacts[0].phones).toEqual(['137****2222']);
    const found = await client.get('/api/v1/customers?q=87650123');
    expect(found.json().items.map((i: { phones: string[] }) => i.phones)).toEqual([['139****0123', '136****2222']]);
    for (const url of [`/api/v1/customers/${n.x.id}/history`, `/api/v1/audit?entityId=${n.x.id}`]) {
      const res = await client.get(url);
      const changes = res
        .json()
        .items.filter((r: { entityType: string }) => r.entityType === 'customer')
        .flatMap((r: { changes: { field: string }[] }) => r.changes.filter((c) => c.field === 'phones'));
      expect(changes, url).toEqual([
        {
          field: 'phones',
          before: ['139****0123'],
          after: ['139****0123', '136****2222'],
        },
        { field: 'phones', before: null, after: ['139****0123'] },
      ]);
      expect(res.body).not.toContain('87650');
    }
    // Updating other fields works and still answers masked numbers.
    const patched = await client.patch(`/api/v1/customers/${n.x.id}`, {
      notes: '导购备注',
    });
    expect(patched.json().phones).toEqual(['139****0123', '136****2222']);
    expect(patched.body).not.toContain('87650');
  });

  it('reveals full numbers to a role with customers:reveal and writes customer.phones_revealed', async () => {
    const n = await withPhones();
    const moved = await n.admin.patch(`/api/v1/customers/${n.x.id}`, {
      storeId: n.S1.id,
    });
    expect(moved.statusCode).toBe(200);
    const res = await n.rm.client.post(`/api/v1/customers/${n.x.id}/reveal-phones`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      phones: ['+8613987650123', '+8613600002222'],
    });
    const trail = (await n.admin.get(`/api/v1/audit?action=customer.phones_revealed&entityId=${n.x.id}`)).json().items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actorId: n.rm.user.id,
      actorKind: 'user',
      entityType: 'customer',
      entityId: n.x.id,
      changes: [],
    });
    // Without the right: 403; with the right but outside the scope: 404; neither writes a reveal row.
    expectErrorBody(await n.sm1.client.post(`/api/v1/customers/${n.x.id}/reveal-phones`), 403, 'forbidden');
    expectErrorBody(await n.g1.client.post(`/api/v1/customers/${n.x.id}/reveal-phones`), 403, 'forbidden');
    expectErrorBody(await n.rm.client.post(`/api/v1/customers/${n.c4.id}/reveal-phones`), 404, 'not_found');
    expect((await n.admin.get('/api/v1/audit?action=customer.phones_revealed')).json().items).toHaveLength(1);
  });

  it('refuses a read-only field in PATCH with an issue on that field, and changes nothing', async () => {
    const n = await network();
    const before = await rowOf(t, 'customers', n.c1.id);
    const audits = await countRows(t, 'audit_log', n.tenant.id);
    for (const body of [{ creditRating: 'A' }, { creditRating: 'A', notes: '顺便改' }, { listStatus: 'black' }]) {
      const res = await n.g1.client.patch(`/api/v1/customers/${n.c1.id}`, body);
      expectErrorBody(res, 422, 'forbidden_field');
      expect(issuePaths(res)).toEqual([`body.${Object.keys(body)[0]}`]);
    }
    expect(await rowOf(t, 'customers', n.c1.id)).toEqual(before);
    expect(await countRows(t, 'audit_log', n.tenant.id)).toBe(audits);
    const create = await n.g1.client.post('/api/v1/customers', {
      kind: 'person',
      name: '自定信用',
      creditRating: 'A',
    });
    expectErrorBody(create, 422, 'forbidden_field');
    expect(issuePaths(create)).toEqual(['body.creditRating']);
    const ok = await n.g1.client.patch(`/api/v1/customers/${n.c1.id}`, {
      notes: '可以改备注',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ notes: '可以改备注', creditRating: 'B' });
  });

  it('hides the franchisee’s hidden fields (income band, credit rating) in list and detail', async () => {
    const n = await network();
    const list = (await n.fr.client.get('/api/v1/customers')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).not.toHaveProperty('incomeBand');
    expect(list[0]).not.toHaveProperty('creditRating');
    const detail = await n.fr.client.get(`/api/v1/customers/${n.c3.id}`);
    expect(detail.json()).not.toHaveProperty('incomeBand');
    expect(detail.body).not.toContain('veryHigh');
    expect((await n.admin.get(`/api/v1/customers/${n.c3.id}`)).json()).toMatchObject({ incomeBand: 'veryHigh', creditRating: 'A' });
  });

  it('refuses filtering or sorting by a hidden field (422), and a search does not match hidden values', async () => {
    const n = await network();
    await defineField(n.admin, { key: 'level', type: 'text' });
    await createCustomer(n.admin, {
      name: '标签客户',
      tags: ['VIP', '老客户'],
      source: 'walkIn',
    });
    const role = await createRole(n.admin, {
      permissions: ['customers:view'],
      dataScope: 'tenant',
      fieldRules: Object.fromEntries(
        ['name', 'tags', 'source', 'storeId', 'ownerId', 'listStatus', 'customFields', 'kind'].map((f) => [`customer.${f}`, 'hidden']),
      ),
    });
    const { client } = await userIn(t, n.admin, n.code, n.hq.id, role.name);
    for (const [qs, field] of [
      ['sort=name', 'name'],
      ['tag=VIP', 'tags'],
      ['source=walkIn', 'source'],
      [`storeId=${n.S1.id}`, 'storeId'],
      [`ownerId=${n.g1.user.id}`, 'ownerId'],
      ['pool=true', 'ownerId'],
      ['listStatus=black', 'listStatus'],
      ['cf_level=x', 'customFields'],
      ['kind=company', 'kind'],
    ]) {
      const res = await client.get(`/api/v1/customers?${qs}`);
      expectErrorBody(res, 422, 'forbidden_field');
      expect(issuePaths(res), qs).toEqual([`query.${field}`]);
    }
    const list = await client.get('/api/v1/customers?limit=200');
    expect(list.statusCode).toBe(200);
    for (const i of list.json().items) expect(Object.keys(i).filter((k) => ['name', 'tags', 'source', 'storeId', 'ownerId', 'kind'].includes(k))).toEqual([]);
    // The name and tags are hidden, so a search by them finds nothing (the admin finds them).
    for (const q of ['客户', 'kehu', 'VIP', '老客户']) {
      expect((await n.admin.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).json().items.length, `admin ${q}`).toBeGreaterThan(0);
      expect((await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).json().items, q).toEqual([]);
    }
    // Phones are not hidden for this role: a phone search still works.
    expect(ids(await client.get('/api/v1/customers?q=13900000003'))).toEqual([n.c3.id]);
  });

  it('combines several roles to the widest: union of rights, widest scope, most open field rule', async () => {
    const n = await network();
    const guide = n.roles.find((r) => r.name === '导购')!;
    const manager = n.roles.find((r) => r.name === '店长')!;
    const { client } = await userWithRoles(t, n.admin, n.code, n.S1.id, [guide.id, manager.id]);
    const me = (await client.get('/api/v1/auth/me')).json();
    expect(me.dataScope).toBe('unit');
    expect(me.fieldRules).toEqual({});
    expect(me.permissions).toEqual(expect.arrayContaining(['customers:export', 'customers:import', 'customers:view']));
    expect(await listed(client)).toEqual(sorted([n.c1, n.c2]));
    const ok = await client.patch(`/api/v1/customers/${n.c2.id}`, {
      creditRating: 'C',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().creditRating).toBe('C');

    const hidden = await createRole(n.admin, {
      permissions: ['customers:view'],
      dataScope: 'own',
      fieldRules: { 'customer.phones': 'hidden', 'customer.notes': 'hidden' },
    });
    const readonly = await createRole(n.admin, {
      permissions: ['audit:view'],
      dataScope: 'subtree',
      fieldRules: { 'customer.phones': 'readonly' },
    });
    const both = await userWithRoles(t, n.admin, n.code, n.R.id, [hidden.id, readonly.id]);
    const me2 = (await both.client.get('/api/v1/auth/me')).json();
    expect(me2.dataScope).toBe('subtree');
    expect(me2.fieldRules).toEqual({ 'customer.phones': 'readonly' });
    expect(me2.permissions).toEqual(['audit:view', 'customers:view']);
    const seen = (await both.client.get('/api/v1/customers')).json().items;
    expect(seen.map((i: { id: string }) => i.id).sort()).toEqual(sorted([n.c1, n.c2, n.c3]));
    expect(seen.find((i: { id: string }) => i.id === n.c1.id).phones).toEqual(['139****0001']);
  });
});
