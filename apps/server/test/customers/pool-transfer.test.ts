import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeStore, newTenant, testApp, userIn, type Client, type TestApp } from '../helpers.ts';
import { createCustomer, expectErrorBody, issuePaths, rowOf } from '../factories.ts';
import { RETURN_IDLE_CUSTOMERS } from '../../src/jobs.ts';
import { returnIdleCustomers } from '../../src/modules/customers/index.ts';

/** CUS-6: bulk owner/store transfer, the shared pool (公海): claim, release, visibility, settings and the idle rule. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const DAY = 86_400_000;
const put = (c: Client, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie }, payload: payload as object });
const idsOf = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id).sort();
type AuditItem = { action: string; entityId: string; actorKind: string; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, unknown> };
const auditOf = async (admin: Client, action: string): Promise<AuditItem[]> => (await admin.get(`/api/v1/audit?action=${action}&limit=200`)).json().items;

/** A tenant with two stores, a manager and two sales associates in store A, one associate in store B. */
async function setup() {
  const tn = await newTenant(t);
  const roles = (await tn.admin.get('/api/v1/roles')).json().items;
  const storeA = await makeStore(tn.admin, tn.hq.id);
  const storeB = await makeStore(tn.admin, tn.hq.id);
  const as = (unit: string, role: string) => userIn(t, tn.admin, tn.code, unit, role, roles);
  const [managerA, salesA1, salesA2, salesB] = await Promise.all([as(storeA.id, '店长'), as(storeA.id, '导购'), as(storeA.id, '导购'), as(storeB.id, '导购')]);
  const customer = (name: string, storeId: string, ownerId: string | null) => createCustomer(tn.admin, { name, storeId, ownerId });
  return { ...tn, storeA, storeB, managerA, salesA1, salesA2, salesB, customer };
}

