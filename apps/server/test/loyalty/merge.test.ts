import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, expectErrorBody } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { entriesOf, memberOf, ok, verify } from './fixtures.ts';
import { chainWorld, type ChainWorld, settlementRows } from './settlement-world.ts';

/**
 * The membership follows a customer merge (CUS-6): a lone membership of a merged-away customer moves to the survivor;
 * when both are members, the merged-away one's points move lot by lot (expiry and earning store kept) and its
 * membership is cancelled. Audited; the ledger verifies clean.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '87600' });
});
afterAll(async () => {
  await t.app.close();
});

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const merge = async (c: ChainWorld, survivorId: string, mergedIds: string[]) => ok(await c.admin.post('/api/v1/customers/merge', { survivorId, mergedIds }));

async function lotsOf(accountId: string) {
  const r = await t.deps.db.pool.query(
    `SELECT l.points::int, l.remaining::int, l.expires_at, e.kind, e.store_id FROM points_lots l JOIN points_entries e ON e.id = l.entry_id
      WHERE l.account_id = $1 AND l.remaining > 0 ORDER BY l.expires_at, l.earned_at`,
    [accountId],
  );
  return r.rows as { points: number; remaining: number; expires_at: Date; kind: string; store_id: string | null }[];
}
async function auditOf(tenantId: string, entityId: string) {
  const r = await t.deps.db.pool.query("SELECT action, changes, meta FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action LIKE 'loyaltyMember.%' ORDER BY id", [tenantId, entityId]);
  return r.rows as { action: string; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, unknown> }[];
}

describe('a customer merge and the membership', () => {
  it('moves a lone membership of the merged-away customer to the survivor: number, balance, consents and later earnings stay with it', async () => {
    t.clock.set(sh('2026-11-22T10:00:00'));
    const c = await chainWorld(t);
    const survivor = await createCustomer(c.admin, { name: '王合并', storeId: c.d1.id, phones: ['13911112222'] });
    const loser = await c.member('王合并', c.d1.id, { consents: [{ channel: 'sms', granted: true }] });
    await c.earn(loser.customerId, c.f1.id, 3);
    await merge(c, survivor.id, [loser.customerId]);

    const m = await memberOf(c.admin, loser.id);
    expect(m).toMatchObject({ id: loser.id, number: loser.number, customerId: survivor.id, status: 'active', balance: 300, consents: [expect.objectContaining({ channel: 'sms', granted: true })] });
    expect(ok(await c.admin.get(`/api/v1/loyalty/members?customerId=${survivor.id}`)).items.map((x: { id: string }) => x.id)).toEqual([loser.id]);
    const [moved] = await auditOf(c.w.a.tenant.id, loser.id).then((rows) => rows.filter((r) => r.action === 'loyaltyMember.customerMerged'));
    expect(moved.changes).toEqual([{ field: 'customerId', before: loser.customerId, after: survivor.id }]);
    // The survivor's next order earns into the membership.
    await c.earn(survivor.id, c.d1.id, 1);
    expect((await memberOf(c.admin, loser.id)).balance).toBe(400);
    expect((await verify(c.admin)).mismatches).toEqual([]);
  });

  it('moves every open lot of a merged-away member into the survivor’s account (expiry and earning store kept) and cancels that membership', async () => {
    t.clock.set(sh('2025-12-10T10:00:00'));
    const c = await chainWorld(t);
    const a = await c.member('李存活', c.d1.id);
    const b = await c.member('李存活', c.f1.id);
    await c.earn(b.customerId, c.f1.id, 3); // 300 at F1, usable to the end of 2026
    t.clock.set(sh('2026-11-22T10:00:00'));
    await c.earn(a.customerId, c.d1.id, 1); // A's own 100, to the end of 2027
    await c.earn(b.customerId, c.d1.id, 2); // 200 at D1, to the end of 2027
    await c.redeem(b.id, c.d1.id, 50); // from the 2025 lot: F1 owes the company 50
    t.clock.advance(60_000);
    await merge(c, a.customerId, [b.customerId]);

    expect(await memberOf(c.admin, b.id)).toMatchObject({ status: 'cancelled', balance: 0, customerId: b.customerId });
    expect(await memberOf(c.admin, a.id)).toMatchObject({ status: 'active', balance: 550 });
    const endOf2026 = new Date(sh('2027-01-01T00:00:00'));
    const endOf2027 = new Date(sh('2028-01-01T00:00:00'));
    expect(await lotsOf(a.accountId)).toEqual([
      { points: 250, remaining: 250, expires_at: endOf2026, kind: 'transfer_in', store_id: c.f1.id },
      { points: 100, remaining: 100, expires_at: endOf2027, kind: 'earn', store_id: c.d1.id },
      { points: 200, remaining: 200, expires_at: endOf2027, kind: 'transfer_in', store_id: c.d1.id },
    ]);
    const out = (await entriesOf(c.admin, a.id)).filter((e) => e.kind === 'transfer_in');
    expect(out.map((e) => [e.points, e.sourceType, e.expiresAt])).toEqual([
      [200, 'merge', endOf2027.toISOString()],
      [250, 'merge', endOf2026.toISOString()],
    ]);
    const bEntries = await t.deps.db.pool.query("SELECT kind, points::int, source_type, store_id FROM points_entries WHERE account_id = $1 AND kind = 'transfer_out' ORDER BY seq", [b.accountId]);
    expect(bEntries.rows).toEqual([
      { kind: 'transfer_out', points: -250, source_type: 'merge', store_id: c.f1.id },
      { kind: 'transfer_out', points: -200, source_type: 'merge', store_id: c.d1.id },
    ]);

    const [merged] = await auditOf(c.w.a.tenant.id, b.id).then((rows) => rows.filter((r) => r.action === 'loyaltyMember.merged'));
    expect(merged.changes).toEqual([{ field: 'status', before: 'active', after: 'cancelled' }]);
    expect(merged.meta).toMatchObject({ intoMemberId: a.id, points: 450, lots: 2, debtLeft: 0, sharedAccount: false });
    expect((await auditOf(c.w.a.tenant.id, a.id)).map((r) => r.action)).toContain('loyaltyMember.absorbed');
    expect((await verify(c.admin)).mismatches).toEqual([]);

    // The cancelled membership redeems nothing; the moved points still settle with the store that earned them.
    expectErrorBody(await (await c.clerk(c.d1.id)).post(`/api/v1/loyalty/members/${b.id}/redemptions`, { kind: 'cash', cashFen: 1 }), 409, 'conflict');
    const r = await c.redeem(a.id, c.f2.id, 300); // 250 moved from F1's lot, then 50 of A's own D1 lot
    const rows = (await settlementRows(t, c.w.a.tenant.id)).filter((x) => x.redemption_id === r.id);
    expect(rows.map((x) => [x.from_store_id, x.from_party_kind, x.points]).sort()).toEqual([[c.d1.id, 'hq', 50], [c.f1.id, 'franchise', 250]].sort());
  });

  it('keeps the earliest enrolled of several merged-away memberships for the survivor and absorbs the others into it; merges without members change nothing', async () => {
    t.clock.set(sh('2026-11-22T10:00:00'));
    const c = await chainWorld(t);
    const survivor = await createCustomer(c.admin, { name: '张三', storeId: c.d1.id, phones: ['13933334444'] });
    const first = await c.member('张三', c.d1.id);
    const second = await c.member('张三', c.d2.id);
    await c.earn(first.customerId, c.d1.id, 1);
    await c.earn(second.customerId, c.d2.id, 2);
    await merge(c, survivor.id, [second.customerId, first.customerId]);
    expect(await memberOf(c.admin, first.id)).toMatchObject({ customerId: survivor.id, status: 'active', balance: 300 });
    expect(await memberOf(c.admin, second.id)).toMatchObject({ status: 'cancelled', balance: 0 });

    const plain = await createCustomer(c.admin, { name: '路人', storeId: c.d1.id, phones: ['13955556666'] });
    const other = await createCustomer(c.admin, { name: '路人', storeId: c.d1.id, phones: ['13977778888'] });
    await merge(c, plain.id, [other.id]);
    const member = await c.member('会员甲', c.d1.id);
    const nonMember = await createCustomer(c.admin, { name: '会员甲', storeId: c.d1.id, phones: ['13900001111'] });
    await merge(c, member.customerId, [nonMember.id]);
    expect(await memberOf(c.admin, member.id)).toMatchObject({ customerId: member.customerId, status: 'active' });
    expect((await verify(c.admin)).mismatches).toEqual([]);
  });
});
