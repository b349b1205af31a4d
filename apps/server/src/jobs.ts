import type { AppDeps } from './app.ts';
import { EXPORT_JOB, IMPORT_JOB, returnIdleCustomers, runExport, runImport } from './modules/customers/index.ts';

/** Customers' idle rule: every hour is plenty for a rule counted in days. */
export const RETURN_IDLE_CUSTOMERS = 'customers.returnIdle';

/** Every background job kind, registered with the runner so the graph stays visible. */
export function registerJobs(deps: AppDeps) {
  deps.jobs.register(IMPORT_JOB, runImport(deps.config));
  deps.jobs.register(EXPORT_JOB, runExport(deps.config));
  deps.jobs.every(RETURN_IDLE_CUSTOMERS, 60 * 60_000, (now) => returnIdleCustomers(deps.db.db, undefined, now));
}
