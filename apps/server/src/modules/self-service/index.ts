import type { AppDeps } from '../../app.ts';

/** The self-service module's public face: other modules import only from here. */

/** Job kinds and cron schedules of the module. */
export function registerSelfServiceJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerSelfServiceSubscriptions(_deps: AppDeps) {}
