import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTierReview } from '../../src/modules/loyalty/tier-review.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { createCustomer } from '../factories.ts';
import { type Client, loginAs, type TestApp, testApp, userIn } from '../helpers.ts';
import { deliveredOrder, expectStatus, paidOrder } from '../orders/fixtures.ts';
import { enrol, loyaltyWorld, ok, setSettings } from './fixtures.ts';
import { memberTier, setTiers, tierNotifications, tierTexts } from './tiers.fixtures.ts';

/** The yearly review (LOY-5): downgrades happen only there, once per year, on the 1st of the review month (Shanghai). */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const codeOf = async (c: Client, memberId: string) => (await memberTier(c, memberId)).tier.code;

describe('the yearly review', () => {
  it('moves every member to the tier their spend in the window earns, down too, once per year, by the nightly schedule', async () => {
    t.clock.set('2025-12-15T02:00:00.000Z');
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    let admin = w.a.admin;
    const member = async (name: string, phone: string, sms = false) => {
      const c = await createCustomer(admin, { name, storeId: w.store.id, ownerId: sales.user.id, phones: [phone] });
      return { c, m: await enrol(admin, c.id, { consents: [{ channel: 'sms', granted: sms }] }) };
    };
    // Old spend: gold from two orders in December 2025.
    const old = await member('赵一', '13900000001');
    for (let i = 0; i < 2; i++) await paidOrder(w.a.admin, w, { customerId: old.c.id });
    await t.deps.jobs.drain(w.a.tenant.id);

    t.clock.set('2026-03-10T02:00:00.000Z');
    admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
    // Recent spend: gold from two orders in March 2026.
    const recent = await member('钱二', '13900000002');
    for (let i = 0; i < 2; i++) await paidOrder(admin, w, { customerId: recent.c.id });
    // Silver, then everything returned: the tier stays until the review. This one takes texts.
    const returned = await member('孙三', '13900000003', true);
    const o = await deliveredOrder(admin, w, { customerId: returned.c.id });
    await t.deps.jobs.drain(w.a.tenant.id);
    expectStatus(await admin.post(`/api/v1/orders/${o.id}/returns`, { lines: o.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })), reason: '整单退货' }), 201);
    // Diamond by hand, with no spend behind it.
    const manual = await member('李四', '13900000004');
    const tiers = (await admin.get('/api/v1/loyalty/tiers')).json().items as { id: string; code: string }[];
    ok(await admin.post(`/api/v1/loyalty/members/${manual.m.id}/tier`, { tierId: tiers.find((x) => x.code === 'diamond')!.id, reason: '门店开业贵宾' }));
    // Never evaluated, no spend.
    const quiet = await member('周五', '13900000005');
    await t.deps.jobs.drain(w.a.tenant.id);
    expect([await codeOf(admin, old.m.id), await codeOf(admin, recent.m.id), await codeOf(admin, returned.m.id), await codeOf(admin, manual.m.id)]).toEqual(['gold', 'gold', 'silver', 'diamond']);
    const downsBefore = (await tierNotifications(t, w.a.tenant.id)).filter((n) => n.kind === 'loyaltyTier.down').length;
    expect(downsBefore).toBe(0);

    // The schedule counts slots from its first tick (shortly before the review: every-minute schedules of other
    // modules make a long jump of the clock slow to tick through).
    t.clock.set('2026-12-31T16:10:00.000Z');
    await t.deps.jobs.tickCron();
    // 2027-01-01 00:30 in Shanghai: the nightly run at 00:20 is the review of 2027; it counts spend since 2026-01-01.
    t.clock.set('2026-12-31T16:30:00.000Z');
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.a.tenant.id);
    admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
    expect([await codeOf(admin, old.m.id), await codeOf(admin, recent.m.id), await codeOf(admin, returned.m.id), await codeOf(admin, manual.m.id), await codeOf(admin, quiet.m.id)]).toEqual([
      'basic', 'gold', 'basic', 'basic', 'basic',
    ]);
    const down = await memberTier(admin, old.m.id);
    expect(down.history[0]).toMatchObject({ from: { code: 'gold' }, to: { code: 'basic' }, reason: 'review_downgrade', source: 'review:2027', spendFen: 0 });
    expect(down.lastReviewYear).toBe(2027);
    expect((await memberTier(admin, recent.m.id)).lastReviewYear).toBe(2027);
    expect((await memberTier(admin, recent.m.id)).history).toHaveLength(1);
    const review = await t.deps.db.pool.query('SELECT year, reviewed, upgraded, downgraded, finished_at IS NOT NULL AS finished FROM loyalty_tier_reviews WHERE tenant_id = $1', [w.a.tenant.id]);
    expect(review.rows).toEqual([{ year: 2027, reviewed: 5, upgraded: 0, downgraded: 3, finished: true }]);
    // The owner hears of each downgrade; only the member who takes texts gets one.
    const downs = (await tierNotifications(t, w.a.tenant.id)).filter((n) => n.kind === 'loyaltyTier.down');
    expect(downs).toHaveLength(3);
    expect(downs.every((n) => n.userId === sales.user.id)).toBe(true);
    const texts = await tierTexts(t, w.a.tenant.id);
    expect(texts.at(-1)).toMatchObject({ recipient: '+8613900000003' });
    expect(texts.at(-1)!.body).toContain('调整为「普卡会员」');
    expect(texts.filter((x) => x.body.includes('调整为'))).toHaveLength(1);

    // Later that month the schedule runs every night, but the review of 2027 is done.
    ok(await admin.post(`/api/v1/loyalty/members/${manual.m.id}/tier`, { tierId: tiers.find((x) => x.code === 'gold')!.id, reason: '总部特批' }));
    t.clock.set('2027-01-02T16:30:00.000Z');
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.a.tenant.id);
    admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
    expect(await codeOf(admin, manual.m.id)).toBe('gold');
    // Nor in another month (the nightly run's work, called directly).
    const ctx = systemCtx(t.deps.db.db, w.a.tenant.id, t.clock.now, 'test.review');
    t.clock.set('2027-01-31T16:20:00.000Z');
    expect(await runTierReview(ctx, t.clock.now())).toEqual({ skipped: 'not_review_month' });

    // The review of 2028 counts spend since 2027-01-01: the March 2026 orders are out, and so is the hand-made gold.
    t.clock.set('2027-12-31T16:20:00.000Z');
    expect(await runTierReview(ctx, t.clock.now())).toEqual({ year: 2028, reviewed: 5, upgraded: 0, downgraded: 2 });
    admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
    expect([await codeOf(admin, recent.m.id), await codeOf(admin, manual.m.id)]).toEqual(['basic', 'basic']);
    expect((await memberTier(admin, recent.m.id)).history[0]).toMatchObject({ reason: 'review_downgrade', source: 'review:2028' });
    const years = await t.deps.db.pool.query('SELECT year, downgraded FROM loyalty_tier_reviews WHERE tenant_id = $1 ORDER BY year', [w.a.tenant.id]);
    expect(years.rows).toEqual([{ year: 2027, downgraded: 3 }, { year: 2028, downgraded: 2 }]);
  });

  it('moves holders of a deactivated tier to the best active tier they earn, up or down, in the tenant’s review month', async () => {
    t.clock.set('2027-05-20T02:00:00.000Z');
    const w = await loyaltyWorld(t);
    const tiers = await setTiers(t, w.a.admin);
    await setSettings(w.a.admin, { tiers: { window: 'rolling_12_months', reviewMonth: 6, smsOnChange: true } });
    const rich = await createCustomer(w.a.admin, { name: '吴六', storeId: w.store.id });
    const mRich = await enrol(w.a.admin, rich.id);
    const mLow = await enrol(w.a.admin, w.customer.id);
    for (let i = 0; i < 2; i++) await paidOrder(w.a.admin, w, { customerId: rich.id }); // 37,996: gold
    await paidOrder(w.a.admin, w); // 18,998: silver
    await t.deps.jobs.drain(w.a.tenant.id);
    const silver = tiers.find((x) => x.code === 'silver')!;
    ok(await w.a.admin.post(`/api/v1/loyalty/members/${mRich.id}/tier`, { tierId: silver.id, reason: '等级下调测试' }));
    // Silver stops being offered; both hold it now.
    await setTiers(t, w.a.admin, tiers.map(({ code, name, thresholdFen, benefits }) => ({ code, name, thresholdFen, benefits, active: code !== 'silver' })));
    await t.deps.jobs.drain(w.a.tenant.id);
    expect([await codeOf(w.a.admin, mRich.id), await codeOf(w.a.admin, mLow.id)]).toEqual(['silver', 'silver']);

    const ctx = systemCtx(t.deps.db.db, w.a.tenant.id, t.clock.now, 'test.review');
    expect(await runTierReview(ctx, new Date('2027-05-30T16:20:00.000Z'))).toEqual({ skipped: 'not_review_month' }); // 31 May in Shanghai
    t.clock.set('2027-05-31T16:20:00.000Z'); // 1 June 00:20 in Shanghai
    expect(await runTierReview(ctx, t.clock.now())).toEqual({ year: 2027, reviewed: 2, upgraded: 1, downgraded: 1 });
    expect(await runTierReview(ctx, t.clock.now())).toEqual({ skipped: 'already_reviewed', year: 2027 });
    const admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
    expect([await codeOf(admin, mRich.id), await codeOf(admin, mLow.id)]).toEqual(['gold', 'basic']);
    expect((await memberTier(admin, mLow.id)).history[0]).toMatchObject({ from: { code: 'silver' }, to: { code: 'basic' }, reason: 'review_downgrade', spendFen: 1_899_800 });
    expect((await memberTier(admin, mRich.id)).history[0]).toMatchObject({ from: { code: 'silver' }, to: { code: 'gold' }, reason: 'upgrade', source: 'review:2027' });
  });
});
