import type { WorkItem, WorkSource } from '../../platform/work/work-items.ts';
import * as repo from './followups.repository.ts';

/**
 * "My work today" (PLAT-12): the caller's own pending after-sales steps that are overdue or due by the end of today,
 * in their data scope: the work list's today and overdue views, owner = the caller. Over the limit, today's steps come
 * first and the oldest overdue ones fill up.
 */
export const followupWorkSource: WorkSource = async (ctx, { now, endOfToday, limit }) => {
  const [today, overdue] = await Promise.all(
    (['today', 'overdue'] as const).map(async (v) => {
      const view = repo.viewOf(v, now);
      return (await repo.listPage(ctx, repo.filterWhere(ctx, { mine: true }, view.where), view, limit, null)).rows;
    }),
  );
  // Today's first (a step due earlier today is in both views), then the oldest overdue ones up to the limit.
  const byId = new Map([...today, ...overdue].map((r) => [r.id, r]));
  return [...byId.values()]
    .filter((r) => r.dueAt && r.dueAt < endOfToday)
    .slice(0, limit)
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())
    .map(
      (r): WorkItem => ({
        source: 'followups',
        id: r.id,
        kind: 'followup.due',
        title: r.customerName ?? r.orderNo,
        detail: `${r.stepName} · ${r.orderNo}`,
        dueAt: r.dueAt!.toISOString(),
        overdue: r.dueAt!.getTime() < now.getTime(),
        link: `/orders/${r.orderId}`,
      }),
    );
};
