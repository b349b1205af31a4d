import type { LightMyRequestResponse } from 'fastify';
import type { Client, TestApp } from '../helpers.ts';
import { userIn } from '../helpers.ts';
import { enrol, loyaltyWorld, ok, setSettings } from './fixtures.ts';

/** Builders of the card and family suites: a world with a member, a counter (导购) and a manager (店长) of its store. */

export interface CardOut {
  id: string;
  number: string;
  memberId: string;
  memberNumber: string;
  accountId: string;
  kind: 'primary' | 'sub';
  status: string;
  usable: boolean;
  discountPercent: number | null;
  monthlyPointsLimit: number | null;
  monthlyValueLimitFen: number | null;
  replacesCardId: string | null;
  replacedByCardId: string | null;
  events: { action: string; fromStatus: string | null; toStatus: string; note: string | null; at: string; byId: string | null; byName: string | null; storeId: string | null; storeName: string | null; meta: Record<string, unknown> }[];
}

export async function cardWorld(t: TestApp) {
  const w = await loyaltyWorld(t);
  await setSettings(w.a.admin, { adjustments: { approvalThreshold: 100_000_000 } });
  const m = await enrol(w.a.admin, w.customer.id);
  const counter = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
  const manager = await userIn(t, w.a.admin, w.a.code, w.store.id, '店长');
  return { w, m, counter, manager };
}

export const issueCard = (c: Client, memberId: string, body: Record<string, unknown> = {}) => c.post(`/api/v1/loyalty/members/${memberId}/cards`, body);
export const cardStep = (c: Client, cardId: string, step: 'activate' | 'report-lost' | 'replace' | 'cancel', body: Record<string, unknown> = {}) =>
  c.post(`/api/v1/loyalty/cards/${cardId}/${step}`, body);

/** An issued and activated card of the member. */
export async function activeCard(c: Client, memberId: string): Promise<CardOut> {
  const card = ok(await issueCard(c, memberId), 201) as CardOut;
  return ok(await cardStep(c, card.id, 'activate')) as CardOut;
}

export function put(t: TestApp, c: Client, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie }, payload: body as object });
}

export async function fund(admin: Client, memberId: string, points: number) {
  ok(await admin.post('/api/v1/loyalty/adjustments', { memberId, points, reason: '测试积分' }), 201);
}

export const redeemCash = (c: Client, memberId: string, cashFen: number, cardNumber?: string) =>
  c.post(`/api/v1/loyalty/members/${memberId}/redemptions`, { kind: 'cash', cashFen, ...(cardNumber ? { cardNumber } : {}) });

export async function lookupCard(c: Client, number: string) {
  return c.get(`/api/v1/loyalty/members/lookup?card=${encodeURIComponent(number)}`);
}

export async function auditActions(t: TestApp, tenantId: string, entityId: string) {
  const r = await t.deps.db.pool.query('SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [tenantId, entityId]);
  return r.rows.map((x: { action: string }) => x.action);
}
