import type { AppDeps } from '../../app.ts';

/** Members told ahead of their points expiring (LOY-3). Settlement/notices engineer: implement. */
export function registerNoticeJobs(_deps: AppDeps) {}
