import type { AppDeps } from '../../app.ts';
import { sendExpiryNotices } from './notices.service.ts';

/** Members are told ahead of points expiring every day at 10:00 Shanghai time (an hour fit for an SMS). */
export const EXPIRY_NOTICES_CRON = 'loyalty.expiryNotices';

/** Members told ahead of their points expiring (LOY-4): a daily cron, one job per tenant. */
export function registerNoticeJobs(deps: AppDeps) {
  deps.jobs.cron(EXPIRY_NOTICES_CRON, '0 10 * * *', (ctx, now) => sendExpiryNotices(ctx, now));
}
