import type { AppDeps } from '../../app.ts';
import { subscribe } from '../../platform/events/outbox.ts';
import { ORDER_EVENTS } from '../orders/index.ts';
import { DUE_DIGEST_CRON, sendDueDigests } from './due-digest.ts';
import { onCancelled, onDelivered, onDeliveryScheduled, onOrderPaid, onReturned } from './order-events.ts';

/** The order-followups module's public face: other modules import only from here. */

/** Job kinds and cron schedules of the module: the morning digest of the day's steps, at 09:00 Shanghai time. */
export function registerFollowupsJobs(deps: AppDeps) {
  deps.jobs.cron(DUE_DIGEST_CRON, '0 9 * * *', (ctx, now) => sendDueDigests(ctx, now));
}

/** The module's reactions to domain events: steps follow the order's life. Subscriber names are stable. */
export function registerFollowupsSubscriptions(_deps: AppDeps) {
  subscribe(ORDER_EVENTS.paid, 'followups.generateSteps', onOrderPaid);
  subscribe(ORDER_EVENTS.deliveryScheduled, 'followups.scheduleDelivery', onDeliveryScheduled);
  subscribe(ORDER_EVENTS.delivered, 'followups.delivered', onDelivered);
  subscribe(ORDER_EVENTS.cancelled, 'followups.orderCancelled', onCancelled);
  subscribe(ORDER_EVENTS.returned, 'followups.orderReturned', onReturned);
}

/** "My work today": the caller's after-sales steps overdue or due today. */
export { followupWorkSource } from './work-source.ts';
