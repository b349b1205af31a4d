import { z } from 'zod';
import type { Ctx } from '../../platform/http/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './followups.repository.ts';
import { effectiveTemplates } from './templates.service.ts';
import { dueFor, localDate, renderMessage, type Anchors } from './followups.schedule.ts';
import type { StepTemplate } from './followups.defaults.ts';

/**
 * Reactions to order events (payloads: modules/orders/orders.events.ts). Each runs in the transaction that marks
 * its delivery done, and is idempotent anyway: the order's row is locked, steps are unique per order and key, a
 * late or repeated event changes nothing it should not.
 */

const OrderRef = z.object({
  orderId: z.uuid(),
  orderNo: z.string().min(1),
  customerId: z.uuid(),
  storeId: z.uuid(),
  salespersonId: z.uuid().nullable(),
});
const Paid = OrderRef.extend({ paidAt: z.iso.datetime({ offset: true }), deliveryDate: z.iso.date().nullable().optional() });
const DeliveryScheduled = OrderRef.extend({ deliveryDate: z.iso.date(), previousDate: z.iso.date().nullable().optional() });
const Delivered = OrderRef.extend({ deliveredAt: z.iso.datetime({ offset: true }) });
const Cancelled = OrderRef.extend({ reason: z.string().nullable().optional() });
const Returned = OrderRef.extend({ kind: z.enum(['partial', 'full']), returnId: z.string().optional() });

const ENTITY = 'followupStep';
const identity = (p: z.infer<typeof OrderRef>) => ({ orderId: p.orderId, orderNo: p.orderNo, customerId: p.customerId, storeId: p.storeId, salespersonId: p.salespersonId });
const anchorsOf = (ref: repo.OrderRefRow): Anchors => ({ paidAt: ref.paidAt, deliveryDate: ref.deliveryDate, deliveredAt: ref.deliveredAt });
const eventMeta = (event: DomainEvent) => ({ eventId: event.id, event: event.type });

/** The owner of a new step by its template's rule; whoever cannot work the store's steps gives way to the store lead. */
async function ownerResolver(tx: Tx, tenantId: string, ref: repo.OrderRefRow, templates: StepTemplate[]) {
  const named = [ref.salespersonId, ...templates.map((t) => t.ownerUserId)].filter((x): x is string => !!x);
  const able = new Set((await repo.storeEditors(tx, tenantId, ref.storeId, [...new Set(named)])).map((e) => e.id));
  let lead: string | null | undefined;
  const storeLead = async () => {
    lead ??= (await repo.storeEditors(tx, tenantId, ref.storeId)).find((e) => e.inStore)?.id ?? null;
    return lead;
  };
  return async (t: StepTemplate): Promise<string | null> => {
    const wanted = t.ownerRule === 'salesperson' ? ref.salespersonId : t.ownerRule === 'user' ? t.ownerUserId : null;
    return wanted && able.has(wanted) ? wanted : storeLead();
  };
}

/** order.paid: the order's steps, from the templates of the moment (once per order). */
export async function onOrderPaid(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const p = Paid.parse(event.payload);
  const now = ctx.now();
  const existing = await repo.ensureOrderRef(tx, ctx.tenantId, identity(p), now);
  // A delivery date set by its own event wins over the one in a (late) payment event.
  const ref = await repo.updateOrderRef(
    tx,
    existing.id,
    {
      ...identity(p),
      paidAt: existing.paidAt ?? new Date(p.paidAt),
      ...(existing.deliveryEventAt || !p.deliveryDate ? {} : { deliveryDate: p.deliveryDate }),
    },
    now,
  );
  if (ref.stepsGeneratedAt || ref.closedAt) return;
  const templates = (await effectiveTemplates(tx, ctx.tenantId)).items.filter((t) => t.enabled);
  const ownerOf = await ownerResolver(tx, ctx.tenantId, ref, templates);
  const names = { customerName: await repo.customerName(tx, ctx.tenantId, ref.customerId), storeName: await repo.storeName(tx, ctx.tenantId, ref.storeId) };
  const rows: repo.NewStepRow[] = [];
  for (const t of templates) {
    const due = dueFor(t, anchorsOf(ref));
    rows.push({
      tenantId: ctx.tenantId,
      orderId: ref.orderId,
      orderNo: ref.orderNo,
      customerId: ref.customerId,
      customerName: names.customerName,
      storeId: ref.storeId,
      salespersonId: ref.salespersonId,
      ownerId: await ownerOf(t),
      stepKey: t.key,
      stepName: t.name,
      anchor: t.anchor,
      offsetDays: t.offsetDays,
      timeOfDay: t.timeOfDay,
      needsSatisfaction: t.needsSatisfaction,
      position: t.position,
      messageTemplate: t.message,
      message: renderMessage(t.message, { ...names, orderNo: ref.orderNo, deliveryDate: ref.deliveryDate }),
      dueAt: due.dueAt,
      allDay: due.allDay,
      createdAt: now,
      updatedAt: now,
    });
  }
  const inserted = await repo.insertSteps(tx, rows);
  await ctx.audit.recordMany(
    tx,
    inserted.map((r) => ({ action: 'followupStep.created', entityType: ENTITY, entityId: r.id, changes: diff(null, r), meta: eventMeta(event) })),
  );
  await repo.updateOrderRef(tx, ref.id, { stepsGeneratedAt: now }, now);
}

