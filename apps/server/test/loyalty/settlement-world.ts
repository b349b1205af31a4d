import { createCustomer } from '../factories.ts';
import { type Client, makeStore, type TestApp, userIn } from '../helpers.ts';
import { deliveredOrder, expectStatus, paidOrder } from '../orders/fixtures.ts';
import { enrol, loyaltyWorld, ok, setSettings } from './fixtures.ts';

/**
 * A chain for the settlement, KPI, notice and merge suites: the world's region with two direct stores (D1 is the
 * world's store), two franchise stores and a dealer, a counter clerk (导购) per store, points earned by paying orders
 * of cushions (100 yuan = 100 points each) at a chosen store, and redemptions of a gift priced to the points asked.
 */
export async function chainWorld(t: TestApp, opts: { pointsPerYuan?: number } = {}) {
  const w = await loyaltyWorld(t);
  await setSettings(w.a.admin, { adjustments: { approvalThreshold: 100_000_000 }, redemption: { pointsPerYuan: opts.pointsPerYuan ?? 100, minBalance: 0 } });
  const d1 = w.store;
  const d2 = await makeStore(w.a.admin, w.region.id, 'direct');
  const f1 = await makeStore(w.a.admin, w.region.id, 'franchise');
  const f2 = await makeStore(w.a.admin, w.region.id, 'franchise');
  const dealer = await makeStore(w.a.admin, w.region.id, 'dealer');
  const roles = (await w.a.admin.get('/api/v1/roles')).json().items;
  const clerks = new Map<string, Client>();
  /** The counter clerk (导购) of a store, made on first use. */
  const clerk = async (storeId: string) => {
    if (!clerks.has(storeId)) clerks.set(storeId, (await userIn(t, w.a.admin, w.a.code, storeId, '导购', roles)).client);
    return clerks.get(storeId)!;
  };
  /** A logged-in user of a built-in role in a unit. */
  const userOf = async (unitId: string, role: string) => (await userIn(t, w.a.admin, w.a.code, unitId, role, roles)).client;

  /** A new customer of a store, enrolled there (consents as given). */
  const member = async (name: string, storeId: string, body: Record<string, unknown> = {}) => {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const customer = await createCustomer(w.a.admin, { name, storeId, phones: [phone] });
    return { customer, phone, ...(await enrol(w.a.admin, customer.id, body)) };
  };

  /** `cushions` × 100 points for a customer, earned at a store by a paid order (a minute later than anything before). */
  const earn = async (customerId: string, storeId: string, cushions: number) => {
    t.clock.advance(60_000);
    const o = await paidOrder(w.a.admin, w, { customerId, storeId, lines: [{ productId: w.cushion.id, quantity: cushions }] });
    await t.deps.jobs.drain(w.a.tenant.id);
    return o;
  };
  /** The same, delivered (so it can be returned). */
  const earnDelivered = async (customerId: string, storeId: string, cushions: number) => {
    t.clock.advance(60_000);
    const o = await deliveredOrder(w.a.admin, w, { customerId, storeId, lines: [{ productId: w.cushion.id, quantity: cushions }] });
    await t.deps.jobs.drain(w.a.tenant.id);
    return o;
  };
  const returnCushions = async (orderId: string, lineId: string, quantity: number) => {
    expectStatus(await w.a.admin.post(`/api/v1/orders/${orderId}/returns`, { lines: [{ lineId, quantity }], reason: '退货' }), 201);
    await t.deps.jobs.drain(w.a.tenant.id);
  };

  /** A gift of the catalogue (unlimited stock). */
  const gift = async (name: string, pointsPrice: number) => ok(await w.a.admin.post('/api/v1/loyalty/gifts', { name, pointsPrice, stock: null }), 201) as { id: string };
  /** Redeem `quantity` of a gift at a store's counter. */
  const redeemGift = async (memberId: string, storeId: string, giftId: string, quantity = 1) => {
    t.clock.advance(60_000);
    return ok(await (await clerk(storeId)).post(`/api/v1/loyalty/members/${memberId}/redemptions`, { kind: 'gift', giftId, quantity }), 201) as { id: string; points: number; entryId: string };
  };
  /** Redeem exactly `points` at a store's counter (a gift priced so). */
  const redeem = async (memberId: string, storeId: string, points: number) => redeemGift(memberId, storeId, (await gift(`礼品${points}`, points)).id);
  /** Cancel a redemption (the administrator: any store). */
  const cancel = async (redemptionId: string) => {
    t.clock.advance(60_000);
    return ok(await w.a.admin.post(`/api/v1/loyalty/redemptions/${redemptionId}/cancel`, { reason: '顾客退回礼品' }));
  };

  return { w, admin: w.a.admin, d1, d2, f1, f2, dealer, clerk, userOf, member, earn, earnDelivered, returnCushions, gift, redeemGift, redeem, cancel };
}
export type ChainWorld = Awaited<ReturnType<typeof chainWorld>>;

/** The settlement rows of a tenant as stored, oldest first. */
export async function settlementRows(t: TestApp, tenantId: string) {
  const r = await t.deps.db.pool.query(
    `SELECT kind, redemption_id, from_store_id, from_party_id, from_party_kind, to_store_id, to_party_id, to_party_kind, points::int, amount_fen::int, points_per_yuan
       FROM loyalty_settlements WHERE tenant_id = $1 ORDER BY created_at, from_store_id NULLS FIRST`,
    [tenantId],
  );
  return r.rows as {
    kind: string; redemption_id: string; from_store_id: string | null; from_party_id: string | null; from_party_kind: string; to_store_id: string | null; to_party_id: string | null;
    to_party_kind: string; points: number; amount_fen: number; points_per_yuan: number;
  }[];
}
