import type { AppDeps } from './app.ts';
import { registerCatalogueJobs } from './modules/catalogue/index.ts';
import { registerOrdersJobs } from './modules/orders/index.ts';
import { registerFollowupsJobs } from './modules/order-followups/index.ts';
import { registerRequestsJobs } from './modules/service-requests/index.ts';
import { registerKnowledgeJobs } from './modules/knowledge/index.ts';
import { registerSelfServiceJobs } from './modules/self-service/index.ts';
import { registerLeadsJobs } from './modules/leads/index.ts';
import { registerActivitiesJobs } from './modules/sales-activities/index.ts';
import { registerOpportunitiesJobs } from './modules/opportunities/index.ts';
import { registerTargetsJobs } from './modules/sales-targets/index.ts';
import { registerLoyaltyJobs } from './modules/loyalty/index.ts';
import { EXPORT_JOB, IMPORT_JOB, returnIdleCustomers, runExport, runImport } from './modules/customers/index.ts';

/** Customers' idle rule: every hour is plenty for a rule counted in days. */
export const RETURN_IDLE_CUSTOMERS = 'customers.returnIdle';

/** Every background job kind and cron schedule, registered with the runner so the graph stays visible. */
export function registerJobs(deps: AppDeps) {
  deps.jobs.register(IMPORT_JOB, runImport(deps.config));
  deps.jobs.register(EXPORT_JOB, runExport(deps.config));
  deps.jobs.cron(RETURN_IDLE_CUSTOMERS, '7 * * * *', async (ctx, now) => ({ returned: await returnIdleCustomers(deps.db.db, ctx.tenantId, now) }));
  registerCatalogueJobs(deps);
  registerOrdersJobs(deps);
  registerFollowupsJobs(deps);
  registerRequestsJobs(deps);
  registerKnowledgeJobs(deps);
  registerSelfServiceJobs(deps);
  registerLeadsJobs(deps);
  registerActivitiesJobs(deps);
  registerOpportunitiesJobs(deps);
  registerTargetsJobs(deps);
  registerLoyaltyJobs(deps);
}
