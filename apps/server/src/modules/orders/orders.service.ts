import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateOrderInput, CustomerOrderStats, FieldIssue, OrderListQuery, UpdateOrderInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { insertScoped } from '../../platform/db/scoped.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import { orders } from './orders.tables.ts';
import * as repo from './orders.repository.ts';
import { loadOrderDto, toSummaryDto } from './orders.dto.ts';
import { linesChange, resolveLines, writeLines } from './order-lines.ts';
import { collectIssues, defaultStore, patchOrder, resolveParty } from './order-writes.ts';
import { totalsOf } from './order-math.ts';
import { refuse, SALES_STATUSES } from './order-status.ts';
import { emitDeliveryScheduled } from './order-events.ts';

/** Orders: create, change a draft, read, list (ORD-1). Status moves, money, changes and returns live in their own files. */

export async function createOrder(ctx: Ctx, input: CreateOrderInput) {
  const row = await ctx.db.transaction((tx) => createOrderIn(ctx, tx, input));
  return getOrder(ctx, row.id);
}

/** A draft order in the caller's transaction (the order is locked by its insert); answers the row. */
export async function createOrderIn(ctx: Ctx, tx: DbOrTx, input: CreateOrderInput) {
  const issues: FieldIssue[] = [];
  const storeId = input.storeId ?? (await defaultStore(ctx, tx));
  if (!storeId) issues.push(issue('body.storeId', 'required', 'choose the store of the order'));
  const party = await resolveParty(ctx, tx, { customerId: input.customerId, storeId: storeId ?? undefined, salespersonId: input.salespersonId }, issues);
  const lines = await collectIssues(issues, resolveLines(ctx, tx, input.lines, []));
  if (issues.length) throw invalid(issues);
  const now = ctx.now();
  const row = await insertScoped<repo.OrderRow>(ctx, tx, repo.orderFence, {
    orderNo: await repo.nextOrderNo(tx, ctx.tenantId, now),
    source: 'manual',
    status: 'draft',
    customerId: party.customerId,
    customerName: party.customerName,
    customerPhone: party.customerPhone,
    storeId: party.storeId,
    salespersonId: input.salespersonId === undefined ? (ctx.actor.kind === 'user' ? ctx.actor.id : null) : party.salespersonId,
    designerId: input.designerId ?? null,
    campaignId: input.campaignId ?? null,
    leadId: input.leadId ?? null,
    opportunityId: input.opportunityId ?? null,
    ...totalsOf(lines ?? []),
    deliveryAddress: input.deliveryAddress ?? null,
    deliveryDate: input.deliveryDate ?? null,
    notes: input.notes ?? null,
    orderedAt: now,
    createdBy: ctx.actor.kind === 'system' ? null : ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  }, { meta: { lines: (lines ?? []).map((l) => ({ sku: l.sku, quantity: l.quantity, amountFen: l.amountFen })) } });
  await writeLines(ctx, tx, row.id, [], lines ?? []);
  if (row.deliveryDate) await emitDeliveryScheduled(ctx, tx, row, null);
  return row;
}

/**
 * Change an order. A draft changes freely; once confirmed, only notes and attribution (salesperson, designer,
 * campaign, lead, opportunity) change here: items, address and delivery date go through a change request (409).
 */
export async function updateOrder(ctx: Ctx, id: string, input: UpdateOrderInput) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockOrder(ctx, tx, id);
    const draftOnly = (['customerId', 'storeId', 'lines', 'deliveryAddress', 'deliveryDate'] as const).filter((k) => input[k] !== undefined);
    if (before.status !== 'draft' && draftOnly.length) {
      throw refuse('change', before.status, `${draftOnly.join(', ')} of a ${before.status} order change through a change request`);
    }
    if (before.status === 'cancelled' || before.status === 'returned') throw refuse('change', before.status);
    const issues: FieldIssue[] = [];
    const party = await resolveParty(ctx, tx, input, issues);
    const existing = await repo.linesOf(tx, ctx.tenantId, id);
    const lines = input.lines ? await collectIssues(issues, resolveLines(ctx, tx, input.lines, existing)) : null;
    if (issues.length) throw invalid(issues);
    const { lines: _l, customerId: _c, storeId: _s, salespersonId: _p, ...plain } = input;
    const patch: Partial<repo.OrderRow> = { ...plain, ...party };
    const extraChanges = [];
    if (lines) {
      const { changed, totals } = await writeLines(ctx, tx, id, existing, lines);
      if (changed) extraChanges.push(linesChange(existing, lines));
      Object.assign(patch, totals);
    }
    await patchOrder(ctx, tx, before, patch, { extraChanges });
  });
  return getOrder(ctx, id);
}

export const getOrder = (ctx: Ctx, id: string) => loadOrderDto(ctx, ctx.db, id);

export async function listOrders(ctx: Ctx, q: z.infer<typeof OrderListQuery>) {
  const cursor = repo.decodeCursor(q.cursor);
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  if (q.from && q.to && q.from > q.to) throw invalid([issue('query.to', 'before_from', 'the end of the range is before its start')]);
  const where = listWhere(q);
  const [{ rows, nextCursor }, count] = await Promise.all([
    repo.listPage(ctx, where, q.limit, cursor),
    q.withTotal === 'true' ? repo.cappedCount(ctx, where) : Promise.resolve(null),
  ]);
  const counts = await repo.lineCounts(ctx.db, ctx.tenantId, rows.map((r) => r.id));
  return {
    items: rows.map((r) => toSummaryDto(r, counts.get(r.id) ?? 0)),
    nextCursor,
    ...(count ? { total: count.total, totalIsEstimate: count.estimate } : {}),
  };
}

function listWhere(q: z.infer<typeof OrderListQuery>): SQL | undefined {
  return and(
    q.q ? repo.searchCondition(q.q) : undefined,
    q.status ? eq(orders.status, q.status) : undefined,
    q.storeId ? eq(orders.storeId, q.storeId) : undefined,
    q.customerId ? eq(orders.customerId, q.customerId) : undefined,
    q.salespersonId ? eq(orders.salespersonId, q.salespersonId) : undefined,
    repo.orderedBetween(q.from, q.to),
  );
}

/** What a customer bought, as the caller may see it: orders that count as sales, and the money received for them (net of refunds). */
export async function customerStats(ctx: Ctx, customerId: string): Promise<z.infer<typeof CustomerOrderStats>> {
  return repo.statsOf(ctx, and(eq(orders.customerId, customerId), inArray(orders.status, [...SALES_STATUSES])));
}

export async function orderHistory(ctx: Ctx, id: string) {
  if (!(await repo.isVisible(ctx, id))) throw notFound('order');
  return { items: await entityHistory(ctx, 'order', [id]) };
}
