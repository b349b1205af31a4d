import { onCustomerMerged } from '../customers/index.ts';
import { repointCustomer } from './requests.repository.ts';

let registered = false;

/** A customer merge (CUS-6) moves the merged customers' requests to the survivor, in the merge's transaction. */
export function registerMergeHook() {
  if (registered) return;
  registered = true;
  onCustomerMerged(async (ctx, tx, e) => {
    const moved = await repointCustomer(tx, ctx.tenantId, e.mergedIds, e.survivorId);
    if (moved.length) {
      await ctx.audit.recordMany(
        tx,
        moved.map((m) => ({ action: 'serviceRequest.customerMerged', entityType: 'serviceRequest', entityId: m.id, changes: [{ field: 'customerId', before: m.customerId, after: e.survivorId }], meta: { mergedIds: e.mergedIds } })),
      );
    }
  });
}
