import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { emit } from '../../platform/events/outbox.ts';
import {
  ORDER_EVENTS, type OrderCancelledPayload, type OrderCompletedPayload, type OrderDeliveredPayload, type OrderDeliveryScheduledPayload,
  type OrderLineRef, type OrderPaidPayload, type OrderReturnedPayload,
} from './orders.events.ts';
import type { LineRow, OrderRow } from './orders.repository.ts';

/** Emitting the order events of orders.events.ts, with the change, in the caller's transaction. */

const ref = (o: OrderRow) => ({ orderId: o.id, orderNo: o.orderNo, customerId: o.customerId, storeId: o.storeId, salespersonId: o.salespersonId });

export const lineRef = (l: LineRow): OrderLineRef => ({
  lineId: l.id, productId: l.productId, sku: l.sku, categoryId: l.categoryId, seriesId: l.seriesId, quantity: l.quantity, amountFen: l.amountFen,
});

const send = <P extends Record<string, unknown>>(ctx: Ctx, tx: DbOrTx, type: string, o: OrderRow, payload: P) =>
  emit(ctx, tx, { type, aggregateType: 'order', aggregateId: o.id, payload });

export const emitPaid = (ctx: Ctx, tx: DbOrTx, o: OrderRow, lines: LineRow[]) =>
  send<OrderPaidPayload>(ctx, tx, ORDER_EVENTS.paid, o, {
    ...ref(o), designerId: o.designerId, campaignId: o.campaignId, totalFen: o.totalFen, paidFen: o.paidFen - o.refundedFen,
    paidAt: o.paidAt!.toISOString(), deliveryDate: o.deliveryDate, lines: lines.map(lineRef),
  });

export const emitDeliveryScheduled = (ctx: Ctx, tx: DbOrTx, o: OrderRow, previousDate: string | null) =>
  send<OrderDeliveryScheduledPayload>(ctx, tx, ORDER_EVENTS.deliveryScheduled, o, { ...ref(o), deliveryDate: o.deliveryDate!, previousDate });

export const emitDelivered = (ctx: Ctx, tx: DbOrTx, o: OrderRow) =>
  send<OrderDeliveredPayload>(ctx, tx, ORDER_EVENTS.delivered, o, { ...ref(o), deliveredAt: o.deliveredAt!.toISOString() });

export const emitCompleted = (ctx: Ctx, tx: DbOrTx, o: OrderRow) =>
  send<OrderCompletedPayload>(ctx, tx, ORDER_EVENTS.completed, o, { ...ref(o), completedAt: o.completedAt!.toISOString() });

export const emitCancelled = (ctx: Ctx, tx: DbOrTx, o: OrderRow) =>
  send<OrderCancelledPayload>(ctx, tx, ORDER_EVENTS.cancelled, o, { ...ref(o), reason: o.cancelReason ?? '', cancelledAt: o.cancelledAt!.toISOString() });

export const emitReturned = (ctx: Ctx, tx: DbOrTx, o: OrderRow, r: { returnId: string; kind: 'partial' | 'full'; requestId: string | null; refundFen: number; returnedAt: Date; lines: OrderLineRef[] }) =>
  send<OrderReturnedPayload>(ctx, tx, ORDER_EVENTS.returned, o, {
    ...ref(o), returnId: r.returnId, kind: r.kind, requestId: r.requestId, refundFen: r.refundFen, lines: r.lines, returnedAt: r.returnedAt.toISOString(),
  });
