import { onCustomerMerged } from '../customers/index.ts';
import { mergeMemberships } from './merge-membership.ts';

let registered = false;

/** A customer merge (CUS-6) moves the membership, or absorbs the merged-away one's points, in the merge's transaction. */
export function registerMergeHook() {
  if (registered) return;
  registered = true;
  onCustomerMerged(mergeMemberships);
}
