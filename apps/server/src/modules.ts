import type { RouteModule } from './platform/http/types.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { tenancyRoutes } from './platform/tenancy/tenancy.routes.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { historyRoutes } from './platform/audit/history.routes.ts';
import { apiKeyRoutes } from './platform/auth/api-keys.routes.ts';
import { customFieldRoutes } from './platform/custom-fields/custom-fields.routes.ts';
import { jobRoutes } from './platform/jobs/jobs.routes.ts';
import { customerRoutes } from './modules/customers/customers.routes.ts';
import { customerImportRoutes } from './modules/customers/import/import.routes.ts';
import { customerExportRoutes } from './modules/customers/export/export.routes.ts';
import { fileRoutes } from './platform/files/files.routes.ts';
import { isCustomerVisible } from './modules/customers/index.ts';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.ts';
import { orderRoutes } from './modules/orders/orders.routes.ts';
import { followupRoutes } from './modules/order-followups/followups.routes.ts';
import { requestRoutes } from './modules/service-requests/requests.routes.ts';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.ts';
import { selfServiceRoutes } from './modules/self-service/self-service.routes.ts';
import { callerLookupRoutes } from './modules/caller-lookup/caller-lookup.routes.ts';
import { eventRoutes } from './platform/events/events.routes.ts';
import { notificationRoutes } from './platform/notifications/notifications.routes.ts';
import { workRoutes } from './platform/work/work.routes.ts';
import { WORK_SOURCES } from './work-sources.ts';
import { leadRoutes } from './modules/leads/leads.routes.ts';
import { activityRoutes } from './modules/sales-activities/activities.routes.ts';
import { isActivityVisible, isProposalVersionVisible } from './modules/sales-activities/index.ts';
import { opportunityRoutes } from './modules/opportunities/opportunities.routes.ts';
import { targetRoutes } from './modules/sales-targets/targets.routes.ts';
import { loyaltyRoutes } from './modules/loyalty/loyalty.routes.ts';

/** Every module, listed so the graph stays visible. Order is the order of registration. */
export const MODULES: RouteModule[] = [
  authRoutes,
  tenancyRoutes,
  apiKeyRoutes,
  auditRoutes,
  historyRoutes,
  customFieldRoutes,
  jobRoutes,
  customerRoutes,
  customerImportRoutes,
  customerExportRoutes,
  eventRoutes,
  catalogueRoutes,
  orderRoutes,
  followupRoutes,
  requestRoutes,
  knowledgeRoutes,
  selfServiceRoutes,
  callerLookupRoutes,
  notificationRoutes,
  workRoutes(WORK_SOURCES),
  leadRoutes,
  activityRoutes,
  opportunityRoutes,
  targetRoutes,
  loyaltyRoutes,
  /** Records that take attachments, with the check of who may see them. */
  fileRoutes({ customer: isCustomerVisible, salesActivity: isActivityVisible, proposalVersion: isProposalVersionVisible }),
];
