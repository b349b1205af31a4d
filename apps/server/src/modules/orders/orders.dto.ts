import type { ChangeRequestDto, OrderDto, OrderLineDto, OrderReturnDto, OrderSummaryDto, PaymentDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import { balanceOf } from './order-math.ts';
import * as repo from './orders.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toSummaryDto(o: repo.OrderRowWithNames, lineCount: number): OrderSummaryDto {
  return {
    id: o.id, orderNo: o.orderNo, externalId: o.externalId, source: o.source, status: o.status,
    customerId: o.customerId, customerName: o.customerName, storeId: o.storeId, storeName: o.storeName,
    salespersonId: o.salespersonId, salespersonName: o.salespersonName, designerId: o.designerId, campaignId: o.campaignId,
    leadId: o.leadId, opportunityId: o.opportunityId,
    listFen: o.listFen, discountFen: o.discountFen, totalFen: o.totalFen, paidFen: o.paidFen, refundedFen: o.refundedFen,
    returnedFen: o.returnedFen, balanceFen: balanceOf(o),
    deliveryAddress: o.deliveryAddress, deliveryDate: o.deliveryDate, orderedAt: o.orderedAt.toISOString(),
    confirmedAt: iso(o.confirmedAt), paidAt: iso(o.paidAt), deliveredAt: iso(o.deliveredAt), completedAt: iso(o.completedAt),
    cancelledAt: iso(o.cancelledAt), cancelReason: o.cancelReason, notes: o.notes,
    createdAt: o.createdAt.toISOString(), updatedAt: o.updatedAt.toISOString(), lineCount,
  };
}

export const toLineDto = (l: repo.LineRow): OrderLineDto => ({
  id: l.id, position: l.position, productId: l.productId, categoryId: l.categoryId, seriesId: l.seriesId, seriesName: l.seriesName,
  sku: l.sku, name: l.name, unit: l.unit, quantity: l.quantity, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen,
  amountFen: l.amountFen, returnedQuantity: l.returnedQuantity, returnedFen: l.returnedFen, notes: l.notes,
});

export const toPaymentDto = (p: repo.PaymentRow & { createdByName: string | null }): PaymentDto => ({
  id: p.id, kind: p.kind, method: p.method, amountFen: p.amountFen, paidAt: p.paidAt.toISOString(), reference: p.reference,
  returnId: p.returnId, notes: p.notes, createdByName: p.createdByName, createdAt: p.createdAt.toISOString(),
});

export const toChangeDto = (c: repo.ChangeRow & { requestedByName: string | null; decidedByName: string | null }): ChangeRequestDto => ({
  id: c.id, orderId: c.orderId, status: c.status, lines: c.lines, deliveryAddress: c.deliveryAddress, changesAddress: c.changesAddress,
  deliveryDate: c.deliveryDate, changesDate: c.changesDate, totalBeforeFen: c.totalBeforeFen, totalAfterFen: c.totalAfterFen,
  reason: c.reason, requestedById: c.requestedBy, requestedByName: c.requestedByName, requestedAt: c.requestedAt.toISOString(),
  decidedById: c.decidedBy, decidedByName: c.decidedByName, decidedAt: iso(c.decidedAt), decisionReason: c.decisionReason,
});

type ReturnWithLines = Awaited<ReturnType<typeof repo.returnsOf>>[number];
export const toReturnDto = (r: ReturnWithLines): OrderReturnDto => ({
  id: r.id, orderId: r.orderId, kind: r.kind, requestId: r.requestId, reason: r.reason, refundFen: r.refundFen, paymentId: r.paymentId,
  lines: r.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, name: l.name, quantity: l.quantity, amountFen: l.amountFen })),
  createdByName: r.createdByName, returnedAt: r.returnedAt.toISOString(),
});

/** The whole order as the detail page shows it: header, lines, payments, returns and change requests. */
export async function loadOrderDto(ctx: Ctx, db: DbOrTx, id: string): Promise<OrderDto> {
  const o = await repo.findVisible(ctx, db, id);
  if (!o) throw notFound('order');
  const [lines, payments, returns, changes] = await readTogether(db, [
    () => repo.linesOf(db, ctx.tenantId, id),
    () => repo.paymentsOf(db, ctx.tenantId, id),
    () => repo.returnsOf(db, ctx.tenantId, id),
    () => repo.changesOf(db, ctx.tenantId, id),
  ]);
  const { lineCount: _n, ...header } = toSummaryDto(o, lines.length);
  return { ...header, lines: lines.map(toLineDto), payments: payments.map(toPaymentDto), returns: returns.map(toReturnDto), changes: changes.map(toChangeDto) };
}
