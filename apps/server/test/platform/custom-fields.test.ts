import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomer, defineField, expectErrorBody, ids, issuePaths, rowOf } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';

/** Custom fields (PLAT-8): defined per tenant by an admin, validated and coerced on every write, usable as filters. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

async function fiveFields(admin: Client) {
  await defineField(admin, { key: 'building', label: '楼盘', type: 'text' });
  await defineField(admin, { key: 'area', label: '面积', type: 'number' });
  await defineField(admin, { key: 'move_in', label: '入住日期', type: 'date' });
  await defineField(admin, {
    key: 'level',
    label: '会员等级',
    type: 'select',
    options: ['金卡', '银卡', '普通'],
  });
  await defineField(admin, {
    key: 'rooms',
    label: '意向空间',
    type: 'multiselect',
    options: ['客厅', '卧室', '书房'],
  });
}

const post = (c: Client, customFields: Record<string, unknown>, name = '自定义字段客户') =>
  c.post('/api/v1/customers', {
    kind: 'person',
    name,
    customFields,
    ignoreDuplicates: true,
  });

describe('defining fields', () => {
  it('defines text, number, date, select and multiselect fields and lists them in order', async () => {
    const { admin } = await newTenant(t);
    const res = await admin.post('/api/v1/custom-fields', {
      object: 'customer',
      key: 'level',
      label: '会员等级',
      type: 'select',
      options: ['金卡', '银卡'],
      required: false,
      position: 5,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      object: 'customer',
      key: 'level',
      label: '会员等级',
      type: 'select',
      options: ['金卡', '银卡'],
      required: false,
      position: 5,
    });
    await admin.post('/api/v1/custom-fields', {
      object: 'customer',
      key: 'building',
      label: '楼盘',
      type: 'text',
      position: 1,
    });
    await admin.post('/api/v1/custom-fields', {
      object: 'customer',
      key: 'area',
      label: '面积',
      type: 'number',
      position: 2,
    });
    await admin.post('/api/v1/custom-fields', {
      object: 'customer',
      key: 'move_in',
      label: '入住日期',
      type: 'date',
      position: 3,
    });
    await admin.post('/api/v1/custom-fields', {
      object: 'customer',
      key: 'rooms',
      label: '意向空间',
      type: 'multiselect',
      options: ['客厅', '书房'],
      position: 4,
    });
    const list = (await admin.get('/api/v1/custom-fields?object=customer')).json().items;
    expect(list.map((f: { key: string; type: string }) => [f.key, f.type])).toEqual([
      ['building', 'text'],
      ['area', 'number'],
      ['move_in', 'date'],
      ['rooms', 'multiselect'],
      ['level', 'select'],
    ]);
  });

  it('answers 409 for a key already used in the tenant, and allows the same key in another tenant', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    await defineField(a.admin, { key: 'level', type: 'text' });
    const count = await countRows(t, 'custom_field_defs', a.tenant.id);
    const dup = await a.admin.post('/api/v1/custom-fields', {
      object: 'customer',
      key: 'level',
      label: '又一个',
      type: 'number',
    });
    expectErrorBody(dup, 409, 'conflict');
    expect(issuePaths(dup)).toEqual(['body.key']);
    expect(await countRows(t, 'custom_field_defs', a.tenant.id)).toBe(count);
    expect(
      (
        await b.admin.post('/api/v1/custom-fields', {
          object: 'customer',
          key: 'level',
          label: '等级',
          type: 'text',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('lets any user read the definitions but only an admin define them', async () => {
    const { admin, code, hq } = await newTenant(t);
    await defineField(admin, { key: 'level', type: 'text' });
    const store = await makeStore(admin, hq.id);
    const { client } = await userIn(t, admin, code, store.id, '店长');
    expect((await client.get('/api/v1/custom-fields')).json().items.map((f: { key: string }) => f.key)).toEqual(['level']);
    expectErrorBody(
      await client.post('/api/v1/custom-fields', {
        object: 'customer',
        key: 'x',
        label: 'x',
        type: 'text',
      }),
      403,
      'forbidden',
    );
  });

  it('does not share definitions between tenants', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    await defineField(a.admin, { key: 'secret_level', type: 'text' });
    expect((await b.admin.get('/api/v1/custom-fields')).json().items).toEqual([]);
    const res = await post(b.admin, { secret_level: 'x' });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.customFields.secret_level']);
  });
});

describe('values', () => {
  it('enforces a required field on create, not on a PATCH that leaves it alone, and refuses clearing it', async () => {
    const { admin, tenant } = await newTenant(t);
    await defineField(admin, {
      key: 'building',
      label: '楼盘',
      type: 'text',
      required: true,
    });
    const count = await countRows(t, 'customers', tenant.id);
    for (const cf of [{}, { building: '' }, { building: null }, { building: '   ' }]) {
      const res = await post(admin, cf);
      expectErrorBody(res, 422, 'validation_failed');
      expect(res.json().error.issues, JSON.stringify(cf)).toEqual([
        expect.objectContaining({
          path: 'body.customFields.building',
          code: 'required',
        }),
      ]);
    }
    expect(await countRows(t, 'customers', tenant.id)).toBe(count);
    const ok = await post(admin, { building: '绿城玫瑰园' });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id;
    expect((await admin.patch(`/api/v1/customers/${id}`, { notes: '不碰楼盘' })).statusCode).toBe(200);
    for (const cleared of [{ building: null }, { building: '' }]) {
      const res = await admin.patch(`/api/v1/customers/${id}`, {
        customFields: cleared,
      });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(['body.customFields.building']);
    }
    expect((await rowOf(t, 'customers', id))?.custom_fields).toEqual({
      building: '绿城玫瑰园',
    });
  });

  it('coerces values: numbers from text, dates in Chinese and slashed forms, multiselect from a list in one string', async () => {
    const { admin } = await newTenant(t);
    await fiveFields(admin);
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ area: '128.5' }, { area: 128.5 }],
      [{ area: 96 }, { area: 96 }],
      [{ area: ' 88 ' }, { area: 88 }],
      [{ move_in: '2026/3/5' }, { move_in: '2026-03-05' }],
      [{ move_in: '2026年3月5日' }, { move_in: '2026-03-05' }],
      [{ move_in: '2026-03-05' }, { move_in: '2026-03-05' }],
      [{ building: '  万科城  ' }, { building: '万科城' }],
      [{ building: 12 }, { building: '12' }],
      [{ level: '金卡' }, { level: '金卡' }],
      [{ rooms: ['客厅', '书房', '客厅'] }, { rooms: ['客厅', '书房'] }],
      [{ rooms: '客厅;卧室' }, { rooms: ['客厅', '卧室'] }],
      [{ rooms: '客厅、书房' }, { rooms: ['客厅', '书房'] }],
    ];
    for (const [input, stored] of cases) {
      const res = await post(admin, input);
      expect(res.statusCode, `${JSON.stringify(input)} ${res.body}`).toBe(201);
      expect(res.json().customFields, JSON.stringify(input)).toEqual(stored);
      expect((await rowOf(t, 'customers', res.json().id))?.custom_fields).toEqual(stored);
    }
  });

  it('refuses values of the wrong type, unknown options and impossible dates with an issue per field', async () => {
    const { admin, tenant } = await newTenant(t);
    await fiveFields(admin);
    const count = await countRows(t, 'customers', tenant.id);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ area: 'lots' }, ['body.customFields.area']],
      [{ area: true }, ['body.customFields.area']],
      [{ move_in: '2026-02-30' }, ['body.customFields.move_in']],
      [{ move_in: 'next spring' }, ['body.customFields.move_in']],
      [{ level: '钻石卡' }, ['body.customFields.level']],
      [{ level: ['金卡'] }, ['body.customFields.level']],
      [{ rooms: ['客厅', '车库'] }, ['body.customFields.rooms']],
      [{ building: { a: 1 } }, ['body.customFields.building']],
      [{ building: 'x'.repeat(501) }, ['body.customFields.building']],
      [{ building: '王\u202e芳' }, ['body.customFields.building']],
      [{ nope: 1, area: 'x' }, ['body.customFields.nope', 'body.customFields.area']],
    ];
    for (const [input, paths] of cases) {
      const res = await post(admin, input);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res).sort(), JSON.stringify(input)).toEqual([...paths].sort());
    }
    expect(await countRows(t, 'customers', tenant.id)).toBe(count);
  });

  it('merges custom values on PATCH and refuses a bad one without touching the rest', async () => {
    const { admin } = await newTenant(t);
    await fiveFields(admin);
    const c = (await post(admin, { building: '万科城', level: '金卡' })).json();
    const res = await admin.patch(`/api/v1/customers/${c.id}`, {
      customFields: { level: '银卡', area: '120' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customFields).toEqual({
      building: '万科城',
      level: '银卡',
      area: 120,
    });
    const before = await rowOf(t, 'customers', c.id);
    expectErrorBody(
      await admin.patch(`/api/v1/customers/${c.id}`, {
        customFields: { level: '钻石卡' },
        notes: '一起改',
      }),
      422,
      'validation_failed',
    );
    expect(await rowOf(t, 'customers', c.id)).toEqual(before);
    const history = (await admin.get(`/api/v1/customers/${c.id}/history`)).json().items;
    expect(history[0].changes).toEqual([
      {
        field: 'customFields',
        before: { building: '万科城', level: '金卡' },
        after: { building: '万科城', level: '银卡', area: 120 },
      },
    ]);
  });

  it('filters the customer list by each type of field', async () => {
    const { admin } = await newTenant(t);
    await fiveFields(admin);
    const a = (
      await post(
        admin,
        {
          building: '绿城',
          area: 120.5,
          move_in: '2026-03-05',
          level: '金卡',
          rooms: ['客厅', '书房'],
        },
        '甲',
      )
    ).json();
    const b = (
      await post(
        admin,
        {
          building: '万科',
          area: 89,
          move_in: '2026-04-01',
          level: '银卡',
          rooms: ['卧室'],
        },
        '乙',
      )
    ).json();
    await post(admin, {}, '丙');
    const q = async (qs: string) => {
      const res = await admin.get(`/api/v1/customers?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return ids(res);
    };
    expect(await q(`cf_building=${encodeURIComponent('绿城')}`)).toEqual([a.id]);
    expect(await q('cf_area=89')).toEqual([b.id]);
    expect(await q('cf_area=120.5')).toEqual([a.id]);
    expect(await q('cf_move_in=2026-04-01')).toEqual([b.id]);
    expect(await q(`cf_level=${encodeURIComponent('金卡')}`)).toEqual([a.id]);
    expect(await q(`cf_rooms=${encodeURIComponent('书房')}`)).toEqual([a.id]);
    expect(await q(`cf_rooms=${encodeURIComponent('卧室')}&cf_level=${encodeURIComponent('银卡')}`)).toEqual([b.id]);
    expect(await q(`cf_level=${encodeURIComponent('普通')}`)).toEqual([]);
  });

  it('forgets a deleted definition for new values while the history keeps the old ones', async () => {
    const { admin } = await newTenant(t);
    const f = await defineField(admin, { key: 'legacy', type: 'text' });
    const c = (await post(admin, { legacy: '旧值' })).json();
    const del = await admin.delete(`/api/v1/custom-fields/${f.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await admin.get('/api/v1/custom-fields')).json().items).toEqual([]);
    expectErrorBody(await post(admin, { legacy: '新值' }), 422, 'validation_failed');
    const created = (await admin.get(`/api/v1/customers/${c.id}/history`)).json().items.at(-1);
    expect(created.changes).toContainEqual({
      field: 'customFields',
      before: null,
      after: { legacy: '旧值' },
    });
    const defTrail = (await admin.get(`/api/v1/audit?entityId=${f.id}`)).json().items;
    expect(defTrail.map((r: { action: string }) => r.action)).toEqual(['customField.deleted', 'customField.created']);
  });

  it('changes a definition: label, options, required', async () => {
    const { admin } = await newTenant(t);
    const f = await defineField(admin, {
      key: 'level',
      type: 'select',
      options: ['金卡'],
    });
    const res = await admin.patch(`/api/v1/custom-fields/${f.id}`, {
      label: '等级',
      options: ['金卡', '钻石卡'],
      required: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      key: 'level',
      label: '等级',
      options: ['金卡', '钻石卡'],
      required: true,
      type: 'select',
    });
    expect((await post(admin, { level: '钻石卡' })).statusCode).toBe(201);
    expectErrorBody(await post(admin, {}), 422, 'validation_failed');
  });
});
