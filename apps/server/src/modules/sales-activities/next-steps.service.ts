import { NEXT_STEP_COUNT_CAP, type NextStepFiltersInput, type NextStepQueryInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './activities.repository.ts';
import { toNextStepItem } from './activities.dto.ts';
import { MAX_PLAN_AHEAD_MS, shanghaiDate } from './activities.time.ts';
import { conflict, lockEditable, reread } from './activity-access.ts';
import { touchSubject } from './subject-link.ts';

/** The follow-up plan (跟进计划, LEAD-6): next steps by view, their counts, and marking them done or moving them. */

export async function listNextSteps(ctx: Ctx, q: NextStepQueryInput) {
  const now = ctx.now();
  const view = repo.viewOf(q.view, now);
  const { rows, nextCursor } = await repo.nextStepPage(ctx, repo.planWhere(ctx, q, view.where), view, q.limit, q.cursor);
  return { items: rows.map((r) => toNextStepItem(ctx, r, now)), nextCursor };
}

export async function countNextSteps(ctx: Ctx, f: NextStepFiltersInput) {
  const counts = await repo.countViews(ctx, repo.planWhere(ctx, f), ctx.now());
  return { ...counts, cap: NEXT_STEP_COUNT_CAP };
}

/** The step of a locked activity must be there and pending. */
function assertPending(row: repo.ActivityRow) {
  if (!row.nextStepDueAt) throw conflict('no_next_step', 'the activity has no next step');
  if (row.nextStepDoneAt) throw conflict('next_step_done', 'the next step is done already');
}

/** Mark the next step done, with an optional note. */
export async function completeNextStep(ctx: Ctx, id: string, input: { note?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const { row } = await lockEditable(ctx, tx, id);
    assertPending(row);
    await updateScoped(
      ctx, tx, repo.activityFence, id,
      { nextStepDoneAt: ctx.now(), nextStepDoneById: ctx.actor.kind === 'user' ? ctx.actor.id : null, nextStepDoneNote: input.note || null },
      { action: 'salesActivity.nextStepDone' },
    );
    await touchSubject(tx, ctx.tenantId, row.subjectType, row.subjectId, row.occurredAt);
    return reread(ctx, tx, id);
  });
}

/** Move a pending next step to a new due time: not in the past, at most a year ahead. It reminds again when that time comes. */
export async function rescheduleNextStep(ctx: Ctx, id: string, input: { dueAt: string; reason?: string | null }) {
  const now = ctx.now();
  const dueAt = new Date(input.dueAt);
  if (dueAt.getTime() < now.getTime()) throw invalid([issue('body.dueAt', 'in_past', `the new due time is in the past (today is ${shanghaiDate(now)})`)]);
  if (dueAt.getTime() > now.getTime() + MAX_PLAN_AHEAD_MS) throw invalid([issue('body.dueAt', 'too_far', 'at most a year ahead')]);
  return ctx.db.transaction(async (tx) => {
    const { row } = await lockEditable(ctx, tx, id);
    assertPending(row);
    await updateScoped(ctx, tx, repo.activityFence, id, { nextStepDueAt: dueAt }, { action: 'salesActivity.nextStepRescheduled', meta: { reason: input.reason || null } });
    await touchSubject(tx, ctx.tenantId, row.subjectType, row.subjectId, row.occurredAt);
    return reread(ctx, tx, id);
  });
}
