import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { lockScoped, scopedWhere, unitWithinScope, type Fence } from '../../platform/db/scoped.ts';
import { counters, orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { orderChanges, orderLines, orderPayments, orderReturnLines, orderReturns, orders } from './orders.tables.ts';
import { decodeCursor as decodeKeyset, encodeCursor } from '../../platform/db/keyset.ts';

/**
 * Orders belong to a store (the unit) and a salesperson (the owner): a store user sees its store's orders, a
 * salesperson with the `own` scope their own orders, a regional manager the region's (PLAT-4). Lines, payments,
 * changes and returns are reached through their order only.
 */
export const orderFence: Fence = { table: orders, unit: orders.storeId, owner: orders.salespersonId, entity: 'order' };

export type OrderRow = typeof orders.$inferSelect;
export type OrderRowWithNames = OrderRow & { storeName: string | null; salespersonName: string | null };
export type LineRow = typeof orderLines.$inferSelect;
export type PaymentRow = typeof orderPayments.$inferSelect;
export type ChangeRow = typeof orderChanges.$inferSelect;
export type ReturnRow = typeof orderReturns.$inferSelect;

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The calendar day (Asia/Shanghai) of an instant, 'YYYY-MM-DD'. */
export const shanghaiDate = (d: Date) => SHANGHAI.format(d);

/** SO + day + a per-tenant, per-day sequence: SO202611220001 (a fifth digit appears after 9,999 orders a day). */
export async function nextOrderNo(tx: DbOrTx, tenantId: string, orderedAt: Date): Promise<string> {
  const day = shanghaiDate(orderedAt).replaceAll('-', '');
  const [r] = await tx
    .insert(counters)
    .values({ tenantId, name: `order:${day}`, value: 1 })
    .onConflictDoUpdate({ target: [counters.tenantId, counters.name], set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return `SO${day}${String(r.value).padStart(4, '0')}`;
}

const salesperson = alias(users, 'salesperson');
const headerColumns = { ...getTableColumns(orders), storeName: orgUnits.name, salespersonName: salesperson.displayName };

function selectOrders(db: DbOrTx) {
  return db.select(headerColumns).from(orders).leftJoin(orgUnits, eq(orgUnits.id, orders.storeId)).leftJoin(salesperson, eq(salesperson.id, orders.salespersonId));
}

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<OrderRowWithNames | null> {
  const [row] = await selectOrders(db).where(scopedWhere(ctx, orderFence, eq(orders.id, id)));
  return row ?? null;
}

/** Lock an order the caller may see (404 otherwise): every change of an order, its lines or money starts here. */
export const lockOrder = (ctx: Ctx, tx: DbOrTx, id: string) => lockScoped<OrderRow>(ctx, tx, orderFence, id);

export async function findByExternalId(tx: DbOrTx, tenantId: string, externalId: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.externalId, externalId)));
  return row ?? null;
}

export async function isVisible(ctx: Ctx, id: string): Promise<boolean> {
  const rows = await ctx.db.select({ id: orders.id }).from(orders).where(scopedWhere(ctx, orderFence, eq(orders.id, id))).limit(1);
  return rows.length > 0;
}

/** Ids of the orders in the caller's scope, as a subquery (the audit trail's scope). */
export const scopedOrderIds = (ctx: Ctx) => ctx.db.select({ id: orders.id }).from(orders).where(scopedWhere(ctx, orderFence));

export async function linesOf(db: DbOrTx, tenantId: string, orderId: string): Promise<LineRow[]> {
  return db.select().from(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId))).orderBy(asc(orderLines.position));
}

export async function linesOfOrders(db: DbOrTx, tenantId: string, orderIds: string[]): Promise<LineRow[]> {
  if (!orderIds.length) return [];
  return db
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), inArray(orderLines.orderId, orderIds)))
    .orderBy(asc(orderLines.orderId), asc(orderLines.position));
}

const creator = alias(users, 'creator');
const decider = alias(users, 'decider');

