import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOYALTY_SETTINGS } from '@jiake/shared';
import { countRows, createCustomer, createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { paidOrder } from '../orders/fixtures.ts';
import { enrol, loyaltyWorld, ok, setSettings } from './fixtures.ts';
import { CARD_TIERS, memberTier, put, setTiers, tierAudit, tierNotifications, tiersOf } from './tiers.fixtures.ts';

/** The tier table, manual changes, the tier mix, permissions and scope (LOY-5). */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-04-08T02:00:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

describe('the tier table', () => {
  it('shows the four seed tiers to a new tenant without storing anything, and stores them with the same ids on first use', async () => {
    const w = await loyaltyWorld(t);
    const shown = await tiersOf(w.a.admin);
    expect(shown.map((x) => [x.code, x.name, x.rank, x.thresholdFen, x.active, x.inUse])).toEqual([
      ['regular', '普通会员', 1, 0, true, false],
      ['vip', 'VIP贵宾会员', 2, 2_000_000, true, false],
      ['star', 'VIP贵宾健康之星会员', 3, 5_000_000, true, false],
      ['angel', 'VIP贵宾健康天使会员', 4, 10_000_000, true, false],
    ]);
    expect(shown[1].benefits).toEqual({ discountPercent: 2, freeServices: ['免费上门测量', '每年一次家具保养'], birthdayGift: '生日礼品一份' });
    expect(await countRows(t, 'loyalty_tiers', w.a.tenant.id)).toBe(0);
    expect(ok(await w.a.admin.get('/api/v1/loyalty/tiers'))).toEqual({ items: shown });
    // The first paid order of a member is the first use.
    await enrol(w.a.admin, w.customer.id);
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect(await countRows(t, 'loyalty_tiers', w.a.tenant.id)).toBe(4);
    expect((await tiersOf(w.a.admin)).map((x) => x.id)).toEqual(shown.map((x) => x.id));
    expect((await tiersOf(w.a.admin))[0].inUse).toBe(true);
  });

  it('replaces the table by code — ids kept, new codes added, unheld ones removed — and audits each tier', async () => {
    const w = await loyaltyWorld(t);
    const before = await tiersOf(w.a.admin);
    const after = await setTiers(t, w.a.admin, [
      { code: 'regular', name: '普通会员', thresholdFen: 0 },
      { code: 'vip', name: '贵宾会员', thresholdFen: 1_500_000, benefits: { discountPercent: 3, freeServices: [' 免费上门测量 '], birthdayGift: '' } },
      { code: 'black', name: '黑金会员', thresholdFen: 8_000_000, benefits: { discountPercent: 12 }, active: false },
    ]);
    expect(after.map((x) => [x.code, x.name, x.rank, x.thresholdFen, x.active])).toEqual([
      ['regular', '普通会员', 1, 0, true],
      ['vip', '贵宾会员', 2, 1_500_000, true],
      ['black', '黑金会员', 3, 8_000_000, false],
    ]);
    expect(after[0].id).toBe(before[0].id);
    expect(after[1].id).toBe(before[1].id);
    expect(after[1].benefits).toEqual({ discountPercent: 3, freeServices: ['免费上门测量'], birthdayGift: null });
    expect(after[2].benefits).toEqual({ discountPercent: 12, freeServices: [], birthdayGift: null });
    expect(await tiersOf(w.a.admin)).toEqual(after);

    const updated = await tierAudit(t, w.a.tenant.id, 'loyaltyTier.updated');
    expect(updated.map((a) => a.entityId)).toEqual([before[0].id, before[1].id]);
    expect(updated[0].changes.map((c) => c.field)).toEqual(['benefits']); // given none: the seed's services go
    expect(updated[1].changes.map((c) => c.field).sort()).toEqual(['benefits', 'name', 'thresholdFen']);
    expect((await tierAudit(t, w.a.tenant.id, 'loyaltyTier.created')).map((a) => a.entityId)).toEqual([after[2].id]);
    expect((await tierAudit(t, w.a.tenant.id, 'loyaltyTier.deleted')).map((a) => a.entityId).sort()).toEqual([before[2].id, before[3].id].sort());
    // The same table again changes nothing and audits nothing.
    await setTiers(t, w.a.admin, after.map(({ code, name, thresholdFen, benefits, active }) => ({ code, name, thresholdFen, benefits, active })));
    expect(await tierAudit(t, w.a.tenant.id, 'loyaltyTier.updated')).toHaveLength(2);
  });

  it('answers 422 at the field for a bad table', async () => {
    const w = await loyaltyWorld(t);
    const base = CARD_TIERS.map((x) => ({ ...x }));
    const cases: [unknown, string[]][] = [
      [[base[0], base[1], { ...base[2], code: 'silver' }], ['body.tiers.2.code']],
      [[base[0], { ...base[1], thresholdFen: 3_000_000 }, base[2]], ['body.tiers.2.thresholdFen']],
      [[{ ...base[0], thresholdFen: 100 }, base[1]], ['body.tiers.0.thresholdFen']],
      [[{ ...base[0], active: false }, base[1]], ['body.tiers.0.active']],
      [[{ ...base[0], code: 'Basic Card' }], ['body.tiers.0.code']],
      [[base[0], { ...base[1], name: '  ' }], ['body.tiers.1.name']],
      [[base[0], { ...base[1], benefits: { discountPercent: 95 } }], ['body.tiers.1.benefits.discountPercent']],
      [[base[0], { ...base[1], thresholdFen: 1.5 }], ['body.tiers.1.thresholdFen']],
      [[], ['body.tiers']],
    ];
    for (const [tiers, paths] of cases) {
      const res = await put(t, w.a.admin, '/api/v1/loyalty/tiers', { tiers });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res), JSON.stringify(tiers)).toEqual(paths);
    }
    expect(await countRows(t, 'loyalty_tiers', w.a.tenant.id)).toBe(0);
  });

  it('refuses to remove a tier members hold (409 tier_in_use) and lets it be deactivated instead', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const m = await enrol(w.a.admin, w.customer.id);
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m.id)).tier.code).toBe('silver');
    expect((await tiersOf(w.a.admin)).find((x) => x.code === 'silver')?.inUse).toBe(true);

    const res = await put(t, w.a.admin, '/api/v1/loyalty/tiers', { tiers: [CARD_TIERS[0], CARD_TIERS[2]] });
    expectErrorBody(res, 409, 'conflict');
    expect(res.json().error.params).toEqual({ reason: 'tier_in_use', code: 'silver' });
    expect(await tiersOf(w.a.admin)).toHaveLength(4);

    await setTiers(t, w.a.admin, CARD_TIERS.map((x) => (x.code === 'silver' ? { ...x, active: false } : x)));
    const tier = await memberTier(w.a.admin, m.id);
    expect(tier.tier).toMatchObject({ code: 'silver', active: false });
    expect(tier.next?.code).toBe('gold');
    // An inactive tier is reached by nobody: another customer's equal spend stays at the entry tier.
    const other = await createCustomer(w.a.admin, { name: '郑丽', storeId: w.store.id });
    const m2 = await enrol(w.a.admin, other.id);
    await paidOrder(w.a.admin, w, { customerId: other.id });
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m2.id)).tier.code).toBe('basic');
  });

  it('upgrades the members a lower threshold now lets up (a recheck job), and nobody down', async () => {
    const w = await loyaltyWorld(t);
    await setTiers(t, w.a.admin);
    const m = await enrol(w.a.admin, w.customer.id);
    const rich = await createCustomer(w.a.admin, { name: '孙磊', storeId: w.store.id });
    const m2 = await enrol(w.a.admin, rich.id);
    await paidOrder(w.a.admin, w, { lines: [{ productId: w.table.id, quantity: 2 }] }); // 6,998: basic
    for (let i = 0; i < 2; i++) await paidOrder(w.a.admin, w, { customerId: rich.id }); // 37,996: gold
    await t.deps.jobs.drain(w.a.tenant.id);
    expect((await memberTier(w.a.admin, m.id)).tier.code).toBe('basic');
    expect((await memberTier(w.a.admin, m2.id)).tier.code).toBe('gold');

    // Silver from 5,000 yuan; gold raised above what m2 spent.
    await setTiers(t, w.a.admin, [CARD_TIERS[0], { ...CARD_TIERS[1], thresholdFen: 500_000 }, { ...CARD_TIERS[2], thresholdFen: 4_000_000 }, CARD_TIERS[3]]);
    await t.deps.jobs.drain(w.a.tenant.id);
    const tier = await memberTier(w.a.admin, m.id);
    expect(tier.tier.code).toBe('silver');
    expect(tier.history[0]).toMatchObject({ reason: 'upgrade', source: expect.stringMatching(/^recheck:/), spendFen: 699_800 });
    expect((await memberTier(w.a.admin, m2.id)).tier.code).toBe('gold');
  });

  it('keeps the window, review month and texting in the settings section `tiers`', async () => {
    const w = await loyaltyWorld(t);
    expect(ok(await w.a.admin.get('/api/v1/loyalty/settings')).tiers).toEqual({ window: 'rolling_12_months', reviewMonth: 1, smsOnChange: true });
    const after = await setSettings(w.a.admin, { tiers: { window: 'lifetime', reviewMonth: 7 } });
    expect(after).toEqual({ ...DEFAULT_LOYALTY_SETTINGS, tiers: { window: 'lifetime', reviewMonth: 7, smsOnChange: true } });
    for (const [tiers, path] of [
      [{ window: 'rolling_12_months', reviewMonth: 13 }, 'body.tiers.reviewMonth'],
      [{ window: 'forever', reviewMonth: 1 }, 'body.tiers.window'],
    ] as const) {
      const res = await w.a.admin.patch('/api/v1/loyalty/settings', { tiers });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual([path]);
    }
  });

  it('needs loyalty:view to read the table and loyalty:admin to change it (403)', async () => {
    const w = await loyaltyWorld(t);
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    expect(await tiersOf(manager.client)).toHaveLength(4);
    expectErrorBody(await put(t, manager.client, '/api/v1/loyalty/tiers', { tiers: CARD_TIERS }), 403, 'forbidden');
    const none = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'unit' });
    const stranger = await userIn(t, w.a.admin, w.a.code, w.store.id, none.name);
    expectErrorBody(await stranger.client.get('/api/v1/loyalty/tiers'), 403, 'forbidden');
    expectErrorBody(await stranger.client.get('/api/v1/loyalty/tiers/mix'), 403, 'forbidden');
    expect(await countRows(t, 'loyalty_tiers', w.a.tenant.id)).toBe(0);
  });

  it('keeps each tenant’s table to itself', async () => {
    const w = await loyaltyWorld(t);
    const b = await newTenant(t, '乙品牌');
    await setTiers(t, w.a.admin);
    expect((await tiersOf(b.admin)).map((x) => x.code)).toEqual(['regular', 'vip', 'star', 'angel']);
    expect((await tiersOf(b.admin)).map((x) => x.id)).not.toContain((await tiersOf(w.a.admin))[0].id);
  });
});

