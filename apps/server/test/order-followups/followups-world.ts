import { randomUUID } from 'node:crypto';
import { emit } from '../../src/platform/events/outbox.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { createCustomer } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, type TestTenant, uniq, userIn } from '../helpers.ts';

/**
 * Follow-up tests build real tenants, stores, users and customers through the API, and produce the orders module's
 * events (payloads of modules/orders/orders.events.ts) with the outbox's own `emit`, as the orders module does.
 */

export interface Person {
  user: { id: string; displayName: string; username: string };
  client: Client;
}
export interface FollowupWorld {
  a: TestTenant;
  tenantId: string;
  store: { id: string; name: string };
  sales: Person;
  manager: Person;
  customer: { id: string; name: string };
}

/** A tenant with a store, its manager (店长) and a salesperson (导购), and a customer of the store. */
export async function followupWorld(t: TestApp): Promise<FollowupWorld> {
  const a = await newTenant(t, 'followup家具');
  const store = await makeStore(a.admin, a.hq.id);
  const manager = await userIn(t, a.admin, a.code, store.id, '店长');
  const sales = await userIn(t, a.admin, a.code, store.id, '导购');
  const customer = await createCustomer(a.admin, { name: '王芳', storeId: store.id, ownerId: sales.user.id, phones: ['13900001111'] });
  return { a, tenantId: a.tenant.id, store, sales, manager, customer };
}

export interface OrderIdentity {
  orderId: string;
  orderNo: string;
  customerId: string;
  storeId: string;
  salespersonId: string | null;
}

export function newOrder(w: FollowupWorld, over: Partial<OrderIdentity> = {}): OrderIdentity {
  return { orderId: randomUUID(), orderNo: uniq('SO'), customerId: w.customer.id, storeId: w.store.id, salespersonId: w.sales.user.id, ...over };
}

/** Write one order event to the outbox (as the orders module would, in its own transaction). */
export async function emitOrderEvent(t: TestApp, tenantId: string, type: string, payload: Record<string, unknown>) {
  const ctx = systemCtx(t.deps.db.db, tenantId, t.clock.now, 'test-orders');
  return t.deps.db.db.transaction((tx) => emit(ctx, tx, { type, aggregateType: 'order', aggregateId: String(payload.orderId), payload }));
}

export const paid = (o: OrderIdentity, paidAt: string, deliveryDate: string | null = null) => ({
  ...o,
  designerId: null,
  campaignId: null,
  totalFen: 1_280_000,
  paidFen: 1_280_000,
  paidAt,
  deliveryDate,
  lines: [],
});
export const deliveryScheduled = (o: OrderIdentity, deliveryDate: string, previousDate: string | null = null) => ({ ...o, deliveryDate, previousDate });
export const delivered = (o: OrderIdentity, deliveredAt: string) => ({ ...o, deliveredAt });
export const cancelled = (o: OrderIdentity, reason: string, cancelledAt: string) => ({ ...o, reason, cancelledAt });
export const returned = (o: OrderIdentity, kind: 'partial' | 'full', returnedAt: string) => ({
  ...o,
  returnId: randomUUID(),
  kind,
  requestId: null,
  refundFen: 100,
  lines: [],
  returnedAt,
});

/** Pay an order by event and run the deliveries: answers the order. */
export async function payOrder(t: TestApp, w: FollowupWorld, paidAt: string, over: Partial<OrderIdentity> = {}, deliveryDate: string | null = null) {
  const o = newOrder(w, over);
  await emitOrderEvent(t, w.tenantId, 'order.paid', paid(o, paidAt, deliveryDate));
  await t.deps.jobs.drain(w.tenantId);
  return o;
}

export interface StepJson {
  id: string;
  stepKey: string;
  stepName: string;
  dueAt: string | null;
  allDay: boolean;
  overdue: boolean;
  status: string;
  ownerId: string | null;
  ownerName: string | null;
  message: string | null;
  satisfaction: number | null;
  [k: string]: unknown;
}

/** The order's steps as a caller sees them, keyed by step key. */
export async function stepsOf(c: Client, orderId: string): Promise<Record<string, StepJson>> {
  const res = await c.get(`/api/v1/orders/${orderId}/followup-steps`);
  if (res.statusCode !== 200) throw new Error(`steps of ${orderId}: ${res.statusCode} ${res.body}`);
  return Object.fromEntries(res.json().items.map((s: StepJson) => [s.stepKey, s]));
}

/** PUT with the caller's session (the shared test client has no put). */
export function put(t: TestApp, c: Client, url: string, body: unknown) {
  return t.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie }, payload: body as object });
}
