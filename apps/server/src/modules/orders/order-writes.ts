import type { FieldChangeDto, FieldIssue } from '@jiake/shared';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import { AppError, issue } from '../../platform/http/errors.ts';
import { getCustomer } from '../customers/index.ts';
import { emitDeliveryScheduled, emitPaid } from './order-events.ts';
import { isCovered } from './order-math.ts';
import * as repo from './orders.repository.ts';

/** Building blocks every write of an order shares: parties, the audited row update with its events, settling. */

export interface Party {
  customerId?: string;
  customerName?: string;
  customerPhone?: string | null;
  storeId?: string;
  salespersonId?: string | null;
}

/**
 * Check the customer (visible to the caller), the store (a store the caller's scope reaches) and the salesperson (a
 * user of the tenant) named in an order body; snapshot the customer's name and first phone. Issues accumulate.
 */
export async function resolveParty(ctx: Ctx, tx: DbOrTx, input: { customerId?: string; storeId?: string; salespersonId?: string | null }, issues: FieldIssue[]): Promise<Party> {
  const out: Party = {};
  if (input.customerId) {
    // Read in the caller's transaction: the ERP upsert may have just created the customer.
    const c = await getCustomer({ ...ctx, db: tx as Db }, input.customerId).catch((err) => {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    });
    if (!c) issues.push(issue('body.customerId', 'not_found', 'customer not found'));
    else Object.assign(out, { customerId: c.id, customerName: c.name, customerPhone: c.phones[0] ?? null });
  }
  if (input.storeId) {
    if (!(await repo.storeWithinScope(ctx, tx, input.storeId))) issues.push(issue('body.storeId', 'not_found', 'store not found'));
    else out.storeId = input.storeId;
  }
  if (input.salespersonId) {
    if (!(await repo.userOfTenant(tx, ctx.tenantId, { id: input.salespersonId }))) issues.push(issue('body.salespersonId', 'not_found', 'salesperson not found'));
    else out.salespersonId = input.salespersonId;
  } else if (input.salespersonId === null) out.salespersonId = null;
  return out;
}

/** The caller's own store, for an order made without one (a store user sells in its store). */
export async function defaultStore(ctx: Ctx, tx: DbOrTx): Promise<string | null> {
  if (ctx.actor.kind === 'system') return null;
  return (await repo.unitKind(tx, ctx.tenantId, ctx.actor.unitId)) === 'store' ? ctx.actor.unitId : null;
}

/**
 * Update the order row (the caller holds its lock), auditing field before/after in the same transaction; a new or
 * moved delivery date emits `order.deliveryScheduled`. `extraChanges` joins the audit row (line changes).
 */
export async function patchOrder(
  ctx: Ctx,
  tx: DbOrTx,
  before: repo.OrderRow,
  patch: Partial<repo.OrderRow>,
  audit: { action?: string; meta?: Record<string, unknown>; extraChanges?: FieldChangeDto[] } = {},
): Promise<repo.OrderRow> {
  const changed = Object.entries(patch).filter(([k, v]) => JSON.stringify(norm(v)) !== JSON.stringify(norm((before as Record<string, unknown>)[k])));
  if (!changed.length && !audit.extraChanges?.length) return before;
  const after = await repo.updateOrderRow(tx, ctx.tenantId, before.id, { ...Object.fromEntries(changed), updatedAt: ctx.now() });
  await ctx.audit.record(tx, {
    action: audit.action ?? 'order.updated',
    entityType: 'order',
    entityId: before.id,
    changes: [...diff(before, after), ...(audit.extraChanges ?? [])],
    meta: audit.meta,
  });
  if (after.deliveryDate && after.deliveryDate !== before.deliveryDate && after.status !== 'cancelled') await emitDeliveryScheduled(ctx, tx, after, before.deliveryDate);
  return after;
}

const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/**
 * A confirmed order whose payments cover what it owes becomes paid: `paidAt` is set and `order.paid` emitted, once
 * for the order's life (the order row is locked by the caller, so concurrent payments settle one after another).
 */
export async function settle(ctx: Ctx, tx: DbOrTx, order: repo.OrderRow): Promise<repo.OrderRow> {
  if (order.status !== 'confirmed' || order.paidAt || !isCovered(order)) return order;
  const paid = await patchOrder(ctx, tx, order, { status: 'paid', paidAt: ctx.now() }, { action: 'order.paid' });
  await emitPaid(ctx, tx, paid, await repo.linesOf(tx, ctx.tenantId, paid.id));
  return paid;
}

/** Await a validation that may fail with field issues: its issues join `issues` (so all are told at once). */
export async function collectIssues<T>(issues: FieldIssue[], p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed' && err.extra.issues) {
      issues.push(...err.extra.issues);
      return null;
    }
    throw err;
  }
}
