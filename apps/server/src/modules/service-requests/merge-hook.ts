import { repointOnMerge } from '../customers/index.ts';
import { repointCustomer } from './requests.repository.ts';

/** A customer merge (CUS-6) moves the merged customers' requests to the survivor, in the merge's transaction. */
export function registerMergeHook() {
  repointOnMerge('serviceRequest', 'serviceRequest.customerMerged', repointCustomer);
}
