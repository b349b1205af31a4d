import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { lockScoped } from '../../platform/db/scoped.ts';
import * as repo from './activities.repository.ts';
import { toActivityDtos } from './activities.dto.ts';
import { isSubjectVisible, visibleSubject, type Subject } from './subject-link.ts';

/**
 * Who reaches an activity. Reading: whoever sees its subject (a subject's timeline shows all of its activities).
 * Acting on it: the activity's own fence as well — its store for store and region staff, its owner for own-scope
 * staff — so a salesperson completes their own next steps and a store manager those of the store.
 */

/** Whether the caller may see activity <id> (its subject is visible): attachments and reads by id. */
export async function isActivityVisible(ctx: Ctx, id: string): Promise<boolean> {
  const s = await repo.subjectOf(ctx.db, ctx.tenantId, id);
  return !!s && (await isSubjectVisible(ctx, s.subjectType, s.subjectId));
}

/** Whether the caller may see proposal version <id> (attachments of a version). */
export async function isProposalVersionVisible(ctx: Ctx, id: string): Promise<boolean> {
  const activityId = await repo.activityOfVersion(ctx.db, ctx.tenantId, id);
  return !!activityId && (await isActivityVisible(ctx, activityId));
}

/** Lock an activity the caller may act on (its fence and its subject), or 404. Answers the subject as now seen too. */
export async function lockEditable(ctx: Ctx, tx: Tx, id: string): Promise<{ row: repo.ActivityRow; subject: Subject }> {
  const row = await lockScoped<repo.ActivityRow>(ctx, tx, repo.activityFence, id);
  const subject = await visibleSubject(ctx, tx, row.subjectType, row.subjectId);
  if (!subject) throw notFound('salesActivity');
  return { row, subject };
}

/** The activity as the caller now sees it (after a change it made). */
export async function reread(ctx: Ctx, tx: Tx, id: string) {
  const row = await repo.findInTenant(ctx, tx, id);
  if (!row) throw notFound('salesActivity');
  return (await toActivityDtos(ctx, tx, [row]))[0];
}

/** 409 for an action the activity's state does not allow, with the reason as a param. */
export const conflict = (reason: string, message: string, params: Record<string, unknown> = {}) =>
  new AppError('conflict', message, { params: { reason, ...params } });