describe('manual change of a member’s tier', () => {
  it('lets loyalty:adjust set a tier with a reason: history, audit, the owner told (not the actor)', async () => {
    const w = await loyaltyWorld(t);
    const tiers = await setTiers(t, w.a.admin);
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const c = await createCustomer(w.a.admin, { name: '冯雪', storeId: w.store.id, ownerId: sales.user.id, phones: ['13955556666'] });
    const m = await enrol(w.a.admin, c.id, { consents: [{ channel: 'sms', granted: true }] });
    const gold = tiers.find((x) => x.code === 'gold')!;

    const res = ok(await manager.client.post(`/api/v1/loyalty/members/${m.id}/tier`, { tierId: gold.id, reason: '集团大客户，总部批准' }));
    expect(res.tier.code).toBe('gold');
    expect(res.history[0]).toMatchObject({
      from: { code: 'basic' }, to: { code: 'gold' }, reason: 'manual', note: '集团大客户，总部批准', changedById: manager.user.id, changedByName: manager.user.displayName, spendFen: 0,
    });
    expect(res.history[0].source).toMatch(/^manual:/);
    const audit = await tierAudit(t, w.a.tenant.id, 'loyaltyMember.tierChanged');
    expect(audit).toEqual([expect.objectContaining({ entityId: m.id, actorId: manager.user.id, changes: [{ field: 'tier', before: '普卡会员', after: '金卡会员' }] })]);
    expect(audit[0].meta).toMatchObject({ reason: 'manual', note: '集团大客户，总部批准', fromCode: 'basic', toCode: 'gold' });
    expect((await tierNotifications(t, w.a.tenant.id)).map((n) => [n.userId, n.kind])).toEqual([[sales.user.id, 'loyaltyTier.up']]);

    // Down by hand, by the administrator a minute later: the owner is told again.
    t.clock.advance(60_000);
    const basic = tiers.find((x) => x.code === 'basic')!;
    ok(await w.a.admin.post(`/api/v1/loyalty/members/${m.id}/tier`, { tierId: basic.id, reason: '录入错误更正' }));
    expect((await tierNotifications(t, w.a.tenant.id)).map((n) => n.kind)).toEqual(['loyaltyTier.up', 'loyaltyTier.down']);
    const history = (await memberTier(w.a.admin, m.id)).history;
    expect(history.map((h) => [h.from.code, h.to.code, h.reason])).toEqual([['gold', 'basic', 'manual'], ['basic', 'gold', 'manual']]);
  });

  it('answers 409 for the tier held, an inactive tier or a member not active, 422 for a bad body, 403 without loyalty:adjust', async () => {
    const w = await loyaltyWorld(t);
    const tiers = await setTiers(t, w.a.admin, CARD_TIERS.map((x) => (x.code === 'diamond' ? { ...x, active: false } : x)));
    const m = await enrol(w.a.admin, w.customer.id);
    const url = `/api/v1/loyalty/members/${m.id}/tier`;
    const byCode = (code: string) => tiers.find((x) => x.code === code)!.id;
    const conflict = async (body: unknown, reason: string) => {
      const res = await w.a.admin.post(url, body);
      expectErrorBody(res, 409, 'conflict');
      expect(res.json().error.params.reason).toBe(reason);
    };
    await conflict({ tierId: byCode('basic'), reason: '无变化' }, 'same_tier');
    await conflict({ tierId: byCode('diamond'), reason: '停用等级' }, 'tier_inactive');
    const b = await newTenant(t, '乙品牌');
    const foreign = (await setTiers(t, b.admin))[1].id;
    for (const [body, path] of [
      [{ tierId: foreign, reason: '别家的等级' }, 'body.tierId'],
      [{ tierId: byCode('gold'), reason: '' }, 'body.reason'],
      [{ tierId: 'gold', reason: '不是编号' }, 'body.tierId'],
      [{ tierId: byCode('gold') }, 'body.reason'],
    ] as const) {
      const res = await w.a.admin.post(url, body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual([path]);
    }
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    expect((await memberTier(sales.client, m.id)).tier.code).toBe('basic');
    expectErrorBody(await sales.client.post(url, { tierId: byCode('gold'), reason: '导购无权' }), 403, 'forbidden');
    await t.deps.db.pool.query("UPDATE loyalty_members SET status = 'cancelled' WHERE id = $1", [m.id]);
    await conflict({ tierId: byCode('gold'), reason: '已注销' }, 'member_not_active');
    expect(await tierAudit(t, w.a.tenant.id, 'loyaltyMember.tierChanged')).toEqual([]);
  });

  it('answers 404 for a member outside the caller’s stores or of another tenant, and changes nothing', async () => {
    const w = await loyaltyWorld(t);
    const tiers = await setTiers(t, w.a.admin);
    const m = await enrol(w.a.admin, w.customer.id);
    const other = await makeStore(w.a.admin, w.region.id);
    const elsewhere = await userIn(t, w.a.admin, w.a.code, other.id, '店长');
    const b = await newTenant(t, '乙品牌');
    for (const c of [elsewhere.client, b.admin]) {
      expectErrorBody(await c.get(`/api/v1/loyalty/members/${m.id}/tier`), 404, 'not_found');
      expectErrorBody(await c.post(`/api/v1/loyalty/members/${m.id}/tier`, { tierId: tiers[2].id, reason: '越权' }), 404, 'not_found');
    }
    const regional = await userIn(t, w.a.admin, w.a.code, w.region.id, '区域经理');
    expect((await memberTier(regional.client, m.id)).tier.code).toBe('basic');
    expect(await countRows(t, 'loyalty_tier_changes', w.a.tenant.id)).toBe(0);
  });
});

describe('the tier mix', () => {
  it('counts the members of the caller’s stores per tier, unevaluated ones under null, cancelled ones not at all', async () => {
    const w = await loyaltyWorld(t);
    const tiers = await setTiers(t, w.a.admin);
    const other = await makeStore(w.a.admin, w.region.id);
    const m1 = await enrol(w.a.admin, w.customer.id);
    await paidOrder(w.a.admin, w); // silver
    await t.deps.jobs.drain(w.a.tenant.id);
    const c2 = await createCustomer(w.a.admin, { name: '何芳', storeId: w.store.id });
    await enrol(w.a.admin, c2.id); // never evaluated
    const c3 = await createCustomer(w.a.admin, { name: '高远', storeId: other.id });
    const m3 = await enrol(w.a.admin, c3.id);
    ok(await w.a.admin.post(`/api/v1/loyalty/members/${m3.id}/tier`, { tierId: tiers[2].id, reason: '开业活动' })); // gold
    const c4 = await createCustomer(w.a.admin, { name: '林涛', storeId: w.store.id });
    const m4 = await enrol(w.a.admin, c4.id);
    await t.deps.db.pool.query("UPDATE loyalty_members SET status = 'cancelled' WHERE id = $1", [m4.id]);
    expect((await memberTier(w.a.admin, m1.id)).tier.code).toBe('silver');

    const all = ok(await w.a.admin.get('/api/v1/loyalty/tiers/mix'));
    expect(all).toEqual({
      total: 3,
      tiers: [
        { tierId: tiers[0].id, code: 'basic', name: '普卡会员', members: 0 },
        { tierId: tiers[1].id, code: 'silver', name: '银卡会员', members: 1 },
        { tierId: tiers[2].id, code: 'gold', name: '金卡会员', members: 1 },
        { tierId: tiers[3].id, code: 'diamond', name: '钻石卡会员', members: 0 },
        { tierId: null, code: null, name: null, members: 1 },
      ],
    });
    // One store's mix (the KPI page's store filter): only members who joined there.
    const oneStore = ok(await w.a.admin.get(`/api/v1/loyalty/tiers/mix?storeId=${other.id}`));
    expect(oneStore.total).toBe(1);
    expect(oneStore.tiers.filter((x: { members: number }) => x.members).map((x: { code: string | null }) => x.code)).toEqual(['gold']);
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    const mine = ok(await manager.client.get('/api/v1/loyalty/tiers/mix'));
    // A store outside the manager's scope shows nothing of it.
    expect(ok(await manager.client.get(`/api/v1/loyalty/tiers/mix?storeId=${other.id}`)).total).toBe(0);
    expect(mine.total).toBe(2);
    expect(mine.tiers.map((x: { code: string | null; members: number }) => [x.code, x.members])).toEqual([['basic', 0], ['silver', 1], ['gold', 0], ['diamond', 0], [null, 1]]);
  });
});
