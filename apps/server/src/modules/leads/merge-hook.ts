import { onCustomerMerged } from '../customers/index.ts';
import { repointCustomer } from './leads.repository.ts';

let registered = false;

/** A customer merge (CUS-6) points the merged customers' leads (converted into them, or flagged as their duplicates) to the survivor. */
export function registerLeadsMergeHook() {
  if (registered) return;
  registered = true;
  onCustomerMerged(async (ctx, tx, e) => {
    const moved = await repointCustomer(tx, ctx.tenantId, e.mergedIds, e.survivorId);
    const converted = moved.filter((m) => m.convertedCustomerId && e.mergedIds.includes(m.convertedCustomerId));
    if (converted.length) {
      await ctx.audit.recordMany(
        tx,
        converted.map((m) => ({ action: 'lead.customerMerged', entityType: 'lead', entityId: m.id, changes: [{ field: 'convertedCustomerId', before: m.convertedCustomerId, after: e.survivorId }], meta: { mergedIds: e.mergedIds } })),
      );
    }
  });
}
