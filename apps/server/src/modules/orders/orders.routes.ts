import type { RouteModule } from '../../platform/http/types.ts';

/** Orders, payments, changes, returns and the ERP upsert (ORD-1, ORD-3, ORD-4). */
export const orderRoutes: RouteModule = () => {};
