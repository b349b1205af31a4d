import type { z } from 'zod';
import type { AddPaymentInput, CancelOrder, DeliverOrder, ScheduleDelivery } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import * as repo from './orders.repository.ts';
import { assertMove, CHANGEABLE_DELIVERY, refuse, TAKES_PAYMENTS } from './order-status.ts';
import { patchOrder, settle } from './order-writes.ts';
import { emitCancelled, emitCompleted, emitDelivered } from './order-events.ts';
import { balanceOf, netReceived } from './order-math.ts';
import { refuseOpenChanges } from './order-changes.ts';
import { loadOrderDto } from './orders.dto.ts';

/** Status moves of an order (ORD-1) and its money. Each locks the order, checks the move (409), audits, emits. */

/** A moment given by the caller may not lie in the future (a minute of clock skew is forgiven). */
function notInFuture(ctx: Ctx, at: string | undefined, path: string): Date {
  if (!at) return ctx.now();
  const d = new Date(at);
  if (d.getTime() > ctx.now().getTime() + 60_000) throw invalid([issue(path, 'in_future', 'this time lies in the future')]);
  return d;
}

const run = (ctx: Ctx, id: string, fn: (tx: DbOrTx, order: repo.OrderRow) => Promise<unknown>) =>
  ctx.db.transaction(async (tx) => fn(tx, await repo.lockOrder(ctx, tx, id))).then(() => loadOrderDto(ctx, ctx.db, id));

export async function confirmIn(ctx: Ctx, tx: DbOrTx, o: repo.OrderRow) {
  assertMove(o.status, 'confirmed', 'confirm');
  const lines = await repo.linesOf(tx, ctx.tenantId, o.id);
  if (!lines.length) throw refuse('confirm', o.status, 'the order has no lines');
  const confirmed = await patchOrder(ctx, tx, o, { status: 'confirmed', confirmedAt: ctx.now() }, { action: 'order.confirmed' });
  return settle(ctx, tx, confirmed);
}
export const confirmOrder = (ctx: Ctx, id: string) => run(ctx, id, (tx, o) => confirmIn(ctx, tx, o));

export async function deliverIn(ctx: Ctx, tx: DbOrTx, o: repo.OrderRow, input: z.infer<typeof DeliverOrder> = {}) {
  if (o.status === 'confirmed') throw refuse('mark as delivered', o.status, `the order is not paid yet (balance ${balanceOf(o)} fen)`);
  assertMove(o.status, 'delivered', 'mark as delivered');
  const delivered = await patchOrder(ctx, tx, o, { status: 'delivered', deliveredAt: notInFuture(ctx, input.deliveredAt, 'body.deliveredAt') }, { action: 'order.delivered' });
  await refuseOpenChanges(ctx, tx, delivered, 'the order was delivered');
  await emitDelivered(ctx, tx, delivered);
  return delivered;
}
export const deliverOrder = (ctx: Ctx, id: string, input: z.infer<typeof DeliverOrder>) => run(ctx, id, (tx, o) => deliverIn(ctx, tx, o, input));

export async function completeIn(ctx: Ctx, tx: DbOrTx, o: repo.OrderRow) {
  assertMove(o.status, 'completed', 'complete');
  const completed = await patchOrder(ctx, tx, o, { status: 'completed', completedAt: ctx.now() }, { action: 'order.completed' });
  await emitCompleted(ctx, tx, completed);
  return completed;
}
export const completeOrder = (ctx: Ctx, id: string) => run(ctx, id, (tx, o) => completeIn(ctx, tx, o));

export async function cancelIn(ctx: Ctx, tx: DbOrTx, o: repo.OrderRow, reason: string) {
  assertMove(o.status, 'cancelled', 'cancel');
  const cancelled = await patchOrder(ctx, tx, o, { status: 'cancelled', cancelledAt: ctx.now(), cancelReason: reason }, { action: 'order.cancelled' });
  await refuseOpenChanges(ctx, tx, cancelled, 'the order was cancelled');
  await emitCancelled(ctx, tx, cancelled);
  return cancelled;
}
export const cancelOrder = (ctx: Ctx, id: string, input: z.infer<typeof CancelOrder>) => run(ctx, id, (tx, o) => cancelIn(ctx, tx, o, input.reason));