describe('bulk transfer (CUS-6)', () => {
  it('moves customers to a new owner and store in one go, one audit row each with owner and store before and after', async () => {
    const s = await setup();
    const cs = await Promise.all(['甲', '乙', '丙'].map((n) => s.customer(n, s.storeA.id, s.salesA1.user.id)));
    const res = await s.admin.post('/api/v1/customers/transfer', { customerIds: cs.map((c) => c.id), storeId: s.storeB.id, ownerId: s.salesB.user.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 3 });
    expect(idsOf(await s.salesB.client.get('/api/v1/customers'))).toEqual(cs.map((c) => c.id).sort());
    const rows = await auditOf(s.admin, 'customer.transferred');
    expect(rows.map((r) => r.entityId).sort()).toEqual(cs.map((c) => c.id).sort());
    for (const r of rows) {
      expect(r.changes).toEqual(
        expect.arrayContaining([
          { field: 'ownerId', before: s.salesA1.user.id, after: s.salesB.user.id },
          { field: 'storeId', before: s.storeA.id, after: s.storeB.id },
        ]),
      );
    }
  });

  it('lets a store manager hand customers to a colleague, and sends customers to the pool with owner null', async () => {
    const s = await setup();
    const c = await s.customer('丁', s.storeA.id, s.salesA1.user.id);
    expect((await s.managerA.client.post('/api/v1/customers/transfer', { customerIds: [c.id], ownerId: s.salesA2.user.id })).json()).toEqual({ updated: 1 });
    expect((await rowOf(t, 'customers', c.id))?.owner_id).toBe(s.salesA2.user.id);
    expect((await s.managerA.client.post('/api/v1/customers/transfer', { customerIds: [c.id, c.id], ownerId: null })).json()).toEqual({ updated: 1 });
    expect((await rowOf(t, 'customers', c.id))?.owner_id).toBeNull();
  });

  it('answers 404 and changes nothing when a store manager names a customer of another store', async () => {
    const s = await setup();
    const mine = await s.customer('本店', s.storeA.id, s.salesA1.user.id);
    const theirs = await s.customer('他店', s.storeB.id, s.salesB.user.id);
    const res = await s.managerA.client.post('/api/v1/customers/transfer', { customerIds: [mine.id, theirs.id], ownerId: s.salesA2.user.id });
    expectErrorBody(res, 404, 'not_found');
    expect(res.body).not.toContain(theirs.id);
    expect((await rowOf(t, 'customers', mine.id))?.owner_id).toBe(s.salesA1.user.id);
    expect(await auditOf(s.admin, 'customer.transferred')).toEqual([]);
  });

  it('refuses a store outside the caller scope, an owner outside the given store, a disabled owner and an empty target (422)', async () => {
    const s = await setup();
    const c = await s.customer('戊', s.storeA.id, s.salesA1.user.id);
    const transfer = (by: Client, body: object) => by.post('/api/v1/customers/transfer', { customerIds: [c.id], ...body });
    let res = await transfer(s.managerA.client, { storeId: s.storeB.id });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.storeId']);
    res = await transfer(s.admin, { storeId: s.storeB.id, ownerId: s.salesA2.user.id });
    expect(expectErrorBody(res, 422, 'validation_failed').issues?.[0]).toMatchObject({ path: 'body.ownerId', code: 'not_in_store' });
    res = await transfer(s.managerA.client, { ownerId: s.salesB.user.id });
    expect(issuePaths(res)).toEqual(['body.ownerId']);
    await s.admin.patch(`/api/v1/users/${s.salesA2.user.id}`, { status: 'disabled' });
    expect(issuePaths(await transfer(s.managerA.client, { ownerId: s.salesA2.user.id }))).toEqual(['body.ownerId']);
    expectErrorBody(await transfer(s.managerA.client, {}), 422, 'validation_failed');
    expect((await rowOf(t, 'customers', c.id))?.store_id).toBe(s.storeA.id);
  });

  it('with only a new store, keeps owners who belong to it and sends the others’ customers to that store’s pool', async () => {
    const s = await setup();
    const staying = await s.customer('己', s.storeA.id, s.salesB.user.id);
    const leaving = await s.customer('庚', s.storeA.id, s.salesA1.user.id);
    expect((await s.admin.post('/api/v1/customers/transfer', { customerIds: [staying.id, leaving.id], storeId: s.storeB.id })).json()).toEqual({ updated: 2 });
    expect((await rowOf(t, 'customers', staying.id))?.owner_id).toBe(s.salesB.user.id);
    expect((await rowOf(t, 'customers', leaving.id))?.owner_id).toBeNull();
  });

  it('transfers hundreds of customers in batches within one request', async () => {
    const s = await setup();
    const { rows } = await t.deps.db.pool.query(
      `INSERT INTO customers (tenant_id, code, kind, name, store_id, owner_id)
       SELECT $1, 'B' || g, 'person', '批量' || g, $2, $3 FROM generate_series(1, 450) g RETURNING id`,
      [s.tenant.id, s.storeA.id, s.salesA1.user.id],
    );
    const res = await s.managerA.client.post('/api/v1/customers/transfer', { customerIds: rows.map((r) => r.id), ownerId: s.salesA2.user.id });
    expect(res.json()).toEqual({ updated: 450 });
    const n = await t.deps.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'customer.transferred'`, [s.tenant.id]);
    expect(n.rows[0].n).toBe(450);
  });
});

describe('shared pool 公海 (CUS-6)', () => {
  it('shows an own-scope sales user the pool of their store, and nothing of other stores or colleagues', async () => {
    const s = await setup();
    const poolA = await s.customer('公海甲', s.storeA.id, null);
    const poolB = await s.customer('公海乙', s.storeB.id, null);
    const mine = await s.customer('我的', s.storeA.id, s.salesA1.user.id);
    const colleagues = await s.customer('同事的', s.storeA.id, s.salesA2.user.id);
    const me = s.salesA1.client;
    expect(idsOf(await me.get('/api/v1/customers?pool=true'))).toEqual([poolA.id]);
    expect(idsOf(await me.get('/api/v1/customers?pool=false'))).toEqual([mine.id]);
    expect(idsOf(await me.get('/api/v1/customers'))).toEqual([poolA.id, mine.id].sort());
    expect((await me.get(`/api/v1/customers/${poolA.id}`)).statusCode).toBe(200);
    expectErrorBody(await me.get(`/api/v1/customers/${poolB.id}`), 404, 'not_found');
    expectErrorBody(await me.get(`/api/v1/customers/${colleagues.id}`), 404, 'not_found');
    expect(idsOf(await s.managerA.client.get('/api/v1/customers?pool=true'))).toEqual([poolA.id]);
  });

  it('lets exactly one of two sales users claiming at once win; the other gets 409', async () => {
    const s = await setup();
    const c = await s.customer('抢', s.storeA.id, null);
    const [r1, r2] = await Promise.all([s.salesA1.client.post(`/api/v1/customers/${c.id}/claim`), s.salesA2.client.post(`/api/v1/customers/${c.id}/claim`)]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const [won, lost] = r1.statusCode === 200 ? [r1, r2] : [r2, r1];
    const winner = r1.statusCode === 200 ? s.salesA1 : s.salesA2;
    expect(won.json()).toMatchObject({ id: c.id, ownerId: winner.user.id });
    expectErrorBody(lost, 409, 'conflict');
    expect((await rowOf(t, 'customers', c.id))?.owner_id).toBe(winner.user.id);
    const claims = await auditOf(s.admin, 'customer.claimed');
    expect(claims).toHaveLength(1);
    expect(claims[0].changes).toEqual([{ field: 'ownerId', before: null, after: winner.user.id }]);
  });

  it('starts a fresh idle period on claim, answers 409 for an owned customer and 404 for another store’s pool', async () => {
    const s = await setup();
    const c = await s.customer('认领', s.storeA.id, null);
    await t.deps.db.pool.query('UPDATE customers SET last_touched_at = $2 WHERE id = $1', [c.id, new Date(t.clock.now().getTime() - 90 * DAY)]);
    expect((await s.salesA1.client.post(`/api/v1/customers/${c.id}/claim`)).statusCode).toBe(200);
    expect(new Date(String((await rowOf(t, 'customers', c.id))?.last_touched_at)).getTime()).toBe(t.clock.now().getTime());
    expectErrorBody(await s.managerA.client.post(`/api/v1/customers/${c.id}/claim`), 409, 'conflict');
    const other = await s.customer('他店公海', s.storeB.id, null);
    expectErrorBody(await s.salesA1.client.post(`/api/v1/customers/${other.id}/claim`), 404, 'not_found');
  });

  it('releases a customer to the pool with a reason, and answers 409 when it is already there', async () => {
    const s = await setup();
    const c = await s.customer('放弃', s.storeA.id, s.salesA1.user.id);
    const res = await s.salesA1.client.post(`/api/v1/customers/${c.id}/release`, { reason: '客户已搬家' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ownerId).toBeNull();
    const [row] = await auditOf(s.admin, 'customer.released');
    expect(row).toMatchObject({ entityId: c.id, meta: { reason: '客户已搬家' }, changes: [{ field: 'ownerId', before: s.salesA1.user.id, after: null }] });
    // Still visible to its former owner, now as part of the store's pool.
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/release`, headers: { cookie: s.salesA1.client.cookie } });
    expectErrorBody(again, 409, 'conflict');
    expect(idsOf(await s.salesA2.client.get('/api/v1/customers?pool=true'))).toEqual([c.id]);
  });
});

