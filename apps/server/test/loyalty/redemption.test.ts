import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { enrol, entriesOf, loyaltyWorld, memberOf, newMember, ok, setSettings, verify } from './fixtures.ts';

/**
 * Redemption (LOY-3): gifts from a catalogue with stock, cash deduction at the programme's rate, the minimum balance,
 * cancellation back to the original lots, concurrency on real PostgreSQL, Idempotency-Key, chain-wide counters.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

async function world() {
  const w = await loyaltyWorld(t);
  await setSettings(w.a.admin, { adjustments: { approvalThreshold: 100_000_000 } });
  const m = await enrol(w.a.admin, w.customer.id);
  const counter = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
  return { w, m, counter };
}

async function fund(admin: Client, memberId: string, points: number) {
  ok(await admin.post('/api/v1/loyalty/adjustments', { memberId, points, reason: '测试积分' }), 201);
}

async function gift(admin: Client, body: Record<string, unknown> = {}) {
  return ok(await admin.post('/api/v1/loyalty/gifts', { name: '实木砧板', pointsPrice: 500, stock: 3, ...body }), 201) as { id: string; stock: number | null };
}

function redeem(c: Client, memberId: string, body: Record<string, unknown>, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/loyalty/members/${memberId}/redemptions`,
    headers: { cookie: c.cookie, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
}

const stockOf = async (c: Client, id: string) => ok(await c.get(`/api/v1/loyalty/gifts/${id}`)).stock as number | null;
const balanceOf = async (c: Client, id: string) => (await memberOf(c, id)).balance;

async function auditActions(tenantId: string, entityId: string) {
  const r = await t.deps.db.pool.query('SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [tenantId, entityId]);
  return r.rows.map((x: { action: string }) => x.action);
}

async function lotsOf(accountId: string) {
  const r = await t.deps.db.pool.query('SELECT entry_id, points::int, remaining::int, expires_at FROM points_lots WHERE account_id = $1 ORDER BY earned_at, id', [accountId]);
  return r.rows as { entry_id: string; points: number; remaining: number; expires_at: Date | null }[];
}

describe('redeeming a gift', () => {
  it('takes quantity × price from the balance and the quantity from the stock, at the counter’s store, audited', async () => {
    const { w, m, counter } = await world();
    await fund(w.a.admin, m.id, 2_000);
    const g = await gift(w.a.admin);
    const r = ok(await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id, quantity: 2 }), 201);
    expect(r).toMatchObject({ kind: 'gift', giftId: g.id, giftName: '实木砧板', quantity: 2, points: 1_000, status: 'redeemed', storeId: w.store.id, redeemedById: counter.user.id, memberNumber: m.number });
    expect(await stockOf(w.a.admin, g.id)).toBe(1);
    expect(await balanceOf(w.a.admin, m.id)).toBe(1_000);
    const [e] = await entriesOf(w.a.admin, m.id);
    expect(e).toMatchObject({ id: r.entryId, kind: 'redeem', points: -1_000, balanceAfter: 1_000, sourceType: 'redemption', sourceId: r.id, storeId: w.store.id });
    expect(await auditActions(w.a.tenant.id, r.id)).toEqual(['loyaltyRedemption.redeemed']);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('refuses more than the stock with 409 out_of_stock and changes nothing; unlimited stock stays unlimited', async () => {
    const { w, m, counter } = await world();
    await fund(w.a.admin, m.id, 10_000);
    const g = await gift(w.a.admin, { stock: 1 });
    expect(expectErrorBody(await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id, quantity: 2 }), 409, 'conflict').params).toMatchObject({ reason: 'out_of_stock', stock: 1 });
    expect(await stockOf(w.a.admin, g.id)).toBe(1);
    expect(await balanceOf(w.a.admin, m.id)).toBe(10_000);
    const unlimited = await gift(w.a.admin, { name: '抱枕', pointsPrice: 100, stock: null });
    ok(await redeem(counter.client, m.id, { kind: 'gift', giftId: unlimited.id, quantity: 5 }), 201);
    expect(await stockOf(w.a.admin, unlimited.id)).toBeNull();
    const inactive = await gift(w.a.admin, { name: '停用礼品', active: false });
    expect(expectErrorBody(await redeem(counter.client, m.id, { kind: 'gift', giftId: inactive.id }), 409, 'conflict').params).toMatchObject({ reason: 'gift_inactive' });
  });

  it('never overdraws (409 insufficient_points) and leaves the minimum balance (409 below_minimum_balance)', async () => {
    const { w, m, counter } = await world();
    await fund(w.a.admin, m.id, 900);
    const g = await gift(w.a.admin);
    expect(expectErrorBody(await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id, quantity: 2 }), 409, 'conflict').params).toMatchObject({ reason: 'insufficient_points', balance: 900, points: 1_000 });
    await setSettings(w.a.admin, { redemption: { pointsPerYuan: 100, minBalance: 500 } });
    expect(expectErrorBody(await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id }), 409, 'conflict').params).toMatchObject({ reason: 'below_minimum_balance', minBalance: 500 });
    // Exactly down to the minimum is allowed.
    ok(await redeem(counter.client, m.id, { kind: 'cash', cashFen: 400 }), 201);
    expect(await balanceOf(w.a.admin, m.id)).toBe(500);
    expect(await stockOf(w.a.admin, g.id)).toBe(3);
  });
});

describe('cash deduction', () => {
  it('converts fen at the rate, rounding the points up (the member never gets more cash than the points cover)', async () => {
    const { w, m, counter } = await world();
    await fund(w.a.admin, m.id, 5_000);
    // Default 100 points per yuan: 1 point per fen.
    const a = ok(await redeem(counter.client, m.id, { kind: 'cash', cashFen: 1_234 }), 201);
    expect(a).toMatchObject({ kind: 'cash', cashFen: 1_234, points: 1_234, giftId: null });
    await setSettings(w.a.admin, { redemption: { pointsPerYuan: 150, minBalance: 0 } });
    // 1001 fen × 150 ÷ 100 = 1501.5 → 1502 points; a part of the balance only (partial redemption).
    const b = ok(await redeem(counter.client, m.id, { kind: 'cash', cashFen: 1_001 }), 201);
    expect(b.points).toBe(1_502);
    expect(await balanceOf(w.a.admin, m.id)).toBe(5_000 - 1_234 - 1_502);
    const [e] = await entriesOf(w.a.admin, m.id);
    expect(e.breakdown[0]).toMatchObject({ rule: 'cash', cashFen: 1_001, pointsPerYuan: 150, rounding: 'ceil' });
  });

  it('records an order the caller can see; an unknown order is a 422', async () => {
    const { w, m, counter } = await world();
    await fund(w.a.admin, m.id, 500);
    const res = await redeem(counter.client, m.id, { kind: 'cash', cashFen: 100, orderId: '00000000-0000-4000-8000-000000000001' });
    expect(issuePaths(res)).toEqual(['body.orderId']);
  });
});

describe('cancelling a redemption', () => {
  it('gives the points back to the lots they came from (expiry kept) and the gift back to stock, once', async () => {
    const { w, m, counter } = await world();
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    await setSettings(w.a.admin, { expiry: { kind: 'months', months: 1 } });
    await fund(w.a.admin, m.id, 300); // lot 1: expires in a month (spent first)
    await setSettings(w.a.admin, { expiry: { kind: 'never' } });
    t.clock.advance(60_000); // earned a minute later, so the lots list in a stable order
    await fund(w.a.admin, m.id, 1_000); // lot 2: never expires
    const before = await lotsOf(m.accountId);
    expect(before.map((l) => [l.remaining, l.expires_at === null])).toEqual([[300, false], [1_000, true]]);
    const g = await gift(w.a.admin);
    const r = ok(await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id }), 201);
    expect((await lotsOf(m.accountId)).map((l) => l.remaining)).toEqual([0, 800]);

    // The counter's 导购 may not cancel; the store manager may.
    expectErrorBody(await counter.client.post(`/api/v1/loyalty/redemptions/${r.id}/cancel`, {}), 403, 'forbidden');
    const c = ok(await manager.client.post(`/api/v1/loyalty/redemptions/${r.id}/cancel`, { reason: '顾客改选' }));
    expect(c).toMatchObject({ status: 'cancelled', cancelledById: manager.user.id, cancelReason: '顾客改选', cancelEntryId: expect.any(String) });
    const after = await lotsOf(m.accountId);
    expect(after).toEqual(before); // same lots, same expiry, no new lot
    expect(await stockOf(w.a.admin, g.id)).toBe(3);
    expect(await balanceOf(w.a.admin, m.id)).toBe(1_300);
    const [e] = await entriesOf(w.a.admin, m.id);
    expect(e).toMatchObject({ id: c.cancelEntryId, kind: 'redeem_cancel', points: 500, sourceId: r.id, storeId: w.store.id });

    expect(expectErrorBody(await manager.client.post(`/api/v1/loyalty/redemptions/${r.id}/cancel`, {}), 409, 'conflict').params).toEqual({ reason: 'already_cancelled' });
    expect(await balanceOf(w.a.admin, m.id)).toBe(1_300);
    expect(await stockOf(w.a.admin, g.id)).toBe(3);
    expect(await auditActions(w.a.tenant.id, r.id)).toEqual(['loyaltyRedemption.redeemed', 'loyaltyRedemption.cancelled']);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });
});

describe('concurrency on real PostgreSQL', () => {
  it('lets exactly one of many counters take the last gift in stock', async () => {
    const { w, m, counter } = await world();
    const others = await Promise.all([1, 2, 3].map(async (i) => (await newMember(w, `顾客${i}`)).member));
    for (const x of [m, ...others]) await fund(w.a.admin, x.id, 1_000);
    const g = await gift(w.a.admin, { stock: 1 });
    const results = await Promise.all([m, ...others, m].map((x) => redeem(counter.client, x.id, { kind: 'gift', giftId: g.id })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.params.reason).toBe('out_of_stock');
    expect(await stockOf(w.a.admin, g.id)).toBe(0);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('never overdraws one account under many simultaneous redemptions', async () => {
    const { w, m, counter } = await world();
    const elsewhere = await userIn(t, w.a.admin, w.a.code, (await makeStore(w.a.admin, w.region.id)).id, '导购');
    await fund(w.a.admin, m.id, 1_000);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => redeem(i % 2 ? counter.client : elsewhere.client, m.id, { kind: 'cash', cashFen: 300 })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().error.params.reason).toBe('insufficient_points');
    expect(await balanceOf(w.a.admin, m.id)).toBe(100);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('answers a replay with the first result and refuses the key with another body', async () => {
    const { w, m, counter } = await world();
    await fund(w.a.admin, m.id, 2_000);
    const g = await gift(w.a.admin);
    const key = `redeem-${m.id}`;
    const first = await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id }, key);
    const again = await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id }, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await balanceOf(w.a.admin, m.id)).toBe(1_500);
    expect(await stockOf(w.a.admin, g.id)).toBe(2);
    const other = await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id, quantity: 2 }, key);
    expect(expectErrorBody(other, 409, 'conflict').params).toEqual({ reason: 'idempotency_key_reused' });
    expect(await balanceOf(w.a.admin, m.id)).toBe(1_500);
  });
});

describe('chain-wide accounts, scope and isolation', () => {
  it('lets a counter of another store redeem for the member; the entry and the redemption carry that store', async () => {
    const { w, m, counter } = await world();
    const other = await makeStore(w.a.admin, w.region.id, 'franchise');
    const far = await userIn(t, w.a.admin, w.a.code, other.id, '导购');
    await fund(w.a.admin, m.id, 1_000);
    const r = ok(await redeem(far.client, m.id, { kind: 'cash', cashFen: 200 }), 201);
    expect(r.storeId).toBe(other.id);
    const [e] = await entriesOf(w.a.admin, m.id);
    expect(e).toMatchObject({ kind: 'redeem', storeId: other.id });
    // Lists follow the store where it happened: the redeeming store sees it, the join store's counter does not.
    expect(ok(await far.client.get(`/api/v1/loyalty/members/${m.id}/redemptions`)).items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect(ok(await counter.client.get(`/api/v1/loyalty/members/${m.id}/redemptions`)).items).toEqual([]);
    expect(ok(await counter.client.get('/api/v1/loyalty/redemptions')).items).toEqual([]);
    expectErrorBody(await counter.client.get(`/api/v1/loyalty/redemptions/${r.id}`), 404, 'not_found');
    expect(ok(await w.a.admin.get(`/api/v1/loyalty/redemptions?storeId=${other.id}`)).items.map((x: { id: string }) => x.id)).toEqual([r.id]);
  });

  it('pages the tenant’s redemptions newest first by keyset', async () => {
    const { w, m, counter } = await world();
    await fund(w.a.admin, m.id, 1_000);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1_000);
      made.push(ok(await redeem(counter.client, m.id, { kind: 'cash', cashFen: 10 }), 201).id);
    }
    const p1 = ok(await w.a.admin.get('/api/v1/loyalty/redemptions?limit=2'));
    const p2 = ok(await w.a.admin.get(`/api/v1/loyalty/redemptions?limit=2&cursor=${encodeURIComponent(p1.nextCursor)}`));
    expect([...p1.items, ...p2.items].map((x: { id: string }) => x.id).sort()).toEqual([...made].sort());
    expect(p2.nextCursor).toBeNull();
  });

  it('answers 404 to another tenant for the member, the redemption and the gift', async () => {
    const { w, m, counter } = await world();
    const b = await newTenant(t, '乙品牌');
    await fund(w.a.admin, m.id, 1_000);
    const g = await gift(w.a.admin);
    const r = ok(await redeem(counter.client, m.id, { kind: 'gift', giftId: g.id }), 201);
    expectErrorBody(await redeem(b.admin, m.id, { kind: 'cash', cashFen: 100 }), 404, 'not_found');
    expectErrorBody(await b.admin.post(`/api/v1/loyalty/redemptions/${r.id}/cancel`, {}), 404, 'not_found');
    expectErrorBody(await b.admin.get(`/api/v1/loyalty/redemptions/${r.id}`), 404, 'not_found');
    expectErrorBody(await b.admin.get(`/api/v1/loyalty/gifts/${g.id}`), 404, 'not_found');
    expectErrorBody(await b.admin.patch(`/api/v1/loyalty/gifts/${g.id}`, { stock: 0 }), 404, 'not_found');
    // Another tenant's gift is unknown here too.
    const bg = await gift(b.admin);
    expect(issuePaths(await redeem(counter.client, m.id, { kind: 'gift', giftId: bg.id }))).toEqual(['body.giftId']);
    expect(await stockOf(w.a.admin, g.id)).toBe(2);
    expect(await balanceOf(w.a.admin, m.id)).toBe(500);
  });
});

describe('bad input and permissions', () => {
  it('answers 422 with the paths of bad redemptions, gifts and settings', async () => {
    const { w, m, counter } = await world();
    expect(issuePaths(await redeem(counter.client, m.id, { kind: 'gift', giftId: 'nope', quantity: 0 })).sort()).toEqual(['body.giftId', 'body.quantity']);
    expect(issuePaths(await redeem(counter.client, m.id, { kind: 'cash', cashFen: 1.5 }))).toEqual(['body.cashFen']);
    expect(issuePaths(await redeem(counter.client, m.id, { kind: 'points' }))).toEqual(['body.kind']);
    expect(issuePaths(await redeem(counter.client, m.id, { kind: 'cash', cashFen: 100 }, 'short'))).toEqual(['headers.idempotency-key']);
    expect(issuePaths(await w.a.admin.post('/api/v1/loyalty/gifts', { name: '', pointsPrice: 0, stock: -1 })).sort()).toEqual(['body.name', 'body.pointsPrice', 'body.stock']);
    expect(issuePaths(await w.a.admin.patch('/api/v1/loyalty/settings', { redemption: { pointsPerYuan: 0, minBalance: -1 } })).sort()).toEqual(['body.redemption.minBalance', 'body.redemption.pointsPerYuan']);
  });

  it('keeps the catalogue to loyalty:admin; a counter without loyalty:enrol cannot redeem', async () => {
    const { w, m, counter } = await world();
    expectErrorBody(await counter.client.post('/api/v1/loyalty/gifts', { name: '台灯', pointsPrice: 100 }), 403, 'forbidden');
    const g = await gift(w.a.admin);
    expect(ok(await counter.client.get('/api/v1/loyalty/gifts?active=true')).items.map((x: { id: string }) => x.id)).toEqual([g.id]);
    const viewer = await createRole(w.a.admin, { permissions: ['loyalty:view'], dataScope: 'unit' });
    const onlyViews = await userIn(t, w.a.admin, w.a.code, w.store.id, viewer.name);
    expectErrorBody(await redeem(onlyViews.client, m.id, { kind: 'cash', cashFen: 1 }), 403, 'forbidden');
    const frozen = await t.deps.db.pool.query("UPDATE loyalty_members SET status = 'frozen' WHERE id = $1", [m.id]);
    expect(frozen.rowCount).toBe(1);
    expect(expectErrorBody(await redeem(counter.client, m.id, { kind: 'cash', cashFen: 1 }), 409, 'conflict').params).toMatchObject({ reason: 'member_not_active' });
  });
});
