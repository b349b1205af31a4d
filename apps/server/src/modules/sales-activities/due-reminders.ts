import type { Ctx } from '../../platform/http/context.ts';
import { notify } from '../../platform/notifications/notify.ts';
import * as repo from './activities.repository.ts';
import { subjectLink } from './subject-link.ts';

/**
 * Next-step reminders (LEAD-6; cron `activities.nextStepsDue`, every 5 minutes): when a pending next step comes due, its
 * owner finds an `activity.due` notification in the inbox. Once per step and due time (the step remembers the time it
 * reminded of, and the notification's dedupe key names it), so a re-run sends nothing twice and a rescheduled step
 * reminds again at its new time.
 */
export const NEXT_STEPS_DUE_CRON = 'activities.nextStepsDue';
const BATCH = 200;

export async function remindDueNextSteps(ctx: Ctx, now: Date) {
  let reminded = 0;
  for (;;) {
    const due = await repo.dueUnreminded(ctx.db, ctx.tenantId, now, BATCH);
    if (!due.length) break;
    await ctx.db.transaction(async (tx) => {
      await notify(
        tx,
        ctx.tenantId,
        due.map((d) => ({
          userId: d.ownerId!,
          kind: 'activity.due',
          params: { subject: d.subjectName, text: d.text, dueAt: d.dueAt!.toISOString(), activityKind: d.kind },
          link: subjectLink(d.subjectType, d.subjectId),
          entityType: 'salesActivity',
          entityId: d.id,
          dedupeKey: `activity.due:${d.id}:${d.dueAt!.toISOString()}`,
        })),
        now,
      );
      for (const d of due) await repo.markReminded(tx, ctx.tenantId, d.id, d.dueAt!);
    });
    reminded += due.length;
    if (due.length < BATCH) break;
  }
  return { reminded };
}
