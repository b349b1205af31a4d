import type { ModuleRoute } from '../shared/routing';
import { customerRoutes } from '../modules/customers/routes';
import { orgRoutes } from '../modules/org/routes';
import { userRoutes } from '../modules/users/routes';
import { roleRoutes } from '../modules/roles/routes';
import { customFieldRoutes } from '../modules/custom-fields/routes';
import { apiKeyRoutes } from '../modules/api-keys/routes';
import { auditRoutes } from '../modules/audit/routes';
import { eventRoutes } from '../modules/events/routes';
import { selfServiceRoutes } from '../modules/self-service/routes';
import { knowledgeRoutes } from '../modules/knowledge/routes';
import { serviceRequestsRoutes } from '../modules/service-requests/routes';
import { orderFollowupsRoutes } from '../modules/order-followups/routes';
import { ordersRoutes } from '../modules/orders/routes';
import { catalogueRoutes } from '../modules/catalogue/routes';
import { leadsRoutes } from '../modules/leads/routes';
import { activitiesRoutes } from '../modules/sales-activities/routes';
import { opportunitiesRoutes } from '../modules/opportunities/routes';
import { targetsRoutes } from '../modules/sales-targets/routes';
import { workRoutes } from '../modules/work/routes';
import { loyaltyRoutes } from '../modules/loyalty/routes';

/** Every module's pages, listed so the graph stays visible; the left menu is built from these. */
export const MODULE_ROUTES: ModuleRoute[] = [
  ...customerRoutes,
  ...orgRoutes,
  ...userRoutes,
  ...roleRoutes,
  ...customFieldRoutes,
  ...apiKeyRoutes,
  ...auditRoutes,
  ...eventRoutes,
  ...selfServiceRoutes,
  ...knowledgeRoutes,
  ...serviceRequestsRoutes,
  ...orderFollowupsRoutes,
  ...ordersRoutes,
  ...catalogueRoutes,
  ...leadsRoutes,
  ...activitiesRoutes,
  ...opportunitiesRoutes,
  ...targetsRoutes,
  ...workRoutes,
  ...loyaltyRoutes,
];
