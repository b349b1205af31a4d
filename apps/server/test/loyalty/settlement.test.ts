import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { reverseSettlement, settleRedemption } from '../../src/modules/loyalty/index.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { ok, verify } from './fixtures.ts';
import { chainWorld, settlementRows } from './settlement-world.ts';

/**
 * Cross-store settlement (LOY-7): a redemption that spends points earned at another settlement party records what
 * the earning party owes the redeeming one; cancellations offset; the monthly report per store pair, the rows behind
 * it and their CSV, each seen by the scope of either store.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

// 15:30 on 22 November 2026 in Shanghai.
const NOV = '2026-11-22T07:30:00.000Z';

async function auditActions(tenantId: string, entityId: string) {
  const r = await t.deps.db.pool.query('SELECT action, meta FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [tenantId, entityId]);
  return r.rows as { action: string; meta: Record<string, unknown> }[];
}

const report = async (c: Pick<Client, 'get'>, month = '2026-11') => ok(await c.get(`/api/v1/loyalty/settlements/report?month=${month}`));

describe('settling a redemption', () => {
  it('records what one franchise store owes another for points earned there and redeemed here, at the redemption rate, audited', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t, { pointsPerYuan: 150 });
    const m = await c.member('赵敏', c.f1.id);
    await c.earn(m.customerId, c.f1.id, 3); // 300 points at F1
    const r = await c.redeem(m.id, c.f2.id, 200);
    // 200 points at 150 points per yuan: 200 × 100 ÷ 150 = 133.33 → 133 fen.
    expect(await settlementRows(t, c.w.a.tenant.id)).toEqual([
      {
        kind: 'redeem', redemption_id: r.id, from_store_id: c.f1.id, from_party_id: c.f1.id, from_party_kind: 'franchise', to_store_id: c.f2.id, to_party_id: c.f2.id,
        to_party_kind: 'franchise', points: 200, amount_fen: 133, points_per_yuan: 150,
      },
    ]);
    // Settling (or offsetting) the same entry again, as a retried delivery would, adds nothing.
    const ctx = systemCtx(t.deps.db.db, c.w.a.tenant.id, t.clock.now, 'test.settle');
    await t.deps.db.db.transaction((tx) => settleRedemption({ ...ctx, db: tx as never }, tx, { entryId: r.entryId, storeId: c.f2.id, redemptionId: r.id }));
    expect(await settlementRows(t, c.w.a.tenant.id)).toHaveLength(1);
    const audit = await auditActions(c.w.a.tenant.id, r.id);
    expect(audit.map((a) => a.action)).toEqual(['loyaltyRedemption.redeemed', 'loyaltyRedemption.settled']);
    expect(audit[1].meta.settlements).toEqual([expect.objectContaining({ fromStoreId: c.f1.id, toStoreId: c.f2.id, points: 200, amountFen: 133 })]);
    expect((await verify(c.admin)).mismatches).toEqual([]);
  });

  it('settles between a franchise store and the company both ways (a direct store is the company’s), and a dealer like a franchise', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t);
    const m = await c.member('钱多多', c.d1.id);
    await c.earn(m.customerId, c.f1.id, 1); // 100 at F1
    const toDirect = await c.redeem(m.id, c.d1.id, 100); // F1's points at the company's store
    await c.earn(m.customerId, c.d2.id, 2); // 200 at a direct store
    const toFranchise = await c.redeem(m.id, c.f2.id, 150); // the company's points at F2
    await c.earn(m.customerId, c.dealer.id, 1);
    // Lots of one year expire together, so the older goes first: D2's 50 left (company to company: nothing), then 30 of the dealer's.
    const toDealerFromSelf = await c.redeem(m.id, c.d1.id, 80);
    const rows = await settlementRows(t, c.w.a.tenant.id);
    expect(rows.map((r) => [r.redemption_id, r.from_store_id, r.from_party_kind, r.to_store_id, r.to_party_kind, r.points, r.amount_fen])).toEqual([
      [toDirect.id, c.f1.id, 'franchise', c.d1.id, 'hq', 100, 100],
      [toFranchise.id, c.d2.id, 'hq', c.f2.id, 'franchise', 150, 150],
      [toDealerFromSelf.id, c.dealer.id, 'dealer', c.d1.id, 'hq', 30, 30],
    ]);
    expect(rows.every((r) => (r.to_party_kind === 'hq') === (r.to_party_id === null))).toBe(true);
  });

  it('records nothing between two direct stores, nor within one franchise store', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t);
    const m = await c.member('孙悟', c.d1.id);
    await c.earn(m.customerId, c.d1.id, 2);
    const r = await c.redeem(m.id, c.d2.id, 150);
    await c.earn(m.customerId, c.f1.id, 1);
    await c.redeem(m.id, c.d2.id, 50); // the rest of D1's lot: still the company's
    await c.redeem(m.id, c.f1.id, 100); // F1's own points at F1
    expect(await settlementRows(t, c.w.a.tenant.id)).toEqual([]);
    expect((await auditActions(c.w.a.tenant.id, r.id)).map((a) => a.action)).toEqual(['loyaltyRedemption.redeemed']);
    expect((await report(c.admin)).rows).toEqual([]);
  });

  it('splits one redemption over lots earned at several stores: a row per owing store, none for the redeeming store’s own points', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t);
    const m = await c.member('周芷若', c.d1.id);
    await c.earn(m.customerId, c.f1.id, 1); // oldest: spent first (all lots expire at the same year end)
    await c.earn(m.customerId, c.d1.id, 1);
    await c.earn(m.customerId, c.f2.id, 1);
    const r = await c.redeem(m.id, c.f2.id, 250);
    const rows = await settlementRows(t, c.w.a.tenant.id);
    const byStore = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(rows.map((x) => [x.from_store_id, x.from_party_kind, x.to_store_id, x.points, x.amount_fen]).sort(byStore)).toEqual(
      [
        [c.d1.id, 'hq', c.f2.id, 100, 100],
        [c.f1.id, 'franchise', c.f2.id, 100, 100],
      ].sort(byStore),
    );
    expect(rows.every((x) => x.redemption_id === r.id)).toBe(true);
    expect((await verify(c.admin)).mismatches).toEqual([]);
  });

  it('offsets the rows with new ones when the redemption is cancelled (never edits them); the rows refuse UPDATE and DELETE', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t, { pointsPerYuan: 300 });
    const m = await c.member('张无忌', c.f1.id);
    await c.earn(m.customerId, c.f1.id, 5);
    const r = await c.redeem(m.id, c.f2.id, 200); // 200 × 100 ÷ 300 = 66.67 → 66 fen
    await c.cancel(r.id);
    const cancelled = ok(await c.admin.get(`/api/v1/loyalty/redemptions/${r.id}`));
    const ctx = systemCtx(t.deps.db.db, c.w.a.tenant.id, t.clock.now, 'test.settle');
    await t.deps.db.db.transaction((tx) => reverseSettlement({ ...ctx, db: tx as never }, tx, { entryId: r.entryId, cancelEntryId: cancelled.cancelEntryId, redemptionId: r.id }));
    const rows = await settlementRows(t, c.w.a.tenant.id);
    expect(rows.map((x) => [x.kind, x.from_store_id, x.to_store_id, x.points, x.amount_fen, x.points_per_yuan])).toEqual([
      ['redeem', c.f1.id, c.f2.id, 200, 66, 300],
      ['cancel', c.f1.id, c.f2.id, -200, -66, 300],
    ]);
    expect((await auditActions(c.w.a.tenant.id, r.id)).map((a) => a.action)).toEqual([
      'loyaltyRedemption.redeemed', 'loyaltyRedemption.settled', 'loyaltyRedemption.settlementReversed', 'loyaltyRedemption.cancelled',
    ]);
    const rep = await report(c.admin);
    expect(rep.rows).toEqual([expect.objectContaining({ fromStoreId: c.f1.id, toStoreId: c.f2.id, points: 0, amountFen: 0, redemptions: 1, cancellations: 1 })]);
    expect(rep.net).toEqual([]);
    await expect(t.deps.db.pool.query('UPDATE loyalty_settlements SET points = 0 WHERE tenant_id = $1', [c.w.a.tenant.id])).rejects.toThrow(/append-only/);
    await expect(t.deps.db.pool.query('DELETE FROM loyalty_settlements WHERE tenant_id = $1', [c.w.a.tenant.id])).rejects.toThrow(/append-only/);
    expect((await verify(c.admin)).mismatches).toEqual([]);
  });
});

describe('the monthly report', () => {
  it('sums each store pair over the Shanghai month, nets the parties both ways and totals; the next month starts at Shanghai midnight', async () => {
    t.clock.set('2026-11-30T06:00:00.000Z'); // 14:00 on the 30th in Shanghai (sessions last 12 hours)
    const c = await chainWorld(t);
    const a = await c.member('黄蓉', c.f1.id);
    const b = await c.member('郭靖', c.f2.id);
    await c.earn(a.customerId, c.f1.id, 10); // 1,000 at F1
    await c.earn(b.customerId, c.f2.id, 10); // 1,000 at F2
    await c.redeem(a.id, c.f2.id, 300); // F1 owes F2 300
    await c.redeem(a.id, c.f2.id, 200); // F1 owes F2 200
    await c.redeem(b.id, c.f1.id, 120); // F2 owes F1 120
    await c.redeem(a.id, c.d1.id, 50); // F1 owes the company 50
    t.clock.set('2026-11-30T15:58:00.000Z'); // redeemed a minute later: 23:59 on the 30th in Shanghai, still November
    await c.redeem(b.id, c.f1.id, 30);
    t.clock.set('2026-11-30T15:59:30.000Z'); // redeemed at 00:00:30 on 1 December in Shanghai
    const dec = await c.redeem(a.id, c.f2.id, 70);

    const nov = await report(c.admin);
    expect(nov.month).toBe('2026-11');
    const pair = (from: string | null, to: string | null) => nov.rows.find((r: { fromStoreId: string | null; toStoreId: string | null }) => r.fromStoreId === from && r.toStoreId === to);
    expect(nov.rows).toHaveLength(3);
    expect(pair(c.f1.id, c.f2.id)).toMatchObject({
      fromParty: { id: c.f1.id, kind: 'franchise', name: c.f1.name }, fromStoreName: c.f1.name, toParty: { id: c.f2.id, kind: 'franchise', name: c.f2.name }, toStoreName: c.f2.name,
      points: 500, amountFen: 500, redemptions: 2, cancellations: 0,
    });
    expect(pair(c.f2.id, c.f1.id)).toMatchObject({ points: 150, amountFen: 150, redemptions: 2 });
    expect(pair(c.f1.id, c.d1.id)).toMatchObject({ toParty: { id: null, kind: 'hq', name: expect.any(String) }, toStoreName: c.w.store.name, points: 50, amountFen: 50, redemptions: 1 });
    expect(nov.net).toEqual([
      { fromParty: { id: c.f1.id, kind: 'franchise', name: c.f1.name }, toParty: { id: c.f2.id, kind: 'franchise', name: c.f2.name }, points: 350, amountFen: 350 },
      { fromParty: { id: c.f1.id, kind: 'franchise', name: c.f1.name }, toParty: { id: null, kind: 'hq', name: expect.any(String) }, points: 50, amountFen: 50 },
    ]);
    expect(nov.totals).toEqual({ points: 700, amountFen: 700, redemptions: 5, cancellations: 0 });

    const december = await report(c.admin, '2026-12');
    expect(december.rows).toEqual([expect.objectContaining({ fromStoreId: c.f1.id, toStoreId: c.f2.id, points: 70, redemptions: 1 })]);
    const rows = ok(await c.admin.get('/api/v1/loyalty/settlements?month=2026-12')).items;
    expect(rows).toEqual([expect.objectContaining({ kind: 'redeem', redemptionId: dec.id, memberNumber: a.number, points: 70, amountFen: 70, pointsPerYuan: 100 })]);
  });

  it('lists the rows of one pair in keyset pages and exports them as CSV (BOM, Chinese headers, yuan), audited', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t, { pointsPerYuan: 150 });
    const a = await c.member('令狐冲', c.f1.id);
    await c.earn(a.customerId, c.f1.id, 10);
    await c.earn(a.customerId, c.d1.id, 10);
    const r1 = await c.redeem(a.id, c.f2.id, 301);
    const r2 = await c.redeem(a.id, c.f2.id, 302);
    const r3 = await c.redeem(a.id, c.f2.id, 500); // 397 from F1, 103 from D1
    const first = ok(await c.admin.get(`/api/v1/loyalty/settlements?month=2026-11&fromStoreId=${c.f1.id}&toStoreId=${c.f2.id}&limit=2`));
    expect(first.items.map((x: { redemptionId: string }) => x.redemptionId)).toEqual([r3.id, r2.id]);
    const second = ok(await c.admin.get(`/api/v1/loyalty/settlements?month=2026-11&fromStoreId=${c.f1.id}&toStoreId=${c.f2.id}&limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((x: { redemptionId: string }) => x.redemptionId)).toEqual([r1.id]);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]).toMatchObject({ points: 397, amountFen: 264, fromStoreName: c.f1.name, toStoreName: c.f2.name, fromParty: { kind: 'franchise' } });
    const company = ok(await c.admin.get(`/api/v1/loyalty/settlements?month=2026-11&fromStoreId=${c.d1.id}`)).items;
    expect(company).toEqual([expect.objectContaining({ redemptionId: r3.id, points: 103, amountFen: 68, fromParty: expect.objectContaining({ id: null, kind: 'hq' }) })]);
    expect(ok(await c.admin.get('/api/v1/loyalty/settlements?month=2026-11&fromStoreId=none')).items).toEqual([]);

    const csv = await c.admin.get(`/api/v1/loyalty/settlements/export?month=2026-11&toStoreId=${c.f2.id}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toContain(encodeURIComponent('跨店结算-2026-11.csv'));
    expect(csv.body.startsWith('\ufeff时间,类型,兑换单号,会员号,积分来源方,积分来源门店,兑换方,兑换门店,积分,结算金额（元）,兑换比率（积分/元）\r\n')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(5); // header + 4 rows (r3 has two)
    expect(lines[1]).toMatch(new RegExp(`,兑换,${r3.id},${a.number},`));
    expect(lines).toContainEqual(expect.stringContaining(`,${c.f1.name},${c.f1.name},${c.f2.name},${c.f2.name},397,2.64,150`));
    const exported = await t.deps.db.pool.query("SELECT meta FROM audit_log WHERE tenant_id = $1 AND action = 'loyaltySettlement.exported'", [c.w.a.tenant.id]);
    expect(exported.rows).toEqual([{ meta: { month: '2026-11', fromStoreId: null, toStoreId: c.f2.id } }]);
  });

  it('refuses a malformed month with 422 on query.month', async () => {
    t.clock.set(NOV);
    const a = await newTenant(t);
    const refused = async (url: string, path: string) => {
      const res = await a.admin.get(url);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toContain(path);
    };
    for (const month of ['2026-13', '2026-1', 'november', '']) await refused(`/api/v1/loyalty/settlements/report?month=${month}`, 'query.month');
    await refused('/api/v1/loyalty/settlements/report', 'query.month');
    await refused('/api/v1/loyalty/settlements?month=2026-00', 'query.month');
    await refused('/api/v1/loyalty/settlements/export?month=26-11', 'query.month');
    await refused('/api/v1/loyalty/settlements?month=2026-11&fromStoreId=abc', 'query.fromStoreId');
  });
});

describe('who sees which pairs', () => {
  it('shows a store the pairs it is part of, a region its stores’ pairs, the head office all; another tenant nothing', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t);
    const a = await c.member('杨过', c.f1.id);
    await c.earn(a.customerId, c.f1.id, 10);
    await c.earn(a.customerId, c.d2.id, 10);
    await c.redeem(a.id, c.f2.id, 100); // F1 → F2
    await c.redeem(a.id, c.d1.id, 100); // F1 → company (D1)
    await c.redeem(a.id, c.f2.id, 900); // 800 F1 → F2, 100 company (D2) → F2

    const pairs = async (client: Parameters<typeof report>[0]) =>
      (await report(client)).rows.map((r: { fromStoreId: string; toStoreId: string; points: number }) => `${r.fromStoreId === c.f1.id ? 'F1' : r.fromStoreId === c.d2.id ? 'D2' : '?'}→${r.toStoreId === c.f2.id ? 'F2' : r.toStoreId === c.d1.id ? 'D1' : '?'}:${r.points}`).sort();
    expect(await pairs(c.admin)).toEqual(['D2→F2:100', 'F1→D1:100', 'F1→F2:900']);
    expect(await pairs(await c.userOf(c.f1.id, '加盟商'))).toEqual(['F1→D1:100', 'F1→F2:900']);
    const franchisee2 = await c.userOf(c.f2.id, '加盟商');
    expect(await pairs(franchisee2)).toEqual(['D2→F2:100', 'F1→F2:900']);
    expect(await pairs(await c.userOf(c.d1.id, '店长'))).toEqual(['F1→D1:100']);
    expect(await pairs(await c.userOf(c.dealer.id, '加盟商'))).toEqual([]);
    expect(await pairs(await c.userOf(c.w.region.id, '区域经理'))).toEqual(['D2→F2:100', 'F1→D1:100', 'F1→F2:900']);
    // The counter clerk of F2 (own scope) sees its store's pairs, rows and export alike.
    const clerk = await c.clerk(c.f2.id);
    expect(await pairs(clerk)).toEqual(['D2→F2:100', 'F1→F2:900']);
    expect(ok(await clerk.get(`/api/v1/loyalty/settlements?month=2026-11&toStoreId=${c.d1.id}`)).items).toEqual([]);
    const d1Csv = await (await c.userOf(c.d1.id, '店长')).get('/api/v1/loyalty/settlements/export?month=2026-11');
    expect(d1Csv.body.trim().split('\r\n')).toHaveLength(2);

    const other = await newTenant(t);
    expect((await report(other.admin)).rows).toEqual([]);
    expect(ok(await other.admin.get('/api/v1/loyalty/settlements?month=2026-11')).items).toEqual([]);
    expect(ok(await other.admin.get(`/api/v1/loyalty/settlements?month=2026-11&fromStoreId=${c.f1.id}`)).items).toEqual([]);
  });

  it('answers 403 without loyalty:view', async () => {
    t.clock.set(NOV);
    const a = await newTenant(t);
    const role = await createRole(a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const { client } = await userIn(t, a.admin, a.code, a.hq.id, role.name);
    for (const url of ['/api/v1/loyalty/settlements/report?month=2026-11', '/api/v1/loyalty/settlements?month=2026-11', '/api/v1/loyalty/settlements/export?month=2026-11', '/api/v1/loyalty/expiry-notices']) {
      expectErrorBody(await client.get(url), 403, 'forbidden');
    }
  });
});

describe('store names on the statement', () => {
  it('names the store of every entry, for a user who may not read the org tree', async () => {
    t.clock.set(NOV);
    const c = await chainWorld(t);
    const m = await c.member('陈小店', c.d1.id);
    await c.earn(m.customerId, c.f1.id, 2);
    await c.redeem(m.id, c.f2.id, 50);
    const role = await createRole(c.admin, { permissions: ['loyalty:view'], dataScope: 'tenant' });
    const { client } = await userIn(t, c.admin, c.w.a.code, c.d1.id, role.name);
    expectErrorBody(await client.get('/api/v1/org/units'), 403, 'forbidden');
    const entries = ok(await client.get(`/api/v1/loyalty/members/${m.id}/entries`)).items;
    expect(entries.map((e: { kind: string; storeId: string; storeName: string }) => [e.kind, e.storeId, e.storeName])).toEqual([
      ['redeem', c.f2.id, c.f2.name],
      ['earn', c.f1.id, c.f1.name],
    ]);
  });
});
