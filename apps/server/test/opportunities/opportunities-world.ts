import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Client, makeStore, newTenant, type TestApp, userIn } from '../helpers.ts';
import { createCustomer } from '../factories.ts';

/** Monday 2026-11-02 10:00 in Shanghai. */
export const NOV_2 = '2026-11-02T02:00:00.000Z';
export const DAY = 86_400_000;

export type Role = '店长' | '导购' | '区域经理' | '加盟商' | '系统管理员';

/** A tenant with two regions: region R (stores S and T) and region Q (store U); users are made on demand. */
export async function oppWorld(t: TestApp, name = '商机家具') {
  const a = await newTenant(t, name);
  const roles = (await a.admin.get('/api/v1/roles')).json().items as { id: string; name: string }[];
  const region = await makeStore(a.admin, a.hq.id, 'direct', 'region');
  const store = await makeStore(a.admin, region.id);
  const other = await makeStore(a.admin, region.id);
  const region2 = await makeStore(a.admin, a.hq.id, 'direct', 'region');
  const far = await makeStore(a.admin, region2.id);
  const user = (unitId: string, role: Role) => userIn(t, a.admin, a.code, unitId, role, roles);
  const me = (await a.admin.get('/api/v1/auth/me')).json().user as { id: string };
  return { ...a, adminId: me.id, roles, region, store, other, region2, far, user };
}
export type OppWorld = Awaited<ReturnType<typeof oppWorld>>;

export function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export const customerIn = (c: Client, storeId: string, name = '王女士') => createCustomer(c, { name, storeId, phones: [] });

export type Opp = Record<string, any> & { id: string; version: number; stageKey: string; status: string };

export async function newOpportunity(c: Client, body: Record<string, unknown>): Promise<Opp> {
  const res = await c.post('/api/v1/opportunities', { name: '客厅沙发+餐桌', amountFen: 1_000_000, ...body });
  if (res.statusCode !== 201) throw new Error(`opportunity create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Move an opportunity (version taken from `o`), answering the new state; fails loudly unless 200. */
export async function move(c: Client, o: Opp, stageKey: string, extra: Record<string, unknown> = {}): Promise<Opp> {
  const res = await c.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey, version: o.version, ...extra });
  if (res.statusCode !== 200) throw new Error(`move to ${stageKey} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Audit rows of one record, oldest first. */
export async function auditOf(t: TestApp, entityType: string, id: string | null, tenantId?: string) {
  const r = id
    ? await t.deps.db.pool.query('SELECT action, changes, meta, actor_kind FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id', [entityType, id])
    : await t.deps.db.pool.query('SELECT action, changes, meta, actor_kind FROM audit_log WHERE entity_type = $1 AND tenant_id = $2 ORDER BY id', [entityType, tenantId]);
  return r.rows as { action: string; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, unknown>; actor_kind: string }[];
}

export async function notificationsOf(t: TestApp, userId: string) {
  const r = await t.deps.db.pool.query('SELECT kind, params, link, entity_type, entity_id FROM notifications WHERE user_id = $1 ORDER BY created_at, id', [userId]);
  return r.rows as { kind: string; params: Record<string, unknown>; link: string; entity_type: string; entity_id: string }[];
}

export const keysOf = (items: { stageKey?: string; key?: string }[]) => items.map((i) => i.key ?? i.stageKey);