export async function paymentsOf(db: DbOrTx, tenantId: string, orderId: string) {
  return db
    .select({ ...getTableColumns(orderPayments), createdByName: creator.displayName })
    .from(orderPayments)
    .leftJoin(creator, eq(creator.id, orderPayments.createdBy))
    .where(and(eq(orderPayments.tenantId, tenantId), eq(orderPayments.orderId, orderId)))
    .orderBy(asc(orderPayments.paidAt), asc(orderPayments.createdAt));
}

export async function changesOf(db: DbOrTx, tenantId: string, orderId: string) {
  return db
    .select({ ...getTableColumns(orderChanges), requestedByName: creator.displayName, decidedByName: decider.displayName })
    .from(orderChanges)
    .leftJoin(creator, eq(creator.id, orderChanges.requestedBy))
    .leftJoin(decider, eq(decider.id, orderChanges.decidedBy))
    .where(and(eq(orderChanges.tenantId, tenantId), eq(orderChanges.orderId, orderId)))
    .orderBy(desc(orderChanges.requestedAt));
}

export async function returnsOf(db: DbOrTx, tenantId: string, orderId: string) {
  const rs = await db
    .select({ ...getTableColumns(orderReturns), createdByName: creator.displayName })
    .from(orderReturns)
    .leftJoin(creator, eq(creator.id, orderReturns.createdBy))
    .where(and(eq(orderReturns.tenantId, tenantId), eq(orderReturns.orderId, orderId)))
    .orderBy(desc(orderReturns.returnedAt));
  if (!rs.length) return [];
  const lines = await db
    .select({ returnId: orderReturnLines.returnId, lineId: orderReturnLines.lineId, quantity: orderReturnLines.quantity, amountFen: orderReturnLines.amountFen, sku: orderLines.sku, name: orderLines.name })
    .from(orderReturnLines)
    .innerJoin(orderLines, eq(orderLines.id, orderReturnLines.lineId))
    .where(and(eq(orderReturnLines.tenantId, tenantId), inArray(orderReturnLines.returnId, rs.map((r) => r.id))));
  return rs.map((r) => ({ ...r, lines: lines.filter((l) => l.returnId === r.id) }));
}

/** A store of the tenant (org unit of kind store) that the caller's scope reaches. */
export async function storeWithinScope(ctx: Ctx, tx: DbOrTx, storeId: string): Promise<boolean> {
  const [u] = await tx.select({ kind: orgUnits.kind }).from(orgUnits).where(and(eq(orgUnits.tenantId, ctx.tenantId), eq(orgUnits.id, storeId)));
  return u?.kind === 'store' && (await unitWithinScope(ctx, tx, storeId));
}

export async function storeByCode(tx: DbOrTx, tenantId: string, code: string) {
  const [u] = await tx.select({ id: orgUnits.id, kind: orgUnits.kind }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.code, code)));
  return u?.kind === 'store' ? u : null;
}

export async function userOfTenant(tx: DbOrTx, tenantId: string, by: { id?: string; username?: string }) {
  const cond = by.id ? eq(users.id, by.id) : sql`lower(${users.username}) = lower(${by.username ?? ''})`;
  const [u] = await tx.select({ id: users.id, unitId: users.unitId }).from(users).where(and(eq(users.tenantId, tenantId), cond));
  return u ?? null;
}

/** The kind of the caller's unit (a store user creates orders in its store by default). */
export async function unitKind(tx: DbOrTx, tenantId: string, unitId: string) {
  const [u] = await tx.select({ kind: orgUnits.kind }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, unitId)));
  return u?.kind ?? null;
}

// ---------- list ----------

