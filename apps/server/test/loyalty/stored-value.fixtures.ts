import type { Client, TestApp } from '../helpers.ts';
import { ok } from './fixtures.ts';

/** Builders of the stored-value suites: HTTP calls with an optional Idempotency-Key, the member's value, the check. */

export interface ValueEntryOut {
  id: string;
  accountId: string;
  memberId: string | null;
  memberNumber: string | null;
  kind: string;
  amountFen: number;
  principalFen: number;
  bonusFen: number;
  balanceAfterFen: number;
  principalAfterFen: number;
  bonusAfterFen: number;
  method: string | null;
  reference: string | null;
  sourceType: string;
  sourceId: string;
  storeId: string | null;
  storeName: string | null;
  orderId: string | null;
  note: string | null;
  cancelsEntryId: string | null;
  cancelledByEntryId: string | null;
  createdById: string | null;
}
export interface BalanceOut {
  accountId: string;
  balanceFen: number;
  principalFen: number;
  bonusFen: number;
}
export interface MovementOut {
  entry: ValueEntryOut;
  balance: BalanceOut;
}

export function valueApi(t: TestApp) {
  const post = (c: Client, url: string, body: unknown, key?: string) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: c.cookie, ...(key ? { 'idempotency-key': key } : {}) }, payload: body as object });
  const base = (memberId: string) => `/api/v1/loyalty/members/${memberId}/stored-value`;
  return {
    topUp: (c: Client, memberId: string, body: Record<string, unknown>, key?: string) => post(c, `${base(memberId)}/top-ups`, { method: 'wechat', ...body }, key),
    spend: (c: Client, memberId: string, body: Record<string, unknown>, key?: string) => post(c, `${base(memberId)}/spends`, body, key),
    refund: (c: Client, memberId: string, body: Record<string, unknown>, key?: string) =>
      post(c, `${base(memberId)}/refunds`, { method: 'cash', reason: '顾客申请退卡', ...body }, key),
    cancel: (c: Client, spendId: string, body: Record<string, unknown> = {}) => c.post(`/api/v1/loyalty/stored-value/spends/${spendId}/cancel`, body),
    /** Top up and answer the movement (201 expected). */
    fund: async (c: Client, memberId: string, amountFen: number): Promise<MovementOut> => ok(await post(c, `${base(memberId)}/top-ups`, { method: 'cash', amountFen }), 201),
    valueOf: async (c: Client, memberId: string, query = ''): Promise<{ balance: BalanceOut; statement: string; items: ValueEntryOut[]; nextCursor: string | null }> =>
      ok(await c.get(`${base(memberId)}?limit=200${query}`)),
    verify: async (admin: Client): Promise<{ accounts: number; entries: number; mismatches: { problem: string; expected: number; found: number; entryId: string | null }[] }> =>
      ok(await admin.post('/api/v1/loyalty/stored-value/verify')),
  };
}

export async function auditRows(t: TestApp, tenantId: string, entityId: string) {
  const r = await t.deps.db.pool.query('SELECT action, actor_id, meta, changes FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [tenantId, entityId]);
  return r.rows as { action: string; actor_id: string | null; meta: Record<string, unknown>; changes: { field: string; before: unknown; after: unknown }[] }[];
}
