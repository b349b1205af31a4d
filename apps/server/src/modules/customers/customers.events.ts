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
