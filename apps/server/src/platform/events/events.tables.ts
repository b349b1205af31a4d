import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../db/columns.ts';

/**
 * The outbox: domain events (`order.paid`, `request.escalated`, …) written in the same transaction as the change
 * that caused them. Rows are never changed.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: uuid('aggregate_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actorId: uuid('actor_id'),
    occurredAt: ts('occurred_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('outbox_events_tenant').on(t.tenantId, t.occurredAt), index('outbox_events_aggregate').on(t.tenantId, t.aggregateType, t.aggregateId)],
);

/**
 * One row per event and subscriber, made with the event. A delivery is marked delivered in the transaction that
 * applies the subscriber's effects, so each subscriber's effects happen once; a failure backs off and retries;
 * after too many attempts the delivery is `dead` until an administrator retries it.
 */
export const eventDeliveries = pgTable(
  'event_deliveries',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    eventId: uuid('event_id').notNull().references(() => outboxEvents.id),
    subscriber: text('subscriber').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: ts('available_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    uniqueIndex('event_deliveries_once').on(t.eventId, t.subscriber),
    index('event_deliveries_due').on(t.availableAt).where(sql`status = 'pending'`),
    index('event_deliveries_tenant').on(t.tenantId, t.status),
  ],
);
