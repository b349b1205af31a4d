import { z } from 'zod';
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { RouteModule } from '../http/types.ts';
import { notFound } from '../http/errors.ts';
import { eventDeliveries, outboxEvents } from './events.tables.ts';
import { retryDeadDeliveries } from './dispatcher.ts';

const Delivery = z.object({
  id: z.string(),
  subscriber: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  availableAt: z.string(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
const EventRow = z.object({
  id: z.string(),
  type: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  actorId: z.string().nullable(),
  occurredAt: z.string(),
  deliveries: z.array(Delivery),
});
type DeliveryRow = typeof eventDeliveries.$inferSelect;
const toDelivery = (d: DeliveryRow) => ({
  id: d.id, subscriber: d.subscriber, status: d.status, attempts: d.attempts, availableAt: d.availableAt.toISOString(),
  lastError: d.lastError, deliveredAt: d.deliveredAt?.toISOString() ?? null,
});

/** Administrators see the outbox (what happened and who reacted) and put dead deliveries back in the queue. */
export const eventRoutes: RouteModule = (app) => {
  app.get('/api/v1/events', {
    config: { permission: 'events:admin' },
    schema: {
      tags: ['events'],
      summary: 'Domain events of the tenant with their deliveries, newest first',
      querystring: z.object({
        type: z.string().max(64).optional(),
        aggregateId: z.uuid().optional(),
        status: z.enum(['pending', 'delivered', 'dead']).optional().describe('only events with a delivery in this state'),
        before: z.iso.datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ items: z.array(EventRow) }) },
    },
    handler: async (req) => {
      const { ctx } = req;
      const q = req.query;
      const where: (SQL | undefined)[] = [
        eq(outboxEvents.tenantId, ctx.tenantId),
        q.type ? eq(outboxEvents.type, q.type) : undefined,
        q.aggregateId ? eq(outboxEvents.aggregateId, q.aggregateId) : undefined,
        q.before ? lt(outboxEvents.occurredAt, new Date(q.before)) : undefined,
      ];
      const base = ctx.db.select({ e: outboxEvents }).from(outboxEvents);
      const rows = await (q.status
        ? base.innerJoin(eventDeliveries, and(eq(eventDeliveries.eventId, outboxEvents.id), eq(eventDeliveries.status, q.status)))
        : base
      )
        .where(and(...where))
        .orderBy(desc(outboxEvents.occurredAt))
        .limit(q.limit);
      const events = [...new Map(rows.map((r) => [r.e.id, r.e])).values()];
      const deliveries = events.length
        ? await ctx.db.select().from(eventDeliveries).where(and(eq(eventDeliveries.tenantId, ctx.tenantId), inArray(eventDeliveries.eventId, events.map((e) => e.id))))
        : [];
      return {
        items: events.map((e) => ({
          id: e.id, type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, payload: e.payload, actorId: e.actorId,
          occurredAt: e.occurredAt.toISOString(),
          deliveries: deliveries.filter((d) => d.eventId === e.id).map(toDelivery),
        })),
      };
    },
  });

  app.post('/api/v1/event-deliveries/:id/retry', {
    config: { permission: 'events:admin' },
    schema: {
      tags: ['events'],
      summary: 'Put a dead delivery back in the queue (after fixing its cause)',
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ retried: z.number() }) },
    },
    handler: async (req) => {
      const { ctx } = req;
      const [d] = await ctx.db.select().from(eventDeliveries).where(and(eq(eventDeliveries.tenantId, ctx.tenantId), eq(eventDeliveries.id, req.params.id)));
      if (!d) throw notFound('eventDelivery');
      const retried = await ctx.db.transaction(async (tx) => {
        const n = await retryDeadDeliveries(tx as never, ctx.tenantId, ctx.now(), d.id);
        if (n) await ctx.audit.record(tx, { action: 'eventDelivery.retried', entityType: 'eventDelivery', entityId: d.id, meta: { subscriber: d.subscriber } });
        return n;
      });
      return { retried };
    },
  });
};
