import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onOrderPaidTier } from '../../src/modules/loyalty/tiers.jobs.ts';
import { createCustomer } from '../factories.ts';
import { loginAs, type TestApp, testApp, userIn } from '../helpers.ts';
import { deliveredOrder, expectStatus, paidOrder } from '../orders/fixtures.ts';
import { deliverAgain, enrol, eventOf, loyaltyWorld, ok, setSettings } from './fixtures.ts';
import { memberTier, setTiers, tierNotifications, tierTexts } from './tiers.fixtures.ts';

/** Upgrades as soon as paid spend crosses a threshold, the spend window, and who is told (LOY-5). */

let t: TestApp;
const NOW = '2026-03-10T02:00:00.000Z'; // 10:00 in Shanghai
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.app.close();
});

// The standard order of orderWorld: 18,998 yuan.
const ORDER_FEN = 1_899_800;

describe('upgrade on order.paid', () => {
  it('starts a member at the entry tier and moves them up the moment paid spend crosses a threshold (the seed tiers)', async () => {
    const w = await loyaltyWorld(t);
    const m = await enrol(w.a.admin, w.customer.id);
    let tier = await memberTier(w.a.admin, m.id);
    expect(tier).toMatchObject({ tier: { code: 'regular', name: '普通会员', rank: 1 }, spendFen: 0, window: 'rolling_12_months', history: [], lastReviewYear: null });
    expect(tier.next).toMatchObject({ code: 'vip', name: 'VIP贵宾会员', thresholdFen: 2_000_000, remainingFen: 2_000_000 });

    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    tier = await memberTier(w.a.admin, m.id);
    expect(tier).toMatchObject({ tier: { code: 'regular' }, spendFen: ORDER_FEN, history: [] });
    expect(tier.next?.remainingFen).toBe(2_000_000 - ORDER_FEN);

    t.clock.set('2026-03-10T03:00:00.000Z');
    const o2 = await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    tier = await memberTier(w.a.admin, m.id);
    const paid = await eventOf(t, o2.id, 'order.paid');
    expect(tier).toMatchObject({ tier: { code: 'vip', benefits: { discountPercent: 2 } }, spendFen: 2 * ORDER_FEN, since: '2026-03-10T03:00:00.000Z' });
    expect(tier.next).toMatchObject({ code: 'star', remainingFen: 5_000_000 - 2 * ORDER_FEN });
    expect(tier.history).toEqual([
      expect.objectContaining({ from: expect.objectContaining({ code: 'regular' }), to: expect.objectContaining({ code: 'vip', name: 'VIP贵宾会员' }), reason: 'upgrade', spendFen: 2 * ORDER_FEN, source: `event:${paid.id}`, changedById: null }),
    ]);
    // The same event delivered again changes nothing.
    await deliverAgain(t, paid, onOrderPaidTier);
    expect((await memberTier(w.a.admin, m.id)).history).toHaveLength(1);
    // The audit trail has the move (a system change).
    const audit = await t.deps.db.pool.query("SELECT actor_kind, changes, meta FROM audit_log WHERE tenant_id = $1 AND action = 'loyaltyMember.tierChanged' AND entity_id = $2", [w.a.tenant.id, m.id]);
    expect(audit.rows).toEqual([expect.objectContaining({ actor_kind: 'system', changes: [{ field: 'tier', before: '普通会员', after: 'VIP贵宾会员' }] })]);
    expect(audit.rows[0].meta).toMatchObject({ reason: 'upgrade', fromCode: 'regular', toCode: 'vip', source: `event:${paid.id}` });
    t.clock.set(NOW);
  });

  it('crosses several tiers at once with one history row', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const m = await enrol(w.a.admin, w.customer.id);
    // 12,999 × 3 − 999 + 3,499 × 2 = 44,996 yuan: past silver (10,000) and gold (30,000).
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.sofa.id, quantity: 3, discountFen: 99_900 }, { productId: w.table.id, quantity: 2 }] });
    await t.deps.jobs.drain(w.a.tenant.id);
    const tier = await memberTier(w.a.admin, m.id);
    expect(tier.tier.code).toBe('gold');
    expect(tier.history.map((h) => [h.from.code, h.to.code, h.reason])).toEqual([['basic', 'gold', 'upgrade']]);
    expect(tier.next).toMatchObject({ code: 'diamond', remainingFen: 6_000_000 - 4_499_600 });
  });

  it('never moves a member down on a return: the spend drops, the tier stays', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const m = await enrol(w.a.admin, w.customer.id);
    const o = await deliveredOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m.id)).tier.code).toBe('silver');
    expectStatus(await w.a.admin.post(`/api/v1/orders/${o.id}/returns`, { lines: [{ lineId: o.lines[0].id, quantity: 1 }], reason: '沙发退货' }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
    const tier = await memberTier(w.a.admin, m.id);
    expect(tier.spendFen).toBe(ORDER_FEN - 1_200_000); // the sofa line after its discount came back
    expect(tier.tier.code).toBe('silver');
    expect(tier.history).toHaveLength(1);
  });

  it('leaves frozen and cancelled members where they are', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const m = await enrol(w.a.admin, w.customer.id);
    await t.deps.db.pool.query("UPDATE loyalty_members SET status = 'frozen' WHERE id = $1", [m.id]);
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m.id)).tier.code).toBe('basic');
  });
});

