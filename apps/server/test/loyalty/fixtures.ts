import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Tx } from '../../src/platform/db/client.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import type { DomainEvent } from '../../src/platform/events/outbox.ts';
import { createCustomer } from '../factories.ts';
import type { Client, TestApp } from '../helpers.ts';
import { orderWorld, type OrderWorld } from '../orders/fixtures.ts';

/** Builders of the loyalty suites: a tenant with a store, a customer and a catalogue (orderWorld), members, events. */

export function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export async function loyaltyWorld(t: TestApp) {
  return orderWorld(t);
}

export interface MemberOut {
  id: string;
  number: string;
  customerId: string;
  customerName: string | null;
  joinStoreId: string | null;
  accountId: string;
  status: string;
  balance: number;
  consents: { channel: string; granted: boolean; source: string; recordedAt: string }[];
}

export async function enrol(c: Client, customerId: string, body: Record<string, unknown> = {}): Promise<MemberOut> {
  return ok(await c.post('/api/v1/loyalty/members', { customerId, ...body }), 201);
}

/** Another customer of the world's store, enrolled. */
export async function newMember(w: OrderWorld, name = '李秀英', phone?: string) {
  const customer = await createCustomer(w.a.admin, { name, storeId: w.store.id, ...(phone ? { phones: [phone] } : {}) });
  return { customer, member: await enrol(w.a.admin, customer.id) };
}

export async function memberOf(c: Client, id: string): Promise<MemberOut> {
  return ok(await c.get(`/api/v1/loyalty/members/${id}`));
}

export async function entriesOf(c: Client, memberId: string, query = '') {
  return ok(await c.get(`/api/v1/loyalty/members/${memberId}/entries?limit=200${query}`)).items as {
    id: string;
    kind: string;
    points: number;
    balanceAfter: number;
    sourceType: string;
    sourceId: string;
    orderId: string | null;
    storeId: string | null;
    breakdown: Record<string, unknown>[];
    expiresAt: string | null;
  }[];
}

export async function setSettings(admin: Client, body: Record<string, unknown>) {
  return ok(await admin.patch('/api/v1/loyalty/settings', body));
}

/** An outbox event as its subscribers receive it. */
export async function eventOf(t: TestApp, aggregateId: string, type: string): Promise<DomainEvent> {
  const r = await t.deps.db.pool.query(
    'SELECT id, tenant_id, type, aggregate_type, aggregate_id, payload, actor_id, occurred_at FROM outbox_events WHERE aggregate_id = $1 AND type = $2 ORDER BY occurred_at DESC LIMIT 1',
    [aggregateId, type],
  );
  const e = r.rows[0];
  return { id: e.id, tenantId: e.tenant_id, type: e.type, aggregateType: e.aggregate_type, aggregateId: e.aggregate_id, payload: e.payload, actorId: e.actor_id, occurredAt: e.occurred_at };
}

/** Run a subscriber's handler again with an event, as a second delivery would. */
export async function deliverAgain(t: TestApp, event: DomainEvent, handler: (ctx: ReturnType<typeof systemCtx>, tx: Tx, e: DomainEvent) => Promise<void>) {
  const ctx = systemCtx(t.deps.db.db, event.tenantId, t.clock.now, 'test.redeliver');
  await t.deps.db.db.transaction(async (tx) => handler({ ...ctx, db: tx as never }, tx, event));
}

export async function verify(admin: Client) {
  return ok(await admin.post('/api/v1/loyalty/verify')) as { accounts: number; entries: number; mismatches: unknown[] };
}
