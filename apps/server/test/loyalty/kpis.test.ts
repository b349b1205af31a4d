import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueLots } from '../../src/modules/loyalty/index.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { ok, setSettings } from './fixtures.ts';
import { chainWorld, type ChainWorld } from './settlement-world.ts';

/**
 * Member KPIs (会员指标): checked number by number against a hand-built month of a small chain — members enrolled
 * before and during November 2026, points earned, adjusted, redeemed (one redemption cancelled), reversed by a return
 * and expired by the nightly sweep, with activity on either side of the period.
 */

let t: TestApp;
beforeAll(async () => {
  // The fixture spans two months of the injected clock: sessions must outlive it.
  t = await testApp({ SESSION_TTL_HOURS: '8760' });
});
afterAll(async () => {
  await t.app.close();
});

/** A Shanghai wall time as the instant it is. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

interface Fixture {
  c: ChainWorld;
  giftA: string;
}

/**
 * D1 (direct): m1 (joined in October), m2 and m4 (joined in November); F1 (franchise): m5 (October), m3 (November).
 * Points expire a month after they are earned; 150 points make a yuan.
 */
async function november(): Promise<Fixture> {
  t.clock.set(sh('2026-10-10T10:00:00'));
  const c = await chainWorld(t, { pointsPerYuan: 150 });
  await setSettings(c.admin, { expiry: { kind: 'months', months: 1 } });
  const giftA = (await c.gift('保温杯', 100)).id;
  const giftB = (await c.gift('靠垫', 150)).id;
  const m1 = await c.member('一号', c.d1.id);
  await c.earn(m1.customerId, c.d1.id, 5); // 500, expires at the end of 10 November
  t.clock.set(sh('2026-10-20T10:00:00'));
  const m5 = await c.member('五号', c.f1.id);
  await c.earn(m5.customerId, c.f1.id, 1); // 100, expires at the end of 20 November (not swept in this fixture)

  t.clock.set(sh('2026-11-01T00:00:30'));
  const m2 = await c.member('二号', c.d1.id);
  const m3 = await c.member('三号', c.f1.id);
  await c.member('四号', c.d1.id);
  t.clock.set(sh('2026-11-03T10:00:00'));
  await c.earn(m2.customerId, c.d1.id, 2); // 200
  t.clock.set(sh('2026-11-05T10:00:00'));
  await c.earn(m1.customerId, c.d1.id, 3); // 300
  t.clock.set(sh('2026-11-06T10:00:00'));
  const o3 = await c.earnDelivered(m3.customerId, c.f1.id, 4); // 400
  t.clock.set(sh('2026-11-07T10:00:00'));
  await c.returnCushions(o3.id, o3.lines[0].id, 1); // −100 reversed
  t.clock.set(sh('2026-11-10T10:00:00'));
  await c.redeemGift(m1.id, c.d1.id, giftA, 2); // 200 from the October lot
  t.clock.set(sh('2026-11-11T00:10:00'));
  await expireDueLots(systemCtx(t.deps.db.db, c.w.a.tenant.id, t.clock.now, 'test.expire'), t.clock.now()); // the October lot's 300
  t.clock.set(sh('2026-11-12T10:00:00'));
  ok(await c.admin.post('/api/v1/loyalty/adjustments', { memberId: m1.id, points: 50, reason: '补录' }), 201);
  t.clock.set(sh('2026-11-15T10:00:00'));
  ok(await c.admin.post('/api/v1/loyalty/adjustments', { memberId: m1.id, points: -30, reason: '更正' }), 201);
  t.clock.set(sh('2026-11-20T10:00:00'));
  const b = await c.redeemGift(m2.id, c.d1.id, giftB, 1);
  t.clock.set(sh('2026-11-21T10:00:00'));
  await c.cancel(b.id);
  t.clock.set(sh('2026-11-30T23:58:00'));
  await c.redeemGift(m3.id, c.f1.id, giftA, 1); // 23:59 on the last day: in the period
  t.clock.set(sh('2026-12-01T00:00:00'));
  await c.earn(m2.customerId, c.d1.id, 1); // 100 on 1 December: after the period, but in the balance
  return { c, giftA };
}

const kpis = async (c: Pick<Client, 'get'>, q = 'from=2026-11-01&to=2026-11-30') =>
  ok(await c.get(`/api/v1/loyalty/kpis?${q}`));

