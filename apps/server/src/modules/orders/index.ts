import type { AppDeps } from '../../app.ts';

/** The orders module's public face: other modules import only from here. */

/** Job kinds and cron schedules of the module. */
export function registerOrdersJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerOrdersSubscriptions(_deps: AppDeps) {}
