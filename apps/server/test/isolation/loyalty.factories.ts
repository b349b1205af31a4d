import { type Built, customerOf, type Factory, once, type World } from './world.ts';

/** Records of the loyalty module for the generated isolation walker. */

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; accountId: string };
}

/** Store A's customer enrolled (join store A), with points on its account. */
function memberOf(w: World): Promise<Built> {
  return once(w, 'loyaltyMember', async () => {
    const c = await customerOf(w);
    const m = await ok(w.a.admin.post('/api/v1/loyalty/members', { customerId: c.params.id, consents: [{ channel: 'sms', granted: true }] }), 201);
    await ok(w.a.admin.post('/api/v1/loyalty/adjustments', { memberId: m.id, points: 200, reason: '隔离测试积分' }), 201);
    return { params: { id: m.id }, rows: [...c.rows, ['loyalty_members', m.id], ['loyalty_accounts', m.accountId]] };
  });
}

/** That member's customer, for the routes reached by customer (the member price). */
function memberCustomerOf(w: World): Promise<Built> {
  return once(w, 'loyaltyMemberCustomer', async () => {
    const m = await memberOf(w);
    const c = await customerOf(w);
    return { params: { customerId: c.params.id }, rows: m.rows };
  });
}

/** A pending adjustment of that member (above the default threshold), so approving or rejecting it would be a change. */
function adjustmentOf(w: World): Promise<Built> {
  return once(w, 'loyaltyAdjustment', async () => {
    const m = await memberOf(w);
    const a = await ok(w.a.admin.post('/api/v1/loyalty/adjustments', { memberId: m.params.id, points: 50_000, reason: '隔离测试待审批' }), 201);
    return { params: { id: a.id }, rows: [...m.rows, ['loyalty_adjustments', a.id]] };
  });
}

/** A gift of tenant A's catalogue (tenant-wide: every store redeems from it). */
function giftOf(w: World): Promise<Built> {
  return once(w, 'loyaltyGift', async () => {
    const g = await ok(w.a.admin.post('/api/v1/loyalty/gifts', { name: '隔离测试礼品', pointsPrice: 50, stock: 5 }), 201);
    return { params: { id: g.id }, rows: [['loyalty_gifts', g.id]] };
  });
}

/** A redemption of that member, made by tenant A's administrator (so at the head office, outside store A's sibling). */
function redemptionOf(w: World): Promise<Built> {
  return once(w, 'loyaltyRedemption', async () => {
    const m = await memberOf(w);
    const r = await ok(w.a.admin.post(`/api/v1/loyalty/members/${m.params.id}/redemptions`, { kind: 'cash', cashFen: 100 }), 201);
    return { params: { id: r.id }, rows: [...m.rows, ['loyalty_redemptions', r.id]] };
  });
}

export const FACTORIES: Factory[] = [
  // The account is chain-wide (LOY-7): any store of the brand redeems for a member and lists what it redeemed, so only
  // another tenant is refused here; the redemption itself is fenced by the store where it happened (below).
  { name: 'loyalty member (chain-wide redemption)', match: /^\/api\/v1\/loyalty\/members\/:id\/redemptions$/, customerOwned: false, build: memberOf },
  { name: 'loyalty gift', match: /^\/api\/v1\/loyalty\/gifts\/:id(\/|$)/, customerOwned: false, build: giftOf },
  { name: 'loyalty redemption', match: /^\/api\/v1\/loyalty\/redemptions\/:id(\/|$)/, customerOwned: true, build: redemptionOf },
  // Stored value has its own factories (loyalty-stored-value.factories.ts): top-up and spend are chain-wide.
  { name: 'loyalty member', match: /^\/api\/v1\/loyalty\/members\/:id(?!\/stored-value)(\/|$)/, customerOwned: true, build: memberOf },
  { name: 'loyalty member price (by customer)', match: /^\/api\/v1\/loyalty\/customers\/:customerId\//, customerOwned: true, build: memberCustomerOf },
  { name: 'loyalty adjustment (pending)', match: /^\/api\/v1\/loyalty\/adjustments\/:id(\/|$)/, customerOwned: true, build: adjustmentOf },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'POST /api/v1/loyalty/members/:id/consents': { channel: 'sms', granted: false },
  'POST /api/v1/loyalty/adjustments/:id/approve': { note: '越权批准' },
  'POST /api/v1/loyalty/adjustments/:id/reject': { note: '越权驳回' },
  'POST /api/v1/loyalty/members/:id/redemptions': { kind: 'cash', cashFen: 100 },
  'POST /api/v1/loyalty/redemptions/:id/cancel': { reason: '越权取消' },
  'PATCH /api/v1/loyalty/gifts/:id': { stock: 0, active: false },
};
