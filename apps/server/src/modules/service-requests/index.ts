import type { AppDeps } from '../../app.ts';
import { sweepSla } from './escalation.service.ts';

/** The service-requests module's public face: other modules import only from here. */
export { createRequest } from './requests.service.ts';
export { addCustomerReply, confirmByCustomer, reopenByCustomer } from './request-actions.service.ts';
export { requestsOfCustomer, requestProgressForCustomer, type CustomerRequestSummary, type CustomerRequestProgress } from './customer-requests.service.ts';
export { isRequestVisible } from './requests.repository.ts';
export { REQUEST_EVENTS, type RequestEscalatedPayload } from './requests.events.ts';
export { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './business-time.ts';
/** "My work today": open requests assigned to the caller, with their SLA due times. */
export { requestWorkSource } from './work-source.ts';

/** The SLA sweep: every minute, per tenant, overdue clocks escalate (escalation.service.ts). */
export const SLA_SWEEP = 'requests.slaSweep';

/** Job kinds and cron schedules of the module. */
export function registerRequestsJobs(deps: AppDeps) {
  deps.jobs.cron(SLA_SWEEP, '* * * * *', async (ctx, now) => sweepSla(ctx, now));
}

/** The module's reactions to domain events. */
export function registerRequestsSubscriptions(_deps: AppDeps) {}
