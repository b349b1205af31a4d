import { onCustomerMerged } from '../customers/index.ts';
import { repointCustomer } from './opportunities.repository.ts';

let registered = false;

/** A customer merge (CUS-6) moves the merged customers' opportunities to the survivor, in the merge's transaction. */
export function registerMergeHook() {
  if (registered) return;
  registered = true;
  onCustomerMerged(async (ctx, tx, e) => {
    const moved = await repointCustomer(tx, ctx.tenantId, e.mergedIds, e.survivorId);
    if (moved.length) {
      await ctx.audit.recordMany(
        tx,
        moved.map((m) => ({
          action: 'opportunity.customer_merged', entityType: 'opportunity', entityId: m.id,
          changes: [{ field: 'customerId', before: m.customerId, after: e.survivorId }], meta: { mergedIds: e.mergedIds },
        })),
      );
    }
  });
}