/**
 * Agree the delivery date (and address) of an order that has none yet. Once agreed, a new date is a change request
 * (ORD-3). A draft takes the date directly too. Emits `order.deliveryScheduled`.
 */
export async function scheduleIn(ctx: Ctx, tx: DbOrTx, o: repo.OrderRow, input: z.infer<typeof ScheduleDelivery>) {
  if (!CHANGEABLE_DELIVERY.includes(o.status)) throw refuse('schedule the delivery of', o.status);
  if (o.deliveryDate && o.status !== 'draft') throw refuse('schedule the delivery', o.status, `the delivery date ${o.deliveryDate} is agreed; request a change instead`);
  return patchOrder(ctx, tx, o, { deliveryDate: input.deliveryDate, ...(input.deliveryAddress ? { deliveryAddress: input.deliveryAddress } : {}) }, { action: 'order.delivery_scheduled' });
}
export const scheduleDelivery = (ctx: Ctx, id: string, input: z.infer<typeof ScheduleDelivery>) => run(ctx, id, (tx, o) => scheduleIn(ctx, tx, o, input));

/**
 * Record money received (deposit, payment) or given back (refund). A payment may not exceed what is still owed,
 * a refund not what was received; a reference is unique per order. A confirmed order whose payments now cover it
 * becomes paid (one `order.paid`).
 */
export async function addPaymentIn(ctx: Ctx, tx: DbOrTx, o: repo.OrderRow, input: AddPaymentInput) {
  if (input.kind !== 'refund' && !TAKES_PAYMENTS.includes(o.status)) throw refuse('take a payment for', o.status);
  if (input.kind === 'refund' && input.amountFen > netReceived(o)) {
    throw invalid([issue('body.amountFen', 'exceeds_received', `at most ${netReceived(o)} fen was received`)]);
  }
  if (input.kind !== 'refund' && input.amountFen > balanceOf(o)) {
    throw invalid([issue('body.amountFen', 'exceeds_balance', `only ${Math.max(0, balanceOf(o))} fen is still owed`)]);
  }
  if (input.reference && (await repo.paymentByReference(tx, ctx.tenantId, o.id, input.reference))) {
    throw new AppError('conflict', 'a payment with this reference is already recorded', { issues: [issue('body.reference', 'taken', 'reference already used on this order')] });
  }
  return (await recordPayment(ctx, tx, o, { ...input, paidAt: notInFuture(ctx, input.paidAt, 'body.paidAt') })).order;
}
export const addPayment = (ctx: Ctx, id: string, input: AddPaymentInput) => run(ctx, id, (tx, o) => addPaymentIn(ctx, tx, o, input));

/** Insert a payment and move the order's received/refunded sums (audited with the order), then settle. */
export async function recordPayment(
  ctx: Ctx,
  tx: DbOrTx,
  o: repo.OrderRow,
  p: { kind: AddPaymentInput['kind']; method: AddPaymentInput['method']; amountFen: number; paidAt: Date; reference?: string | null; notes?: string | null; returnId?: string | null },
  meta: Record<string, unknown> = {},
) {
  const row = await repo.insertPayment(tx, {
    tenantId: ctx.tenantId, orderId: o.id, kind: p.kind, method: p.method, amountFen: p.amountFen, paidAt: p.paidAt,
    reference: p.reference ?? null, notes: p.notes ?? null, returnId: p.returnId ?? null,
    createdBy: ctx.actor.kind === 'system' ? null : ctx.actor.id, createdAt: ctx.now(),
  });
  const sums = p.kind === 'refund' ? { refundedFen: o.refundedFen + p.amountFen } : { paidFen: o.paidFen + p.amountFen };
  const after = await patchOrder(ctx, tx, o, sums, {
    action: p.kind === 'refund' ? 'order.refunded' : 'order.payment_received',
    meta: { ...meta, payment: { id: row.id, kind: row.kind, method: row.method, amountFen: row.amountFen, paidAt: row.paidAt.toISOString(), reference: row.reference } },
  });
  return { payment: row, order: await settle(ctx, tx, after) };
}
