import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topUpBonusFor } from '@jiake/shared';
import { AppError } from '../../src/platform/http/errors.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import type { Ctx } from '../../src/platform/http/context.ts';
import { transferStoredValue, valueSpentByMember } from '../../src/modules/loyalty/index.ts';
import { refundParts, spendParts } from '../../src/modules/loyalty/stored-value-ledger.ts';
import { cancelSpend, refund, spend, topUp } from '../../src/modules/loyalty/stored-value-movements.service.ts';
import { verifyStoredValue } from '../../src/modules/loyalty/stored-value-read.service.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { enrol, loyaltyWorld, newMember, ok, setSettings } from './fixtures.ts';
import { valueApi } from './stored-value.fixtures.ts';

/**
 * The stored-value ledger core (LOY-8): the stated rules of the parts, concurrency on real PostgreSQL, the transfer
 * and spend-by-member hooks, and a property over random sequences keeping every invariant.
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

const db = () => t.deps.db.db;
const ctxOf = (tenantId: string, now: () => Date = t.clock.now): Ctx => systemCtx(db(), tenantId, now, 'test.storedValue');
const STEPS = [{ minFen: 10_000, bonusFen: 1_000 }, { minFen: 50_000, bonusFen: 8_000 }];
let n = 0;
const src = () => ({ type: 'test', id: `s${n++}` });
const balanceRow = async (accountId: string) => {
  const r = await t.deps.db.pool.query('SELECT balance_fen::int AS balance, principal_fen::int AS principal, bonus_fen::int AS bonus FROM stored_value_balances WHERE account_id = $1', [accountId]);
  return (r.rows[0] ?? { balance: 0, principal: 0, bonus: 0 }) as { balance: number; principal: number; bonus: number };
};
const reasonOf = (e: unknown) => (e instanceof AppError ? e.extra.params?.reason : e);

describe('the rules of the parts', () => {
  it('gives the bonus of the largest step reached, once, whatever the order of the steps', () => {
    const steps = [{ minFen: 200_000, bonusFen: 30_000 }, { minFen: 100_000, bonusFen: 10_000 }];
    expect([99_999, 100_000, 199_999, 200_000, 1_000_000].map((a) => topUpBonusFor(steps, a))).toEqual([0, 10_000, 10_000, 30_000, 30_000]);
    expect(topUpBonusFor([], 1_000_000)).toBe(0);
  });

  it('spends in proportion with the odd fen from the principal, exactly beyond 2^53', () => {
    expect(spendParts({ balanceFen: 110_000, bonusFen: 10_000 }, 333)).toEqual({ principalFen: -303, bonusFen: -30 });
    expect(spendParts({ balanceFen: 110_000, bonusFen: 10_000 }, 110_000)).toEqual({ principalFen: -100_000, bonusFen: -10_000 });
    expect(spendParts({ balanceFen: 5_000, bonusFen: 0 }, 5_000)).toEqual({ principalFen: -5_000, bonusFen: -0 });
    // 1000 × 10000 ÷ 110000 = 90.9…: floored, not rounded.
    expect(spendParts({ balanceFen: 110_000, bonusFen: 10_000 }, 1_000)).toEqual({ principalFen: -910, bonusFen: -90 });
    // The product passes 2^53; in doubles this quotient floors to 2557409786, exactly it is 2557409785.99999993.
    expect(spendParts({ balanceFen: 5_498_745_575, bonusFen: 4_236_733_489 }, 3_319_195_267)).toEqual({ principalFen: -761_785_482, bonusFen: -2_557_409_785 });
    expect(reasonOf((() => { try { spendParts({ balanceFen: 10, bonusFen: 0 }, 11); } catch (e) { return e; } })())).toBe('insufficient_value');
  });

  it('refunds principal forfeiting the bonus in proportion, rounded up, all of it with the whole principal', () => {
    expect(refundParts({ principalFen: 100_000, bonusFen: 10_000 }, 33_333)).toEqual({ principalFen: -33_333, bonusFen: -3_334 });
    expect(refundParts({ principalFen: 100_000, bonusFen: 10_000 }, 100_000)).toEqual({ principalFen: -100_000, bonusFen: -10_000 });
    expect(refundParts({ principalFen: 100_000, bonusFen: 10_000 }, 1)).toEqual({ principalFen: -1, bonusFen: -1 });
    expect(refundParts({ principalFen: 100, bonusFen: 0 }, 40)).toEqual({ principalFen: -40, bonusFen: -0 });
    expect(reasonOf((() => { try { refundParts({ principalFen: 0, bonusFen: 500 }, 1); } catch (e) { return e; } })())).toBe('refund_exceeds_principal');
  });
});

describe('concurrency on real PostgreSQL', () => {
  it('never overdraws under 20 concurrent spends from two stores', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { storedValue: { topUpBonuses: [], maxBalanceFen: 10_000_000 } });
    const m = await enrol(w.a.admin, w.customer.id);
    const here = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const there = await userIn(t, w.a.admin, w.a.code, (await makeStore(w.a.admin, w.region.id)).id, '导购');
    await v.fund(here.client, m.id, 3_000);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => v.spend(i % 2 ? here.client : there.client, m.id, { amountFen: 300 })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
    for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().error.params.reason).toBe('insufficient_value');
    expect(await balanceRow(m.accountId)).toEqual({ balance: 0, principal: 0, bonus: 0 });
    const low = await t.deps.db.pool.query('SELECT min(balance_after_fen)::int AS low, count(*)::int AS n FROM stored_value_entries WHERE account_id = $1', [m.accountId]);
    expect(low.rows[0]).toEqual({ low: 0, n: 11 });
    expect((await v.verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('keeps concurrent top-ups within the ceiling', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { storedValue: { topUpBonuses: [], maxBalanceFen: 50_000 } });
    const m = await enrol(w.a.admin, w.customer.id);
    const results = await Promise.all(Array.from({ length: 12 }, () => v.topUp(w.a.admin, m.id, { amountFen: 10_000 })));
    expect(results.map((r) => r.statusCode).filter((s) => s === 201)).toHaveLength(5);
    expect((await balanceRow(m.accountId)).balance).toBe(50_000);
    expect((await v.verify(w.a.admin)).mismatches).toEqual([]);
  });
});

describe('transferStoredValue', () => {
  it('moves the whole balance with its parts, once per source; an empty account moves nothing', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { storedValue: { topUpBonuses: STEPS, maxBalanceFen: 100_000 } });
    const a = await enrol(w.a.admin, w.customer.id);
    const b = (await newMember(w, '周芷若')).member;
    ok(await v.topUp(w.a.admin, a.id, { amountFen: 50_000 }), 201); // + 8000
    ok(await v.spend(w.a.admin, a.id, { amountFen: 5_800 }), 201); // 5000 principal, 800 bonus
    ok(await v.topUp(w.a.admin, b.id, { amountFen: 90_000 }), 201); // + 8000: the ceiling does not bind a transfer
    const ctx = ctxOf(w.a.tenant.id);
    const source = { type: 'familyJoin', id: 'join-1' };
    const moved = await db().transaction((tx) => transferStoredValue(ctx, tx, { fromAccountId: a.accountId, toAccountId: b.accountId, memberId: a.id, source }));
    expect(moved).toBe(52_200);
    expect(await balanceRow(a.accountId)).toEqual({ balance: 0, principal: 0, bonus: 0 });
    expect(await balanceRow(b.accountId)).toEqual({ balance: 150_200, principal: 135_000, bonus: 15_200 });
    const again = await db().transaction((tx) => transferStoredValue(ctx, tx, { fromAccountId: a.accountId, toAccountId: b.accountId, memberId: a.id, source }));
    expect(again).toBe(52_200);
    const entries = await t.deps.db.pool.query(
      'SELECT account_id, kind, principal_fen::int AS p, bonus_fen::int AS b, member_id, store_id FROM stored_value_entries WHERE source_type = $1 AND tenant_id = $2 ORDER BY seq',
      ['familyJoin', w.a.tenant.id],
    );
    expect(entries.rows).toEqual([
      { account_id: a.accountId, kind: 'transfer_out', p: -45_000, b: -7_200, member_id: a.id, store_id: null },
      { account_id: b.accountId, kind: 'transfer_in', p: 45_000, b: 7_200, member_id: a.id, store_id: null },
    ]);
    // Nothing left to move: 0, and no entry.
    expect(await db().transaction((tx) => transferStoredValue(ctx, tx, { fromAccountId: a.accountId, toAccountId: b.accountId, memberId: a.id, source: src() }))).toBe(0);
    await expect(db().transaction((tx) => transferStoredValue(ctx, tx, { fromAccountId: a.accountId, toAccountId: a.accountId, memberId: a.id, source: src() }))).rejects.toThrow(/differ/);
    const other = await newTenant(t);
    await expect(db().transaction((tx) => transferStoredValue(ctxOf(other.tenant.id), tx, { fromAccountId: b.accountId, toAccountId: a.accountId, memberId: a.id, source: src() }))).rejects.toThrow(/not found/);
    const audit = await t.deps.db.pool.query("SELECT action FROM audit_log WHERE tenant_id = $1 AND action LIKE 'storedValueEntry.transferred%' ORDER BY id", [w.a.tenant.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['storedValueEntry.transferredOut', 'storedValueEntry.transferredIn']);
    expect((await verifyStoredValue(db(), w.a.tenant.id)).mismatches).toEqual([]);
  });

  it('runs two opposite transfers at once without a deadlock', async () => {
    const w = await loyaltyWorld(t);
    const a = await enrol(w.a.admin, w.customer.id);
    const b = (await newMember(w, '张无忌')).member;
    await v.fund(w.a.admin, a.id, 1_000);
    await v.fund(w.a.admin, b.id, 2_000);
    const ctx = ctxOf(w.a.tenant.id);
    const moves = await Promise.all([
      db().transaction((tx) => transferStoredValue(ctx, tx, { fromAccountId: a.accountId, toAccountId: b.accountId, memberId: a.id, source: src() })),
      db().transaction((tx) => transferStoredValue(ctx, tx, { fromAccountId: b.accountId, toAccountId: a.accountId, memberId: b.id, source: src() })),
    ]);
    // One ran first and moved its own balance; the second moved everything back the other way.
    expect([[1_000, 3_000], [2_000, 3_000]]).toContainEqual([...moves].sort((x, y) => x - y));
    expect((await balanceRow(a.accountId)).balance + (await balanceRow(b.accountId)).balance).toBe(3_000);
    expect((await verifyStoredValue(db(), w.a.tenant.id)).mismatches).toEqual([]);
  });
});

describe('valueSpentByMember', () => {
  it('sums a member’s spends since a date, net of cancelled spends', async () => {
    const w = await loyaltyWorld(t);
    const a = await enrol(w.a.admin, w.customer.id);
    const b = (await newMember(w, '殷素素')).member;
    await v.fund(w.a.admin, a.id, 100_000);
    await v.fund(w.a.admin, b.id, 100_000);
    t.clock.set('2026-11-01T01:00:00.000Z');
    ok(await v.spend(w.a.admin, a.id, { amountFen: 1_000 }), 201); // before the date
    t.clock.set('2026-11-22T07:30:00.000Z');
    ok(await v.spend(w.a.admin, a.id, { amountFen: 2_000 }), 201);
    const cancelled = ok(await v.spend(w.a.admin, a.id, { amountFen: 4_000 }), 201);
    ok(await v.cancel(w.a.admin, cancelled.entry.id), 200);
    ok(await v.spend(w.a.admin, b.id, { amountFen: 8_000 }), 201); // another member
    const since = new Date('2026-11-10T00:00:00.000Z');
    expect(await db().transaction((tx) => valueSpentByMember(tx, w.a.tenant.id, a.id, since))).toBe(2_000);
    expect(await db().transaction((tx) => valueSpentByMember(tx, w.a.tenant.id, a.id, new Date('2026-10-01T00:00:00.000Z')))).toBe(3_000);
    expect(await db().transaction((tx) => valueSpentByMember(tx, w.a.tenant.id, b.id, since))).toBe(8_000);
    const other = await newTenant(t);
    expect(await db().transaction((tx) => valueSpentByMember(tx, other.tenant.id, a.id, since))).toBe(0);
  });
});

describe('property: random sequences keep the invariants', () => {
  type Op =
    | { op: 'topup'; who: 0 | 1; fen: number }
    | { op: 'spend'; who: 0 | 1; fen: number }
    | { op: 'cancel'; which: number }
    | { op: 'refund'; who: 0 | 1; fen: number }
    | { op: 'transfer'; who: 0 | 1 };
  const who = fc.constantFrom<0 | 1>(0, 1);
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('topup' as const), who, fen: fc.integer({ min: 1, max: 80_000 }) }),
    fc.record({ op: fc.constant('spend' as const), who, fen: fc.integer({ min: 1, max: 60_000 }) }),
    fc.record({ op: fc.constant('cancel' as const), which: fc.nat(20) }),
    fc.record({ op: fc.constant('refund' as const), who, fen: fc.integer({ min: 1, max: 60_000 }) }),
    fc.record({ op: fc.constant('transfer' as const), who }),
  );

  it('balance = Σ entries, parts never negative, spends and refunds within their stated rounding, never overdrawn', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { storedValue: { topUpBonuses: STEPS, maxBalanceFen: 10_000_000_000 } });
    const tenantId = w.a.tenant.id;
    const ctx = ctxOf(tenantId);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        run++;
        const members = [(await newMember(w, `甲${run}`)).member, (await newMember(w, `乙${run}`)).member];
        const model = [{ p: 0, b: 0 }, { p: 0, b: 0 }];
        const spends: { id: string; who: number; p: number; b: number; cancelled: boolean }[] = [];
        for (const o of ops) {
          if (o.op === 'topup') {
            const r = await topUp(ctx, members[o.who].id, { amountFen: o.fen, method: 'cash' });
            expect([r.body.entry.principalFen, r.body.entry.bonusFen]).toEqual([o.fen, topUpBonusFor(STEPS, o.fen)]);
            model[o.who].p += o.fen;
            model[o.who].b += topUpBonusFor(STEPS, o.fen);
          } else if (o.op === 'spend') {
            const m = model[o.who];
            const total = m.p + m.b;
            const r = await spend(ctx, members[o.who].id, { amountFen: o.fen }).catch((e: unknown) => e);
            if (o.fen > total) {
              expect(reasonOf(r)).toBe('insufficient_value');
              continue;
            }
            if (!(r && typeof r === 'object' && 'body' in r)) throw r;
            const e = (r as Awaited<ReturnType<typeof spend>>).body.entry;
            const took = BigInt(-e.bonusFen);
            // bonus taken = floor(amount × bonus ÷ balance)
            expect(took * BigInt(total) <= BigInt(o.fen) * BigInt(m.b) && BigInt(o.fen) * BigInt(m.b) < (took + 1n) * BigInt(total)).toBe(true);
            expect(e.principalFen + e.bonusFen).toBe(-o.fen);
            m.p += e.principalFen;
            m.b += e.bonusFen;
            spends.push({ id: e.id, who: o.who, p: e.principalFen, b: e.bonusFen, cancelled: false });
          } else if (o.op === 'cancel') {
            const open = spends.filter((s) => !s.cancelled);
            const s = open[o.which % Math.max(1, open.length)];
            if (!s) continue;
            const r = await cancelSpend(ctx, s.id, null);
            // 0 - x, not -x: a part of 0 must compare as +0, which is what the entry holds.
            expect([r.entry.principalFen, r.entry.bonusFen]).toEqual([0 - s.p, 0 - s.b]);
            s.cancelled = true;
            model[s.who].p -= s.p;
            model[s.who].b -= s.b;
            expect(reasonOf(await cancelSpend(ctx, s.id, null).catch((e: unknown) => e))).toBe('already_cancelled');
          } else if (o.op === 'refund') {
            const m = model[o.who];
            const r = await refund(ctx, members[o.who].id, { amountFen: o.fen, method: 'cash', reason: '测试' }).catch((e: unknown) => e);
            if (o.fen > m.p) {
              expect(reasonOf(r)).toBe('refund_exceeds_principal');
              continue;
            }
            if (!(r && typeof r === 'object' && 'body' in r)) throw r;
            const e = (r as Awaited<ReturnType<typeof refund>>).body.entry;
            const f = BigInt(-e.bonusFen);
            // bonus forfeited = ceil(amount × bonus ÷ principal)
            expect((f - 1n) * BigInt(m.p) < BigInt(o.fen) * BigInt(m.b) || f === 0n).toBe(true);
            expect(BigInt(o.fen) * BigInt(m.b) <= f * BigInt(m.p)).toBe(true);
            expect(e.principalFen).toBe(-o.fen);
            m.p += e.principalFen;
            m.b += e.bonusFen;
          } else {
            const from = o.who;
            const to = 1 - from;
            const moved = await db().transaction((tx) =>
              transferStoredValue(ctx, tx, { fromAccountId: members[from].accountId, toAccountId: members[to].accountId, memberId: members[from].id, source: src() }),
            );
            expect(moved).toBe(model[from].p + model[from].b);
            model[to] = { p: model[to].p + model[from].p, b: model[to].b + model[from].b };
            model[from] = { p: 0, b: 0 };
          }
          for (const i of [0, 1]) {
            const row = await balanceRow(members[i].accountId);
            expect(row).toEqual({ balance: model[i].p + model[i].b, principal: model[i].p, bonus: model[i].b });
            expect(row.principal >= 0 && row.bonus >= 0).toBe(true);
          }
        }
        for (const m of members) expect((await verifyStoredValue(db(), tenantId, m.accountId)).mismatches).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
