import type { AppDeps } from '../../app.ts';
import type { WorkSource } from '../../platform/work/work-items.ts';

/** The sales-activities module's public face: other modules import only from here. (Signatures agreed in issue 3.) */

/** "My work today": the caller's next steps due today or overdue. */
export const activityWorkSource: WorkSource = async () => [];
/** "My work today": the caller's design proposals presented and awaiting the customer's answer. */
export const proposalWorkSource: WorkSource = async () => [];

/** Job kinds and cron schedules of the module. */
export function registerActivitiesJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerActivitiesSubscriptions(_deps: AppDeps) {}
