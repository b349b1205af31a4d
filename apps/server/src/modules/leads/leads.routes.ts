import type { RouteModule } from '../../platform/http/types.ts';

/** Routes of the leads module (issue 3). */
export const leadRoutes: RouteModule = (_app) => {};
