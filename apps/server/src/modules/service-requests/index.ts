import type { AppDeps } from '../../app.ts';

/** The service-requests module's public face: other modules import only from here. */

/** Job kinds and cron schedules of the module. */
export function registerRequestsJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerRequestsSubscriptions(_deps: AppDeps) {}
