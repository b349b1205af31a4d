import type { AppDeps } from './app.ts';
import { registerCatalogueSubscriptions } from './modules/catalogue/index.ts';
import { registerOrdersSubscriptions } from './modules/orders/index.ts';
import { registerFollowupsSubscriptions } from './modules/order-followups/index.ts';
import { registerRequestsSubscriptions } from './modules/service-requests/index.ts';
import { registerKnowledgeSubscriptions } from './modules/knowledge/index.ts';
import { registerSelfServiceSubscriptions } from './modules/self-service/index.ts';
import { registerLeadsSubscriptions } from './modules/leads/index.ts';
import { registerActivitiesSubscriptions } from './modules/sales-activities/index.ts';
import { registerOpportunitiesSubscriptions } from './modules/opportunities/index.ts';
import { registerTargetsSubscriptions } from './modules/sales-targets/index.ts';
import { registerLoyaltySubscriptions } from './modules/loyalty/index.ts';

/**
 * Every reaction to a domain event, listed so the graph stays visible. Each module subscribes with
 * `subscribe(eventType, subscriberName, handler)` (platform/events/outbox.ts) in its register…Subscriptions;
 * subscriber names are stable (they key deliveries) and handlers are idempotent by event id.
 */
export function registerSubscriptions(deps: AppDeps) {
  registerCatalogueSubscriptions(deps);
  registerOrdersSubscriptions(deps);
  registerFollowupsSubscriptions(deps);
  registerRequestsSubscriptions(deps);
  registerKnowledgeSubscriptions(deps);
  registerSelfServiceSubscriptions(deps);
  registerLeadsSubscriptions(deps);
  registerActivitiesSubscriptions(deps);
  registerOpportunitiesSubscriptions(deps);
  registerTargetsSubscriptions(deps);
  registerLoyaltySubscriptions(deps);
}