describe('the spend window', () => {
  it('counts spend from enrolment only, and over the last 12 months (from the same Shanghai day a year ago)', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    t.clock.set('2025-05-01T02:00:00.000Z');
    await paidOrder(w.a.admin, w); // before enrolment: never counts
    t.clock.set('2025-05-02T02:00:00.000Z');
    const m = await enrol(w.a.admin, w.customer.id);
    t.clock.set('2025-06-15T15:59:00.000Z'); // 2025-06-15 23:59 in Shanghai
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.table.id, quantity: 1 }] });
    t.clock.set('2026-01-20T02:00:00.000Z');
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.table.id, quantity: 1 }] });
    await t.deps.jobs.drain(w.a.tenant.id);
    let tier = await memberTier(w.a.admin, m.id);
    expect(tier.spendFen).toBe(2 * 349_900);
    expect(tier.windowFrom).toBe('2025-05-02T02:00:00.000Z'); // the enrolment: later than 2025-01-20
    expect(tier.tier.code).toBe('basic');

    // 2026-06-15 in Shanghai: the window starts 2025-06-15 00:00 Shanghai, the June order is still in.
    t.clock.set('2026-06-15T04:00:00.000Z');
    const admin = await loginAs(t, w.a.code, 'admin', 'admin-pass-1'); // the earlier session has lapsed
    tier = await memberTier(admin, m.id);
    expect(tier.windowFrom).toBe('2025-06-14T16:00:00.000Z');
    expect(tier.spendFen).toBe(2 * 349_900);
    // A day later it is out.
    t.clock.set('2026-06-16T04:00:00.000Z');
    const again = await loginAs(t, w.a.code, 'admin', 'admin-pass-1');
    tier = await memberTier(again, m.id);
    expect(tier.spendFen).toBe(349_900);

    // Lifetime: everything since enrolment (never the order before it).
    await setSettings(again, { tiers: { window: 'lifetime', reviewMonth: 1, smsOnChange: true } });
    tier = await memberTier(again, m.id);
    expect(tier).toMatchObject({ window: 'lifetime', windowFrom: '2025-05-02T02:00:00.000Z', spendFen: 2 * 349_900 });
    t.clock.set(NOW);
  });

  it('upgrades on lifetime spend when the programme counts lifetime', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    await setSettings(w.a.admin, { tiers: { window: 'lifetime', reviewMonth: 1, smsOnChange: true } });
    t.clock.set('2024-02-01T02:00:00.000Z');
    const m = await enrol(w.a.admin, w.customer.id);
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.table.id, quantity: 2 }] }); // 6,998
    t.clock.set('2026-02-01T02:00:00.000Z');
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.table.id, quantity: 1 }] }); // + 3,499 = 10,497 over two years
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m.id)).tier.code).toBe('silver');
    t.clock.set(NOW);
  });
});

