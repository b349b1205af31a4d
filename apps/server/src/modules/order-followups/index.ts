import type { AppDeps } from '../../app.ts';

/** The order-followups module's public face: other modules import only from here. */

/** Job kinds and cron schedules of the module. */
export function registerFollowupsJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerFollowupsSubscriptions(_deps: AppDeps) {}