describe('member KPIs', () => {
  it('counts members, points by kind, the liability now and redemptions with the top gifts, for the head office, a store filter and a store’s own staff', async () => {
    const { c, giftA } = await november();
    expect(await kpis(c.admin)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      storeId: null,
      members: { total: 5, new: 3, active: 3 },
      points: { issued: 950, earned: 900, adjusted: 20, redeemed: 300, expired: 300, reversed: 100 },
      // Balances now: m1 320, m2 300, m3 200, m4 0, m5 100 → 920 points; 920 × 100 ÷ 150 = 613.33 → 613 fen.
      liability: { points: 920, fen: 613, pointsPerYuan: 150 },
      redemptions: { count: 2, cancelled: 1, points: 300 },
      topGifts: [{ giftId: giftA, giftName: '保温杯', quantity: 3, redemptions: 2, points: 300 }],
    });

    const f1 = { members: { total: 2, new: 1, active: 1 }, points: { issued: 400, earned: 400, adjusted: 0, redeemed: 100, expired: 0, reversed: 100 }, liability: { points: 300, fen: 200, pointsPerYuan: 150 }, redemptions: { count: 1, cancelled: 0, points: 100 } };
    expect(await kpis(c.admin, `from=2026-11-01&to=2026-11-30&storeId=${c.f1.id}`)).toMatchObject({ ...f1, storeId: c.f1.id, topGifts: [{ giftId: giftA, quantity: 1, redemptions: 1, points: 100 }] });
    expect(await kpis(await c.userOf(c.f1.id, '加盟商'))).toMatchObject({ ...f1, storeId: null });

    const d1Manager = await c.userOf(c.d1.id, '店长');
    expect(await kpis(d1Manager)).toMatchObject({
      members: { total: 3, new: 2, active: 2 },
      points: { issued: 550, earned: 500, adjusted: 20, redeemed: 200, expired: 300, reversed: 0 },
      liability: { points: 620, fen: 413 },
      redemptions: { count: 1, cancelled: 1, points: 200 },
      topGifts: [{ giftId: giftA, quantity: 2 }],
    });
    // Another store's filter reaches no further than the caller's scope.
    expect(await kpis(d1Manager, `from=2026-11-01&to=2026-11-30&storeId=${c.f1.id}`)).toMatchObject({ members: { total: 0, new: 0, active: 0 }, liability: { points: 0, fen: 0 }, topGifts: [] });
  });

  it('counts by Shanghai days: one day takes only what happened on it', async () => {
    const { c } = await november();
    // 30 November: m3's redemption at 23:59; the 1 December earning is the next day.
    expect(await kpis(c.admin, 'from=2026-11-30&to=2026-11-30')).toMatchObject({
      members: { total: 5, new: 0, active: 1 },
      points: { issued: 0, earned: 0, redeemed: 100, expired: 0 },
      redemptions: { count: 1, cancelled: 0, points: 100 },
    });
    expect(await kpis(c.admin, 'from=2026-12-01&to=2026-12-01')).toMatchObject({ members: { new: 0, active: 1 }, points: { earned: 100 } });
    // Another tenant sees none of it.
    const other = await newTenant(t);
    expect(await kpis(other.admin)).toMatchObject({ members: { total: 0, new: 0, active: 0 }, points: { issued: 0 }, liability: { points: 0 }, topGifts: [] });
  });

  it('refuses a bad period with 422 and answers 403 without loyalty:view', async () => {
    t.clock.set(sh('2026-11-22T10:00:00'));
    const a = await newTenant(t);
    const refused = async (q: string, path: string) => {
      const res = await a.admin.get(`/api/v1/loyalty/kpis?${q}`);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toContain(path);
    };
    await refused('from=2026-11-30&to=2026-11-01', 'query.to');
    await refused('from=2025-01-01&to=2026-11-01', 'query.to');
    await refused('from=2026-13-01&to=2026-11-01', 'query.from');
    await refused('to=2026-11-01', 'query.from');
    await refused('from=2026-11-01&to=2026-11-30&storeId=x', 'query.storeId');
    const role = await createRole(a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const { client } = await userIn(t, a.admin, a.code, a.hq.id, role.name);
    expectErrorBody(await client.get('/api/v1/loyalty/kpis?from=2026-11-01&to=2026-11-30'), 403, 'forbidden');
  });
});
