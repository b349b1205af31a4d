import { customerNamesByIds, onCustomerMerged } from '../customers/index.ts';
import { repointCustomer } from './activities.repository.ts';

let registered = false;

/** A customer merge (CUS-6) moves the merged customers' activities to the survivor, in the merge's transaction: its timeline keeps them. */
export function registerMergeHook() {
  if (registered) return;
  registered = true;
  onCustomerMerged(async (ctx, tx, e) => {
    const name = (await customerNamesByIds(tx, ctx.tenantId, [e.survivorId])).get(e.survivorId) ?? null;
    const moved = await repointCustomer(tx, ctx.tenantId, e.mergedIds, e.survivorId, name);
    if (moved.length) {
      await ctx.audit.recordMany(
        tx,
        moved.map((m) => ({
          action: 'salesActivity.customerMerged', entityType: 'salesActivity', entityId: m.id,
          changes: [{ field: 'subjectId', before: m.customerId, after: e.survivorId }], meta: { mergedIds: e.mergedIds },
        })),
      );
    }
  });
}
