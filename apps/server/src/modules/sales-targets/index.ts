import type { AppDeps } from '../../app.ts';

/** The sales-targets module's public face: other modules import only from here. */

/** Job kinds and cron schedules of the module. */
export function registerTargetsJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerTargetsSubscriptions(_deps: AppDeps) {}
