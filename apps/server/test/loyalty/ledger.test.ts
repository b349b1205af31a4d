import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/http/errors.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import type { Ctx } from '../../src/platform/http/context.ts';
import { expireDueLots, postPoints, verifyLedger, type Posting } from '../../src/modules/loyalty/index.ts';
import { insertAccount } from '../../src/modules/loyalty/ledger.repository.ts';
import { expiryFor, pointsFor } from '../../src/modules/loyalty/program.ts';
import { newTenant, type TestApp, testApp } from '../helpers.ts';
import { enrol, entriesOf, loyaltyWorld, memberOf, ok, setSettings } from './fixtures.ts';

/** The ledger core (LOY-8): append-only, balance = Σ entries, lots exact, idempotent by source, never overdrawn. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

const db = () => t.deps.db.db;
const ctxOf = (tenantId: string, now: () => Date = t.clock.now): Ctx => systemCtx(db(), tenantId, now, 'test.ledger');
const post = (ctx: Ctx, p: Posting) => db().transaction((tx) => postPoints(ctx, tx, p));
const newAccount = (tenantId: string) => insertAccount(db(), { tenantId, kind: 'individual' });
let n = 0;
const src = () => ({ type: 'test', id: `s${n++}` });
const balanceOf = async (accountId: string) => Number((await t.deps.db.pool.query('SELECT balance FROM loyalty_accounts WHERE id = $1', [accountId])).rows[0].balance);

describe('rules', () => {
  it('floors points per order and states the expiry by policy (Shanghai calendar)', () => {
    expect(pointsFor(1_899_800, { points: 1, yuan: 1 })).toBe(18_998);
    expect(pointsFor(99, { points: 1, yuan: 1 })).toBe(0);
    expect(pointsFor(999, { points: 1, yuan: 10 })).toBe(0);
    expect(pointsFor(1_999, { points: 1, yuan: 10 })).toBe(1);
    expect(pointsFor(1_899_850, { points: 3, yuan: 2 })).toBe(28_497);
    // 23:30 on 31 December 2026 in Shanghai is still 2026.
    const lateNight = new Date('2026-12-31T15:30:00.000Z');
    expect(expiryFor({ kind: 'year_end', years: 1 }, lateNight)?.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(expiryFor({ kind: 'year_end', years: 0 }, lateNight)?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(expiryFor({ kind: 'months', months: 1 }, new Date('2027-01-31T02:00:00.000Z'))?.toISOString()).toBe('2027-02-28T16:00:00.000Z');
    expect(expiryFor({ kind: 'never' }, lateNight)).toBeNull();
  });
});

describe('postPoints', () => {
  it('is idempotent by source: the same source posts once and answers the first entry', async () => {
    const w = await loyaltyWorld(t);
    const ctx = ctxOf(w.a.tenant.id);
    const a = await newAccount(w.a.tenant.id);
    const s = src();
    const first = await post(ctx, { accountId: a.id, kind: 'earn', points: 100, source: s });
    const again = await post(ctx, { accountId: a.id, kind: 'earn', points: 100, source: s });
    expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id } });
    expect(await balanceOf(a.id)).toBe(100);
  });

  it('refuses to overdraw with 409 insufficient_points, and refuses the wrong sign for a kind', async () => {
    const w = await loyaltyWorld(t);
    const ctx = ctxOf(w.a.tenant.id);
    const a = await newAccount(w.a.tenant.id);
    await post(ctx, { accountId: a.id, kind: 'earn', points: 50, source: src() });
    const err = await post(ctx, { accountId: a.id, kind: 'redeem', points: -51, source: src() }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.extra.params).toEqual({ reason: 'insufficient_points', balance: 50, points: 51 });
    await expect(post(ctx, { accountId: a.id, kind: 'redeem', points: 5, source: src() })).rejects.toThrow(/takes points away/);
    await expect(post(ctx, { accountId: a.id, kind: 'earn', points: 0, source: src() })).rejects.toThrow(/non-zero/);
    const other = await newTenant(t);
    await expect(post(ctxOf(other.tenant.id), { accountId: a.id, kind: 'earn', points: 5, source: src() })).rejects.toThrow(/not found/);
    expect(await balanceOf(a.id)).toBe(50);
  });

  it('spends the soonest-expiring lot first and expires exactly what a partly spent lot still holds', async () => {
    const w = await loyaltyWorld(t);
    const ctx = ctxOf(w.a.tenant.id);
    const a = await newAccount(w.a.tenant.id);
    const later = await post(ctx, { accountId: a.id, kind: 'earn', points: 100, source: src(), expiresAt: new Date('2027-06-30T16:00:00.000Z') });
    const sooner = await post(ctx, { accountId: a.id, kind: 'earn', points: 80, source: src(), expiresAt: new Date('2026-12-31T16:00:00.000Z') });
    await post(ctx, { accountId: a.id, kind: 'redeem', points: -50, source: src() });
    const expired = await expireDueLots(ctx, new Date('2027-01-01T00:00:00.000Z'));
    expect(expired).toEqual({ lots: 1, points: 30 });
    expect(await balanceOf(a.id)).toBe(100);
    const lots = await t.deps.db.pool.query('SELECT entry_id, remaining::int AS r FROM points_lots WHERE account_id = $1 ORDER BY earned_at, id', [a.id]);
    expect(Object.fromEntries(lots.rows.map((l) => [l.entry_id, l.r]))).toEqual({ [later.entry.id]: 100, [sooner.entry.id]: 0 });
    // A second sweep finds nothing.
    expect(await expireDueLots(ctx, new Date('2027-01-02T00:00:00.000Z'))).toEqual({ lots: 0, points: 0 });
    expect((await verifyLedger(db(), w.a.tenant.id, a.id)).mismatches).toEqual([]);
  });

  it('expires all of an account’s due lots together: an entry per lot, soonest first, each with the balance after it', async () => {
    const w = await loyaltyWorld(t);
    const ctx = ctxOf(w.a.tenant.id);
    const a = await newAccount(w.a.tenant.id);
    const earn = (points: number, expiresAt: string) => post(ctx, { accountId: a.id, kind: 'earn', points, source: src(), expiresAt: new Date(expiresAt) });
    const second = await earn(40, '2026-12-31T16:00:00.000Z');
    const first = await earn(70, '2026-12-30T16:00:00.000Z');
    const third = await earn(25, '2026-12-31T16:00:01.000Z');
    await earn(500, '2027-12-31T16:00:00.000Z');
    await post(ctx, { accountId: a.id, kind: 'redeem', points: -50, source: src() }); // 50 of the first lot's 70
    expect(await expireDueLots(ctx, new Date('2027-01-01T00:00:00.000Z'))).toEqual({ lots: 3, points: 85 });
    expect(await balanceOf(a.id)).toBe(500);
    const expired = await t.deps.db.pool.query(
      `SELECT e.points::int, e.balance_after::int AS after, l.entry_id AS lot_of, c.points::int AS took, e.breakdown->0->>'rule' AS rule
         FROM points_entries e JOIN points_lots l ON l.id::text = e.source_id JOIN points_lot_consumptions c ON c.entry_id = e.id AND c.lot_id = l.id
        WHERE e.account_id = $1 AND e.kind = 'expire' ORDER BY e.seq`,
      [a.id],
    );
    expect(expired.rows).toEqual([
      { points: -20, after: 565, lot_of: first.entry.id, took: 20, rule: 'expiry' },
      { points: -40, after: 525, lot_of: second.entry.id, took: 40, rule: 'expiry' },
      { points: -25, after: 500, lot_of: third.entry.id, took: 25, rule: 'expiry' },
    ]);
    const held = await t.deps.db.pool.query('SELECT sum(remaining)::int AS r FROM points_lots WHERE account_id = $1', [a.id]);
    expect(held.rows[0].r).toBe(500);
    expect(await expireDueLots(ctx, new Date('2027-01-02T00:00:00.000Z'))).toEqual({ lots: 0, points: 0 });
    expect((await verifyLedger(db(), w.a.tenant.id, a.id)).mismatches).toEqual([]);
  });

  it('gives a cancelled redemption back to the lots it took, keeping their expiry', async () => {
    const w = await loyaltyWorld(t);
    const ctx = ctxOf(w.a.tenant.id);
    const a = await newAccount(w.a.tenant.id);
    const lot = await post(ctx, { accountId: a.id, kind: 'earn', points: 100, source: src(), expiresAt: new Date('2027-06-30T16:00:00.000Z') });
    const redeem = await post(ctx, { accountId: a.id, kind: 'redeem', points: -60, source: src() });
    const back = await post(ctx, { accountId: a.id, kind: 'redeem_cancel', points: 60, source: { type: 'redemption', id: redeem.entry.id }, restoresEntryId: redeem.entry.id });
    expect(back.entry.balanceAfter).toBe(100);
    const lots = await t.deps.db.pool.query('SELECT entry_id, remaining::int AS r FROM points_lots WHERE account_id = $1', [a.id]);
    expect(lots.rows).toEqual([{ entry_id: lot.entry.id, r: 100 }]);
    expect((await verifyLedger(db(), w.a.tenant.id, a.id)).mismatches).toEqual([]);
  });

  it('never overdraws under 20 concurrent spends on one account', async () => {
    const w = await loyaltyWorld(t);
    const ctx = ctxOf(w.a.tenant.id);
    const a = await newAccount(w.a.tenant.id);
    for (let i = 0; i < 4; i++) await post(ctx, { accountId: a.id, kind: 'earn', points: 250, source: src() });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => post(ctx, { accountId: a.id, kind: 'redeem', points: -100, source: src() })));
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done).toHaveLength(10);
    expect(refused.every((r) => r.reason instanceof AppError && r.reason.extra.params?.reason === 'insufficient_points')).toBe(true);
    expect(await balanceOf(a.id)).toBe(0);
    const r = await t.deps.db.pool.query('SELECT min(balance_after)::int AS low, count(*)::int AS n FROM points_entries WHERE account_id = $1', [a.id]);
    expect(r.rows[0]).toEqual({ low: 0, n: 14 });
    expect((await verifyLedger(db(), w.a.tenant.id, a.id)).mismatches).toEqual([]);
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of entries and lot consumptions in the database', async () => {
    const w = await loyaltyWorld(t);
    const a = await newAccount(w.a.tenant.id);
    const ctx = ctxOf(w.a.tenant.id);
    const e = await post(ctx, { accountId: a.id, kind: 'earn', points: 10, source: src() });
    await post(ctx, { accountId: a.id, kind: 'redeem', points: -5, source: src() });
    const pool = t.deps.db.pool;
    for (const q of [
      ['UPDATE points_entries SET points = 1000 WHERE id = $1', [e.entry.id]],
      ['DELETE FROM points_entries WHERE id = $1', [e.entry.id]],
      ['UPDATE points_lot_consumptions SET points = 0 WHERE account_id = $1', [a.id]],
      ['DELETE FROM points_lot_consumptions WHERE account_id = $1', [a.id]],
    ] as const) {
      await expect(pool.query(q[0], [...q[1]])).rejects.toThrow(/append-only/);
    }
    for (const table of ['points_entries', 'points_lot_consumptions']) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await expect(c.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
      } finally {
        await c.query('ROLLBACK');
        c.release();
      }
    }
    expect(await balanceOf(a.id)).toBe(5);
  });
});

describe('verify ledger', () => {
  it('reports no mismatch for a healthy tenant, and finds a tampered balance and lot', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    ok(await w.a.admin.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 500, reason: '测试' }), 201);
    const clean = ok(await w.a.admin.post('/api/v1/loyalty/verify'));
    expect(clean).toMatchObject({ accounts: 1, entries: 1, mismatches: [], checkedAt: '2026-11-22T07:30:00.000Z' });
    // Tamper with the caches (the only mutable parts) behind the product's back.
    await t.deps.db.pool.query('UPDATE loyalty_accounts SET balance = 501 WHERE id = $1', [m.accountId]);
    await t.deps.db.pool.query('UPDATE points_lots SET remaining = 499 WHERE account_id = $1', [m.accountId]);
    const bad = ok(await w.a.admin.post('/api/v1/loyalty/verify'));
    expect(bad.mismatches.map((x: { problem: string }) => x.problem).sort()).toEqual(['balance_differs', 'lot_remaining_differs', 'lots_differ']);
    expect(bad.mismatches.find((x: { problem: string }) => x.problem === 'balance_differs')).toMatchObject({ expected: 500, found: 501 });
    const audit = await t.deps.db.pool.query("SELECT meta FROM audit_log WHERE tenant_id = $1 AND action = 'loyaltyLedger.verified' ORDER BY id", [w.a.tenant.id]);
    expect(audit.rows.map((r) => r.meta.mismatches)).toEqual([0, 3]);
    // Only loyalty:admin verifies.
    const { userIn } = await import('../helpers.ts');
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    expect((await manager.client.post('/api/v1/loyalty/verify')).statusCode).toBe(403);
  });

  it('keeps the statement filterable by kind', async () => {
    const w = await loyaltyWorld(t);
    await setSettings(w.a.admin, { adjustments: { approvalThreshold: 10_000 } });
    const m = await enrol(w.a.admin, w.customer.id);
    ok(await w.a.admin.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 500, reason: '加' }), 201);
    ok(await w.a.admin.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: -200, reason: '减' }), 201);
    expect((await entriesOf(w.a.admin, m.id)).map((e) => e.points)).toEqual([-200, 500]);
    expect((await entriesOf(w.a.admin, m.id, '&kind=earn')).length).toBe(0);
    expect((await entriesOf(w.a.admin, m.id, '&from=2026-11-22&to=2026-11-22')).length).toBe(2);
    expect((await entriesOf(w.a.admin, m.id, '&from=2026-11-23')).length).toBe(0);
    const page = ok(await w.a.admin.get(`/api/v1/loyalty/members/${m.id}/entries?limit=1`));
    const next = ok(await w.a.admin.get(`/api/v1/loyalty/members/${m.id}/entries?limit=1&cursor=${page.nextCursor}`));
    expect([page.items[0].points, next.items[0].points, next.nextCursor]).toEqual([-200, 500, null]);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(300);
  });
});

describe('property: random sequences of earn, spend, reverse, cancel, expire and transfer keep the invariants', () => {
  type Op =
    | { op: 'earn'; points: number; days: number; fresh: boolean }
    | { op: 'spend'; points: number }
    | { op: 'reverse'; points: number }
    | { op: 'cancel'; which: number }
    | { op: 'expire'; days: number }
    | { op: 'transfer'; points: number; days: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    // fresh: the source is new in this transaction (as an adjustment's), which takes the one-statement credit path.
    fc.record({ op: fc.constant('earn' as const), points: fc.integer({ min: 1, max: 500 }), days: fc.integer({ min: 1, max: 60 }), fresh: fc.boolean() }),
    fc.record({ op: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ op: fc.constant('reverse' as const), points: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ op: fc.constant('cancel' as const), which: fc.nat(20) }),
    fc.record({ op: fc.constant('expire' as const), days: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ op: fc.constant('transfer' as const), points: fc.integer({ min: 1, max: 400 }), days: fc.integer({ min: 1, max: 60 }) }),
  );

  for (const policy of ['allow_negative', 'cap_at_balance'] as const) {
    it(`balance = Σ entries, lots = max(balance, 0), never overdrawn by spending (${policy})`, async () => {
      const w = await loyaltyWorld(t);
      await setSettings(w.a.admin, { returns: { spentPoints: policy } });
      const tenantId = w.a.tenant.id;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
          let now = new Date('2026-11-22T07:30:00.000Z').getTime();
          const ctx = ctxOf(tenantId, () => new Date(now));
          const a = await newAccount(tenantId);
          // A second account that transfers go to (a member joining a family, a merge).
          const b = await newAccount(tenantId);
          let model = 0;
          let modelB = 0;
          const spends: { id: string; points: number; cancelled: boolean }[] = [];
          for (const o of ops) {
            if (o.op === 'earn') {
              await post(ctx, { accountId: a.id, kind: 'earn', points: o.points, source: src(), freshSource: o.fresh, expiresAt: new Date(now + o.days * 86_400_000) });
              model += o.points;
            } else if (o.op === 'spend') {
              const r = await post(ctx, { accountId: a.id, kind: 'redeem', points: -o.points, source: src() }).catch((e: unknown) => e);
              if (r instanceof AppError) expect(o.points).toBeGreaterThan(Math.max(model, 0));
              else if (r && typeof r === 'object' && 'entry' in r) {
                model -= o.points;
                spends.push({ id: (r as { entry: { id: string } }).entry.id, points: o.points, cancelled: false });
              } else throw r;
            } else if (o.op === 'reverse') {
              const r = await post(ctx, { accountId: a.id, kind: 'reverse', points: -o.points, source: src() });
              const taken = policy === 'allow_negative' ? o.points : Math.min(o.points, Math.max(model, 0));
              expect([0 - r.entry.points, r.shortfall]).toEqual([taken, o.points - taken]);
              model -= taken;
            } else if (o.op === 'cancel') {
              const s = spends.filter((x) => !x.cancelled)[o.which % Math.max(1, spends.length)];
              if (!s) continue;
              await post(ctx, { accountId: a.id, kind: 'redeem_cancel', points: s.points, source: { type: 'redemption', id: s.id }, restoresEntryId: s.id });
              s.cancelled = true;
              model += s.points;
            } else if (o.op === 'transfer') {
              // Out of one account and into the other in one transaction; never more than the first holds.
              const r = await ctx.db
                .transaction(async (tx) => {
                  const source = src();
                  await postPoints(ctx, tx, { accountId: a.id, kind: 'transfer_out', points: -o.points, source });
                  await postPoints(ctx, tx, { accountId: b.id, kind: 'transfer_in', points: o.points, source, expiresAt: new Date(now + o.days * 86_400_000) });
                })
                .then(() => null, (e: unknown) => e);
              if (r instanceof AppError) expect(o.points).toBeGreaterThan(Math.max(model, 0));
              else if (r) throw r;
              else {
                model -= o.points;
                modelB += o.points;
              }
            } else {
              now += o.days * 86_400_000;
              const dueOf = async (id: string) =>
                (await t.deps.db.pool.query('SELECT coalesce(sum(remaining), 0)::int AS p FROM points_lots WHERE account_id = $1 AND expires_at <= $2', [id, new Date(now)])).rows[0].p as number;
              const [due, dueB] = [await dueOf(a.id), await dueOf(b.id)];
              const before = await balanceOf(a.id);
              await expireDueLots(ctx, new Date(now));
              expect(await balanceOf(a.id)).toBe(before - due);
              model -= due;
              modelB -= dueB;
            }
            const balance = await balanceOf(a.id);
            expect(balance).toBe(model);
            expect(await balanceOf(b.id)).toBe(modelB);
            if (policy === 'cap_at_balance') expect(balance).toBeGreaterThanOrEqual(0);
          }
          expect((await verifyLedger(db(), tenantId, a.id)).mismatches).toEqual([]);
          expect((await verifyLedger(db(), tenantId, b.id)).mismatches).toEqual([]);
        }),
        { numRuns: 25 },
      );
    });
  }
});
