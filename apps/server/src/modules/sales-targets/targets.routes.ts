import type { RouteModule } from '../../platform/http/types.ts';

/** Routes of the sales-targets module (issue 3). */
export const targetRoutes: RouteModule = (_app) => {};
