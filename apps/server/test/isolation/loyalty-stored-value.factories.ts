import { createCustomer } from '../factories.ts';
import { type Built, type Factory, once, type World } from './world.ts';

/** Records of loyalty — stored value for the generated isolation walker (one factory per route with a path parameter). */

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; accountId: string; entry: { id: string } };
}

/** A member of store A (its own customer) with stored value topped up by tenant A's administrator. */
function valueMemberOf(w: World): Promise<Built> {
  return once(w, 'storedValueMember', async () => {
    const c = await createCustomer(w.a.admin, { name: '储值客户', storeId: w.storeA.id, phones: ['13912348888'] });
    const m = await ok(w.a.admin.post('/api/v1/loyalty/members', { customerId: c.id }), 201);
    await ok(w.a.admin.post(`/api/v1/loyalty/members/${m.id}/stored-value/top-ups`, { amountFen: 50_000, method: 'cash' }), 201);
    const b = await w.t.deps.db.pool.query('SELECT id FROM stored_value_balances WHERE account_id = $1', [m.accountId]);
    return {
      params: { id: m.id },
      rows: [['customers', c.id], ['loyalty_members', m.id], ['loyalty_accounts', m.accountId], ['stored_value_balances', b.rows[0].id]],
    };
  });
}

/** A spend of that member, made by tenant A's administrator (so at the head office, outside store A's sibling). */
function spendOf(w: World): Promise<Built> {
  return once(w, 'storedValueSpend', async () => {
    const m = await valueMemberOf(w);
    const s = await ok(w.a.admin.post(`/api/v1/loyalty/members/${m.params.id}/stored-value/spends`, { amountFen: 1_000 }), 201);
    return { params: { id: s.entry.id }, rows: [...m.rows, ['stored_value_entries', s.entry.id]] };
  });
}

export const FACTORIES: Factory[] = [
  // The account is chain-wide (LOY-7): any store of the brand reads the balance, tops up and spends for any member of
  // the tenant, so only another tenant is refused here.
  { name: 'loyalty member (chain-wide stored value)', match: /^\/api\/v1\/loyalty\/members\/:id\/stored-value(\/top-ups|\/spends)?$/, customerOwned: false, build: valueMemberOf },
  // A refund is a correction by the member's own stores (the join store and the managers above).
  { name: 'loyalty member (stored-value refund)', match: /^\/api\/v1\/loyalty\/members\/:id\/stored-value\/refunds$/, customerOwned: true, build: valueMemberOf },
  // A spend belongs to the store where it happened: another store cannot cancel it.
  { name: 'stored-value spend', match: /^\/api\/v1\/loyalty\/stored-value\/spends\/:id(\/|$)/, customerOwned: true, build: spendOf },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'POST /api/v1/loyalty/members/:id/stored-value/top-ups': { amountFen: 100, method: 'cash' },
  'POST /api/v1/loyalty/members/:id/stored-value/spends': { amountFen: 100 },
  'POST /api/v1/loyalty/members/:id/stored-value/refunds': { amountFen: 100, method: 'cash', reason: '越权退款' },
  'POST /api/v1/loyalty/stored-value/spends/:id/cancel': { reason: '越权取消' },
};
