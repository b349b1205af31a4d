import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStore, newTenant, testApp, userIn, type Client, type TestApp } from '../helpers.ts';
import { createCustomer, createRole, expectErrorBody, issuePaths, rowOf } from '../factories.ts';
import { onCustomerMerged, type CustomerMerged } from '../../src/modules/customers/index.ts';
import { AppError } from '../../src/platform/http/errors.ts';

/** CUS-6: duplicate warnings on create, the duplicate finder, merge (PLAT-6: merge keeps all history). */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

type Group = { key: string; reason: string; customers: { id: string; name: string; phones?: string[]; incomeBand?: unknown }[] };

/** Every duplicate group, page by page (asserting each page respects the limit). */
async function allGroups(c: Client, limit = 1): Promise<Group[]> {
  const out: Group[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await c.get(`/api/v1/customers/duplicates?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Group[]; nextCursor: string | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('duplicate pages never ended');
}
const shape = (groups: Group[]) => groups.map((g) => ({ reason: g.reason, ids: g.customers.map((c) => c.id).sort() }));
const reveal = async (c: Client, id: string) => (await c.post(`/api/v1/customers/${id}/reveal-phones`)).json().phones as string[];

async function storeSetup() {
  const tn = await newTenant(t);
  const storeA = await makeStore(tn.admin, tn.hq.id);
  const storeB = await makeStore(tn.admin, tn.hq.id);
  const managerA = (await userIn(t, tn.admin, tn.code, storeA.id, '店长')).client;
  const managerB = (await userIn(t, tn.admin, tn.code, storeB.id, '店长')).client;
  return { ...tn, storeA, storeB, managerA, managerB };
}

describe('duplicate warning on create (CUS-6)', () => {
  it('warns of a customer with the same phone typed in another format', async () => {
    const { admin } = await newTenant(t);
    const a = await createCustomer(admin, { name: '张三', phones: ['13812345678'] });
    const res = await admin.post('/api/v1/customers', { kind: 'person', name: '李四', phones: ['+86 138-1234-5678'] });
    const err = expectErrorBody(res, 409, 'duplicate_suspected');
    expect(err.params?.duplicates).toEqual([{ customerId: a.id, name: '张三', reason: 'samePhone' }]);
  });

  it('warns of a customer with the same name and a phone one digit apart, but not of a namesake with another phone', async () => {
    const { admin } = await newTenant(t);
    const a = await createCustomer(admin, { name: '王芳', phones: ['13900001111'] });
    await createCustomer(admin, { name: '王芳', phones: ['13655556666'] });
    const res = await admin.post('/api/v1/customers', { kind: 'person', name: '王芳', phones: ['139 0000 1112'] });
    expect(expectErrorBody(res, 409, 'duplicate_suspected').params?.duplicates).toEqual([{ customerId: a.id, name: '王芳', reason: 'sameNameSimilarPhone' }]);
    const other = await admin.post('/api/v1/customers', { kind: 'person', name: '王芳', phones: ['18700002222'] });
    expect(other.statusCode, other.body).toBe(201);
  });

  it('tells a store user of a duplicate in another store without saying who it is', async () => {
    const { managerA, managerB } = await storeSetup();
    await createCustomer(managerA, { name: '陈静', phones: ['13711112222'] });
    const res = await managerB.post('/api/v1/customers', { kind: 'person', name: '刘洋', phones: ['0086 137 1111 2222'] });
    expect(expectErrorBody(res, 409, 'duplicate_suspected').params?.duplicates).toEqual([{ customerId: null, name: null, reason: 'samePhone' }]);
  });
});

describe('duplicate finder (CUS-6)', () => {
  it('groups customers sharing a phone, namesakes with similar phones and namesakes without a phone, page by page', async () => {
    const { admin, storeA, managerA } = await storeSetup();
    const mk = (name: string, phones: string[]) => createCustomer(admin, { name, phones, storeId: storeA.id });
    const a = await mk('张三', ['13812345678']);
    const b = await mk('张叁', ['+86 138 1234 5678']);
    const c = await mk('赵六', ['13700000001']);
    const d = await mk('赵六', ['13700000010']);
    await mk('孙七', ['13500000001']);
    await mk('孙七', ['18900009999']);
    const g = await mk('周八', ['13300000001']);
    const h = await mk('周八', []);
    await mk('吴九', ['15000000001']);

    const groups = await allGroups(managerA);
    expect(shape(groups).sort((x, y) => x.reason.localeCompare(y.reason))).toEqual(
      [
        { reason: 'samePhone', ids: [a.id, b.id].sort() },
        { reason: 'sameName', ids: [g.id, h.id].sort() },
        { reason: 'sameNameSimilarPhone', ids: [c.id, d.id].sort() },
      ].sort((x, y) => x.reason.localeCompare(y.reason)),
    );
    // Without the reveal right phones stay masked, and neither keys nor cursors carry a number.
    const phoneGroup = groups.find((x) => x.reason === 'samePhone')!;
    expect(phoneGroup.customers.map((x) => x.phones)).toEqual([['138****5678'], ['138****5678']]);
    expect(Buffer.from(phoneGroup.key, 'base64url').toString()).not.toMatch(/1381234/);
    // One page with room for everything gives the same groups.
    expect(shape(await allGroups(managerA, 50))).toEqual(shape(groups));
  });

  it('shows only groups inside the caller scope, and applies field rules to every customer of a group', async () => {
    const { admin, code, hq, storeA, storeB, managerA } = await storeSetup();
    await createCustomer(admin, { name: '郑一', phones: ['13600000001'], storeId: storeA.id });
    await createCustomer(admin, { name: '郑二', phones: ['13600000001'], storeId: storeB.id });
    expect(await allGroups(managerA)).toEqual([]);

    const role = await createRole(admin, { permissions: ['customers:view', 'customers:merge'], dataScope: 'tenant', fieldRules: { 'customer.incomeBand': 'hidden' } });
    const auditor = (await userIn(t, admin, code, hq.id, role.name)).client;
    await createCustomer(admin, { name: '钱多', phones: ['13600000002'], incomeBand: 'high' });
    await createCustomer(admin, { name: '钱多多', phones: ['13600000002'], incomeBand: 'high' });
    const groups = await allGroups(auditor, 10);
    expect(groups).toHaveLength(2);
    for (const x of groups) for (const cu of x.customers) expect(cu).not.toHaveProperty('incomeBand');
    const asAdmin = await allGroups(admin, 10);
    expect(asAdmin.flatMap((x) => x.customers).some((cu) => cu.incomeBand === 'high')).toBe(true);
  });

  it('refuses a cursor it did not make (422)', async () => {
    const { admin } = await newTenant(t);
    const res = await admin.get(`/api/v1/customers/duplicates?cursor=${Buffer.from('p:+8613812345678').toString('base64url')}`);
    expect(issuePaths(res)).toEqual(['query.cursor']);
    expectErrorBody(res, 422, 'validation_failed');
  });
});

describe('merge (CUS-6, PLAT-6)', () => {
  it('moves phones, tags, hobbies, contacts and attachments to the survivor and fills its empty fields', async () => {
    const { admin, tenant } = await newTenant(t);
    const s = await createCustomer(admin, { name: '张三', phones: ['13812345678'], tags: ['VIP'], customFields: {}, occupation: '教师' });
    const m = await createCustomer(admin, { name: '张三', phones: ['13912345678', '13812345678'], tags: ['老客户', 'VIP'], hobbies: ['钓鱼'], email: 'zs@example.cn', occupation: '医生' });
    const contact = (await admin.post(`/api/v1/customers/${m.id}/contacts`, { name: '张太太', phones: ['13000001111'] })).json();
    const att = await t.deps.db.pool.query(
      `INSERT INTO attachments (tenant_id, entity_type, entity_id, filename, mime, size, sha256, storage_key) VALUES ($1, 'customer', $2, 'plan.pdf', 'application/pdf', 10, 'x', 'k') RETURNING id`,
      [tenant.id, m.id],
    );

    const res = await admin.post('/api/v1/customers/merge', { survivorId: s.id, mergedIds: [m.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: s.id, tags: ['VIP', '老客户'], hobbies: ['钓鱼'], email: 'zs@example.cn', occupation: '教师' });
    expect(await reveal(admin, s.id)).toEqual(['+8613812345678', '+8613912345678']);
    const full = (await admin.get(`/api/v1/customers/${s.id}`)).json();
    expect(full.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    expect((await rowOf(t, 'attachments', att.rows[0].id))?.entity_id).toBe(s.id);
    // The merged customer's second number and its contact's number now find the survivor.
    for (const q of ['13912345678', '13000001111']) {
      const found = (await admin.get(`/api/v1/customers?q=${q}`)).json().items.map((i: { id: string }) => i.id);
      expect(found).toEqual([s.id]);
    }
  });

  it('keeps all history: the survivor shows the creation of every customer merged into it, at any depth', async () => {
    const { admin } = await newTenant(t);
    const s = await createCustomer(admin, { name: '李雷' });
    const m = await createCustomer(admin, { name: '李雷雷' });
    const x = await createCustomer(admin, { name: '李磊' });
    expect((await admin.post('/api/v1/customers/merge', { survivorId: m.id, mergedIds: [x.id] })).statusCode).toBe(200);
    expect((await admin.post('/api/v1/customers/merge', { survivorId: s.id, mergedIds: [m.id] })).statusCode).toBe(200);

    const items = (await admin.get(`/api/v1/customers/${s.id}/history`)).json().items as { action: string; entityId: string; meta: Record<string, unknown> }[];
    const has = (action: string, entityId: string) => items.some((i) => i.action === action && i.entityId === entityId);
    for (const id of [s.id, m.id, x.id]) expect(has('customer.created', id), id).toBe(true);
    expect(items.find((i) => i.action === 'customer.merged' && i.entityId === s.id)?.meta).toMatchObject({ mergedIds: [m.id] });
    expect(items.find((i) => i.action === 'customer.merged' && i.entityId === m.id && i.meta.survivorId === s.id)).toBeTruthy();
  });

  it('keeps the earliest creation time on the survivor and records it in the merge row', async () => {
    const { admin } = await newTenant(t);
    const older = await createCustomer(admin, { name: '韩梅梅' });
    t.clock.advance(3600_000);
    const s = await createCustomer(admin, { name: '韩梅' });
    await admin.post('/api/v1/customers/merge', { survivorId: s.id, mergedIds: [older.id] });
    expect((await admin.get(`/api/v1/customers/${s.id}`)).json().createdAt).toBe(older.createdAt);
    const row = (await admin.get(`/api/v1/audit?action=customer.merged&entityId=${s.id}`)).json().items[0];
    expect(row.meta.createdAt).toEqual({ before: s.createdAt, after: older.createdAt });
  });

  it('answers 404 for a merged id and leaves it out of lists and search', async () => {
    const { admin } = await newTenant(t);
    const s = await createCustomer(admin, { name: '欧阳娜娜', phones: ['13811110000'] });
    const m = await createCustomer(admin, { name: '欧阳娜', phones: ['13822220000'] });
    await admin.post('/api/v1/customers/merge', { survivorId: s.id, mergedIds: [m.id] });
    expectErrorBody(await admin.get(`/api/v1/customers/${m.id}`), 404, 'not_found');
    expectErrorBody(await admin.patch(`/api/v1/customers/${m.id}`, { notes: 'x' }), 404, 'not_found');
    const list = (await admin.get('/api/v1/customers?limit=200')).json().items.map((i: { id: string }) => i.id);
    expect(list).toEqual([s.id]);
    expect((await admin.get('/api/v1/customers?q=欧阳')).json().items.map((i: { id: string }) => i.id)).toEqual([s.id]);
    expect((await admin.get('/api/v1/customers?q=13822220000')).json().items.map((i: { id: string }) => i.id)).toEqual([s.id]);
    // A merged customer cannot be merged again.
    expectErrorBody(await admin.post('/api/v1/customers/merge', { survivorId: s.id, mergedIds: [m.id] }), 404, 'not_found');
  });

  it('refuses merging a customer into itself or naming a customer twice (422)', async () => {
    const { admin } = await newTenant(t);
    const a = await createCustomer(admin, { name: '甲' });
    const b = await createCustomer(admin, { name: '乙' });
    expectErrorBody(await admin.post('/api/v1/customers/merge', { survivorId: a.id, mergedIds: [a.id] }), 422, 'validation_failed');
    expectErrorBody(await admin.post('/api/v1/customers/merge', { survivorId: a.id, mergedIds: [b.id, b.id] }), 422, 'validation_failed');
  });

  it('answers 404 and changes nothing when one customer is outside the caller scope', async () => {
    const { managerA, managerB } = await storeSetup();
    const mine = await createCustomer(managerA, { name: '本店客户', phones: ['13512340000'] });
    const theirs = await createCustomer(managerB, { name: '他店客户' });
    expectErrorBody(await managerA.post('/api/v1/customers/merge', { survivorId: mine.id, mergedIds: [theirs.id] }), 404, 'not_found');
    expect((await rowOf(t, 'customers', theirs.id))?.merged_into_id).toBeNull();
    expect((await managerB.get(`/api/v1/customers/${theirs.id}`)).statusCode).toBe(200);
  });

  it('runs onCustomerMerged hooks inside the merge, and a hook that refuses rolls the merge back', async () => {
    const { admin } = await newTenant(t);
    const s = await createCustomer(admin, { name: '钩子甲' });
    const m = await createCustomer(admin, { name: '钩子乙' });
    const seen: CustomerMerged[] = [];
    const off = onCustomerMerged(async (_ctx, _tx, e) => {
      seen.push(e);
      throw new AppError('conflict', 'points ledger is being closed');
    });
    try {
      expectErrorBody(await admin.post('/api/v1/customers/merge', { survivorId: s.id, mergedIds: [m.id] }), 409, 'conflict');
    } finally {
      off();
    }
    expect(seen).toEqual([{ survivorId: s.id, mergedIds: [m.id] }]);
    expect((await admin.get(`/api/v1/customers/${m.id}`)).statusCode).toBe(200);
    expect((await admin.post('/api/v1/customers/merge', { survivorId: s.id, mergedIds: [m.id] })).statusCode).toBe(200);
  });
});

describe('tenant isolation of duplicates and merge (PLAT-1)', () => {
  it('answers 404 for another tenant’s customers and never lists their duplicate groups', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const x = await createCustomer(a.admin, { name: '跨租户', phones: ['13966660000'] });
    const y = await createCustomer(a.admin, { name: '跨租户', phones: ['13966660000'] });
    const own = await createCustomer(b.admin, { name: '本租户' });
    expectErrorBody(await b.admin.post('/api/v1/customers/merge', { survivorId: own.id, mergedIds: [x.id] }), 404, 'not_found');
    expectErrorBody(await b.admin.post('/api/v1/customers/merge', { survivorId: x.id, mergedIds: [y.id] }), 404, 'not_found');
    expect(await allGroups(b.admin)).toEqual([]);
    expect(shape(await allGroups(a.admin))).toEqual([{ reason: 'samePhone', ids: [x.id, y.id].sort() }]);
  });
});
