import type { CreateReturnInput, FieldIssue, OrderReturnDto, PaymentMethod } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import * as repo from './orders.repository.ts';
import { toReturnDto } from './orders.dto.ts';
import { refuse, TAKES_RETURNS } from './order-status.ts';
import { netReceived, returnShare } from './order-math.ts';
import { emitReturned, lineRef } from './order-events.ts';
import { patchOrder } from './order-writes.ts';
import { recordPayment } from './order-lifecycle.ts';

export type ReturnOrderLinesInput = CreateReturnInput & { orderId: string };

/**
 * Take lines back (all or part of their quantities) with a refund, in the caller's transaction — the return route's,
 * or a customer request's (return/exchange, SVC-3). The order row is locked first, so concurrent returns are taken
 * one after another and never more comes back than was bought minus what already came back. A request settles at
 * most one return: calling again with the same `requestId` answers that return and changes nothing.
 * Emits `order.returned` with the returned lines (quantity and amount of this return).
 */
export async function returnOrderLines(ctx: Ctx, tx: DbOrTx, input: ReturnOrderLinesInput): Promise<OrderReturnDto> {
  const o = await repo.lockOrder(ctx, tx, input.orderId);
  if (input.requestId) {
    const done = await repo.returnOfRequest(tx, ctx.tenantId, input.requestId);
    if (done && done.orderId !== o.id) throw new AppError('conflict', 'this request already settled a return of another order');
    if (done) return loadReturn(ctx, tx, o.id, done.id);
  }
  if (!TAKES_RETURNS.includes(o.status)) throw refuse('take back lines of', o.status, o.status === 'returned' ? 'everything already came back' : 'the order is not delivered');
  const lines = await repo.linesOf(tx, ctx.tenantId, o.id);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const issues: FieldIssue[] = [];
  // Several entries for one line add up.
  const wanted = new Map<string, number>();
  input.lines.forEach((r, i) => {
    const l = byId.get(r.lineId);
    if (!l) return void issues.push(issue(`body.lines.${i}.lineId`, 'not_found', 'not a line of this order'));
    const total = (wanted.get(l.id) ?? 0) + r.quantity;
    const left = l.quantity - l.returnedQuantity;
    if (total > left) issues.push(issue(`body.lines.${i}.quantity`, 'exceeds_returnable', `at most ${left} of ${l.name} can still come back`));
    wanted.set(l.id, total);
  });
  if (issues.length) throw invalid(issues);

  const returned = [...wanted].map(([lineId, quantity]) => {
    const l = byId.get(lineId)!;
    return { line: l, quantity, amountFen: returnShare(l.amountFen, l.quantity, l.returnedQuantity, quantity) };
  });
  const valueFen = returned.reduce((s, r) => s + r.amountFen, 0);
  const received = netReceived(o);
  const refundFen = input.refundFen ?? Math.min(valueFen, received);
  if (refundFen > received) throw invalid([issue('body.refundFen', 'exceeds_received', `at most ${received} fen was received`)]);

  const full = lines.every((l) => l.returnedQuantity + (wanted.get(l.id) ?? 0) === l.quantity);
  const now = ctx.now();
  const ret = await repo.insertReturn(tx, {
    tenantId: ctx.tenantId, orderId: o.id, kind: full ? 'full' : 'partial', requestId: input.requestId ?? null, reason: input.reason,
    refundFen, createdBy: ctx.actor.kind === 'system' ? null : ctx.actor.id, returnedAt: now,
  });
  await repo.insertReturnLines(tx, returned.map((r) => ({ tenantId: ctx.tenantId, returnId: ret.id, lineId: r.line.id, quantity: r.quantity, amountFen: r.amountFen })));
  for (const r of returned) await repo.addReturned(tx, ctx.tenantId, r.line.id, r.quantity, r.amountFen);

  const meta = { returnId: ret.id, requestId: ret.requestId, reason: input.reason, lines: returned.map((r) => ({ sku: r.line.sku, name: r.line.name, quantity: r.quantity, amountFen: r.amountFen })) };
  let after = await patchOrder(ctx, tx, o, { status: full ? 'returned' : 'partially_returned', returnedFen: o.returnedFen + valueFen }, { action: 'order.returned', meta });
  if (refundFen > 0) {
    const method = input.refundMethod ?? (await lastMethod(tx, ctx.tenantId, o.id));
    const { payment, order } = await recordPayment(ctx, tx, after, { kind: 'refund', method, amountFen: refundFen, paidAt: now, returnId: ret.id, notes: input.reason }, { returnId: ret.id });
    await repo.setReturnPayment(tx, ctx.tenantId, ret.id, payment.id);
    after = order;
  }
  await emitReturned(ctx, tx, after, {
    returnId: ret.id, kind: ret.kind, requestId: ret.requestId, refundFen, returnedAt: now,
    lines: returned.map((r) => ({ ...lineRef(r.line), quantity: r.quantity, amountFen: r.amountFen })),
  });
  return loadReturn(ctx, tx, o.id, ret.id);
}

/** Refunds go back the way the customer paid, by default. */
async function lastMethod(tx: DbOrTx, tenantId: string, orderId: string): Promise<PaymentMethod> {
  const ps = await repo.paymentsOf(tx, tenantId, orderId);
  return ps.filter((p) => p.kind !== 'refund').at(-1)?.method ?? 'other';
}

async function loadReturn(ctx: Ctx, tx: DbOrTx, orderId: string, id: string) {
  const r = (await repo.returnsOf(tx, ctx.tenantId, orderId)).find((x) => x.id === id);
  if (!r) throw notFound('return');
  return toReturnDto(r);
}

export async function listReturns(ctx: Ctx, orderId: string) {
  if (!(await repo.isVisible(ctx, orderId))) throw notFound('order');
  return { items: (await repo.returnsOf(ctx.db, ctx.tenantId, orderId)).map(toReturnDto) };
}
