import type { CompleteFollowupStepInput, RescheduleFollowupStepInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './followups.repository.ts';
import { toStepDto } from './followups.dto.ts';
import { dayStart, dueOn, localDate } from './followups.schedule.ts';

/** What a user does with a step: done, skipped, rescheduled, given to someone else, reopened. Each is audited. */

const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

/** Lock a step the caller may see (else 404) and check it is pending (else 409). */
async function lockPending(ctx: Ctx, tx: Tx, id: string): Promise<repo.StepRow> {
  const s = await lockScoped<repo.StepRow>(ctx, tx, repo.stepFence, id);
  if (s.status !== 'pending') throw new AppError('conflict', `the step is already ${s.status}`, { params: { status: s.status } });
  return s;
}

async function reread(ctx: Ctx, tx: Tx, id: string) {
  const row = await repo.findVisible(ctx, tx, id);
  if (!row) throw notFound('followupStep');
  return toStepDto(row, ctx.now());
}

/** Mark done with the outcome; a step that asks for it needs a satisfaction score 1–5. */
export async function completeStep(ctx: Ctx, id: string, input: CompleteFollowupStepInput) {
  return ctx.db.transaction(async (tx) => {
    const s = await lockPending(ctx, tx, id);
    if (s.needsSatisfaction && input.satisfaction == null) {
      throw invalid([issue('body.satisfaction', 'required', 'this step needs the customer’s satisfaction score (1–5)')]);
    }
    const now = ctx.now();
    await updateScoped(
      ctx,
      tx,
      repo.stepFence,
      id,
      { status: 'done', doneAt: now, doneBy: userId(ctx), outcome: input.outcome || null, satisfaction: input.satisfaction ?? null, closedAt: now },
      { action: 'followupStep.done' },
    );
    return reread(ctx, tx, id);
  });
}

export async function skipStep(ctx: Ctx, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    await lockPending(ctx, tx, id);
    const now = ctx.now();
    await updateScoped(ctx, tx, repo.stepFence, id, { status: 'skipped', skippedAt: now, skippedBy: userId(ctx), skipReason: reason, closedAt: now }, { action: 'followupStep.skipped' });
    return reread(ctx, tx, id);
  });
}

/** A new due date (and time, or any time that day) with the reason; not in the past. */
export async function rescheduleStep(ctx: Ctx, id: string, input: RescheduleFollowupStepInput) {
  const now = ctx.now();
  const due = dueOn(input.dueDate, input.timeOfDay ?? null);
  if (due.dueAt.getTime() < now.getTime()) {
    const sameDay = input.dueDate === localDate(now);
    throw invalid([issue(sameDay ? 'body.timeOfDay' : 'body.dueDate', 'in_past', `the new due time is in the past (today is ${localDate(now)})`)]);
  }
  if (due.dueAt.getTime() >= dayStart(now, 366).getTime()) throw invalid([issue('body.dueDate', 'too_far', 'at most a year ahead')]);
  return ctx.db.transaction(async (tx) => {
    await lockPending(ctx, tx, id);
    await updateScoped(
      ctx,
      tx,
      repo.stepFence,
      id,
      { dueAt: due.dueAt, allDay: due.allDay, rescheduledAt: now, rescheduleReason: input.reason },
      { action: 'followupStep.rescheduled', meta: { reason: input.reason } },
    );
    return reread(ctx, tx, id);
  });
}

/** Give the step to another user who may work the steps of its store. */
export async function reassignStep(ctx: Ctx, id: string, ownerId: string) {
  return ctx.db.transaction(async (tx) => {
    const s = await lockPending(ctx, tx, id);
    if (s.ownerId !== ownerId) {
      const [eligible] = await repo.storeEditors(tx, ctx.tenantId, s.storeId, [ownerId]);
      if (!eligible) throw invalid([issue('body.ownerId', 'not_eligible', 'not an active user who may work the follow-ups of this store')]);
      await updateScoped(ctx, tx, repo.stepFence, id, { ownerId }, { action: 'followupStep.reassigned' });
    }
    // The caller may have given away the last reason it could see the step: answer what it just did all the same.
    return toStepDto((await repo.findInTenant(tx, ctx.tenantId, id))!, ctx.now());
  });
}

/** Back to pending (a step closed by mistake), unless the order was cancelled or returned. */
export async function reopenStep(ctx: Ctx, id: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const s = await lockScoped<repo.StepRow>(ctx, tx, repo.stepFence, id);
    if (s.status === 'pending') throw new AppError('conflict', 'the step is pending already', { params: { status: s.status } });
    const ref = await repo.orderRefById(tx, ctx.tenantId, s.orderId);
    if (ref?.closedAt) throw new AppError('conflict', 'the order was closed; its steps stay closed', { params: { reason: ref.closeReason } });
    await updateScoped(
      ctx,
      tx,
      repo.stepFence,
      id,
      { status: 'pending', doneAt: null, doneBy: null, outcome: null, satisfaction: null, skippedAt: null, skippedBy: null, skipReason: null, closedAt: null },
      { action: 'followupStep.reopened', meta: { reason } },
    );
    return reread(ctx, tx, id);
  });
}
