import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOYALTY_SETTINGS } from '@jiake/shared';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import { paidOrder } from '../orders/fixtures.ts';
import { enrol, entriesOf, loyaltyWorld, memberOf, ok } from './fixtures.ts';

/** The programme's settings (loyalty:admin), and the nightly expiry schedule. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

describe('programme settings', () => {
  it('starts from the defaults, replaces the sections given, and audits the change', async () => {
    const w = await loyaltyWorld(t);
    expect(ok(await w.a.admin.get('/api/v1/loyalty/settings'))).toEqual(DEFAULT_LOYALTY_SETTINGS);
    const after = ok(await w.a.admin.patch('/api/v1/loyalty/settings', { expiry: { kind: 'months', months: 24 }, returns: { spentPoints: 'cap_at_balance' } }));
    expect(after).toEqual({ ...DEFAULT_LOYALTY_SETTINGS, expiry: { kind: 'months', months: 24 }, returns: { spentPoints: 'cap_at_balance' } });
    expect(ok(await w.a.admin.get('/api/v1/loyalty/settings'))).toEqual(after);
    const audit = await t.deps.db.pool.query("SELECT changes FROM audit_log WHERE tenant_id = $1 AND action = 'loyaltyProgram.updated'", [w.a.tenant.id]);
    expect(audit.rows[0].changes.map((c: { field: string }) => c.field).sort()).toEqual(['expiry', 'returns']);
  });

  it('answers 422 with paths for bad settings and 403 to store managers', async () => {
    const w = await loyaltyWorld(t);
    for (const [body, path] of [
      [{ expiry: { kind: 'months', months: 0 } }, 'body.expiry.months'],
      [{ earn: { base: { points: 1, yuan: 0 }, byStoreKind: {}, rounding: 'floor_per_order' } }, 'body.earn.base.yuan'],
      [{ earn: { base: { points: 1.5, yuan: 1 }, byStoreKind: {}, rounding: 'floor_per_order' } }, 'body.earn.base.points'],
      [{ returns: { spentPoints: 'ignore' } }, 'body.returns.spentPoints'],
      [{ adjustments: { approvalThreshold: -1 } }, 'body.adjustments.approvalThreshold'],
      [{ memberNumber: { prefix: 'vip', digits: 8 } }, 'body.memberNumber.prefix'],
    ] as const) {
      const res = await w.a.admin.patch('/api/v1/loyalty/settings', body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual([path]);
    }
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    expect(ok(await manager.client.get('/api/v1/loyalty/settings'))).toEqual(DEFAULT_LOYALTY_SETTINGS);
    expectErrorBody(await manager.client.patch('/api/v1/loyalty/settings', { expiry: { kind: 'never' } }), 403, 'forbidden');
  });
});

describe('expiry schedule', () => {
  it('expires points earned last year at the first run after the year end (nightly cron, Shanghai)', async () => {
    const w = await loyaltyWorld(t);
    ok(await w.a.admin.patch('/api/v1/loyalty/settings', { expiry: { kind: 'year_end', years: 0 } }));
    const m = await enrol(w.a.admin, w.customer.id);
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(18_998);
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(18_998);
    // 00:10 on 1 January 2027 in Shanghai.
    t.clock.set('2026-12-31T16:10:30.000Z');
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.a.tenant.id);
    t.clock.set('2026-11-22T07:30:00.000Z');
    const entries = await entriesOf(w.a.admin, m.id);
    expect(entries[0]).toMatchObject({ kind: 'expire', points: -18_998, balanceAfter: 0, sourceType: 'lot' });
  });
});
