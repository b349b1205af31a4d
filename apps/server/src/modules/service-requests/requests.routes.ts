import type { RouteModule } from '../../platform/http/types.ts';

/** Customer requests and feedback with routing, SLA and escalation (SVC-1…SVC-4). */
export const requestRoutes: RouteModule = () => {};
