import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '@jiake/shared';
import { createCustomer, createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { makeStore, newTenant, type Client, type TestApp, testApp, userIn } from '../helpers.ts';
import { paidOrder } from '../orders/fixtures.ts';
import { enrol, entriesOf, memberOf, newMember, ok, setSettings, verify } from './fixtures.ts';
import { activeCard, auditActions, type CardOut, cardWorld, fund, issueCard, redeemCash } from './cards-fixtures.ts';

/**
 * Family accounts (LOY-6 主附卡, LOY-7): sub members join a primary member's account, their points move lot by lot with
 * their expiry, their stored value moves whole, they get a sub card; leaving keeps the balance with the family. One
 * transaction under the account locks, idempotent, and the ledger stays clean.
 */

let t: TestApp;
const NOW = '2026-11-22T07:30:00.000Z';
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.app.close();
});

interface FamilyOut {
  accountId: string;
  kind: string;
  primaryMemberId: string | null;
  balance: number;
  members: { memberId: string; number: string; name: string | null; role: string; joinedAt: string | null; card: CardOut | null; spentThisMonth: { points: number; valueFen: number } }[];
}
interface ChangeOut {
  family: FamilyOut;
  memberId: string;
  pointsMoved: number;
  valueMovedFen: number;
  accountId: string;
}

const join = (c: Client, headId: string, body: Record<string, unknown>) => c.post(`/api/v1/loyalty/members/${headId}/family`, body);
const family = async (c: Client, memberId: string) => ok(await c.get(`/api/v1/loyalty/members/${memberId}/family`)) as FamilyOut;

async function lotsOf(accountId: string) {
  const r = await t.deps.db.pool.query('SELECT points::int, remaining::int, expires_at FROM points_lots WHERE account_id = $1 AND remaining > 0 ORDER BY expires_at NULLS LAST', [accountId]);
  return r.rows.map((l: { remaining: number; expires_at: Date | null }) => [l.remaining, l.expires_at?.toISOString() ?? null]);
}

/** A second member of the world's store with two lots: 300 points expiring in a month, 700 that never expire. */
async function memberWithLots(w: Awaited<ReturnType<typeof cardWorld>>['w'], name = '李秀英') {
  const { customer, member } = await newMember(w, name);
  await setSettings(w.a.admin, { expiry: { kind: 'months', months: 1 } });
  await fund(w.a.admin, member.id, 300);
  await setSettings(w.a.admin, { expiry: { kind: 'never' } });
  await fund(w.a.admin, member.id, 700);
  await setSettings(w.a.admin, { expiry: { kind: 'year_end', years: 1 } });
  return { customer, member };
}

