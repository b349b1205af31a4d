import type { AppDeps } from '../../app.ts';
import { NEXT_STEPS_DUE_CRON, remindDueNextSteps } from './due-reminders.ts';

/** The sales-activities module's public face: other modules import only from here. (Signatures agreed in issue 3.) */

/** "My work today": the caller's next steps due today or overdue; the caller's design proposals presented and awaiting the customer's answer. */
export { activityWorkSource, proposalWorkSource } from './work-sources.ts';
/** Whether the caller may see an activity or a proposal version (attachments: `salesActivity`, `proposalVersion`). */
export { isActivityVisible, isProposalVersionVisible } from './activity-access.ts';

/** Job kinds and cron schedules of the module: next-step reminders into the owner's inbox, every 5 minutes. */
export function registerActivitiesJobs(deps: AppDeps) {
  deps.jobs.cron(NEXT_STEPS_DUE_CRON, '*/5 * * * *', (ctx, now) => remindDueNextSteps(ctx, now));
}

/** The module's reactions to domain events. */
export function registerActivitiesSubscriptions(_deps: AppDeps) {}