describe('pool settings and the idle rule (CUS-6)', () => {
  it('reads the rule with the pool right, changes it only as org admin, and validates idleDays', async () => {
    const s = await setup();
    const url = '/api/v1/customer-pool/settings';
    expect((await s.salesA1.client.get(url)).json()).toEqual({ idleDays: 30, enabled: false });
    expectErrorBody(await put(s.salesA1.client, url, { idleDays: 10, enabled: true }), 403, 'forbidden');
    let res = await put(s.admin, url, { idleDays: 0, enabled: true });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.idleDays']);
    expectErrorBody(await put(s.admin, url, { idleDays: 3651, enabled: true }), 422, 'validation_failed');
    res = await put(s.admin, url, { idleDays: 14, enabled: true });
    expect(res.json()).toEqual({ idleDays: 14, enabled: true });
    expect((await s.salesA1.client.get(url)).json()).toEqual({ idleDays: 14, enabled: true });
    const [row] = await auditOf(s.admin, 'customerPool.settings_updated');
    expect(row.changes).toEqual(expect.arrayContaining([{ field: 'idleDays', before: 30, after: 14 }, { field: 'enabled', before: false, after: true }]));
  });

  it('returns customers untouched for longer than idleDays to the pool on the hourly cron run, audited as the system', async () => {
    const s = await setup();
    await t.deps.jobs.tickCron(); // the scheduler starts counting slots
    expect((await put(s.admin, '/api/v1/customer-pool/settings', { idleDays: 7, enabled: true })).statusCode).toBe(200);
    const idle = await s.customer('沉睡', s.storeA.id, s.salesA1.user.id);
    const busy = await s.customer('活跃', s.storeA.id, s.salesA1.user.id);
    // Sessions expire while days pass: log in again after each jump.
    const again = (username: string, password = 'user-pass-1') => loginAs(t, s.code, username, password);
    t.clock.advance(5 * DAY);
    expect((await (await again(s.salesA1.user.username)).patch(`/api/v1/customers/${busy.id}`, { notes: '回访' })).statusCode).toBe(200);
    t.clock.advance(3 * DAY);

    expect(await t.deps.jobs.tickCron()).toBeGreaterThan(0);
    await t.deps.jobs.drain(s.tenant.id);
    const [run] = (await t.deps.db.pool.query(`SELECT status, result FROM jobs WHERE tenant_id = $1 AND kind = $2`, [s.tenant.id, `cron:${RETURN_IDLE_CUSTOMERS}`])).rows;
    expect(run).toMatchObject({ status: 'succeeded', result: { returned: 1 } });
    expect((await rowOf(t, 'customers', idle.id))?.owner_id).toBeNull();
    expect((await rowOf(t, 'customers', busy.id))?.owner_id).toBe(s.salesA1.user.id);
    const rows = await auditOf(await again('admin', 'admin-pass-1'), 'customer.returned_to_pool');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entityId: idle.id, actorKind: 'system', meta: { reason: 'idle', idleDays: 7 }, changes: [{ field: 'ownerId', before: s.salesA1.user.id, after: null }] });
    // The customer is back in the store's pool, for any sales user of the store.
    expect(idsOf(await (await again(s.salesA2.user.username)).get('/api/v1/customers?pool=true'))).toEqual([idle.id]);
  });

  it('takes nobody’s customers while the rule is off', async () => {
    const s = await setup();
    const c = await s.customer('安静', s.storeA.id, s.salesA1.user.id);
    expect(await returnIdleCustomers(t.deps.db.db, s.tenant.id, new Date(t.clock.now().getTime() + 400 * DAY))).toBe(0);
    await put(s.admin, '/api/v1/customer-pool/settings', { idleDays: 30, enabled: false });
    expect(await returnIdleCustomers(t.deps.db.db, s.tenant.id, new Date(t.clock.now().getTime() + 400 * DAY))).toBe(0);
    expect((await rowOf(t, 'customers', c.id))?.owner_id).toBe(s.salesA1.user.id);
  });

  it('returns a large backlog in several batches', async () => {
    const s = await setup();
    await put(s.admin, '/api/v1/customer-pool/settings', { idleDays: 1, enabled: true });
    await t.deps.db.pool.query(
      `INSERT INTO customers (tenant_id, code, kind, name, store_id, owner_id, last_touched_at)
       SELECT $1, 'I' || g, 'person', '闲置' || g, $2, $3, $4 FROM generate_series(1, 25) g`,
      [s.tenant.id, s.storeA.id, s.salesA1.user.id, new Date(t.clock.now().getTime() - 2 * DAY)],
    );
    expect(await returnIdleCustomers(t.deps.db.db, s.tenant.id, t.clock.now(), 10)).toBe(25);
    expect(await auditOf(s.admin, 'customer.returned_to_pool')).toHaveLength(25);
  });
});

