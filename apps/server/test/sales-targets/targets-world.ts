import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Client, makeStore, newTenant, type TestApp, userIn } from '../helpers.ts';

/**
 * A brand for the target suites: head office → region 华东 (stores A and B) and region 华南 (store C); a regional
 * manager of 华东, a manager and two salespeople in store A, a manager and a salesperson in store B.
 */
export async function targetsWorld(t: TestApp) {
  const a = await newTenant(t, '目标家具');
  const roles = (await a.admin.get('/api/v1/roles')).json().items as { id: string; name: string }[];
  const east = await makeStore(a.admin, a.hq.id, 'direct', 'region');
  const south = await makeStore(a.admin, a.hq.id, 'direct', 'region');
  const storeA = await makeStore(a.admin, east.id);
  const storeB = await makeStore(a.admin, east.id);
  const storeC = await makeStore(a.admin, south.id);
  const user = (unitId: string, role: '店长' | '导购' | '区域经理') => userIn(t, a.admin, a.code, unitId, role, roles);
  const regional = await user(east.id, '区域经理');
  const managerA = await user(storeA.id, '店长');
  const sales1 = await user(storeA.id, '导购');
  const sales2 = await user(storeA.id, '导购');
  const managerB = await user(storeB.id, '店长');
  const salesB = await user(storeB.id, '导购');
  return { ...a, roles, east, south, storeA, storeB, storeC, regional, managerA, sales1, sales2, managerB, salesB };
}
export type TargetsWorld = Awaited<ReturnType<typeof targetsWorld>>;

export function put(t: TestApp, c: Client, url: string, body: unknown) {
  return t.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie }, payload: body as object });
}

export function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export interface TargetOut {
  id: string;
  subjectType: 'user' | 'unit';
  subjectId: string;
  subjectName: string | null;
  unitId: string;
  period: string;
  periodKind: string;
  amountFen: number;
  wonCount: number | null;
}

/** Set a target and answer it (fails loudly otherwise). */
export async function setTarget(t: TestApp, c: Client, subjectType: 'user' | 'unit', subjectId: string, amountFen: number, period = '2026-11', extra: Record<string, unknown> = {}) {
  return ok(await put(t, c, '/api/v1/targets', { subjectType, subjectId, period, amountFen, ...extra })) as TargetOut;
}

/** Audit rows of one target, oldest first. */
export async function auditOf(t: TestApp, id: string) {
  const r = await t.deps.db.pool.query("SELECT action, changes, meta FROM audit_log WHERE entity_type = 'salesTarget' AND entity_id = $1 ORDER BY id", [id]);
  return r.rows as { action: string; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, unknown> }[];
}
