import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';

/** A merge (CUS-6): the merged customers now live on as `survivorId`. */
export interface CustomerMerged {
  survivorId: string;
  mergedIds: string[];
}

/**
 * Runs inside the merge's transaction, so whatever a module re-points (points ledger, orders, leads) commits or rolls
 * back with the merge; a hook that throws cancels the merge. Hooks must only touch their own module's tables.
 */
export type CustomerMergedHook = (ctx: Ctx, tx: DbOrTx, event: CustomerMerged) => Promise<void>;

const mergedHooks: CustomerMergedHook[] = [];

/** Register a reaction to merges (call once at module registration); answers a function that removes it. */
export function onCustomerMerged(hook: CustomerMergedHook): () => void {
  mergedHooks.push(hook);
  return () => {
    const i = mergedHooks.indexOf(hook);
    if (i >= 0) mergedHooks.splice(i, 1);
  };
}

export async function customerMerged(ctx: Ctx, tx: DbOrTx, event: CustomerMerged) {
  for (const hook of mergedHooks) await hook(ctx, tx, event);
}

const repointers = new Set<string>();

/**
 * The common merge reaction: a module's records of the merged customers now belong to the survivor. `repoint` moves
 * them (its own table, in the merge's transaction) and answers what moved; each moved record gets an audit row
 * `action` with the customerId change. Registered once per action, however often the module registers.
 */
export function repointOnMerge(
  entityType: string,
  action: string,
  repoint: (tx: DbOrTx, tenantId: string, mergedIds: string[], survivorId: string) => Promise<{ id: string; customerId: string | null }[]>,
) {
  if (repointers.has(action)) return;
  repointers.add(action);
  onCustomerMerged(async (ctx, tx, e) => {
    const moved = await repoint(tx, ctx.tenantId, e.mergedIds, e.survivorId);
    if (!moved.length) return;
    await ctx.audit.recordMany(
      tx,
      moved.map((m) => ({ action, entityType, entityId: m.id, changes: [{ field: 'customerId', before: m.customerId, after: e.survivorId }], meta: { mergedIds: e.mergedIds } })),
    );
  });
}