/** Σ over the caller's visible orders matching `where`: order count, money received (net of refunds), last order time. */
export async function statsOf(ctx: Ctx, where: SQL | undefined) {
  const [r] = await ctx.db
    .select({
      orderCount: sql<number>`count(*)::int`,
      totalSpentFen: sql<number>`coalesce(sum(${orders.paidFen} - ${orders.refundedFen}), 0)::bigint`,
      lastOrderAt: sql<string | null>`to_char(max(${orders.orderedAt}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    })
    .from(orders)
    .where(scopedWhere(ctx, orderFence, where));
  return { orderCount: r.orderCount, totalSpentFen: Number(r.totalSpentFen), lastOrderAt: r.lastOrderAt };
}

export async function lineCounts(db: DbOrTx, tenantId: string, orderIds: string[]) {
  if (!orderIds.length) return new Map<string, number>();
  const rows = await db
    .select({ orderId: orderLines.orderId, n: sql<number>`count(*)::int` })
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), inArray(orderLines.orderId, orderIds)))
    .groupBy(orderLines.orderId);
  return new Map(rows.map((r) => [r.orderId, r.n]));
}

/** Keyset page, newest order first: (ordered_at, id) below the cursor. Times at full microsecond precision. */
export async function listPage(ctx: Ctx, where: SQL | undefined, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`(${orders.orderedAt}, ${orders.id}) < (${cursor[0]}::timestamptz, ${cursor[1]})` : undefined;
  const sortKey = sql<string>`to_char(${orders.orderedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await ctx.db
    .select({ ...headerColumns, sortKey })
    .from(orders)
    .leftJoin(orgUnits, eq(orgUnits.id, orders.storeId))
    .leftJoin(salesperson, eq(salesperson.id, orders.salespersonId))
    .where(scopedWhere(ctx, orderFence, where, after))
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null;
  return { rows: page, nextCursor };
}

export const decodeCursor = (c: string | undefined) => decodeKeyset(c);

export async function cappedCount(ctx: Ctx, where: SQL | undefined, cap = 10000) {
  const res = await ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM orders WHERE ${scopedWhere(ctx, orderFence, where)} LIMIT ${cap + 1}) s`);
  const n = res.rows[0]?.n ?? 0;
  return { total: Math.min(n, cap), estimate: n > cap };
}

/** Order number (prefix), customer phone (digits) or customer name (any part). */
export function searchCondition(q: string): SQL {
  const term = q.trim();
  const escaped = term.replace(/[%_\\]/g, '\\$&');
  const digits = term.replace(/[\s-]/g, '');
  if (/^so\d*$/i.test(term)) return sql`${orders.orderNo} LIKE ${`${escaped.toUpperCase()}%`}`;
  if (/^\+?\d{4,}$/.test(digits)) return sql`(${orders.customerPhone} LIKE ${`%${digits.replace(/^\+/, '')}%`} OR ${orders.orderNo} LIKE ${`%${digits}%`})`;
  return sql`${orders.customerName} ILIKE ${`%${escaped}%`}`;
}

/** Orders of the Asia/Shanghai calendar days from … to (inclusive). */
export function orderedBetween(from?: string, to?: string): SQL | undefined {
  const parts: SQL[] = [];
  if (from) parts.push(sql`${orders.orderedAt} >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (to) parts.push(sql`${orders.orderedAt} < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  return parts.length ? and(...parts) : undefined;
}

/** Write fields of an order the caller has locked (and so may see); answers the row after. */
export async function updateOrderRow(tx: DbOrTx, tenantId: string, id: string, values: Partial<OrderRow>): Promise<OrderRow> {
  const [row] = await tx.update(orders).set(values).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id))).returning();
  return row;
}

export async function paymentByReference(tx: DbOrTx, tenantId: string, orderId: string, reference: string): Promise<PaymentRow | null> {
  const [row] = await tx
    .select()
    .from(orderPayments)
    .where(and(eq(orderPayments.tenantId, tenantId), eq(orderPayments.orderId, orderId), eq(orderPayments.reference, reference)));
  return row ?? null;
}

export async function insertPayment(tx: DbOrTx, values: typeof orderPayments.$inferInsert): Promise<PaymentRow> {
  const [row] = await tx.insert(orderPayments).values(values).returning();
  return row;
}

export async function updatePayment(tx: DbOrTx, tenantId: string, id: string, values: Partial<PaymentRow>): Promise<PaymentRow> {
  const [row] = await tx.update(orderPayments).set(values).where(and(eq(orderPayments.tenantId, tenantId), eq(orderPayments.id, id))).returning();
  return row;
}

export async function openChange(tx: DbOrTx, tenantId: string, orderId: string): Promise<ChangeRow | null> {
  const [row] = await tx
    .select()
    .from(orderChanges)
    .where(and(eq(orderChanges.tenantId, tenantId), eq(orderChanges.orderId, orderId), eq(orderChanges.status, 'requested')));
  return row ?? null;
}

export async function findChange(tx: DbOrTx, tenantId: string, orderId: string, id: string): Promise<ChangeRow | null> {
  const [row] = await tx
    .select()
    .from(orderChanges)
    .where(and(eq(orderChanges.tenantId, tenantId), eq(orderChanges.orderId, orderId), eq(orderChanges.id, id)))
    .for('update');
  return row ?? null;
}

export async function insertChange(tx: DbOrTx, values: typeof orderChanges.$inferInsert): Promise<ChangeRow> {
  const [row] = await tx.insert(orderChanges).values(values).returning();
  return row;
}

export async function updateChange(tx: DbOrTx, tenantId: string, id: string, values: Partial<ChangeRow>) {
  await tx.update(orderChanges).set(values).where(and(eq(orderChanges.tenantId, tenantId), eq(orderChanges.id, id)));
}

export async function returnOfRequest(tx: DbOrTx, tenantId: string, requestId: string): Promise<ReturnRow | null> {
  const [row] = await tx.select().from(orderReturns).where(and(eq(orderReturns.tenantId, tenantId), eq(orderReturns.requestId, requestId)));
  return row ?? null;
}

export async function insertReturn(tx: DbOrTx, values: typeof orderReturns.$inferInsert): Promise<ReturnRow> {
  const [row] = await tx.insert(orderReturns).values(values).returning();
  return row;
}

export async function insertReturnLines(tx: DbOrTx, values: (typeof orderReturnLines.$inferInsert)[]) {
  if (values.length) await tx.insert(orderReturnLines).values(values);
}

export async function setReturnPayment(tx: DbOrTx, tenantId: string, returnId: string, paymentId: string) {
  await tx.update(orderReturns).set({ paymentId }).where(and(eq(orderReturns.tenantId, tenantId), eq(orderReturns.id, returnId)));
}

/** Count pieces back on a line (the table's check refuses more than was bought). */
export async function addReturned(tx: DbOrTx, tenantId: string, lineId: string, quantity: number, amountFen: number) {
  await tx
    .update(orderLines)
    .set({ returnedQuantity: sql`${orderLines.returnedQuantity} + ${quantity}`, returnedFen: sql`${orderLines.returnedFen} + ${amountFen}` })
    .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.id, lineId)));
}

/** A customer merge (CUS-6): the orders of the merged customers now belong to the survivor. */
export async function repointCustomer(ctx: Ctx, tx: DbOrTx, survivorId: string, mergedIds: string[]) {
  if (!mergedIds.length) return;
  const moved = await tx
    .update(orders)
    .set({ customerId: survivorId })
    .where(and(eq(orders.tenantId, ctx.tenantId), inArray(orders.customerId, mergedIds)))
    .returning({ id: orders.id });
  await ctx.audit.recordMany(
    tx,
    moved.map((m) => ({ action: 'order.customer_merged', entityType: 'order', entityId: m.id, changes: [], meta: { survivorId, mergedIds } })),
  );
}

/** The newest orders of a customer that the caller may see. */
export async function recentOfCustomer(ctx: Ctx, customerId: string, limit: number) {
  return selectOrders(ctx.db)
    .where(scopedWhere(ctx, orderFence, eq(orders.customerId, customerId)))
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(limit);
}
