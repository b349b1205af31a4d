import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { paidOrder } from '../orders/fixtures.ts';
import { enrol, loyaltyWorld, newMember, ok, setSettings } from './fixtures.ts';
import { auditRows, valueApi } from './stored-value.fixtures.ts';

/**
 * Stored value (储值, LOY-6, LOY-8) through the API: top-up with bonus steps and a ceiling, proportional spending,
 * a spend cancelled once, refund of principal with the bonus forfeited, Idempotency-Key, the chain-wide counter with
 * fenced statements, the summary, verification, append-only entries, permissions, isolation and bad input.
 */

let t: TestApp;
let v: ReturnType<typeof valueApi>;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
  v = valueApi(t);
});
afterAll(async () => {
  await t.app.close();
});

const STEPS = { topUpBonuses: [{ minFen: 100_000, bonusFen: 10_000 }, { minFen: 200_000, bonusFen: 30_000 }], maxBalanceFen: 5_000_000 };

async function world(storedValue: Record<string, unknown> = STEPS) {
  const w = await loyaltyWorld(t);
  await setSettings(w.a.admin, { storedValue });
  const m = await enrol(w.a.admin, w.customer.id);
  const counter = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
  const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
  return { w, m, counter, manager };
}

describe('top-up', () => {
  it('adds the paid amount as principal and the bonus of the largest step reached, at the counter’s store, audited', async () => {
    const { w, m, counter } = await world();
    const a = ok(await v.topUp(counter.client, m.id, { amountFen: 350_000, method: 'alipay', reference: 'ALI-2026-001', note: '双十一充值' }), 201);
    expect(a.entry).toMatchObject({
      kind: 'topup', amountFen: 380_000, principalFen: 350_000, bonusFen: 30_000, balanceAfterFen: 380_000, principalAfterFen: 350_000, bonusAfterFen: 30_000,
      method: 'alipay', reference: 'ALI-2026-001', note: '双十一充值', memberId: m.id, memberNumber: m.number, accountId: m.accountId,
      storeId: w.store.id, storeName: expect.any(String), createdById: counter.user.id, sourceType: 'request',
    });
    expect(a.balance).toMatchObject({ accountId: m.accountId, balanceFen: 380_000, principalFen: 350_000, bonusFen: 30_000 });
    // 1500 元 reaches the 1000 元 step only; 50 元 reaches none. Steps never add up.
    expect(ok(await v.topUp(counter.client, m.id, { amountFen: 150_000 }), 201).entry.bonusFen).toBe(10_000);
    expect(ok(await v.topUp(counter.client, m.id, { amountFen: 5_000 }), 201).entry.bonusFen).toBe(0);
    const value = await v.valueOf(w.a.admin, m.id);
    expect(value.balance).toMatchObject({ balanceFen: 545_000, principalFen: 505_000, bonusFen: 40_000 });
    expect(value.items.map((e) => e.amountFen)).toEqual([5_000, 160_000, 380_000]);
    const audit = await auditRows(t, w.a.tenant.id, a.entry.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'storedValueEntry.toppedUp', actor_id: counter.user.id, meta: { memberNumber: m.number, balanceBeforeFen: 0 } });
    expect(audit[0].changes.find((c) => c.field === 'bonusFen')).toMatchObject({ before: null, after: 30_000 });
    expect((await v.verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('refuses a top-up past the ceiling (bonus counted) with 409 balance_limit_exceeded; a ceiling of 0 turns top-ups off', async () => {
    const { w, m, counter } = await world({ ...STEPS, maxBalanceFen: 400_000 });
    ok(await v.topUp(counter.client, m.id, { amountFen: 100_000 }), 201); // 1000 元 + 100 元
    ok(await v.topUp(counter.client, m.id, { amountFen: 200_000 }), 201); // 2000 元 + 300 元: 3400 元
    const refused = expectErrorBody(await v.topUp(counter.client, m.id, { amountFen: 70_000 }), 409, 'conflict');
    expect(refused.params).toEqual({ reason: 'balance_limit_exceeded', balanceFen: 340_000, amountFen: 70_000, bonusFen: 0, maxBalanceFen: 400_000 });
    // A bonus that would pass the ceiling refuses the top-up too (1000 元 + 100 元 onto 3400 元).
    expect(expectErrorBody(await v.topUp(counter.client, m.id, { amountFen: 100_000 }), 409, 'conflict').params).toMatchObject({ bonusFen: 10_000 });
    ok(await v.topUp(counter.client, m.id, { amountFen: 60_000 }), 201); // exactly up to the ceiling
    expect((await v.valueOf(w.a.admin, m.id)).balance.balanceFen).toBe(400_000);
    await setSettings(w.a.admin, { storedValue: { topUpBonuses: [], maxBalanceFen: 0 } });
    const other = (await newMember(w, '赵敏')).member;
    expect(expectErrorBody(await v.topUp(counter.client, other.id, { amountFen: 1 }), 409, 'conflict').params).toMatchObject({ reason: 'balance_limit_exceeded' });
    expect((await v.valueOf(w.a.admin, other.id)).items).toEqual([]);
  });

  it('refuses a member who is not active with 409 member_not_active', async () => {
    const { w, m, counter } = await world();
    await v.fund(counter.client, m.id, 10_000);
    await t.deps.db.pool.query("UPDATE loyalty_members SET status = 'frozen' WHERE id = $1", [m.id]);
    expect(expectErrorBody(await v.topUp(counter.client, m.id, { amountFen: 100 }), 409, 'conflict').params).toEqual({ reason: 'member_not_active', status: 'frozen' });
    expect(expectErrorBody(await v.spend(counter.client, m.id, { amountFen: 100 }), 409, 'conflict').params).toEqual({ reason: 'member_not_active', status: 'frozen' });
    expect((await v.valueOf(w.a.admin, m.id)).balance.balanceFen).toBe(10_000);
  });

  it('keeps the bonus steps in the programme settings: only an administrator changes them, bad steps are 422 with paths', async () => {
    const { w, manager } = await world();
    expectErrorBody(await manager.client.patch('/api/v1/loyalty/settings', { storedValue: STEPS }), 403, 'forbidden');
    const dup = await w.a.admin.patch('/api/v1/loyalty/settings', {
      storedValue: { topUpBonuses: [{ minFen: 100_000, bonusFen: 1 }, { minFen: 100_000, bonusFen: 2 }, { minFen: 500, bonusFen: 501 }], maxBalanceFen: 1 },
    });
    expect(issuePaths(dup).sort()).toEqual(['body.storedValue.topUpBonuses.1.minFen', 'body.storedValue.topUpBonuses.2.bonusFen']);
    expect(issuePaths(await w.a.admin.patch('/api/v1/loyalty/settings', { storedValue: { topUpBonuses: [], maxBalanceFen: -1 } }))).toEqual(['body.storedValue.maxBalanceFen']);
    const saved = ok(await w.a.admin.patch('/api/v1/loyalty/settings', { storedValue: { topUpBonuses: [{ minFen: 50_000, bonusFen: 5_000 }], maxBalanceFen: 1_000_000 } }));
    expect(saved.storedValue).toEqual({ topUpBonuses: [{ minFen: 50_000, bonusFen: 5_000 }], maxBalanceFen: 1_000_000 });
    expect(ok(await manager.client.get('/api/v1/loyalty/settings')).storedValue.maxBalanceFen).toBe(1_000_000);
  });
});

describe('spend', () => {
  it('takes principal and bonus in proportion (the odd fen from the principal) and empties both parts with the whole balance', async () => {
    const { w, m, counter } = await world();
    ok(await v.topUp(counter.client, m.id, { amountFen: 100_000 }), 201); // 1000 元 + 100 元
    // 333 × 10000 ÷ 110000 = 30.27… → 30 of bonus, 303 of principal.
    const a = ok(await v.spend(counter.client, m.id, { amountFen: 333, note: '配件' }), 201);
    expect(a.entry).toMatchObject({ kind: 'spend', amountFen: -333, principalFen: -303, bonusFen: -30, balanceAfterFen: 109_667, storeId: w.store.id, note: '配件' });
    expect(a.balance).toMatchObject({ principalFen: 99_697, bonusFen: 9_970 });
    const all = ok(await v.spend(counter.client, m.id, { amountFen: 109_667 }), 201);
    expect(all.entry).toMatchObject({ principalFen: -99_697, bonusFen: -9_970 });
    expect(all.balance).toMatchObject({ balanceFen: 0, principalFen: 0, bonusFen: 0 });
    const audit = await auditRows(t, w.a.tenant.id, a.entry.id);
    expect(audit.map((r) => r.action)).toEqual(['storedValueEntry.spent']);
  });

  it('never overdraws: 409 insufficient_value changes nothing', async () => {
    const { w, m, counter } = await world();
    await v.fund(counter.client, m.id, 5_000);
    expect(expectErrorBody(await v.spend(counter.client, m.id, { amountFen: 5_001 }), 409, 'conflict').params).toEqual({ reason: 'insufficient_value', balanceFen: 5_000, amountFen: 5_001 });
    const other = (await newMember(w, '钱多多')).member;
    expect(expectErrorBody(await v.spend(counter.client, other.id, { amountFen: 1 }), 409, 'conflict').params).toMatchObject({ reason: 'insufficient_value', balanceFen: 0 });
    expect((await v.valueOf(w.a.admin, m.id)).items).toHaveLength(1);
  });

  it('records an order the caller can see; an unknown order and an unknown card number are 422s', async () => {
    const { w, m, counter } = await world();
    await v.fund(counter.client, m.id, 50_000);
    const order = await paidOrder(w.a.admin, w);
    const s = ok(await v.spend(w.a.admin, m.id, { amountFen: 20_000, orderId: order.id }), 201);
    expect(s.entry.orderId).toBe(order.id);
    expect(issuePaths(await v.spend(counter.client, m.id, { amountFen: 100, orderId: '00000000-0000-4000-8000-000000000001' }))).toEqual(['body.orderId']);
    expect(issuePaths(await v.spend(counter.client, m.id, { amountFen: 100, cardNumber: '8800000000000' }))).toEqual(['body.cardNumber']);
    expect((await v.valueOf(w.a.admin, m.id)).balance.balanceFen).toBe(30_000);
  });
});

describe('cancelling a spend', () => {
  it('gives back exactly the parts it took, once, at the spend’s store; 导购 may not cancel, the store manager may', async () => {
    const { w, m, counter, manager } = await world();
    ok(await v.topUp(counter.client, m.id, { amountFen: 200_000 }), 201); // 2000 + 300
    const s = ok(await v.spend(counter.client, m.id, { amountFen: 12_345 }), 201);
    ok(await v.spend(counter.client, m.id, { amountFen: 1_000 }), 201);
    expectErrorBody(await v.cancel(counter.client, s.entry.id), 403, 'forbidden');
    const c = ok(await v.cancel(manager.client, s.entry.id, { reason: '收银错误' }));
    expect(c.entry).toMatchObject({
      kind: 'spend_cancel', amountFen: 12_345, principalFen: -s.entry.principalFen, bonusFen: -s.entry.bonusFen, cancelsEntryId: s.entry.id,
      storeId: w.store.id, note: '收银错误', createdById: manager.user.id, sourceType: 'spend', sourceId: s.entry.id,
    });
    expect(c.balance).toMatchObject({ balanceFen: 229_000 });
    expect(expectErrorBody(await v.cancel(manager.client, s.entry.id), 409, 'conflict').params).toEqual({ reason: 'already_cancelled' });
    const items = (await v.valueOf(w.a.admin, m.id)).items;
    expect(items.find((e) => e.id === s.entry.id)?.cancelledByEntryId).toBe(c.entry.id);
    expect(items.filter((e) => e.kind === 'spend_cancel')).toHaveLength(1);
    expect((await auditRows(t, w.a.tenant.id, c.entry.id)).map((r) => r.action)).toEqual(['storedValueEntry.spendCancelled']);
    // Only spends cancel: a top-up's id is unknown here.
    const top = (await v.valueOf(w.a.admin, m.id)).items.find((e) => e.kind === 'topup')!;
    expectErrorBody(await v.cancel(manager.client, top.id), 404, 'not_found');
    expect((await v.verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('is out of reach (404) for a store other than the spend’s, and for two cancels at once gives one', async () => {
    const { w, m, counter, manager } = await world();
    const elsewhere = await userIn(t, w.a.admin, w.a.code, (await makeStore(w.a.admin, w.region.id)).id, '店长');
    await v.fund(counter.client, m.id, 10_000);
    const s = ok(await v.spend(counter.client, m.id, { amountFen: 4_000 }), 201);
    expectErrorBody(await v.cancel(elsewhere.client, s.entry.id), 404, 'not_found');
    const both = await Promise.all([v.cancel(manager.client, s.entry.id), v.cancel(w.a.admin, s.entry.id)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await v.valueOf(w.a.admin, m.id)).balance.balanceFen).toBe(10_000);
  });
});

describe('refund', () => {
  it('pays back principal and forfeits the bonus in proportion (rounded up); the whole principal takes the whole bonus', async () => {
    const { w, m, counter, manager } = await world();
    ok(await v.topUp(counter.client, m.id, { amountFen: 100_000 }), 201); // 1000 + 100
    // 33333 × 10000 ÷ 100000 = 3333.3 → 3334 forfeited.
    const a = ok(await v.refund(manager.client, m.id, { amountFen: 33_333, method: 'wechat', reason: '搬家退卡', reference: 'WX-REF-9' }), 201);
    expect(a.entry).toMatchObject({
      kind: 'refund', amountFen: -36_667, principalFen: -33_333, bonusFen: -3_334, method: 'wechat', reference: 'WX-REF-9', note: '搬家退卡', storeId: w.store.id, createdById: manager.user.id,
    });
    expect(a.balance).toMatchObject({ principalFen: 66_667, bonusFen: 6_666 });
    const rest = ok(await v.refund(manager.client, m.id, { amountFen: 66_667 }), 201);
    expect(rest.entry).toMatchObject({ principalFen: -66_667, bonusFen: -6_666 });
    expect(rest.balance).toMatchObject({ balanceFen: 0, principalFen: 0, bonusFen: 0 });
    const audit = await auditRows(t, w.a.tenant.id, a.entry.id);
    expect(audit[0]).toMatchObject({ action: 'storedValueEntry.refunded', meta: { reason: '搬家退卡', memberNumber: m.number } });
    expect((await v.verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('refuses more than the principal left (409), needs a reason (422) and loyalty:adjust (403)', async () => {
    const { w, m, counter, manager } = await world();
    ok(await v.topUp(counter.client, m.id, { amountFen: 100_000 }), 201);
    ok(await v.spend(counter.client, m.id, { amountFen: 55_000 }), 201); // takes 50000 principal, 5000 bonus
    expect(expectErrorBody(await v.refund(manager.client, m.id, { amountFen: 50_001 }), 409, 'conflict').params).toEqual({
      reason: 'refund_exceeds_principal', principalFen: 50_000, amountFen: 50_001,
    });
    expect(issuePaths(await v.refund(manager.client, m.id, { amountFen: 100, reason: '  ' }))).toEqual(['body.reason']);
    expectErrorBody(await v.refund(counter.client, m.id, { amountFen: 100 }), 403, 'forbidden');
    expect((await v.valueOf(w.a.admin, m.id)).balance).toMatchObject({ principalFen: 50_000, bonusFen: 5_000 });
  });

  it('is made by the member’s own stores: a manager of another store gets 404, though that counter may top up and spend', async () => {
    const { w, m } = await world();
    const other = await makeStore(w.a.admin, w.region.id, 'franchise');
    const far = await userIn(t, w.a.admin, w.a.code, other.id, '店长');
    await v.fund(far.client, m.id, 10_000);
    ok(await v.spend(far.client, m.id, { amountFen: 1_000 }), 201);
    expectErrorBody(await v.refund(far.client, m.id, { amountFen: 100 }), 404, 'not_found');
    const region = await userIn(t, w.a.admin, w.a.code, w.region.id, '区域经理');
    ok(await v.refund(region.client, m.id, { amountFen: 100 }), 201);
  });
});

describe('Idempotency-Key', () => {
  it('answers a replay of a top-up, a spend and a refund with the first result, and refuses the key with another body', async () => {
    const { w, m, counter, manager } = await world();
    const key = `topup-${m.id}`;
    const first = await v.topUp(counter.client, m.id, { amountFen: 100_000 }, key);
    const again = await v.topUp(counter.client, m.id, { amountFen: 100_000 }, key);
    expect([first.statusCode, again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(again.json()).toEqual(first.json());
    expect(first.json().entry).toMatchObject({ sourceType: 'request', sourceId: key });
    expect(expectErrorBody(await v.topUp(counter.client, m.id, { amountFen: 100_001 }, key), 409, 'conflict').params).toEqual({ reason: 'idempotency_key_reused' });
    const s1 = await v.spend(counter.client, m.id, { amountFen: 500 }, `spend-${m.id}`);
    const s2 = await v.spend(counter.client, m.id, { amountFen: 500 }, `spend-${m.id}`);
    expect(s2.json()).toEqual(s1.json());
    const r1 = await v.refund(manager.client, m.id, { amountFen: 700 }, `refund-${m.id}`);
    const r2 = await v.refund(manager.client, m.id, { amountFen: 700 }, `refund-${m.id}`);
    expect([r1.statusCode, r2.statusCode]).toEqual([201, 201]);
    expect(r2.json()).toEqual(r1.json());
    const value = await v.valueOf(w.a.admin, m.id);
    expect(value.items.map((e) => e.kind)).toEqual(['refund', 'spend', 'topup']);
    expect(issuePaths(await v.topUp(counter.client, m.id, { amountFen: 100 }, 'short'))).toEqual(['headers.idempotency-key']);
  });
});

describe('chain-wide counter, fenced statements and isolation', () => {
  it('lets another store top up and spend; it sees the balance and its own entries, the join store sees every entry', async () => {
    const { w, m, counter } = await world();
    const other = await makeStore(w.a.admin, w.region.id, 'franchise');
    const far = await userIn(t, w.a.admin, w.a.code, other.id, '导购');
    const here = ok(await v.topUp(counter.client, m.id, { amountFen: 30_000 }), 201);
    const there = ok(await v.spend(far.client, m.id, { amountFen: 10_000 }), 201);
    expect(there.entry.storeId).toBe(other.id);
    const farView = await v.valueOf(far.client, m.id);
    expect(farView).toMatchObject({ statement: 'own_stores', balance: { balanceFen: 20_000 } });
    expect(farView.items.map((e) => e.id)).toEqual([there.entry.id]);
    const homeView = await v.valueOf(counter.client, m.id);
    expect(homeView.statement).toBe('account');
    expect(homeView.items.map((e) => e.id)).toEqual([there.entry.id, here.entry.id]);
    // The far counter cannot read the member's record itself, only its stored value at the counter.
    expectErrorBody(await far.client.get(`/api/v1/loyalty/members/${m.id}`), 404, 'not_found');
  });

  it('pages the statement by keyset, filtered by kind', async () => {
    const { w, m, counter } = await world();
    for (const fen of [1_000, 2_000, 3_000]) await v.fund(counter.client, m.id, fen);
    ok(await v.spend(counter.client, m.id, { amountFen: 500 }), 201);
    const p1 = ok(await w.a.admin.get(`/api/v1/loyalty/members/${m.id}/stored-value?limit=2`));
    const p2 = ok(await w.a.admin.get(`/api/v1/loyalty/members/${m.id}/stored-value?limit=2&cursor=${p1.nextCursor}`));
    expect([...p1.items, ...p2.items].map((e: { amountFen: number }) => e.amountFen)).toEqual([-500, 3_000, 2_000, 1_000]);
    expect(p2.nextCursor).toBeNull();
    expect((await v.valueOf(w.a.admin, m.id, '&kind=topup')).items).toHaveLength(3);
    expect(issuePaths(await w.a.admin.get(`/api/v1/loyalty/members/${m.id}/stored-value?kind=gift`))).toEqual(['query.kind']);
  });

  it('answers 404 to another tenant on every route, and 403 without the permission', async () => {
    const { w, m, counter } = await world();
    const b = await newTenant(t, '乙品牌');
    await v.fund(counter.client, m.id, 10_000);
    const s = ok(await v.spend(counter.client, m.id, { amountFen: 100 }), 201);
    expectErrorBody(await b.admin.get(`/api/v1/loyalty/members/${m.id}/stored-value`), 404, 'not_found');
    expectErrorBody(await v.topUp(b.admin, m.id, { amountFen: 100 }), 404, 'not_found');
    expectErrorBody(await v.spend(b.admin, m.id, { amountFen: 100 }), 404, 'not_found');
    expectErrorBody(await v.refund(b.admin, m.id, { amountFen: 100 }), 404, 'not_found');
    expectErrorBody(await v.cancel(b.admin, s.entry.id), 404, 'not_found');
    expect((await v.verify(b.admin)).entries).toBe(0);
    const viewer = await createRole(w.a.admin, { permissions: ['loyalty:view'], dataScope: 'tenant' });
    const reader = await userIn(t, w.a.admin, w.a.code, w.store.id, viewer.name);
    expect((await v.valueOf(reader.client, m.id)).balance.balanceFen).toBe(9_900);
    expectErrorBody(await v.topUp(reader.client, m.id, { amountFen: 100 }), 403, 'forbidden');
    expectErrorBody(await v.spend(reader.client, m.id, { amountFen: 100 }), 403, 'forbidden');
    expectErrorBody(await reader.client.post('/api/v1/loyalty/stored-value/verify'), 403, 'forbidden');
    const nobody = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const stranger = await userIn(t, w.a.admin, w.a.code, w.store.id, nobody.name);
    expectErrorBody(await stranger.client.get(`/api/v1/loyalty/members/${m.id}/stored-value`), 403, 'forbidden');
    expectErrorBody(await stranger.client.get('/api/v1/loyalty/stored-value/summary'), 403, 'forbidden');
  });
});

describe('bad input', () => {
  it('answers 422 with the paths of the fields', async () => {
    const { m, counter, manager } = await world();
    expect(issuePaths(await v.topUp(counter.client, m.id, { amountFen: 0, method: 'barter' })).sort()).toEqual(['body.amountFen', 'body.method']);
    expect(issuePaths(await v.topUp(counter.client, m.id, { amountFen: 10.5 }))).toEqual(['body.amountFen']);
    expect(issuePaths(await v.spend(counter.client, m.id, { amountFen: -1 }))).toEqual(['body.amountFen']);
    expect(issuePaths(await v.spend(counter.client, m.id, { amountFen: 1, orderId: 'x' }))).toEqual(['body.orderId']);
    expect(issuePaths(await v.refund(manager.client, m.id, { amountFen: 1, method: undefined, reason: undefined })).sort()).toEqual(['body.method', 'body.reason']);
    expect(issuePaths(await counter.client.get('/api/v1/loyalty/stored-value/summary?from=2026-11-20&to=2026-11-01'))).toEqual(['query.from']);
    expect(issuePaths(await counter.client.get('/api/v1/loyalty/stored-value/summary?from=yesterday'))).toEqual(['query.from']);
  });
});

describe('summary', () => {
  it('states the liability of the caller’s members and the period’s movements per store where they happened', async () => {
    const { w, m, counter, manager } = await world();
    const other = await makeStore(w.a.admin, w.region.id);
    const far = await userIn(t, w.a.admin, w.a.code, other.id, '店长');
    const farMember = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '孙丽', storeId: other.id })).id);
    t.clock.set('2026-10-31T10:00:00.000Z'); // 31 October in Shanghai: last month (sessions last 12 hours, so back, not forward)
    await v.fund(counter.client, m.id, 50_000);
    t.clock.set('2026-11-22T07:30:00.000Z');
    ok(await v.topUp(counter.client, m.id, { amountFen: 100_000 }), 201); // + 10000 bonus, at the home store
    const s = ok(await v.spend(far.client, m.id, { amountFen: 16_000 }), 201); // at the other store
    ok(await v.cancel(far.client, s.entry.id), 200);
    ok(await v.spend(far.client, m.id, { amountFen: 6_000 }), 201);
    ok(await v.refund(manager.client, m.id, { amountFen: 10_000 }), 201);
    await v.fund(far.client, farMember.id, 20_000);

    // Before the refund: 144375 principal, 9625 bonus; refunding 10000 forfeits ceil(10000 × 9625 ÷ 144375) = 667.
    const mine = await v.valueOf(w.a.admin, m.id);
    expect(mine.balance).toMatchObject({ principalFen: 134_375, bonusFen: 8_958 });
    const all = ok(await w.a.admin.get('/api/v1/loyalty/stored-value/summary'));
    expect(all).toMatchObject({ from: '2026-11-01', to: '2026-11-22' });
    expect(all.liability).toEqual({ accounts: 2, balanceFen: mine.balance.balanceFen + 20_000, principalFen: mine.balance.principalFen + 20_000, bonusFen: mine.balance.bonusFen });
    expect(all.period).toEqual({ topUps: 2, topUpFen: 120_000, bonusFen: 10_000, spends: 2, spendFen: 22_000, cancelledFen: 16_000, refunds: 1, refundFen: 10_000, forfeitedBonusFen: 667 });
    expect(all.byStore.map((x: { storeId: string }) => x.storeId).sort()).toEqual([w.store.id, other.id].sort());
    expect(all.byStore.find((x: { storeId: string }) => x.storeId === other.id)).toMatchObject({ topUps: 1, spends: 2, spendFen: 22_000, cancelledFen: 16_000, refunds: 0 });
    const october = ok(await w.a.admin.get('/api/v1/loyalty/stored-value/summary?from=2026-10-01&to=2026-10-31'));
    expect(october.period).toMatchObject({ topUps: 1, topUpFen: 50_000, spends: 0, refunds: 0 });
    const november = '/api/v1/loyalty/stored-value/summary';

    // A store manager: the liability of the store's members; the movements made at the store.
    const home = ok(await manager.client.get(november));
    expect(home.liability).toMatchObject({ accounts: 1, balanceFen: mine.balance.balanceFen });
    expect(home.period).toMatchObject({ topUps: 1, topUpFen: 100_000, spends: 0, refunds: 1, refundFen: 10_000 });
    const away = ok(await far.client.get(november));
    expect(away.liability).toMatchObject({ accounts: 1, balanceFen: 20_000 });
    expect(away.period).toMatchObject({ topUps: 1, topUpFen: 20_000, spends: 2, spendFen: 22_000, cancelledFen: 16_000, refunds: 0 });
  });
});

describe('verification and the append-only ledger', () => {
  it('reports no mismatch for a healthy ledger and finds a tampered balance and a tampered entry; only loyalty:admin verifies', async () => {
    const { w, m, counter, manager } = await world();
    ok(await v.topUp(counter.client, m.id, { amountFen: 100_000 }), 201);
    const s = ok(await v.spend(counter.client, m.id, { amountFen: 7_777 }), 201);
    ok(await v.cancel(manager.client, s.entry.id), 200);
    expect(await v.verify(w.a.admin)).toMatchObject({ accounts: 1, entries: 3, mismatches: [] });
    expectErrorBody(await manager.client.post('/api/v1/loyalty/stored-value/verify'), 403, 'forbidden');

    // The balance row is a cache: change it behind the product's back.
    await t.deps.db.pool.query('UPDATE stored_value_balances SET balance_fen = balance_fen + 1, principal_fen = principal_fen + 1 WHERE account_id = $1', [m.accountId]);
    const bad = await v.verify(w.a.admin);
    expect(bad.mismatches.map((x) => x.problem).sort()).toEqual(['balance_differs', 'principal_differs']);
    expect(bad.mismatches.find((x) => x.problem === 'balance_differs')).toMatchObject({ expected: 110_000, found: 110_001 });
    await t.deps.db.pool.query('UPDATE stored_value_balances SET balance_fen = balance_fen - 1, principal_fen = principal_fen - 1 WHERE account_id = $1', [m.accountId]);

    // An entry can only change with the triggers switched off (replication role): the check still finds it.
    const c = await t.deps.db.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL session_replication_role = replica');
      await c.query('UPDATE stored_value_entries SET balance_after_fen = balance_after_fen + 5, principal_after_fen = principal_after_fen + 5 WHERE id = $1', [s.entry.id]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    const tampered = await v.verify(w.a.admin);
    expect(tampered.mismatches.map((x) => [x.problem, x.entryId])).toEqual(
      expect.arrayContaining([
        ['balance_after_differs', s.entry.id],
        ['principal_after_differs', s.entry.id],
      ]),
    );
    const audit = await t.deps.db.pool.query("SELECT meta FROM audit_log WHERE tenant_id = $1 AND action = 'storedValueLedger.verified' ORDER BY id", [w.a.tenant.id]);
    expect(audit.rows.map((r) => r.meta.mismatches)).toEqual([0, 2, 2]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries in the database', async () => {
    const { w, m, counter } = await world();
    const a = await v.fund(counter.client, m.id, 1_000);
    const pool = t.deps.db.pool;
    await expect(pool.query('UPDATE stored_value_entries SET amount_fen = 1000000, principal_fen = 1000000 WHERE id = $1', [a.entry.id])).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM stored_value_entries WHERE id = $1', [a.entry.id])).rejects.toThrow(/append-only/);
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await expect(c.query('TRUNCATE stored_value_entries')).rejects.toThrow(/append-only/);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
    // A part below zero cannot even be written.
    await expect(
      pool.query(
        `INSERT INTO stored_value_entries (tenant_id, account_id, kind, amount_fen, principal_fen, bonus_fen, balance_after_fen, principal_after_fen, bonus_after_fen, source_type, source_id)
         VALUES ($1, $2, 'spend', -2000, -2000, 0, -1000, -1000, 0, 'test', 'x')`,
        [w.a.tenant.id, m.accountId],
      ),
    ).rejects.toThrow(/stored_value_entries_after/);
    expect((await v.valueOf(w.a.admin, m.id)).balance.balanceFen).toBe(1_000);
  });
});
