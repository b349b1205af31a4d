import { createCustomer } from '../factories.ts';
import { type Built, type Factory, once, type World } from './world.ts';

/**
 * Records of loyalty — cards for the generated isolation walker. The member routes (`/members/:id/cards`,
 * `/members/:id/family`) are served by the loyalty member factory (loyalty.factories.ts): a card and a family are
 * reached through their member, so the same 404s apply.
 */

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; accountId: string };
}

/** An issued (not yet active) card of a member of store A, so activating, losing or cancelling it would be a change. */
function cardOf(w: World): Promise<Built> {
  return once(w, 'loyaltyCard', async () => {
    const c = await createCustomer(w.a.admin, { name: '持卡会员', storeId: w.storeA.id });
    const m = await ok(w.a.admin.post('/api/v1/loyalty/members', { customerId: c.id }), 201);
    const card = await ok(w.a.admin.post(`/api/v1/loyalty/members/${m.id}/cards`, {}), 201);
    return { params: { id: card.id }, rows: [['customers', c.id], ['loyalty_members', m.id], ['loyalty_accounts', m.accountId], ['loyalty_cards', card.id]] };
  });
}

export const FACTORIES: Factory[] = [{ name: 'loyalty card', match: /^\/api\/v1\/loyalty\/cards\/:id(\/|$)/, customerOwned: true, build: cardOf }];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'POST /api/v1/loyalty/cards/:id/cancel': { reason: '越权注销' },
  'PATCH /api/v1/loyalty/cards/:id': { discountPercent: 50 },
  'PUT /api/v1/loyalty/cards/:id/limits': { monthlyPointsLimit: 1, monthlyValueLimitFen: 1 },
  'POST /api/v1/loyalty/members/:id/family': { customerId: '00000000-0000-4000-8000-00000000abcd' },
};
