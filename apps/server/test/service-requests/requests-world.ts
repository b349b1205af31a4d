import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Client, makeStore, newTenant, type TestApp, userIn } from '../helpers.ts';
import { createCustomer } from '../factories.ts';

/** Monday 2026-11-23 10:00 in Shanghai: business hours, so SLA arithmetic in these tests is easy to follow. */
export const MONDAY_10 = '2026-11-23T02:00:00.000Z';
export const MINUTE = 60_000;

/** A tenant with a region and two stores; users are made on demand. */
export async function requestsWorld(t: TestApp) {
  const a = await newTenant(t, '请求家具');
  const roles = (await a.admin.get('/api/v1/roles')).json().items as { id: string; name: string }[];
  const region = await makeStore(a.admin, a.hq.id, 'direct', 'region');
  const store = await makeStore(a.admin, region.id);
  const other = await makeStore(a.admin, region.id);
  const user = (unitId: string, role: '店长' | '导购' | '区域经理' | '加盟商' | '系统管理员') => userIn(t, a.admin, a.code, unitId, role, roles);
  return { ...a, roles, region, store, other, user };
}
export type RequestsWorld = Awaited<ReturnType<typeof requestsWorld>>;

export async function newRequest(c: Client, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/requests', { type: 'consultation', channel: 'phone', subject: '沙发保养咨询', ...body });
  if (res.statusCode !== 201) throw new Error(`request create failed: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, any> & { id: string; number: string; status: string; assigneeId: string | null; storeId: string | null };
}

export const customerIn = (c: Client, storeId: string, name = '张先生') => createCustomer(c, { name, storeId, phones: [] });

export function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** Audit rows of one request, oldest first. */
export async function auditOf(t: TestApp, id: string) {
  const r = await t.deps.db.pool.query("SELECT action, changes, actor_kind FROM audit_log WHERE entity_type = 'serviceRequest' AND entity_id = $1 ORDER BY id", [id]);
  return r.rows as { action: string; changes: { field: string; before: unknown; after: unknown }[]; actor_kind: string }[];
}

/** Outbox events of one request, oldest first. */
export async function eventsOf(t: TestApp, id: string) {
  const r = await t.deps.db.pool.query("SELECT type, payload FROM outbox_events WHERE aggregate_type = 'serviceRequest' AND aggregate_id = $1 ORDER BY occurred_at, created_at", [id]);
  return r.rows as { type: string; payload: Record<string, any> }[];
}
