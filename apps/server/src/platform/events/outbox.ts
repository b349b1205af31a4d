import type { Ctx } from '../http/context.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { eventDeliveries, outboxEvents } from './events.tables.ts';

/** A domain event as subscribers receive it. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  tenantId: string;
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: P;
  actorId: string | null;
  occurredAt: Date;
}

/**
 * A subscriber applies its effects with `tx`, the transaction that also marks the delivery done: its effects
 * commit once or not at all. `ctx` is a system context of the event's tenant whose `db` is that transaction.
 */
export type Subscriber = (ctx: Ctx, tx: Tx, event: DomainEvent) => Promise<void>;

const registry = new Map<string, Map<string, Subscriber>>();

/**
 * Register `name` (stable: it keys the deliveries) for events of `type`. Registration is static, at start-up, from
 * `src/subscriptions.ts` (registering a name again replaces its handler: every app in a process registers the same
 * code); an event reaches the subscribers registered when it was written.
 */
export function subscribe(type: string, name: string, handler: Subscriber) {
  const forType = registry.get(type) ?? new Map<string, Subscriber>();
  forType.set(name, handler);
  registry.set(type, forType);
}

export function subscriberFor(type: string, name: string): Subscriber | undefined {
  return registry.get(type)?.get(name);
}

export interface NewEvent<P extends Record<string, unknown>> {
  type: string;
  aggregateType: string;
  aggregateId?: string | null;
  payload: P;
}

/**
 * Write a domain event to the outbox with the caller's transaction, and one pending delivery per subscriber.
 * Answers the event id (subscribers use it as their idempotency key, e.g. a ledger entry's source).
 */
export async function emit<P extends Record<string, unknown>>(ctx: Pick<Ctx, 'tenantId' | 'actor' | 'now'>, tx: DbOrTx, event: NewEvent<P>): Promise<string> {
  const now = ctx.now();
  const [row] = await tx
    .insert(outboxEvents)
    .values({
      tenantId: ctx.tenantId,
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId ?? null,
      payload: event.payload,
      actorId: ctx.actor.kind === 'system' ? null : ctx.actor.id,
      occurredAt: now,
    })
    .returning({ id: outboxEvents.id });
  const names = [...(registry.get(event.type)?.keys() ?? [])];
  if (names.length) {
    await tx.insert(eventDeliveries).values(names.map((subscriber) => ({ tenantId: ctx.tenantId, eventId: row.id, subscriber, availableAt: now })));
  }
  return row.id;
}
