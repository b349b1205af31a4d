import type { RouteModule } from '../../platform/http/types.ts';

/** Routes of the sales-activities module (issue 3). */
export const activityRoutes: RouteModule = (_app) => {};
