import type { WorkSource } from '../../platform/work/work-items.ts';
import * as repo from './activities.repository.ts';
import { subjectLink, subjectNameFor } from './subject-link.ts';

/** "My work today" (PLAT-12, LEAD-6): the caller's own next steps due by the end of today, and proposals awaiting an answer. */

export const activityWorkSource: WorkSource = async (ctx, { now, endOfToday, limit }) => {
  // Today's steps first, then the oldest overdue ones up to the limit: a backlog never crowds today's out.
  const startOfToday = new Date(endOfToday.getTime() - 86_400_000);
  const today = await repo.myStepsDue(ctx, { from: startOfToday, before: endOfToday }, limit);
  const overdue = today.length < limit ? await repo.myStepsDue(ctx, { before: startOfToday }, limit - today.length) : [];
  const rows = [...overdue, ...today];
  return rows.map((r) => ({
    source: 'activities',
    id: r.id,
    kind: 'activity.due',
    title: subjectNameFor(ctx, r.subjectType, r.subjectName) ?? '',
    detail: r.nextStepText,
    dueAt: r.nextStepDueAt!.toISOString(),
    overdue: r.nextStepDueAt!.getTime() < now.getTime(),
    link: subjectLink(r.subjectType, r.subjectId),
  }));
};

export const proposalWorkSource: WorkSource = async (ctx, { limit }) => {
  const rows = await repo.myPresentedProposals(ctx, limit);
  return rows.map((r) => ({
    source: 'proposals',
    id: r.id,
    kind: 'proposal.awaiting',
    title: subjectNameFor(ctx, r.subjectType, r.subjectName) ?? r.title ?? '',
    detail: r.title,
    dueAt: null,
    overdue: false,
    link: subjectLink(r.subjectType, r.subjectId),
  }));
};
