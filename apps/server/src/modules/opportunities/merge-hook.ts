import { repointOnMerge } from '../customers/index.ts';
import { repointCustomer } from './opportunities.repository.ts';

/** A customer merge (CUS-6) moves the merged customers' opportunities to the survivor, in the merge's transaction. */
export function registerMergeHook() {
  repointOnMerge('opportunity', 'opportunity.customer_merged', repointCustomer);
}
