import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone, searchDigits } from '../../src/platform/phone.ts';
import { createCustomer, defineField, expectErrorBody, ids, issuePaths, rowOf } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const names = (res: { json(): { items: { name: string }[] } }) =>
  res
    .json()
    .items.map((i) => i.name)
    .sort();
const search = async (c: Client, q: string) => {
  const res = await c.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return names(res);
};
const reveal = async (c: Client, id: string) => {
  const res = await c.post(`/api/v1/customers/${id}/reveal-phones`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().phones as string[];
};

const HOME_PROFILE = {
  houseType: 'duplex',
  areaSqm: 168.5,
  rooms: ['livingRoom', 'bedroom', 'study'],
  stage: 'newHome',
  styles: ['newChinese', 'lightLuxury'],
  budgetBand: '200kTo500k',
  budgetFen: 35_000_000,
  moveInDate: '2026-10-01',
  currentFurniture: [
    { room: 'livingRoom', item: '三人沙发', brand: '顾家', competitor: true },
    { room: 'bedroom', item: '实木床', brand: null, competitor: false },
  ],
  notes: '儿童房需要环保板材',
};

describe('customer records (CUS-1, CUS-2)', () => {
  it('creates a person with every CUS-1 field and the home profile, and reads them back unchanged', async () => {
    const { admin, code, hq } = await newTenant(t);
    const store = await makeStore(admin, hq.id);
    const { user: owner } = await userIn(t, admin, code, store.id, '导购');
    await defineField(admin, {
      key: 'vip_level',
      type: 'select',
      options: ['金卡', '银卡'],
    });
    const body = {
      kind: 'person',
      name: '张伟明',
      gender: 'male',
      birthday: { calendar: 'solar', year: 1985, month: 6, day: 18 },
      weddingAnniversary: '2012-10-01',
      ageBand: '35to44',
      education: 'bachelor',
      occupation: '工程师',
      title: '技术总监',
      incomeBand: 'high',
      maritalStatus: 'married',
      phones: ['138 1234 5678', '(010) 6552-1234'],
      email: 'zhang.wm@example.com',
      wechat: 'zhangwm_85',
      qq: '12345678',
      otherIm: '钉钉 zwm85',
      provinceCode: '310000',
      cityCode: '310100',
      districtCode: '310104',
      address: '徐汇区漕溪北路 88 号 1201 室',
      hobbies: ['茶道', '摄影'],
      referrer: '李设计师',
      source: 'designer',
      ownerId: owner.id,
      storeId: store.id,
      tags: ['老客户', 'VIP'],
      creditRating: 'A',
      listStatus: 'white',
      listReason: '长期合作',
      industry: '互联网',
      homeProfile: HOME_PROFILE,
      customFields: { vip_level: '金卡' },
      notes: '喜欢胡桃木',
    };
    const res = await admin.post('/api/v1/customers', body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.code).toBe('C0000001');
    const { phones: _p, ...rest } = body;
    const expected = {
      ...rest,
      ownerName: owner.displayName,
      storeName: store.name,
      phones: ['138****5678', '010****1234'],
    };
    expect(created).toMatchObject(expected);
    const got = await admin.get(`/api/v1/customers/${created.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      ...expected,
      id: created.id,
      code: 'C0000001',
      contacts: [],
    });
    expect(got.json().homeProfile).toEqual(HOME_PROFILE);
    expect(await reveal(admin, created.id)).toEqual(['+8613812345678', '+861065521234']);
  });

  it('creates a company customer with its industry', async () => {
    const { admin } = await newTenant(t);
    const res = await admin.post('/api/v1/customers', {
      kind: 'company',
      name: '上海雅致装饰工程有限公司',
      industry: '装饰工程',
      source: 'partner',
      creditRating: 'B',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'company',
      name: '上海雅致装饰工程有限公司',
      industry: '装饰工程',
      source: 'partner',
      creditRating: 'B',
      phones: [],
      tags: [],
    });
    expect((await admin.get(`/api/v1/customers/${res.json().id}`)).json().kind).toBe('company');
  });

  it('numbers customers per tenant: C0000001, C0000002 …', async () => {
    const { admin } = await newTenant(t);
    const a = await createCustomer(admin, { name: '甲' });
    const b = await createCustomer(admin, { name: '乙' });
    expect([a.code, b.code]).toEqual(['C0000001', 'C0000002']);
  });

  it('stores phones typed in any common format as E.164', async () => {
    const { admin, tenant } = await newTenant(t);
    const c = await createCustomer(admin, {
      name: '格式测试',
      phones: ['138 1234 5678', '+86-139-8765-0123', '0086 13600001111', '(010) 6552-1234', '１５９１２３４５６７８', '+86 (21) 6888 9999', '+1 415 555 2671'],
    });
    const e164 = ['+8613812345678', '+8613987650123', '+8613600001111', '+861065521234', '+8615912345678', '+862168889999', '+14155552671'];
    expect(await reveal(admin, c.id)).toEqual(e164);
    expect((await rowOf(t, 'customers', c.id))?.phones).toEqual(e164);
    const idx = await t.deps.db.pool.query('SELECT e164, digits FROM customer_phones WHERE tenant_id = $1 AND customer_id = $2 ORDER BY position', [
      tenant.id,
      c.id,
    ]);
    expect(idx.rows).toEqual([
      { e164: '+8613812345678', digits: '13812345678' },
      { e164: '+8613987650123', digits: '13987650123' },
      { e164: '+8613600001111', digits: '13600001111' },
      { e164: '+861065521234', digits: '01065521234' },
      { e164: '+8615912345678', digits: '15912345678' },
      { e164: '+862168889999', digits: '02168889999' },
      { e164: '+14155552671', digits: '4155552671' },
    ]);
  });

  it('keeps one copy of a number typed twice in different formats', async () => {
    const { admin } = await newTenant(t);
    const c = await createCustomer(admin, {
      name: '重复号码',
      phones: ['138 1234 5678', '+8613812345678', '0086-138-1234-5678'],
    });
    expect(await reveal(admin, c.id)).toEqual(['+8613812345678']);
  });

  it('refuses an invalid phone with an issue at its index', async () => {
    const { admin } = await newTenant(t);
    const res = await admin.post('/api/v1/customers', {
      kind: 'person',
      name: '坏号码',
      phones: ['138 1234 5678', '12345', 'abc-not-phone'],
    });
    const err = expectErrorBody(res, 422, 'validation_failed');
    expect(err.issues?.map((i) => i.path)).toEqual(['body.phones.1', 'body.phones.2']);
  });

  it('round-trips a solar birthday without year and a lunar birthday in a leap month', async () => {
    const { admin } = await newTenant(t);
    const solar = await createCustomer(admin, {
      name: '阳历',
      birthday: { calendar: 'solar', month: 2, day: 29 },
    });
    const lunar = await createCustomer(admin, {
      name: '农历',
      birthday: {
        calendar: 'lunar',
        year: 2020,
        month: 4,
        day: 8,
        leapMonth: true,
      },
    });
    expect((await admin.get(`/api/v1/customers/${solar.id}`)).json().birthday).toEqual({ calendar: 'solar', month: 2, day: 29 });
    expect((await admin.get(`/api/v1/customers/${lunar.id}`)).json().birthday).toEqual({
      calendar: 'lunar',
      year: 2020,
      month: 4,
      day: 8,
      leapMonth: true,
    });
    const row = await rowOf(t, 'customers', lunar.id);
    expect(row).toMatchObject({
      birthday_calendar: 'lunar',
      birthday_month: 4,
      birthday_day: 8,
    });
    const changed = await admin.patch(`/api/v1/customers/${lunar.id}`, {
      birthday: { calendar: 'lunar', month: 12, day: 30 },
    });
    expect(changed.json().birthday).toEqual({
      calendar: 'lunar',
      month: 12,
      day: 30,
    });
    const cleared = await admin.patch(`/api/v1/customers/${lunar.id}`, {
      birthday: null,
    });
    expect(cleared.json().birthday).toBeNull();
    expect(await rowOf(t, 'customers', lunar.id)).toMatchObject({
      birthday: null,
      birthday_calendar: null,
      birthday_month: null,
      birthday_day: null,
    });
  });

  it('refuses impossible birthdays: lunar day 31, a leap month on a solar date, a leap month the lunar year does not have, month 13', async () => {
    const { admin } = await newTenant(t);
    const cases: [unknown, string][] = [
      [{ calendar: 'lunar', month: 3, day: 31 }, 'body.birthday.day'],
      [{ calendar: 'solar', month: 3, day: 1, leapMonth: true }, 'body.birthday.leapMonth'],
      [{ calendar: 'lunar', year: 2021, month: 4, day: 1, leapMonth: true }, 'body.birthday.leapMonth'],
      [{ calendar: 'solar', month: 13, day: 1 }, 'body.birthday.month'],
      [{ calendar: 'solar', year: 2023, month: 2, day: 29 }, 'body.birthday.day'],
    ];
    for (const [birthday, path] of cases) {
      const res = await admin.post('/api/v1/customers', {
        kind: 'person',
        name: '生日',
        birthday,
      });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res), JSON.stringify(birthday)).toContain(path);
    }
    expect((await admin.get('/api/v1/customers')).json().items).toEqual([]);
  });

  it('changes only the fields a PATCH names and leaves phones, tags, hobbies and list status alone', async () => {
    const { admin } = await newTenant(t);
    const c = await createCustomer(admin, {
      name: '部分更新',
      phones: ['13812345678'],
      tags: ['老客户'],
      hobbies: ['钓鱼'],
      listStatus: 'white',
      customFields: {},
    });
    const res = await admin.patch(`/api/v1/customers/${c.id}`, {
      notes: '只改备注',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      notes: '只改备注',
      phones: ['138****5678'],
      tags: ['老客户'],
      hobbies: ['钓鱼'],
      listStatus: 'white',
      name: '部分更新',
    });
    expect(await reveal(admin, c.id)).toEqual(['+8613812345678']);
    expect(await search(admin, '5678')).toEqual(['部分更新']);
  });

  it('PATCH replaces phones, renames (search follows) and answers 422 for an unknown field', async () => {
    const { admin } = await newTenant(t);
    const c = await createCustomer(admin, {
      name: '张伟明',
      phones: ['13812345678'],
    });
    const res = await admin.patch(`/api/v1/customers/${c.id}`, {
      name: '李娜',
      phones: ['139 8765 0123'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '李娜', phones: ['139****0123'] });
    expect(await search(admin, 'zhangwei')).toEqual([]);
    expect(await search(admin, 'lina')).toEqual(['李娜']);
    expect(await search(admin, '5678')).toEqual([]);
    expect(await search(admin, '0123')).toEqual(['李娜']);
    const bad = await admin.patch(`/api/v1/customers/${c.id}`, {
      nickname: 'x',
    });
    expectErrorBody(bad, 422, 'validation_failed');
  });

  it('deletes a customer: it leaves GET, list and search, but its history stays in the audit trail', async () => {
    const { admin } = await newTenant(t);
    const c = await createCustomer(admin, {
      name: '将删除',
      phones: ['13812345678'],
      tags: ['待删'],
    });
    await admin.patch(`/api/v1/customers/${c.id}`, { notes: '删除前' });
    const del = await admin.delete(`/api/v1/customers/${c.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toEqual({ ok: true });
    expectErrorBody(await admin.get(`/api/v1/customers/${c.id}`), 404, 'not_found');
    expectErrorBody(await admin.patch(`/api/v1/customers/${c.id}`, { notes: 'x' }), 404, 'not_found');
    expectErrorBody(await admin.delete(`/api/v1/customers/${c.id}`), 404, 'not_found');
    expect(ids(await admin.get('/api/v1/customers'))).toEqual([]);
    expect(await search(admin, '将删除')).toEqual([]);
    expect(await search(admin, '5678')).toEqual([]);
    expect(await search(admin, '待删')).toEqual([]);
    expect(await search(admin, c.code)).toEqual([]);
    const trail = (await admin.get(`/api/v1/audit?entityId=${c.id}`)).json().items;
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['customer.deleted', 'customer.updated', 'customer.created']);
    expect(trail[0].changes).toEqual([{ field: 'deletedAt', before: null, after: expect.any(String) }]);
    expect(trail[2].changes).toContainEqual({
      field: 'name',
      before: null,
      after: '将删除',
    });
    expect(await rowOf(t, 'customers', c.id)).toMatchObject({
      name: '将删除',
      notes: '删除前',
    });
  });

  it('answers 404 for an id that does not exist and 422 for one that is not a uuid', async () => {
    const { admin } = await newTenant(t);
    expectErrorBody(await admin.get(`/api/v1/customers/${crypto.randomUUID()}`), 404, 'not_found');
    const res = await admin.get('/api/v1/customers/not-a-uuid');
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['params.id']);
  });
});

describe('contacts (CUS-3)', () => {
  async function company(admin: Client) {
    return createCustomer(admin, {
      kind: 'company',
      name: '杭州某某地产',
      industry: '房地产',
    });
  }
  const addContact = async (admin: Client, customerId: string, body: Record<string, unknown>) => {
    const res = await admin.post(`/api/v1/customers/${customerId}/contacts`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; [k: string]: unknown };
  };

  it('adds contacts with decision roles and reporting lines and shows them on the customer', async () => {
    const { admin } = await newTenant(t);
    const c = await company(admin);
    const boss = await addContact(admin, c.id, {
      name: '王总',
      title: '总经理',
      phones: ['139 0000 1111'],
      email: 'wang@example.com',
      decisionRole: 'decisionMaker',
    });
    expect(boss).toMatchObject({
      customerId: c.id,
      name: '王总',
      title: '总经理',
      phones: ['139****1111'],
      email: 'wang@example.com',
      decisionRole: 'decisionMaker',
      reportsToId: null,
    });
    const buyer = await addContact(admin, c.id, {
      name: '刘经理',
      decisionRole: 'purchaser',
      reportsToId: boss.id,
    });
    const user = await addContact(admin, c.id, {
      name: '小陈',
      decisionRole: 'user',
      reportsToId: buyer.id,
    });
    const influencer = await addContact(admin, c.id, {
      name: '设计师周',
      decisionRole: 'influencer',
    });
    const got = (await admin.get(`/api/v1/customers/${c.id}`)).json();
    expect(got.contacts.map((x: { name: string; decisionRole: string; reportsToId: string | null }) => [x.name, x.decisionRole, x.reportsToId])).toEqual([
      ['王总', 'decisionMaker', null],
      ['刘经理', 'purchaser', boss.id],
      ['小陈', 'user', buyer.id],
      ['设计师周', 'influencer', null],
    ]);
    expect(user.id).not.toBe(influencer.id);
    // A contact's phone finds its company.
    expect(await search(admin, '0000 1111')).toEqual(['杭州某某地产']);
  });

  it('changes a contact without touching fields the PATCH does not name', async () => {
    const { admin } = await newTenant(t);
    const c = await company(admin);
    const boss = await addContact(admin, c.id, {
      name: '王总',
      phones: ['139 0000 1111'],
      decisionRole: 'decisionMaker',
    });
    const res = await admin.patch(`/api/v1/customers/${c.id}/contacts/${boss.id}`, { title: '董事长' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '王总',
      title: '董事长',
      phones: ['139****1111'],
      decisionRole: 'decisionMaker',
    });
    expect(await search(admin, '00001111')).toEqual(['杭州某某地产']);
  });

  it('refuses a contact reporting to itself, a reporting cycle, and a contact of another customer (422)', async () => {
    const { admin } = await newTenant(t);
    const c = await company(admin);
    const other = await company(admin);
    const a = await addContact(admin, c.id, { name: 'A' });
    const b = await addContact(admin, c.id, { name: 'B', reportsToId: a.id });
    const cc = await addContact(admin, c.id, { name: 'C', reportsToId: b.id });
    const stranger = await addContact(admin, other.id, { name: '外人' });

    const self = await admin.patch(`/api/v1/customers/${c.id}/contacts/${a.id}`, { reportsToId: a.id });
    expectErrorBody(self, 422, 'validation_failed');
    expect(issuePaths(self)).toEqual(['body.reportsToId']);
    const cycle = await admin.patch(`/api/v1/customers/${c.id}/contacts/${a.id}`, { reportsToId: cc.id });
    expectErrorBody(cycle, 422, 'validation_failed');
    expect(issuePaths(cycle)).toEqual(['body.reportsToId']);
    const foreign = await admin.patch(`/api/v1/customers/${c.id}/contacts/${a.id}`, { reportsToId: stranger.id });
    expectErrorBody(foreign, 422, 'validation_failed');
    const foreignNew = await admin.post(`/api/v1/customers/${c.id}/contacts`, {
      name: 'D',
      reportsToId: stranger.id,
    });
    expectErrorBody(foreignNew, 422, 'validation_failed');
    expect(issuePaths(foreignNew)).toEqual(['body.reportsToId']);

    const contacts = (await admin.get(`/api/v1/customers/${c.id}`)).json().contacts;
    expect(contacts.map((x: { name: string; reportsToId: string | null }) => [x.name, x.reportsToId])).toEqual([
      ['A', null],
      ['B', a.id],
      ['C', b.id],
    ]);
  });

  it('removes a contact: its reports lose the link, its phone no longer finds the customer', async () => {
    const { admin } = await newTenant(t);
    const c = await company(admin);
    const a = await addContact(admin, c.id, {
      name: 'A',
      phones: ['13600001111'],
    });
    const b = await addContact(admin, c.id, { name: 'B', reportsToId: a.id });
    const del = await admin.delete(`/api/v1/customers/${c.id}/contacts/${a.id}`);
    expect(del.statusCode, del.body).toBe(200);
    const contacts = (await admin.get(`/api/v1/customers/${c.id}`)).json().contacts;
    expect(contacts).toEqual([expect.objectContaining({ id: b.id, reportsToId: null })]);
    expect(await search(admin, '00001111')).toEqual([]);
    expectErrorBody(await admin.delete(`/api/v1/customers/${c.id}/contacts/${a.id}`), 404, 'not_found');
  });

  it('answers 404 for a contact addressed through another customer, and changes nothing', async () => {
    const { admin } = await newTenant(t);
    const c = await company(admin);
    const other = await company(admin);
    const a = await addContact(admin, c.id, { name: 'A' });
    const before = await rowOf(t, 'customer_contacts', a.id);
    expectErrorBody(
      await admin.patch(`/api/v1/customers/${other.id}/contacts/${a.id}`, {
        name: '改名',
      }),
      404,
      'not_found',
    );
    expectErrorBody(await admin.delete(`/api/v1/customers/${other.id}/contacts/${a.id}`), 404, 'not_found');
    expect(await rowOf(t, 'customer_contacts', a.id)).toEqual(before);
  });
});

describe('search (CUS-5)', () => {
  async function people(admin: Client) {
    const made: Record<string, { id: string; code: string }> = {};
    for (const [name, phones, tags, kind] of [
      ['张伟明', ['138 1234 5678'], ['老客户'], 'person'],
      ['张伟', ['139-8765-0123'], [], 'person'],
      ['王明', ['(010) 6552-1234'], ['VIP'], 'person'],
      ['曾小贤', ['+86 136 0000 1111'], [], 'person'],
      ['李四', [], ['老客户', 'VIP'], 'person'],
      ['Anna Lee', [], [], 'person'],
      ['100%纯实木家具店', [], [], 'company'],
    ] as const) {
      made[name] = await createCustomer(admin, {
        name,
        phones: [...phones],
        tags: [...tags],
        kind,
      });
    }
    return made;
  }

  it('finds a name by any part of it: one, two or three characters', async () => {
    const { admin } = await newTenant(t);
    await people(admin);
    expect(await search(admin, '张')).toEqual(['张伟', '张伟明']);
    expect(await search(admin, '明')).toEqual(['张伟明', '王明']);
    expect(await search(admin, '伟明')).toEqual(['张伟明']);
    expect(await search(admin, '张伟')).toEqual(['张伟', '张伟明']);
    expect(await search(admin, '张伟明')).toEqual(['张伟明']);
    expect(await search(admin, '  张伟明 ')).toEqual(['张伟明']);
    expect(await search(admin, '赵')).toEqual([]);
    expect(await search(admin, 'anna')).toEqual(['Anna Lee']);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const { admin } = await newTenant(t);
    await people(admin);
    expect(await search(admin, '%')).toEqual(['100%纯实木家具店']);
    expect(await search(admin, '_')).toEqual([]);
    expect(await search(admin, '%纯')).toEqual(['100%纯实木家具店']);
  });

  it('finds a phone by 4+ digits in any format: middle digits, suffix, full number with +86, landline', async () => {
    const { admin } = await newTenant(t);
    await people(admin);
    expect(await search(admin, '5678')).toEqual(['张伟明']);
    expect(await search(admin, '1234')).toEqual(['张伟明', '王明']);
    expect(await search(admin, '812345')).toEqual(['张伟明']);
    expect(await search(admin, '138 1234')).toEqual(['张伟明']);
    expect(await search(admin, '138-1234-5678')).toEqual(['张伟明']);
    expect(await search(admin, '+86 138 1234 5678')).toEqual(['张伟明']);
    expect(await search(admin, '+8613812345678')).toEqual(['张伟明']);
    expect(await search(admin, '0086 13812345678')).toEqual(['张伟明']);
    expect(await search(admin, '８７６５'), 'full-width digits').toEqual(['张伟']);
    expect(await search(admin, '6552-1234')).toEqual(['王明']);
    expect(await search(admin, '(010) 6552 1234')).toEqual(['王明']);
    expect(await search(admin, '+86 10 6552 1234')).toEqual(['王明']);
    expect(await search(admin, '0000')).toEqual(['曾小贤']);
    expect(await search(admin, '99999')).toEqual([]);
  });

  it('finds by pinyin full spelling and initials, case-insensitive', async () => {
    const { admin } = await newTenant(t);
    await people(admin);
    expect(await search(admin, 'zhangwei')).toEqual(['张伟', '张伟明']);
    expect(await search(admin, 'zhangweiming')).toEqual(['张伟明']);
    expect(await search(admin, 'ZhangWeiMing')).toEqual(['张伟明']);
    expect(await search(admin, 'zhang wei ming')).toEqual(['张伟明']);
    expect(await search(admin, 'zw')).toEqual(['张伟', '张伟明']);
    expect(await search(admin, 'zwm')).toEqual(['张伟明']);
    expect(await search(admin, 'wangming')).toEqual(['王明']);
    expect(await search(admin, 'ls')).toEqual(['李四']);
    expect(await search(admin, 'zhao')).toEqual([]);
  });

  it('reads a polyphonic surname as a surname: 曾 → zeng, not ceng', async () => {
    const { admin } = await newTenant(t);
    await people(admin);
    expect(await search(admin, 'zeng')).toEqual(['曾小贤']);
    expect(await search(admin, 'zengxiaoxian')).toEqual(['曾小贤']);
    expect(await search(admin, 'zxx')).toEqual(['曾小贤']);
    expect(await search(admin, 'ceng')).toEqual([]);
    expect(await search(admin, '曾')).toEqual(['曾小贤']);
  });

  it('finds by customer code (any letter case) and by tag, Chinese or Latin', async () => {
    const { admin } = await newTenant(t);
    const made = await people(admin);
    expect(await search(admin, made['李四'].code)).toEqual(['李四']);
    expect(await search(admin, made['李四'].code.toLowerCase())).toEqual(['李四']);
    expect(await search(admin, '老客户')).toEqual(['张伟明', '李四']);
    expect(await search(admin, 'VIP')).toEqual(['李四', '王明']);
  });
});

describe('list filters', () => {
  it('filters by store, owner, tag, kind, source, list status and pool', async () => {
    const { admin, code, hq } = await newTenant(t);
    const s1 = await makeStore(admin, hq.id);
    const s2 = await makeStore(admin, hq.id);
    const { user: u1 } = await userIn(t, admin, code, s1.id, '导购');
    const a = await createCustomer(admin, {
      name: '甲',
      storeId: s1.id,
      ownerId: u1.id,
      tags: ['老客户'],
      source: 'walkIn',
      listStatus: 'black',
    });
    const b = await createCustomer(admin, {
      name: '乙',
      storeId: s2.id,
      ownerId: null,
      source: 'designer',
      kind: 'company',
    });
    const c = await createCustomer(admin, {
      name: '丙',
      storeId: s2.id,
      tags: ['老客户', '新房'],
    });
    const q = async (qs: string) => {
      const res = await admin.get(`/api/v1/customers?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return ids(res).sort();
    };
    expect(await q(`storeId=${s1.id}`)).toEqual([a.id]);
    expect(await q(`storeId=${s2.id}`)).toEqual([b.id, c.id].sort());
    expect(await q(`ownerId=${u1.id}`)).toEqual([a.id]);
    expect(await q(`tag=${encodeURIComponent('老客户')}`)).toEqual([a.id, c.id].sort());
    expect(await q(`tag=${encodeURIComponent('新房')}`)).toEqual([c.id]);
    expect(await q('kind=company')).toEqual([b.id]);
    expect(await q('kind=person')).toEqual([a.id, c.id].sort());
    expect(await q('source=designer')).toEqual([b.id]);
    expect(await q('listStatus=black')).toEqual([a.id]);
    expect(await q('pool=true')).toEqual([b.id]);
    expect(await q('pool=false')).toEqual([a.id, c.id].sort());
    expect(await q(`storeId=${s2.id}&tag=${encodeURIComponent('老客户')}&q=${encodeURIComponent('丙')}`)).toEqual([c.id]);
    expectErrorBody(await admin.get('/api/v1/customers?kind=robot'), 422, 'validation_failed');
    expectErrorBody(await admin.get('/api/v1/customers?storeId=nope'), 422, 'validation_failed');
  });

  it('filters by custom fields: cf_<key>=value for text, select, multiselect and number', async () => {
    const { admin } = await newTenant(t);
    await defineField(admin, { key: 'building', type: 'text' });
    await defineField(admin, {
      key: 'level',
      type: 'select',
      options: ['金卡', '银卡'],
    });
    await defineField(admin, {
      key: 'rooms_wanted',
      type: 'multiselect',
      options: ['客厅', '卧室', '书房'],
    });
    await defineField(admin, { key: 'area', type: 'number' });
    const a = await createCustomer(admin, {
      name: '甲',
      customFields: {
        building: '绿城玫瑰园',
        level: '金卡',
        rooms_wanted: ['客厅', '书房'],
        area: 120.5,
      },
    });
    const b = await createCustomer(admin, {
      name: '乙',
      customFields: {
        building: '万科城',
        level: '银卡',
        rooms_wanted: ['卧室'],
        area: 89,
      },
    });
    await createCustomer(admin, { name: '丙' });
    const q = async (qs: string) => {
      const res = await admin.get(`/api/v1/customers?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return ids(res);
    };
    expect(await q(`cf_building=${encodeURIComponent('绿城玫瑰园')}`)).toEqual([a.id]);
    expect(await q(`cf_level=${encodeURIComponent('银卡')}`)).toEqual([b.id]);
    expect(await q(`cf_rooms_wanted=${encodeURIComponent('书房')}`)).toEqual([a.id]);
    expect(await q(`cf_rooms_wanted=${encodeURIComponent('卧室')}`)).toEqual([b.id]);
    expect(await q('cf_area=89')).toEqual([b.id]);
    expect(await q('cf_area=120.5')).toEqual([a.id]);
    expect(await q(`cf_level=${encodeURIComponent('金卡')}&cf_area=89`)).toEqual([]);
    expect(issuePaths(await admin.get('/api/v1/customers?cf_nope=1'))).toEqual(['query.cf_nope']);
    expect(issuePaths(await admin.get('/api/v1/customers?cf_area=lots'))).toEqual(['query.cf_area']);
  });
});

describe('keyset pagination', () => {
  const NAMES = [
    '王芳',
    '王芳',
    '王芳',
    '李四',
    '李四',
    'Anna',
    'anna',
    '张三',
    '赵六',
    '钱七',
    '孙八',
    '周九',
    '吴十',
    '郑一',
    '王芳',
    'Bob',
    '李四',
    '陈二',
    '褚三',
    '卫四',
    '蒋五',
    '沈六',
    '韩七',
  ];

  async function seed() {
    const tn = await newTenant(t);
    const made: string[] = [];
    for (let i = 0; i < NAMES.length; i++) {
      // Several customers share a creation instant, so ties on the sort value are broken by id.
      if (i % 4 === 0) t.clock.advance(1000);
      made.push((await createCustomer(tn.admin, { name: NAMES[i] })).id);
    }
    // Some later changes so updatedAt differs from createdAt.
    for (const id of made.slice(0, 5)) {
      t.clock.advance(1000);
      await tn.admin.patch(`/api/v1/customers/${id}`, { notes: 'touched' });
    }
    return { ...tn, made };
  }

  async function walk(admin: Client, qs: string, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<Client['get']>> = await admin.get(`/api/v1/customers?${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
      if (++pages > 100) throw new Error('pagination does not end');
    } while (cursor);
    return seen;
  }

  it('walks every row exactly once, in the database order, for each sort and direction', async () => {
    const { admin, made, tenant } = await seed();
    const sqlOrder: Record<string, string> = {
      createdAt: 'created_at',
      updatedAt: 'updated_at',
      name: 'name',
    };
    for (const sort of ['createdAt', 'updatedAt', 'name']) {
      for (const order of ['asc', 'desc']) {
        const expected = (
          await t.deps.db.pool.query(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY ${sqlOrder[sort]} ${order}, id ${order}`, [tenant.id])
        ).rows.map((r) => r.id);
        for (const limit of [1, 4, 7, 23, 50]) {
          const seen = await walk(admin, `sort=${sort}&order=${order}`, limit);
          expect(seen, `${sort} ${order} limit ${limit}`).toEqual(expected);
        }
      }
    }
    expect(new Set(made).size).toBe(NAMES.length);
  });

  it('walks rows whose times carry microseconds (written by SQL defaults or other tools) exactly once', async () => {
    const { admin, tenant } = await seed();
    // Six customers inside one millisecond, as a COPY or a database default would stamp them.
    for (let i = 0; i < 6; i++) {
      await t.deps.db.pool.query(
        "INSERT INTO customers (tenant_id, code, kind, name, created_at, updated_at) VALUES ($1, $2, 'person', $3, $4::timestamptz, $4::timestamptz)",
        [tenant.id, `X${i}`, `微秒${i}`, `2026-01-01T00:00:00.000${i + 1}00Z`],
      );
    }
    for (const sort of ['createdAt', 'updatedAt']) {
      const col = sort === 'createdAt' ? 'created_at' : 'updated_at';
      for (const order of ['asc', 'desc']) {
        const expected = (
          await t.deps.db.pool.query(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY ${col} ${order}, id ${order}`, [tenant.id])
        ).rows.map((r) => r.id);
        for (const limit of [1, 2, 5]) expect(await walk(admin, `sort=${sort}&order=${order}`, limit), `${sort} ${order} ${limit}`).toEqual(expected);
      }
    }
  });

  it('pages a filtered search the same way', async () => {
    const { admin } = await seed();
    const seen = await walk(admin, `q=${encodeURIComponent('王芳')}&sort=name&order=asc`, 2);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('sorts by name with equal names side by side', async () => {
    const { admin } = await seed();
    const res = await admin.get('/api/v1/customers?sort=name&order=asc&limit=200');
    const list: string[] = res.json().items.map((i: { name: string }) => i.name);
    expect(list).toHaveLength(NAMES.length);
    for (const n of new Set(list)) {
      const first = list.indexOf(n);
      const last = list.lastIndexOf(n);
      expect(
        list.slice(first, last + 1).every((x) => x === n),
        n,
      ).toBe(true);
    }
  });

  it('answers the total when asked, and only then', async () => {
    const { admin } = await seed();
    const plain = (await admin.get('/api/v1/customers?limit=5')).json();
    expect(plain.total).toBeUndefined();
    const withTotal = (await admin.get('/api/v1/customers?limit=5&withTotal=true')).json();
    expect(withTotal).toMatchObject({
      total: NAMES.length,
      totalIsEstimate: false,
    });
    expect(withTotal.items).toHaveLength(5);
    const filtered = (await admin.get(`/api/v1/customers?limit=1&withTotal=true&q=${encodeURIComponent('李四')}`)).json();
    expect(filtered).toMatchObject({ total: 3, totalIsEstimate: false });
  });

  it('refuses a forged or malformed cursor with 422', async () => {
    const { admin } = await newTenant(t);
    await createCustomer(admin, { name: '甲' });
    const id = crypto.randomUUID();
    for (const [qs, cursor] of [
      ['', 'not-a-cursor!!'],
      ['', b64([1, 2])],
      ['', b64(['not a date', id])],
      ['', b64([12345, id])],
      ['', b64(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])],
      ['sort=name&', b64([{ a: 1 }, id])],
      ['sort=name&', b64([null, id])],
      ['', b64(['2026-01-01T00:00:00.000Z', id, 'extra'])],
    ] as const) {
      const res = await admin.get(`/api/v1/customers?${qs}cursor=${encodeURIComponent(cursor)}`);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res), cursor).toEqual(['query.cursor']);
    }
  });

  it('bounds the page size', async () => {
    const { admin } = await newTenant(t);
    expect(issuePaths(await admin.get('/api/v1/customers?limit=0'))).toEqual(['query.limit']);
    expect(issuePaths(await admin.get('/api/v1/customers?limit=201'))).toEqual(['query.limit']);
    expect((await admin.get('/api/v1/customers?limit=200')).statusCode).toBe(200);
  });
});

describe('phone formats (property)', () => {
  const PREFIXES = [
    '130',
    '131',
    '132',
    '133',
    '135',
    '136',
    '137',
    '138',
    '139',
    '150',
    '151',
    '152',
    '155',
    '156',
    '157',
    '158',
    '159',
    '176',
    '177',
    '178',
    '180',
    '181',
    '182',
    '183',
    '185',
    '186',
    '187',
    '188',
    '189',
    '198',
    '199',
  ];
  const mobile = fc.tuple(fc.constantFrom(...PREFIXES), fc.stringMatching(/^\d{8}$/)).map(([p, rest]) => p + rest);
  const toFullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  /** The number as a person might type it: country prefix or not, groups split by spaces, dashes or dots, half- or full-width digits. */
  const typed = fc
    .record({
      digits: mobile,
      prefix: fc.constantFrom('', '+86', '+86 ', '0086', '0086 ', '+86-', '(+86) '),
      sep: fc.constantFrom('', ' ', '-', '.', '\u3000'),
      groups: fc.constantFrom<number[]>([3, 4, 4], [3, 8], [11], [4, 3, 4]),
      fullWidth: fc.boolean(),
    })
    .map(({ digits, prefix, sep, groups, fullWidth }) => {
      const parts: string[] = [];
      let at = 0;
      for (const g of groups) {
        parts.push(digits.slice(at, at + g));
        at += g;
      }
      const text = prefix + parts.join(sep);
      return { digits, text: fullWidth ? toFullWidth(text) : text };
    });

  it('normalises every typed form of a mobile number to the same E.164, masks it as 138****1234 and searches it by its national digits', () => {
    fc.assert(
      fc.property(typed, ({ digits, text }) => {
        expect(normalisePhone(text)).toEqual({ e164: `+86${digits}`, digits });
        expect(searchDigits(text)).toBe(digits);
        expect(maskPhone(`+86${digits}`)).toBe(`${digits.slice(0, 3)}****${digits.slice(-4)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a leading 0086 as the country prefix only before a whole national number', () => {
    expect(searchDigits('0086')).toBe('0086'); // digits of 13008600000
    expect(searchDigits('00860000')).toBe('00860000');
    expect(searchDigits('0086 13812345678')).toBe('13812345678');
    expect(searchDigits('+86 138 1234')).toBe('1381234');
  });

  it('searches any 4 to 11 consecutive digits of a number as typed', () => {
    fc.assert(
      fc.property(mobile, fc.nat(7), fc.integer({ min: 4, max: 11 }), (digits, start, len) => {
        const part = digits.slice(Math.min(start, 11 - len), Math.min(start, 11 - len) + len);
        expect(searchDigits(part)).toBe(part);
      }),
      { numRuns: 300 },
    );
  });
});
