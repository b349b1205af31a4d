import type { AppDeps } from '../../app.ts';

/** The catalogue module's public face: other modules import only from here. */

/** Job kinds and cron schedules of the module. */
export function registerCatalogueJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerCatalogueSubscriptions(_deps: AppDeps) {}
