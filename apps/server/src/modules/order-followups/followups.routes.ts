import type { RouteModule } from '../../platform/http/types.ts';

/** After-sales follow-up steps of paid orders (ORD-2). */
export const followupRoutes: RouteModule = () => {};
