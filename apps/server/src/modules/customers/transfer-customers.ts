import type { Ctx } from '../../platform/http/context.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { unitWithinScope } from '../../platform/db/scoped.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import { lockVisible } from './dedupe.repository.ts';
import { applyOwnership, unitById, userById, usersUnder } from './pool.repository.ts';

const BATCH = 200;

export interface TransferInput {
  customerIds: string[];
  /** A new owner; null sends the customers to the pool. */
  ownerId?: string | null;
  storeId?: string;
}

/**
 * Where the customers go, checked against the caller's scope:
 * - the store must be an open unit within the caller's scope;
 * - the owner must be an active user of the tenant inside that store's subtree when a store is given, and otherwise
 *   inside the caller's scope (the customers keep their stores).
 */
async function resolveTarget(ctx: Ctx, tx: DbOrTx, input: TransferInput) {
  let store: { id: string; path: string } | null = null;
  if (input.storeId !== undefined) {
    const u = await unitById(tx, ctx.tenantId, input.storeId);
    if (!u || !(await unitWithinScope(ctx, tx, u.id))) throw invalid([issue('body.storeId', 'not_found', 'store not found')]);
    if (u.status !== 'active') throw invalid([issue('body.storeId', 'closed', 'the store is closed')]);
    store = u;
  }
  if (input.ownerId) {
    const owner = await userById(tx, ctx.tenantId, input.ownerId);
    if (!owner || owner.status !== 'active') throw invalid([issue('body.ownerId', 'not_found', 'owner not found or disabled')]);
    if (store && !owner.unitPath.startsWith(store.path)) throw invalid([issue('body.ownerId', 'not_in_store', 'the owner does not belong to that store')]);
    if (!store && !(await unitWithinScope(ctx, tx, owner.unitId))) throw invalid([issue('body.ownerId', 'not_found', 'owner not found or disabled')]);
  }
  return store;
}

/**
 * Bulk owner/store transfer (CUS-6), all or nothing: every customer must be visible to the caller, else 404 and no
 * change. With only a store given, owners who belong to the new store keep their customers; the others' customers go
 * to the new store's pool. One audit row per changed customer ('customer.transferred', owner/store before/after).
 */
export async function transferCustomers(ctx: Ctx, input: TransferInput) {
  if (input.ownerId === undefined && input.storeId === undefined) throw invalid([issue('body.ownerId', 'required', 'give ownerId and/or storeId')]);
  const ids = [...new Set(input.customerIds)];
  return ctx.db.transaction(async (tx) => {
    const store = await resolveTarget(ctx, tx, input);
    const rows = await lockVisible(ctx, tx, ids);
    if (rows.length !== ids.length) throw notFound('customer');
    const keep =
      input.ownerId === undefined && store
        ? await usersUnder(tx, ctx.tenantId, [...new Set(rows.map((r) => r.ownerId).filter((o): o is string => !!o))], store.path)
        : null;
    const changes = rows
      .map((r) => {
        const before = { ownerId: r.ownerId, storeId: r.storeId };
        const ownerId = input.ownerId !== undefined ? input.ownerId : keep && r.ownerId && !keep.has(r.ownerId) ? null : r.ownerId;
        return { id: r.id, before, after: { ownerId, storeId: store?.id ?? r.storeId } };
      })
      .filter((c) => c.before.ownerId !== c.after.ownerId || c.before.storeId !== c.after.storeId);
    for (let i = 0; i < changes.length; i += BATCH) {
      const batch = changes.slice(i, i + BATCH);
      await applyOwnership(tx, ctx.tenantId, batch.map((c) => ({ id: c.id, ...c.after })), ctx.now());
      await ctx.audit.recordMany(
        tx,
        batch.map((c) => ({ action: 'customer.transferred', entityType: 'customer', entityId: c.id, changes: diff(c.before, c.after), meta: { count: changes.length } })),
      );
    }
    return { updated: changes.length };
  });
}
