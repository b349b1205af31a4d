import type { RouteModule } from '../../platform/http/types.ts';

/** Routes of the opportunities module (issue 3). */
export const opportunityRoutes: RouteModule = (_app) => {};
