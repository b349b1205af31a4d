import type { LightMyRequestResponse } from 'fastify';
import { buildCtx } from '../../src/platform/http/guard.ts';
import { principalForUser } from '../../src/platform/auth/principal.ts';
import type { Ctx } from '../../src/platform/http/context.ts';
import { createCustomer } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, type TestTenant, userIn } from '../helpers.ts';

/**
 * Activity tests build a real tenant through the API: two stores, store A's manager (店长) and two salespeople (导购),
 * store B's salesperson, and a customer of each store owned by its salesperson.
 */

export interface Person {
  user: { id: string; displayName: string; username: string };
  client: Client;
}
export interface ActivityWorld {
  a: TestTenant;
  tenantId: string;
  storeA: { id: string; name: string };
  storeB: { id: string; name: string };
  managerA: Person;
  salesA: Person;
  salesA2: Person;
  salesB: Person;
  customerA: { id: string; name: string };
  customerB: { id: string; name: string };
}

export async function activityWorld(t: TestApp): Promise<ActivityWorld> {
  const a = await newTenant(t, '跟进家具');
  const storeA = await makeStore(a.admin, a.hq.id);
  const storeB = await makeStore(a.admin, a.hq.id);
  const roles = (await a.admin.get('/api/v1/roles')).json().items;
  const [managerA, salesA, salesA2, salesB] = await Promise.all([
    userIn(t, a.admin, a.code, storeA.id, '店长', roles),
    userIn(t, a.admin, a.code, storeA.id, '导购', roles),
    userIn(t, a.admin, a.code, storeA.id, '导购', roles),
    userIn(t, a.admin, a.code, storeB.id, '导购', roles),
  ]);
  const customerA = await createCustomer(a.admin, { name: '王芳', storeId: storeA.id, ownerId: salesA.user.id, phones: ['13900001111'] });
  const customerB = await createCustomer(a.admin, { name: '李雷', storeId: storeB.id, ownerId: salesB.user.id, phones: ['13900002222'] });
  return { a, tenantId: a.tenant.id, storeA, storeB, managerA, salesA, salesA2, salesB, customerA, customerB };
}

/** POST an activity and insist on 201. */
export async function logActivity(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/v1/activities', body);
  if (res.statusCode !== 201) throw new Error(`activity create failed: ${res.statusCode} ${res.body}`);
  return res.json() as Activity;
}

/** A call on a customer with a next step due at `dueAt`. */
export const callWithStep = (customerId: string, dueAt: string, text = '回电确认量尺时间', extra: Record<string, unknown> = {}) => ({
  subjectType: 'customer',
  subjectId: customerId,
  kind: 'call',
  outcome: 'callback',
  nextStep: { text, dueAt },
  ...extra,
});

export interface Activity {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  subjectName: string | null;
  storeId: string | null;
  ownerId: string | null;
  occurredAt: string;
  outcome: string | null;
  nextStep: { text: string; dueAt: string; overdue: boolean; doneAt: string | null; doneById: string | null } | null;
  proposal: { title: string; status: string; versions: { id: string; number: number; presentedAt: string | null; answer: string | null; rejectReason: string | null; amountFen: number | null }[] } | null;
  invitation: { status: string; storeId: string | null; invitedFor: string; arrivedAt: string | null; receivedById: string | null; cancelReason: string | null } | null;
  visit: { visitType: string; rooms: unknown[]; furnitureSeen: unknown[]; address: string | null } | null;
  message: { channel: string } | null;
  attachments: { id: string; fileName: string }[];
  editable: boolean;
  [k: string]: unknown;
}

/** The request context of a user, as the HTTP layer builds it (to call work sources directly). */
export async function userCtx(t: TestApp, userId: string): Promise<Ctx> {
  const p = await principalForUser(t.deps.db.db, userId);
  if (!p) throw new Error('no principal');
  return buildCtx(t.deps.db.db, p, { id: 'test', ip: '127.0.0.1' }, t.clock.now);
}

/** Audit rows of one activity, oldest first. */
export async function auditOf(t: TestApp, tenantId: string, id: string) {
  const r = await t.deps.db.pool.query('SELECT action, actor_id, meta FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [tenantId, id]);
  return r.rows as { action: string; actor_id: string | null; meta: Record<string, unknown> | null }[];
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse) => res.json() as T;