describe('joining a family account', () => {
  it('moves the sub member’s points lot by lot with their expiry and their stored value, issues a sub card, and keeps the ledger clean', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    await fund(w.a.admin, m.id, 1_000);
    const primaryCard = await activeCard(counter.client, m.id);
    const { customer, member: joiner } = await memberWithLots(w);
    const oldCard = await activeCard(counter.client, joiner.id);
    ok(await counter.client.post(`/api/v1/loyalty/members/${joiner.id}/stored-value/top-ups`, { amountFen: 50_000, method: 'wechat' }), 201);

    const out = ok(await join(manager.client, m.id, { customerId: customer.id, monthlyPointsLimit: 500, monthlyValueLimitFen: 20_000 })) as ChangeOut;
    expect(out).toMatchObject({ memberId: joiner.id, pointsMoved: 1_000, valueMovedFen: 50_000, accountId: m.accountId });
    expect(out.family).toMatchObject({ accountId: m.accountId, kind: 'family', primaryMemberId: m.id, balance: 2_000 });
    expect(out.family.members.map((x) => [x.memberId, x.role, x.joinedAt])).toEqual([
      [m.id, 'primary', null],
      [joiner.id, 'sub', NOW],
    ]);
    const sub = out.family.members[1].card!;
    expect(sub).toMatchObject({ kind: 'sub', accountId: m.accountId, monthlyPointsLimit: 500, monthlyValueLimitFen: 20_000, replacesCardId: oldCard.id });
    expect(out.family.members[0].card).toMatchObject({ id: primaryCard.id, kind: 'primary', status: 'active' });
    expect((ok(await counter.client.get(`/api/v1/loyalty/cards/${oldCard.id}`)) as CardOut)).toMatchObject({ status: 'replaced', replacedByCardId: sub.id });

    // The member now earns into and spends from the shared account; their statement is the family's.
    expect(await memberOf(w.a.admin, joiner.id)).toMatchObject({ accountId: m.accountId, balance: 2_000 });
    // Expiry kept: the family holds the joiner's 300 expiring on 2026-12-22 (end of day, Shanghai) and 700 that never expire.
    expect(await lotsOf(m.accountId)).toEqual(expect.arrayContaining([[300, '2026-12-22T16:00:00.000Z'], [700, null]]));
    expect(await lotsOf(joiner.accountId)).toEqual([]);
    const moved = (await entriesOf(w.a.admin, joiner.id)).filter((e) => e.kind === 'transfer_in');
    expect(moved.map((e) => [e.points, e.sourceType, e.expiresAt])).toEqual(expect.arrayContaining([[300, 'transfer', '2026-12-22T16:00:00.000Z'], [700, 'transfer', null]]));
    const stored = ok(await counter.client.get(`/api/v1/loyalty/members/${m.id}/stored-value`));
    expect(stored.balance.balanceFen).toBe(50_000);
    expect(await auditActions(t, w.a.tenant.id, joiner.id)).toContain('loyaltyMember.joinedFamily');
    expect((await verify(w.a.admin)).mismatches).toEqual([]);

    // Adding them again changes nothing.
    const again = ok(await join(manager.client, m.id, { customerId: customer.id })) as ChangeOut;
    expect(again).toMatchObject({ pointsMoved: 0, valueMovedFen: 0 });
    expect((await family(counter.client, joiner.id)).balance).toBe(2_000);
    expect((await entriesOf(w.a.admin, m.id)).filter((e) => e.kind === 'transfer_in')).toHaveLength(2);
  });

  it('lets every member earn into and spend from the shared account (the sub member’s paid order lands there)', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const { customer, member: joiner } = await newMember(w, '周芷若');
    ok(await join(manager.client, m.id, { customerId: customer.id }));
    await paidOrder(w.a.admin, w, { customerId: customer.id });
    await t.deps.jobs.drain(w.a.tenant.id);
    const f = await family(counter.client, m.id);
    expect(f.balance).toBe(18_998);
    ok(await redeemCash(counter.client, m.id, 998), 201);
    ok(await redeemCash(counter.client, joiner.id, 1_000), 201);
    expect((await family(counter.client, joiner.id)).balance).toBe(17_000);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('enrols a customer who is not yet a member, and takes a pre-printed sub card', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const c = await createCustomer(w.a.admin, { name: '新家人', storeId: w.store.id });
    const printed = `88000000000123${luhnCheckDigit('88000000000123')}`;
    const out = ok(await join(manager.client, m.id, { customerId: c.id, cardNumber: printed.replace(/(\d{4})/g, '$1 ') })) as ChangeOut;
    const sub = out.family.members.find((x) => x.role === 'sub')!;
    expect(sub.card).toMatchObject({ number: printed, kind: 'sub', monthlyPointsLimit: null });
    expect(ok(await w.a.admin.get(`/api/v1/loyalty/members?customerId=${c.id}`)).items[0]).toMatchObject({ id: out.memberId, accountId: m.accountId });
  });

  it('replays an Idempotency-Key’s first answer and refuses the key with another body', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const { customer } = await memberWithLots(w);
    const call = (body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/loyalty/members/${m.id}/family`, headers: { cookie: manager.client.cookie, 'idempotency-key': 'family-join-0001' }, payload: body });
    const first = ok(await call({ customerId: customer.id, monthlyPointsLimit: 100 })) as ChangeOut;
    const replay = await call({ customerId: customer.id, monthlyPointsLimit: 100 });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first);
    expect(expectErrorBody(await call({ customerId: customer.id, monthlyPointsLimit: 200 }), 409, 'conflict').params).toEqual({ reason: 'idempotency_key_reused' });
  });

  it('refuses what cannot join: the member themself, a member of another family, the head of a family, a debt (409); unknown or unseen customers (422)', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    expect(expectErrorBody(await join(manager.client, m.id, { customerId: w.customer.id }), 409, 'conflict').params).toMatchObject({ reason: 'same_member' });

    const { customer: a } = await newMember(w, '甲家人');
    ok(await join(manager.client, m.id, { customerId: a.id }));
    const { member: otherHead } = await newMember(w, '另一家');
    expect(expectErrorBody(await join(manager.client, otherHead.id, { customerId: a.id }), 409, 'conflict').params).toMatchObject({ reason: 'in_another_family' });
    // The head of a family with members cannot become someone else's sub member.
    expect(expectErrorBody(await join(manager.client, otherHead.id, { customerId: w.customer.id }), 409, 'conflict').params).toMatchObject({ reason: 'has_family' });

    const { customer: debtor, member: debtorMember } = await newMember(w, '欠分会员');
    await forceDebt(w.a.tenant.id, debtorMember.accountId, debtorMember.id);
    expect(expectErrorBody(await join(manager.client, m.id, { customerId: debtor.id }), 409, 'conflict').params).toMatchObject({ reason: 'negative_balance', balance: -50 });

    const elsewhere = await makeStore(w.a.admin, w.region.id);
    const hidden = await createCustomer(w.a.admin, { name: '外店客户', storeId: elsewhere.id });
    for (const body of [{ customerId: hidden.id }, { customerId: '00000000-0000-4000-8000-000000000001' }, {}]) {
      const res = await join(manager.client, m.id, body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(['body.customerId']);
    }
    expect(issuePaths(await join(manager.client, m.id, { customerId: a.id, monthlyPointsLimit: -1 }))).toEqual(['body.monthlyPointsLimit']);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('never moves a member twice when two families take them at once', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const { member: otherHead } = await newMember(w, '第二家');
    const { customer, member: joiner } = await memberWithLots(w, '抢着加入');
    const results = await Promise.all([join(manager.client, m.id, { customerId: customer.id }), join(manager.client, otherHead.id, { customerId: customer.id })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.json().error.params.reason).toBe('in_another_family');
    const balances = [(await memberOf(w.a.admin, m.id)).balance, (await memberOf(w.a.admin, otherHead.id)).balance].sort();
    expect(balances).toEqual([0, 1_000]);
    expect((await memberOf(w.a.admin, joiner.id)).balance).toBe(1_000);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });
});

/** A debt as a returned order leaves it under the allow_negative policy: a reversal of 50 points on an empty account. */
async function forceDebt(tenantId: string, accountId: string, memberId: string) {
  const { postPoints } = await import('../../src/modules/loyalty/index.ts');
  const { systemCtx } = await import('../../src/platform/jobs/system-ctx.ts');
  const ctx = systemCtx(t.deps.db.db, tenantId, t.clock.now, 'test.debt');
  await t.deps.db.db.transaction((tx) => postPoints({ ...ctx, db: tx as never }, tx, { accountId, memberId, kind: 'reverse', points: -50, source: { type: 'test', id: memberId } }));
}

describe('leaving a family account', () => {
  it('keeps the balance with the family, takes the member back to their own account and cancels the sub card', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const { customer, member: joiner } = await memberWithLots(w);
    ok(await join(manager.client, m.id, { customerId: customer.id }));
    const sub = (await family(counter.client, m.id)).members[1].card!;
    t.clock.advance(60_000);
    expectErrorBody(await counter.client.delete(`/api/v1/loyalty/members/${joiner.id}/family`), 403, 'forbidden');
    const out = ok(await manager.client.delete(`/api/v1/loyalty/members/${joiner.id}/family`)) as ChangeOut;
    expect(out).toMatchObject({ memberId: joiner.id, accountId: joiner.accountId });
    expect(out.family.members.map((x) => x.memberId)).toEqual([m.id]);
    expect(out.family.balance).toBe(1_000);
    expect(await memberOf(w.a.admin, joiner.id)).toMatchObject({ accountId: joiner.accountId, balance: 0 });
    expect((ok(await counter.client.get(`/api/v1/loyalty/cards/${sub.id}`)) as CardOut)).toMatchObject({ status: 'cancelled', usable: false });
    expect(await auditActions(t, w.a.tenant.id, joiner.id)).toEqual(expect.arrayContaining(['loyaltyMember.joinedFamily', 'loyaltyMember.leftFamily']));
    // Their own card again, on their own account.
    expect((ok(await issueCard(counter.client, joiner.id), 201) as CardOut)).toMatchObject({ kind: 'primary', accountId: joiner.accountId });

    expect(expectErrorBody(await manager.client.delete(`/api/v1/loyalty/members/${joiner.id}/family`), 409, 'conflict').params).toMatchObject({ reason: 'not_in_family' });
    expect(expectErrorBody(await manager.client.delete(`/api/v1/loyalty/members/${m.id}/family`), 409, 'conflict').params).toMatchObject({ reason: 'primary_member' });
    // Rejoining moves nothing more (their account is empty) and works again.
    expect((ok(await join(manager.client, m.id, { customerId: customer.id })) as ChangeOut).pointsMoved).toBe(0);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
    t.clock.set(NOW);
  });
});

describe('permissions, scope and tenants', () => {
  it('needs loyalty:enrol to add (403) and shows a store only its own members’ families (404)', async () => {
    const { w, m } = await cardWorld(t);
    const { customer } = await newMember(w, '看客');
    const viewer = await createRole(w.a.admin, { permissions: ['customers:view', 'loyalty:view'], dataScope: 'tenant' });
    const reader = await userIn(t, w.a.admin, w.a.code, w.store.id, viewer.name);
    expect((await family(reader.client, m.id)).members).toHaveLength(1);
    expectErrorBody(await join(reader.client, m.id, { customerId: customer.id }), 403, 'forbidden');
    const elsewhere = await makeStore(w.a.admin, w.region.id);
    const far = await userIn(t, w.a.admin, w.a.code, elsewhere.id, '店长');
    expect((await far.client.get(`/api/v1/loyalty/members/${m.id}/family`)).statusCode).toBe(404);
    expect((await join(far.client, m.id, { customerId: customer.id })).statusCode).toBe(404);
    expect((await far.client.delete(`/api/v1/loyalty/members/${m.id}/family`)).statusCode).toBe(404);
    const b = await newTenant(t);
    expect((await b.admin.get(`/api/v1/loyalty/members/${m.id}/family`)).statusCode).toBe(404);
    expect((await join(b.admin, m.id, { customerId: customer.id })).statusCode).toBe(404);
  });

  it('shows family members of other stores with a masked name', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const elsewhere = await makeStore(w.a.admin, w.region.id);
    const far = await createCustomer(w.a.admin, { name: '远方亲戚', storeId: elsewhere.id });
    await enrol(w.a.admin, far.id);
    ok(await join(w.a.admin, m.id, { customerId: far.id }));
    expect((await family(manager.client, m.id)).members.map((x) => x.name)).toEqual(['王建国', '远***']);
    // The counter (导购) sees only its own customers: every other name is masked.
    expect((await family(counter.client, m.id)).members.map((x) => x.name)).toEqual(['王**', '远***']);
  });
});