describe('telling people', () => {
  it('puts the change in the owner’s inbox and texts the member only with SMS consent', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const consenting = await createCustomer(w.a.admin, { name: '陈静', storeId: w.store.id, ownerId: sales.user.id, phones: ['13911112222'] });
    const silent = await createCustomer(w.a.admin, { name: '周强', storeId: w.store.id, ownerId: sales.user.id, phones: ['13933334444'] });
    const m1 = await enrol(w.a.admin, consenting.id, { consents: [{ channel: 'sms', granted: true }] });
    const m2 = await enrol(w.a.admin, silent.id, { consents: [{ channel: 'sms', granted: false }, { channel: 'wechat', granted: true }] });
    await paidOrder(w.a.admin, w, { customerId: consenting.id });
    await paidOrder(w.a.admin, w, { customerId: silent.id });
    await t.deps.jobs.drain(w.a.tenant.id);

    const inbox = await tierNotifications(t, w.a.tenant.id);
    expect(inbox).toHaveLength(2);
    expect(inbox.every((n) => n.userId === sales.user.id && n.kind === 'loyaltyTier.up')).toBe(true);
    expect(inbox.find((n) => n.link === `/loyalty/members/${m1.id}`)?.params).toEqual({ number: m1.number, name: '陈静', from: '普卡会员', to: '银卡会员' });
    expect(inbox.some((n) => n.link === `/loyalty/members/${m2.id}`)).toBe(true);
    // The owner sees it in their own inbox through the API too.
    const mine = ok(await sales.client.get('/api/v1/notifications?limit=50')).items as { kind: string }[];
    expect(mine.filter((n) => n.kind === 'loyaltyTier.up')).toHaveLength(2);

    const texts = await tierTexts(t, w.a.tenant.id);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ recipient: '+8613911112222', customerId: consenting.id });
    expect(texts[0].body).toContain('银卡会员');
    expect(texts[0].body).toContain('9.7 折');
    expect(texts[0].body).toContain(`【${w.a.tenant.name}】`);
    // The text goes out through the messaging job.
    expect(texts[0].status).toBe('sent');
  });

  it('does not text after the consent is withdrawn, or when the programme does not text tier changes', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const m = await enrol(w.a.admin, w.customer.id, { consents: [{ channel: 'sms', granted: true }] });
    ok(await w.a.admin.post(`/api/v1/loyalty/members/${m.id}/consents`, { channel: 'sms', granted: false }));
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m.id)).tier.code).toBe('silver');
    expect(await tierTexts(t, w.a.tenant.id)).toEqual([]);

    ok(await w.a.admin.post(`/api/v1/loyalty/members/${m.id}/consents`, { channel: 'sms', granted: true }));
    await setSettings(w.a.admin, { tiers: { window: 'rolling_12_months', reviewMonth: 1, smsOnChange: false } });
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m.id)).tier.code).toBe('gold');
    expect(await tierTexts(t, w.a.tenant.id)).toEqual([]);
  });

  it('tells the join store’s managers when the customer has no owner', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const pool = await createCustomer(w.a.admin, { name: '吴敏', storeId: w.store.id, ownerId: null });
    const m = await enrol(w.a.admin, pool.id);
    await paidOrder(w.a.admin, w, { customerId: pool.id });
    await t.deps.jobs.drain(w.a.tenant.id);
    const inbox = await tierNotifications(t, w.a.tenant.id);
    expect(inbox.map((n) => n.userId)).toEqual([manager.user.id]);
    expect(inbox[0]).toMatchObject({ kind: 'loyaltyTier.up', link: `/loyalty/members/${m.id}` });
    expect(inbox.some((n) => n.userId === sales.user.id)).toBe(false);
  });
});
