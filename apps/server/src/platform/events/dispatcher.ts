import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { systemCtx } from '../jobs/system-ctx.ts';
import { backoffMs } from '../jobs/backoff.ts';
import { eventDeliveries, outboxEvents } from './events.tables.ts';
import { subscriberFor, type DomainEvent } from './outbox.ts';

/** A delivery that failed this many times is `dead` until an administrator retries it. */
export const MAX_DELIVERY_ATTEMPTS = 10;
const DELIVERY_BACKOFF_MS = 5_000;

const inTenants = (tenants?: string[]) =>
  tenants ? sql`AND tenant_id IN (${sql.join(tenants.map((id) => sql`${id}`), sql`, `)})` : sql``;

/**
 * Deliver one due event to one subscriber, if any is due. The delivery row is locked (SKIP LOCKED: other instances
 * take other rows), the subscriber runs in a savepoint of the same transaction, and the row is marked delivered in
 * that transaction: the subscriber's effects and "delivered" commit together. A crash rolls both back and the
 * delivery is taken again; a failure is recorded and retried with back-off. Answers whether a delivery was handled.
 */
export async function deliverOne(db: Db, now: () => Date, tenants?: string[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const at = now();
    const due = await tx.execute<{ id: string; event_id: string; subscriber: string; attempts: number }>(sql`
      SELECT id, event_id, subscriber, attempts FROM event_deliveries
       WHERE status = 'pending' AND available_at <= ${at} ${inTenants(tenants)}
       ORDER BY available_at FOR UPDATE SKIP LOCKED LIMIT 1`);
    const d = due.rows[0];
    if (!d) return false;
    const [e] = await tx.select().from(outboxEvents).where(eq(outboxEvents.id, d.event_id));
    const event: DomainEvent = { ...e, payload: e.payload };
    try {
      const handler = subscriberFor(event.type, d.subscriber);
      if (!handler) throw new Error(`no subscriber ${d.subscriber} for ${event.type} in this version`);
      await tx.transaction(async (sp) => handler(systemCtx(sp as unknown as Db, event.tenantId, now, `event-${event.id}`), sp, event));
      await tx
        .update(eventDeliveries)
        .set({ status: 'delivered', attempts: d.attempts + 1, deliveredAt: now(), lastError: null })
        .where(eq(eventDeliveries.id, d.id));
    } catch (err) {
      const attempts = d.attempts + 1;
      await tx
        .update(eventDeliveries)
        .set({
          attempts,
          status: attempts >= MAX_DELIVERY_ATTEMPTS ? 'dead' : 'pending',
          availableAt: new Date(at.getTime() + backoffMs(attempts, DELIVERY_BACKOFF_MS)),
          lastError: err instanceof Error ? err.message : String(err),
        })
        .where(eq(eventDeliveries.id, d.id));
    }
    return true;
  });
}

/** Put dead deliveries of a tenant back in the queue (after the cause was fixed). Answers how many. */
export async function retryDeadDeliveries(db: Db, tenantId: string, now: Date, id?: string): Promise<number> {
  const rows = await db
    .update(eventDeliveries)
    .set({ status: 'pending', attempts: 0, availableAt: now })
    .where(and(eq(eventDeliveries.tenantId, tenantId), eq(eventDeliveries.status, 'dead'), id ? eq(eventDeliveries.id, id) : undefined))
    .returning({ id: eventDeliveries.id });
  return rows.length;
}
