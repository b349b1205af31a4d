import type { AppDeps } from '../../app.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { onCustomerMerged } from '../customers/index.ts';
import * as repo from './orders.repository.ts';
import { toLineDto, toSummaryDto } from './orders.dto.ts';

/** The orders module's public face: other modules import only from here. */

export * from './orders.events.ts';
/** The order Fence (unit = store, owner = salesperson): other modules' records reached through an order use it. */
export { orderFence } from './orders.repository.ts';
export { returnOrderLines, type ReturnOrderLinesInput } from './order-returns.ts';
export { customerStats as customerOrderStats } from './orders.service.ts';
/** Signed sales (paid orders net of returns) per salesperson and store in a date range: sales-target progress (STAFF-1). */
export { paidOrderTotals, type PaidOrderTotal } from './sales-totals.repository.ts';
/** Paid spend of customers net of returns since an instant each (member tiers, LOY-5). */
export { paidSpendOfCustomers, type SpendSince } from './customer-spend.repository.ts';

/** Whether the caller may see this order (tenant and data scope; the check other modules make before linking one). */
export const isOrderVisible = (ctx: Ctx, id: string): Promise<boolean> => repo.isVisible(ctx, id);

/** The newest orders of a customer the caller may see (customer 360, caller lookup). */
export async function recentOrdersOfCustomer(ctx: Ctx, customerId: string, limit = 5) {
  const rows = await repo.recentOfCustomer(ctx, customerId, Math.min(Math.max(limit, 1), 50));
  const counts = await repo.lineCounts(ctx.db, ctx.tenantId, rows.map((r) => r.id));
  return rows.map((r) => toSummaryDto(r, counts.get(r.id) ?? 0));
}

/**
 * What a customer request needs of its order (return/exchange, complaints): number, customer, store, status and the
 * lines with what can still come back. Null when the caller cannot see the order.
 */
export async function orderSummaryForRequests(ctx: Ctx, orderId: string) {
  const o = await repo.findVisible(ctx, ctx.db, orderId);
  if (!o) return null;
  const lines = await repo.linesOf(ctx.db, ctx.tenantId, orderId);
  return {
    id: o.id, orderNo: o.orderNo, status: o.status, customerId: o.customerId, customerName: o.customerName, storeId: o.storeId,
    storeName: o.storeName, salespersonId: o.salespersonId, totalFen: o.totalFen, deliveryDate: o.deliveryDate, deliveredAt: o.deliveredAt?.toISOString() ?? null,
    lines: lines.map((l) => ({ ...toLineDto(l), returnableQuantity: l.quantity - l.returnedQuantity })),
  };
}
export type OrderSummaryForRequests = NonNullable<Awaited<ReturnType<typeof orderSummaryForRequests>>>;

/** Job kinds and cron schedules of the module. */
export function registerOrdersJobs(_deps: AppDeps) {}

let mergeHooked = false;
/** The module's reactions to domain events, and to customer merges (orders follow the surviving customer). */
export function registerOrdersSubscriptions(_deps: AppDeps) {
  if (mergeHooked) return;
  mergeHooked = true;
  onCustomerMerged(async (ctx, tx, e) => repo.repointCustomer(ctx, tx, e.survivorId, e.mergedIds));
}
