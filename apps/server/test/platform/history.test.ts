import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRowDto, HISTORY_ENTITY_TYPES, type HistoryEntityType } from '@jiake/shared';
import { createRole, defineField, expectErrorBody } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, type TestTenant, uniq, userIn } from '../helpers.ts';

/**
 * A history tab on every record (PLAT-6): GET /history/{entityType}/{id} for org units, users, roles, custom fields
 * and API keys. The caller needs the permission that lists such records and must see the record itself.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

type Row = AuditRowDto;

async function history(c: Client, type: string, id: string): Promise<Row[]> {
  const res = await c.get(`/api/v1/history/${type}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const change = (r: Row | undefined, field: string) => r?.changes.find((c) => c.field === field);

/** One record of each type: how to make it, how to change one field, and what the change reads in the trail. */
interface Case {
  create(a: TestTenant): Promise<string>;
  update(a: TestTenant, id: string): Promise<{ statusCode: number; body: string }>;
  created: { field: string; after: unknown };
  updated: { action: string; field: string; before: unknown; after: unknown };
}

const CASES: Record<HistoryEntityType, Case> = {
  orgUnit: {
    create: async (a) => (await a.admin.post('/api/v1/org/units', { parentId: a.hq.id, kind: 'store', storeKind: 'direct', code: 'HIST-1', name: '历史门店' })).json().id,
    update: (a, id) => a.admin.patch(`/api/v1/org/units/${id}`, { name: '历史门店（新）' }),
    created: { field: 'code', after: 'HIST-1' },
    updated: { action: 'orgUnit.updated', field: 'name', before: '历史门店', after: '历史门店（新）' },
  },
  user: {
    create: async (a) => {
      const roles = (await a.admin.get('/api/v1/roles')).json().items;
      const res = await a.admin.post('/api/v1/users', {
        username: 'history.user',
        displayName: '历史用户',
        password: 'user-pass-1',
        unitId: a.hq.id,
        roleIds: [roles[0].id],
      });
      return res.json().id;
    },
    update: (a, id) => a.admin.patch(`/api/v1/users/${id}`, { displayName: '历史用户二' }),
    created: { field: 'username', after: 'history.user' },
    updated: { action: 'user.updated', field: 'displayName', before: '历史用户', after: '历史用户二' },
  },
  role: {
    create: async (a) => (await createRole(a.admin, { name: '历史角色', permissions: ['customers:view'], dataScope: 'own' })).id,
    update: (a, id) => a.admin.patch(`/api/v1/roles/${id}`, { dataScope: 'unit' }),
    created: { field: 'name', after: '历史角色' },
    updated: { action: 'role.updated', field: 'dataScope', before: 'own', after: 'unit' },
  },
  customField: {
    create: async (a) => (await defineField(a.admin, { key: 'house_no', label: '门牌号', type: 'text' })).id,
    update: (a, id) => a.admin.patch(`/api/v1/custom-fields/${id}`, { label: '楼栋门牌' }),
    created: { field: 'key', after: 'house_no' },
    updated: { action: 'customField.updated', field: 'label', before: '门牌号', after: '楼栋门牌' },
  },
  apiKey: {
    create: async (a) => {
      const roles = (await a.admin.get('/api/v1/roles')).json().items;
      return (await a.admin.post('/api/v1/api-keys', { name: 'ERP 对接', roleId: roles[0].id, unitId: a.hq.id })).json().id;
    },
    update: (a, id) => a.admin.delete(`/api/v1/api-keys/${id}`),
    created: { field: 'name', after: 'ERP 对接' },
    updated: { action: 'apiKey.revoked', field: 'revokedAt', before: null, after: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
  },
};

describe('history of a platform record', () => {
  for (const type of HISTORY_ENTITY_TYPES) {
    it(`shows the creation and each change of a ${type}, newest first, field by field`, async () => {
      const a = await newTenant(t);
      const c = CASES[type];
      const id = await c.create(a);
      expect(id).toBeTruthy();
      const res = await c.update(a, id);
      expect(res.statusCode, res.body).toBe(200);

      const rows = await history(a.admin, type, id);
      expect(rows.every((r) => r.entityType === type && r.entityId === id)).toBe(true);
      expect(rows[0].action).toBe(c.updated.action);
      expect(rows[0].actorName).toBe('管理员');
      expect(change(rows[0], c.updated.field)).toEqual({ field: c.updated.field, before: c.updated.before, after: c.updated.after });
      const created = rows.find((r) => r.action === `${type}.created`);
      expect(change(created, c.created.field)).toEqual({ field: c.created.field, before: null, after: c.created.after });
      // Secrets never reach the trail.
      for (const r of rows) for (const ch of r.changes) expect(['passwordHash', 'keyHash', 'tenantId']).not.toContain(ch.field);
    });
  }

  it('shows a user’s role changes and logins in its history', async () => {
    const a = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const roles = (await a.admin.get('/api/v1/roles')).json().items as { id: string; name: string }[];
    const { user } = await userIn(t, a.admin, a.code, store.id, '导购', roles);
    const manager = roles.find((r) => r.name === '店长')!;
    expect((await a.admin.patch(`/api/v1/users/${user.id}`, { roleIds: [manager.id] })).statusCode).toBe(200);
    const rows = await history(a.admin, 'user', user.id);
    expect(rows.map((r) => r.action)).toEqual(['user.roles_changed', 'auth.login', 'user.roles_changed', 'user.created']);
    expect(change(rows[0], 'roleIds')).toEqual({ field: 'roleIds', before: [roles.find((r) => r.name === '导购')!.id], after: [manager.id] });
  });

  it('shows where a login came from (address, browser) only to callers with audit:view', async () => {
    const a = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const roles = (await a.admin.get('/api/v1/roles')).json().items as { id: string; name: string }[];
    const { user } = await userIn(t, a.admin, a.code, store.id, '导购', roles);
    const { client: storeManager } = await userIn(t, a.admin, a.code, store.id, '店长', roles);
    const asAdmin = (await history(a.admin, 'user', user.id)).find((r) => r.action === 'auth.login')!;
    expect(asAdmin.ip).toBe('127.0.0.1');
    const asManager = (await history(storeManager, 'user', user.id)).find((r) => r.action === 'auth.login')!;
    expect(asManager.ip).toBeNull();
    expect(asManager.meta).not.toHaveProperty('userAgent');
    expect(asManager.actorName).toBe(asAdmin.actorName);
  });

  it('keeps other records out: only rows of the asked record', async () => {
    const a = await newTenant(t);
    const one = await makeStore(a.admin, a.hq.id);
    const two = await makeStore(a.admin, a.hq.id);
    await a.admin.patch(`/api/v1/org/units/${two.id}`, { name: '另一家店' });
    const rows = await history(a.admin, 'orgUnit', one.id);
    expect(rows.map((r) => r.action)).toEqual(['orgUnit.created']);
  });
});

describe('who may read it', () => {
  it('answers 404 to another tenant’s administrator for every type, and to an unknown id', async () => {
    const a = await newTenant(t, '甲品牌');
    const b = await newTenant(t, '乙品牌');
    for (const type of HISTORY_ENTITY_TYPES) {
      const id = await CASES[type].create(a);
      expect((await a.admin.get(`/api/v1/history/${type}/${id}`)).statusCode).toBe(200);
      expectErrorBody(await b.admin.get(`/api/v1/history/${type}/${id}`), 404, 'not_found');
      expectErrorBody(await a.admin.get(`/api/v1/history/${type}/${crypto.randomUUID()}`), 404, 'not_found');
    }
  });

  it('shows a regional manager the users of the region only (404 outside), as the user list does', async () => {
    const a = await newTenant(t);
    const east = await makeStore(a.admin, a.hq.id, 'direct', 'region');
    const west = await makeStore(a.admin, a.hq.id, 'direct', 'region');
    const eastStore = await makeStore(a.admin, east.id);
    const westStore = await makeStore(a.admin, west.id);
    const roles = (await a.admin.get('/api/v1/roles')).json().items;
    const { client: manager } = await userIn(t, a.admin, a.code, east.id, '区域经理', roles);
    const { user: inside } = await userIn(t, a.admin, a.code, eastStore.id, '导购', roles);
    const { user: outside } = await userIn(t, a.admin, a.code, westStore.id, '导购', roles);

    const listed = (await manager.get('/api/v1/users?limit=200')).json().items.map((u: { id: string }) => u.id);
    expect(listed).toContain(inside.id);
    expect(listed).not.toContain(outside.id);
    expect((await history(manager, 'user', inside.id)).some((r) => r.action === 'user.created')).toBe(true);
    expectErrorBody(await manager.get(`/api/v1/history/user/${outside.id}`), 404, 'not_found');
    // Units: the history of every unit the manager's org tree shows.
    const units = (await manager.get('/api/v1/org/units')).json().items as { id: string }[];
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect((await manager.get(`/api/v1/history/orgUnit/${u.id}`)).statusCode).toBe(200);
  });

  it('answers 403 without the permission that lists the records, for a real id or not', async () => {
    const a = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const roles = (await a.admin.get('/api/v1/roles')).json().items;
    const { client: sales } = await userIn(t, a.admin, a.code, store.id, '导购', roles);
    const role = roles[0].id as string;
    const field = await defineField(a.admin, { key: 'x_field', type: 'text' });
    const key = await CASES.apiKey.create(a);
    for (const [type, id, permission] of [
      ['role', role, 'roles:view'],
      ['customField', field.id, 'customFields:admin'],
      ['apiKey', key, 'apiKeys:admin'],
      ['apiKey', crypto.randomUUID(), 'apiKeys:admin'],
    ] as const) {
      const err = expectErrorBody(await sales.get(`/api/v1/history/${type}/${id}`), 403, 'forbidden');
      expect(err.params).toEqual({ permission });
    }
    // A user with no rights over users at all.
    const nobody = await createRole(a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const { client: plain } = await userIn(t, a.admin, a.code, store.id, nobody.name);
    expectErrorBody(await plain.get(`/api/v1/history/user/${(await a.admin.get('/api/v1/auth/me')).json().user.id}`), 403, 'forbidden');
    expectErrorBody(await plain.get(`/api/v1/history/orgUnit/${store.id}`), 403, 'forbidden');
  });

  it('refuses a type without a history tab (422) and needs a login (401)', async () => {
    const a = await newTenant(t);
    const res = await a.admin.get(`/api/v1/history/tenant/${a.tenant.id}`);
    expectErrorBody(res, 422, 'validation_failed');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/history/orgUnit/${a.hq.id}` })).statusCode).toBe(401);
  });
});

describe('field rules in history', () => {
  it('leaves hidden fields out and masks phones, on every row', async () => {
    const a = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const viewer = await createRole(a.admin, { permissions: ['users:view', 'org:view'], dataScope: 'tenant', fieldRules: { 'user.email': 'hidden' } });
    const { client } = await userIn(t, a.admin, a.code, store.id, viewer.name);
    const roles = (await a.admin.get('/api/v1/roles')).json().items;
    const created = await a.admin.post('/api/v1/users', {
      username: uniq('h'),
      displayName: '带号码的用户',
      password: 'user-pass-1',
      unitId: store.id,
      roleIds: [roles[0].id],
      phone: '13812345678',
      email: 'first@example.com',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await a.admin.patch(`/api/v1/users/${id}`, { email: 'second@example.com', phone: '13987654321', displayName: '改过名' });

    // The administrator sees the email change; phones are masked in history for everyone.
    const full = await history(a.admin, 'user', id);
    expect(change(full[0], 'email')).toEqual({ field: 'email', before: 'first@example.com', after: 'second@example.com' });
    expect(change(full[0], 'phone')).toEqual({ field: 'phone', before: '138****5678', after: '139****4321' });

    const rows = await history(client, 'user', id);
    expect(rows.length).toBe(full.length);
    expect(change(rows[0], 'displayName')).toEqual({ field: 'displayName', before: '带号码的用户', after: '改过名' });
    const body = JSON.stringify(rows);
    expect(rows.flatMap((r) => r.changes.map((c) => c.field))).not.toContain('email');
    expect(body).not.toContain('example.com');
    expect(body).not.toContain('13812345678');
    expect(body).not.toContain('13987654321');
  });
});
