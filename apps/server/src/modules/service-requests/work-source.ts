import type { ServiceRequestDto } from '@jiake/shared';
import type { WorkItem, WorkSource } from '../../platform/work/work-items.ts';
import { listRequests } from './requests.service.ts';

/** Open requests assigned to one person rarely pass this; the most urgent of them are listed. */
const SCAN = 200;

/** The due time of the clocks still running: the first response until answered, the resolution unless paused. */
function nextDue(r: ServiceRequestDto): string | null {
  const running = [r.sla.firstResponseAt ? null : r.sla.firstResponseDueAt, r.sla.pausedAt ? null : r.sla.resolutionDueAt].filter((d): d is string => !!d);
  return running.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

/**
 * "My work today" (PLAT-12): the open customer requests assigned to the caller that wait for them (not those awaiting
 * the customer), with the due time of their running SLA clock; a clock that ran out makes the request overdue. Requests
 * are live work whatever their due day, so all of them are listed, most urgent first.
 */
export const requestWorkSource: WorkSource = async (ctx, { now, limit }) => {
  const { items } = await listRequests(ctx, { queue: 'mine', status: 'open', limit: SCAN });
  return items
    .filter((r) => r.status !== 'awaiting_customer')
    .map((r): WorkItem => {
      const dueAt = nextDue(r);
      return {
        source: 'requests',
        id: r.id,
        kind: 'request.open',
        title: r.subject,
        detail: [r.number, r.customerName ?? r.contactName].filter(Boolean).join(' · '),
        dueAt,
        overdue: !!dueAt && Date.parse(dueAt) < now.getTime(),
        link: `/requests/${r.id}`,
      };
    })
    .sort((a, b) => (a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY) - (b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY))
    .slice(0, limit);
};
