import type { LightMyRequestResponse } from 'fastify';
import type { Client, TestApp } from '../helpers.ts';
import { ok } from './fixtures.ts';

/** Builders of the tier suites (LOY-5). */

export async function put(t: TestApp, c: Client, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie }, payload: body as object });
}

export interface TierOut {
  id: string;
  code: string;
  name: string;
  rank: number;
  thresholdFen: number;
  benefits: { discountPercent: number; freeServices: string[]; birthdayGift: string | null };
  active: boolean;
  inUse: boolean;
}

export interface MemberTierOut {
  memberId: string;
  tier: Omit<TierOut, 'inUse'>;
  since: string;
  window: string;
  windowFrom: string;
  spendFen: number;
  next: { id: string; code: string; name: string; thresholdFen: number; remainingFen: number } | null;
  lastReviewYear: number | null;
  history: {
    id: string;
    from: { id: string; code: string; name: string };
    to: { id: string; code: string; name: string };
    reason: string;
    spendFen: number;
    note: string | null;
    source: string;
    changedById: string | null;
    changedByName: string | null;
    changedAt: string;
  }[];
}

export async function tiersOf(c: Client): Promise<TierOut[]> {
  return ok(await c.get('/api/v1/loyalty/tiers')).items;
}

export async function memberTier(c: Client, memberId: string): Promise<MemberTierOut> {
  return ok(await c.get(`/api/v1/loyalty/members/${memberId}/tier`));
}

/** A short table in yuan for readable tests: 普卡 0, 银卡 10,000, 金卡 30,000, 钻石卡 60,000. */
export const CARD_TIERS = [
  { code: 'basic', name: '普卡会员', thresholdFen: 0 },
  { code: 'silver', name: '银卡会员', thresholdFen: 1_000_000, benefits: { discountPercent: 3, freeServices: ['免费上门测量'], birthdayGift: '生日蛋糕' } },
  { code: 'gold', name: '金卡会员', thresholdFen: 3_000_000, benefits: { discountPercent: 5, freeServices: ['免费上门测量', '免费送货安装'], birthdayGift: '生日蛋糕' } },
  { code: 'diamond', name: '钻石卡会员', thresholdFen: 6_000_000, benefits: { discountPercent: 10, freeServices: ['专属顾问'], birthdayGift: '定制礼品' } },
];

export async function setTiers(t: TestApp, admin: Client, tiers: unknown[] = CARD_TIERS): Promise<TierOut[]> {
  return ok(await put(t, admin, '/api/v1/loyalty/tiers', { tiers })).items;
}

/** Inbox rows of a tenant about tiers, oldest first. */
export async function tierNotifications(t: TestApp, tenantId: string) {
  const r = await t.deps.db.pool.query(
    "SELECT user_id AS \"userId\", kind, params, link, dedupe_key AS \"dedupeKey\" FROM notifications WHERE tenant_id = $1 AND kind LIKE 'loyaltyTier.%' ORDER BY created_at, id",
    [tenantId],
  );
  return r.rows as { userId: string; kind: string; params: Record<string, unknown>; link: string; dedupeKey: string }[];
}

/** Texts about tiers of a tenant, oldest first. */
export async function tierTexts(t: TestApp, tenantId: string) {
  const r = await t.deps.db.pool.query(
    "SELECT recipient, body, customer_id AS \"customerId\", status FROM outbound_messages WHERE tenant_id = $1 AND purpose = 'loyalty_tier' ORDER BY created_at, id",
    [tenantId],
  );
  return r.rows as { recipient: string; body: string; customerId: string; status: string }[];
}

export async function tierAudit(t: TestApp, tenantId: string, action: string) {
  const r = await t.deps.db.pool.query('SELECT entity_id AS "entityId", actor_id AS "actorId", changes, meta FROM audit_log WHERE tenant_id = $1 AND action = $2 ORDER BY id', [tenantId, action]);
  return r.rows as { entityId: string; actorId: string | null; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, unknown> }[];
}
