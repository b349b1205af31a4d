import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCategory, makeSeries } from '../catalogue/fixtures.ts';
import { createCustomer, createRole, expectErrorBody, issuePaths, rowOf } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { loyaltyWorld, ok } from './fixtures.ts';
import { double, fixed, makeRule, type RuleOut } from './bonus-fixtures.ts';

/** Bonus rules as the programme administrator keeps them (LOY-2): CRUD, checks, permissions, audit, isolation, preview. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

const URL = '/api/v1/loyalty/bonus-rules';

async function auditOf(tenantId: string, ruleId: string) {
  const r = await t.deps.db.pool.query(`SELECT action, changes FROM audit_log WHERE tenant_id = $1 AND entity_type = 'loyaltyBonusRule' AND entity_id = $2 ORDER BY id`, [tenantId, ruleId]);
  return r.rows as { action: string; changes: { field: string; before: unknown; after: unknown }[] }[];
}

describe('keeping rules', () => {
  it('creates a rule with its conditions and effect, lists, reads, changes and deactivates it, auditing each change', async () => {
    const w = await loyaltyWorld(t);
    const body = {
      name: '双十一卧室双倍',
      validFrom: '2026-11-01',
      validTo: '2026-11-11',
      conditions: { storeKinds: ['direct', 'direct'], storeIds: [w.region.id], categoryIds: [w.livingRoom.id], seriesIds: [w.series.id], birthdayMonth: true },
      effect: double,
      stackable: true,
      priority: 3,
    };
    const rule: RuleOut = ok(await w.a.admin.post(URL, body), 201);
    expect(rule).toMatchObject({
      name: '双十一卧室双倍', active: true, validFrom: '2026-11-01', validTo: '2026-11-11', effect: double, stackable: true, priority: 3,
      conditions: { storeKinds: ['direct'], storeIds: [w.region.id], categoryIds: [w.livingRoom.id], seriesIds: [w.series.id], birthdayMonth: true, campaignIds: [] },
    });
    expect(ok(await w.a.admin.get(`${URL}/${rule.id}`))).toEqual(rule);

    const changed = ok(await w.a.admin.patch(`${URL}/${rule.id}`, { name: '双十一卧室三倍', effect: { kind: 'multiplier', percent: 300 }, validTo: null }));
    expect(changed).toMatchObject({ name: '双十一卧室三倍', effect: { kind: 'multiplier', percent: 300 }, validTo: null, conditions: rule.conditions });
    const off = ok(await w.a.admin.delete(`${URL}/${rule.id}`));
    expect(off.active).toBe(false);
    // Deactivating again changes nothing and writes nothing.
    expect(ok(await w.a.admin.delete(`${URL}/${rule.id}`))).toEqual(off);

    const audit = await auditOf(w.a.tenant.id, rule.id);
    expect(audit.map((a) => a.action)).toEqual(['loyaltyBonusRule.created', 'loyaltyBonusRule.updated', 'loyaltyBonusRule.deactivated']);
    expect(audit[1].changes.map((c) => c.field).sort()).toEqual(['effect', 'name', 'validTo']);
    expect(audit[1].changes.find((c) => c.field === 'effect')).toEqual({ field: 'effect', before: double, after: { kind: 'multiplier', percent: 300 } });
    expect(audit[2].changes).toEqual([{ field: 'active', before: true, after: false }]);
  });

  it('lists newest first in keyset pages, and filters by active', async () => {
    const w = await loyaltyWorld(t);
    const made: RuleOut[] = [];
    for (const name of ['一', '二', '三']) made.push(await makeRule(t, w.a.admin, { name, effect: fixed(10) }));
    ok(await w.a.admin.delete(`${URL}/${made[1].id}`));
    const first = ok(await w.a.admin.get(`${URL}?limit=2`));
    expect(first.items.map((r: RuleOut) => r.name)).toEqual(['三', '二']);
    const second = ok(await w.a.admin.get(`${URL}?limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((r: RuleOut) => r.name)).toEqual(['一']);
    expect(second.nextCursor).toBeNull();
    expect(ok(await w.a.admin.get(`${URL}?active=true`)).items.map((r: RuleOut) => r.name)).toEqual(['三', '一']);
    expect(ok(await w.a.admin.get(`${URL}?active=false`)).items.map((r: RuleOut) => r.name)).toEqual(['二']);
  });
});

describe('checks', () => {
  it('answers 422 for a window that ends before it starts, on creation and against the stored window on change', async () => {
    const w = await loyaltyWorld(t);
    const res = await w.a.admin.post(URL, { name: '倒序', effect: double, validFrom: '2026-12-31', validTo: '2026-12-01' });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.validTo']);
    const rule = await makeRule(t, w.a.admin, { name: '十二月', validFrom: '2026-12-01', validTo: '2026-12-31' });
    expect(issuePaths(await w.a.admin.patch(`${URL}/${rule.id}`, { validTo: '2026-11-30' }))).toEqual(['body.validTo']);
    // The same day at both ends is a one-day window.
    expect(ok(await w.a.admin.patch(`${URL}/${rule.id}`, { validTo: '2026-12-01' })).validTo).toBe('2026-12-01');
  });

  it('answers 422 for a multiplier outside 100–1000%, fixed points that are not positive, and a bad kind of effect', async () => {
    const w = await loyaltyWorld(t);
    const paths = async (effect: unknown) => {
      const res = await w.a.admin.post(URL, { name: '效果', effect });
      expectErrorBody(res, 422, 'validation_failed');
      return issuePaths(res);
    };
    expect(await paths({ kind: 'multiplier', percent: 99 })).toEqual(['body.effect.percent']);
    expect(await paths({ kind: 'multiplier', percent: 1001 })).toEqual(['body.effect.percent']);
    expect(await paths({ kind: 'multiplier', percent: 150.5 })).toEqual(['body.effect.percent']);
    expect(await paths({ kind: 'fixed', points: 0 })).toEqual(['body.effect.points']);
    expect(await paths({ kind: 'fixed', points: -5 })).toEqual(['body.effect.points']);
    expect((await paths({ kind: 'bonus' }))[0]).toMatch(/^body\.effect/);
    // The edges are allowed.
    ok(await w.a.admin.post(URL, { name: '100%', effect: { kind: 'multiplier', percent: 100 } }), 201);
    ok(await w.a.admin.post(URL, { name: '10倍', effect: { kind: 'multiplier', percent: 1000 } }), 201);
    ok(await w.a.admin.post(URL, { name: '1分', effect: fixed(1) }), 201);
  });

  it('answers 422 for categories, series and stores that do not exist in the tenant', async () => {
    const w = await loyaltyWorld(t);
    const other = await newTenant(t);
    const foreignCategory = await makeCategory(other.admin, { name: '别家品类' });
    const foreignSeries = await makeSeries(other.admin);
    const res = await w.a.admin.post(URL, {
      name: '外来条件',
      effect: double,
      conditions: { categoryIds: [w.livingRoom.id, foreignCategory.id], seriesIds: [foreignSeries.id], storeIds: [other.hq.id, w.store.id] },
    });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res).sort()).toEqual(['body.conditions.categoryIds.1', 'body.conditions.seriesIds.0', 'body.conditions.storeIds.0']);
    const rule = await makeRule(t, w.a.admin, { name: '客厅' });
    expect(issuePaths(await w.a.admin.patch(`${URL}/${rule.id}`, { conditions: { categoryIds: [foreignCategory.id] } }))).toEqual(['body.conditions.categoryIds.0']);
    expect(issuePaths(await w.a.admin.post(URL, { name: '', effect: double }))).toEqual(['body.name']);
    expect(issuePaths(await w.a.admin.post(URL, { name: '日期', effect: double, validFrom: '2026-02-30' }))).toEqual(['body.validFrom']);
  });
});

describe('access', () => {
  it('lets loyalty:view read and preview, keeps writes to loyalty:admin, and refuses reads without loyalty:view', async () => {
    const w = await loyaltyWorld(t);
    const rule = await makeRule(t, w.a.admin, { name: '双倍' });
    const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    for (const c of [manager.client, sales.client]) {
      expect(ok(await c.get(URL)).items.map((r: RuleOut) => r.id)).toEqual([rule.id]);
      ok(await c.get(`${URL}/${rule.id}`));
      ok(await c.post(`${URL}/preview`, { storeId: w.store.id, paidFen: 10_000 }));
      expectErrorBody(await c.post(URL, { name: '越权', effect: double }), 403, 'forbidden');
      expectErrorBody(await c.patch(`${URL}/${rule.id}`, { name: '越权' }), 403, 'forbidden');
      expectErrorBody(await c.delete(`${URL}/${rule.id}`), 403, 'forbidden');
    }
    const role = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'unit' });
    const outsider = await userIn(t, w.a.admin, w.a.code, w.store.id, role.name, [role]);
    expectErrorBody(await outsider.client.get(URL), 403, 'forbidden');
    expectErrorBody(await outsider.client.get(`${URL}/${rule.id}`), 403, 'forbidden');
    expectErrorBody(await outsider.client.post(`${URL}/preview`, { storeId: w.store.id, paidFen: 10_000 }), 403, 'forbidden');
    expect(ok(await w.a.admin.get(`${URL}/${rule.id}`))).toEqual(rule);
  });

  it('answers 404 for another tenant’s rule and leaves it unchanged; lists only the tenant’s own', async () => {
    const w = await loyaltyWorld(t);
    const rule = await makeRule(t, w.a.admin, { name: '甲方规则' });
    const b = await newTenant(t);
    const before = await rowOf(t, 'loyalty_bonus_rules', rule.id);
    expectErrorBody(await b.admin.get(`${URL}/${rule.id}`), 404, 'not_found');
    expectErrorBody(await b.admin.patch(`${URL}/${rule.id}`, { name: '乙方改' }), 404, 'not_found');
    expectErrorBody(await b.admin.delete(`${URL}/${rule.id}`), 404, 'not_found');
    expect(await rowOf(t, 'loyalty_bonus_rules', rule.id)).toEqual(before);
    expect(ok(await b.admin.get(URL)).items).toEqual([]);
  });
});

describe('preview', () => {
  it('computes base and bonus on the paid share of matching lines, and names the non-stackable rules that gave way', async () => {
    const w = await loyaltyWorld(t);
    const bedroom = await makeCategory(w.a.admin, { name: '卧室' });
    const beds = await makeRule(t, w.a.admin, { name: '卧室双倍', conditions: { categoryIds: [bedroom.id] } });
    const gift = await makeRule(t, w.a.admin, { name: '满额送', effect: fixed(100) });
    const franchise = await makeRule(t, w.a.admin, { name: '加盟店', effect: fixed(9_999), conditions: { storeKinds: ['franchise'] } });
    const preview = ok(
      await w.a.admin.post(`${URL}/preview`, {
        storeId: w.store.id,
        paidFen: 50_000, // a deposit: half of the order
        lines: [
          { categoryId: bedroom.id, amountFen: 60_000 },
          { categoryId: w.livingRoom.id, seriesId: w.series.id, amountFen: 40_000 },
        ],
      }),
    );
    // The beds' share of what was paid: floor(50,000 × 60,000 ÷ 100,000) = 30,000 fen → 300 more points.
    expect(preview).toEqual({
      points: 800,
      basePoints: 500,
      bonusPoints: 300,
      basisFen: 50_000,
      breakdown: [
        { rule: 'base', basisFen: 50_000, rate: { points: 1, yuan: 1 }, points: 500 },
        { rule: 'bonus', ruleId: beds.id, name: '卧室双倍', effect: double, stackable: false, basisFen: 30_000, points: 300 },
      ],
      outranked: [{ rule: 'bonus', ruleId: gift.id, name: '满额送', effect: fixed(100), stackable: false, basisFen: 50_000, points: 100 }],
    });
    const atFranchise = await makeStore(w.a.admin, w.region.id, 'franchise');
    const there = ok(await w.a.admin.post(`${URL}/preview`, { storeId: atFranchise.id, paidFen: 50_000 }));
    expect(there.breakdown.map((p: { name?: string; rule: string }) => p.name ?? p.rule)).toEqual(['base', franchise.name]);
  });

  it('judges the window at the given payment time', async () => {
    const w = await loyaltyWorld(t);
    await makeRule(t, w.a.admin, { name: '元旦', effect: fixed(50), validFrom: '2027-01-01', validTo: '2027-01-01' });
    const at = async (paidAt: string) => ok(await w.a.admin.post(`${URL}/preview`, { storeId: w.store.id, paidFen: 100, paidAt })).points;
    expect(await at('2026-12-31T15:59:59+00:00')).toBe(1);
    expect(await at('2027-01-01T00:00:00+08:00')).toBe(51);
    expect(await at('2027-01-01T23:59:59+08:00')).toBe(51);
    expect(await at('2027-01-02T00:00:00+08:00')).toBe(1);
    // Now (22 November 2026) is outside.
    expect(ok(await w.a.admin.post(`${URL}/preview`, { storeId: w.store.id, paidFen: 100 })).points).toBe(1);
  });

  it('answers 422 for a store not in the tenant and a customer the caller cannot see', async () => {
    const w = await loyaltyWorld(t);
    const b = await newTenant(t);
    const res = await w.a.admin.post(`${URL}/preview`, { storeId: b.hq.id, paidFen: 100, customerId: (await createCustomer(b.admin, { name: '乙方客户' })).id });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res).sort()).toEqual(['body.customerId', 'body.storeId']);
    const elsewhere = await makeStore(w.a.admin, w.region.id);
    const stranger = await createCustomer(w.a.admin, { name: '别店客户', storeId: elsewhere.id });
    const sales = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    expect(issuePaths(await sales.client.post(`${URL}/preview`, { storeId: w.store.id, paidFen: 100, customerId: stranger.id }))).toEqual(['body.customerId']);
    expect(issuePaths(await w.a.admin.post(`${URL}/preview`, { storeId: w.store.id, paidFen: -1 }))).toEqual(['body.paidFen']);
  });
});