describe('tenant isolation of transfer and pool routes (PLAT-1)', () => {
  it('answers 404 for another tenant’s customers on transfer, claim and release, and keeps settings per tenant', async () => {
    const a = await setup();
    const b = await newTenant(t);
    const pooled = await a.customer('甲方公海', a.storeA.id, null);
    const owned = await a.customer('甲方客户', a.storeA.id, a.salesA1.user.id);
    expectErrorBody(await b.admin.post('/api/v1/customers/transfer', { customerIds: [owned.id], ownerId: null }), 404, 'not_found');
    expectErrorBody(await b.admin.post(`/api/v1/customers/${pooled.id}/claim`), 404, 'not_found');
    expectErrorBody(await b.admin.post(`/api/v1/customers/${owned.id}/release`), 404, 'not_found');
    expectErrorBody(await b.admin.post('/api/v1/customers/transfer', { customerIds: [owned.id], storeId: a.storeB.id }), 422, 'validation_failed');
    await put(a.admin, '/api/v1/customer-pool/settings', { idleDays: 5, enabled: true });
    expect((await b.admin.get('/api/v1/customer-pool/settings')).json()).toEqual({ idleDays: 30, enabled: false });
    expect((await rowOf(t, 'customers', owned.id))?.owner_id).toBe(a.salesA1.user.id);
    expect((await rowOf(t, 'customers', pooled.id))?.owner_id).toBeNull();
  });
});