/**
 * Recompute the due times (steps of the given anchors) and messages of the order's pending steps after its anchors
 * changed. Done and skipped steps stay as they were; a step rescheduled by hand follows the new date too (its
 * reschedule stays in the audit trail).
 */
async function refreshPending(ctx: Ctx, tx: Tx, ref: repo.OrderRefRow, anchors: string[], event: DomainEvent, meta: Record<string, unknown>) {
  const steps = await repo.pendingStepsOfOrder(tx, ctx.tenantId, ref.orderId);
  if (!steps.length) return;
  const storeName = await repo.storeName(tx, ctx.tenantId, ref.storeId);
  for (const s of steps) {
    const patch: Partial<repo.StepRow> = {
      message: renderMessage(s.messageTemplate, { customerName: s.customerName, storeName, orderNo: s.orderNo, deliveryDate: ref.deliveryDate }),
    };
    if (anchors.includes(s.anchor)) {
      const due = dueFor({ anchor: s.anchor, offsetDays: s.offsetDays, timeOfDay: s.timeOfDay }, anchorsOf(ref));
      Object.assign(patch, { dueAt: due.dueAt, allDay: due.allDay });
    }
    const changed = patch.message !== s.message || (patch.dueAt !== undefined && patch.dueAt?.getTime() !== s.dueAt?.getTime()) || (patch.allDay !== undefined && patch.allDay !== s.allDay);
    if (changed) await updateScoped(ctx, tx, repo.stepFence, s.id, patch, { action: 'followupStep.dueMoved', meta: { ...eventMeta(event), ...meta } });
  }
}

/** order.deliveryScheduled: delivery-anchored steps get (or move to) their due time. An older event arriving late is ignored. */
export async function onDeliveryScheduled(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const p = DeliveryScheduled.parse(event.payload);
  const now = ctx.now();
  const ref = await repo.ensureOrderRef(tx, ctx.tenantId, identity(p), now);
  if (ref.deliveryEventAt && ref.deliveryEventAt.getTime() > event.occurredAt.getTime()) return;
  const updated = await repo.updateOrderRef(tx, ref.id, { deliveryDate: p.deliveryDate, deliveryEventAt: event.occurredAt }, now);
  await refreshPending(ctx, tx, updated, ['deliveryDate'], event, { deliveryDate: p.deliveryDate, previousDate: ref.deliveryDate });
}

/**
 * order.delivered: delivered-anchored steps get their due time. An order delivered without an agreed date takes the
 * day of delivery as its delivery date (installation on that day).
 */
export async function onDelivered(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const p = Delivered.parse(event.payload);
  const now = ctx.now();
  const ref = await repo.ensureOrderRef(tx, ctx.tenantId, identity(p), now);
  if (ref.deliveredAt) return;
  const deliveredAt = new Date(p.deliveredAt);
  const updated = await repo.updateOrderRef(tx, ref.id, { deliveredAt, ...(ref.deliveryDate ? {} : { deliveryDate: localDate(deliveredAt) }) }, now);
  await refreshPending(ctx, tx, updated, ref.deliveryDate ? ['delivered'] : ['delivered', 'deliveryDate'], event, { deliveredAt: p.deliveredAt });
}

/** Close the order: its pending steps are skipped with the reason; steps are no longer generated for it. */
async function closeOrder(ctx: Ctx, tx: Tx, event: DomainEvent, p: z.infer<typeof OrderRef>, reason: string) {
  const now = ctx.now();
  const ref = await repo.ensureOrderRef(tx, ctx.tenantId, identity(p), now);
  if (!ref.closedAt) await repo.updateOrderRef(tx, ref.id, { closedAt: now, closeReason: reason }, now);
  for (const s of await repo.pendingStepsOfOrder(tx, ctx.tenantId, p.orderId)) {
    await updateScoped(ctx, tx, repo.stepFence, s.id, { status: 'skipped', skippedAt: now, skippedBy: null, skipReason: reason, closedAt: now }, {
      action: 'followupStep.skipped',
      meta: eventMeta(event),
    });
  }
}

/** order.cancelled: pending steps are skipped. */
export async function onCancelled(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const p = Cancelled.parse(event.payload);
  await closeOrder(ctx, tx, event, p, p.reason ? `订单已取消：${p.reason}` : '订单已取消');
}

/** order.returned: a full return skips the pending steps; a partial one leaves them (the rest is still delivered). */
export async function onReturned(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const p = Returned.parse(event.payload);
  if (p.kind === 'full') await closeOrder(ctx, tx, event, p, '整单退货');
}
