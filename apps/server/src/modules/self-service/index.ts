import type { AppDeps } from '../../app.ts';
import { redactSensitive, registerMessagingJobs } from '../../platform/messaging/messaging.service.ts';
import { purgeOld } from './self-service.repository.ts';

/** The self-service module's public face: other modules import only from here. */

/** Nightly: verification codes, wrong tries, ended sessions and submission marks older than two days are deleted, and the texts of old code messages blanked. */
export const SELF_SERVICE_PURGE = 'selfService.purge';
const KEEP_MS = 2 * 24 * 3600_000;

/** Job kinds and cron schedules of the module; the messaging interface's sending job too (its busiest sender is this page). */
export function registerSelfServiceJobs(deps: AppDeps) {
  registerMessagingJobs(deps);
  deps.jobs.cron(SELF_SERVICE_PURGE, '23 3 * * *', async (ctx, now) => {
    const before = new Date(now.getTime() - KEEP_MS);
    return { ...(await purgeOld(ctx.db, ctx.tenantId, before)), redactedMessages: await redactSensitive(ctx.db, ctx.tenantId, before) };
  });
}

/** The module's reactions to domain events. */
export function registerSelfServiceSubscriptions(_deps: AppDeps) {}
