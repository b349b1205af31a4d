import type { PermissionKey, WorkSection } from '@jiake/shared';
import type { Ctx } from '../http/context.ts';

/**
 * "My work today" (PLAT-12, LEAD-6): every module that gives a user things to do contributes a source; the
 * work-today route asks each source for the caller's items and merges them. A source answers only the caller's own
 * items (owner/assignee = ctx.actor.id), within the caller's scope, and reads only its own tables.
 */
export interface WorkItem {
  /** Which source and record: `<source>:<id>` is unique in the merged list. */
  source: string;
  id: string;
  /** Kind of work, translated by the web app (`work:kinds.<kind>`): lead.new, activity.due, proposal.awaiting, followup.due, request.open … */
  kind: string;
  /** What the item is about, already readable (customer or lead name, order number, request title). */
  title: string;
  /** Short detail line (next step text, stage, store). */
  detail?: string | null;
  /** When it is due; null = no due time (new leads waiting to be contacted). */
  dueAt: string | null;
  overdue: boolean;
  /** Web path that opens the record. */
  link: string;
}

/**
 * One module's contribution: the caller's own items that are due by the end of today (Shanghai), overdue ones included,
 * at most `limit`. `endOfToday` is the next midnight in Asia/Shanghai (exclusive: due before it is due today). A source
 * with more than `limit` keeps the items due today and fills up with the oldest overdue ones, so that a backlog of
 * overdue work never crowds today's out of the page.
 */
export type WorkSource = (ctx: Ctx, input: { now: Date; endOfToday: Date; limit: number }) => Promise<WorkItem[]>;

/**
 * A source as listed in src/work-sources.ts: the permission the caller needs (a caller without it is not asked) and
 * the section its items go to. `tasks` are split by the clock into overdue and due today.
 */
export interface WorkSourceEntry {
  permission: PermissionKey;
  section: Exclude<WorkSection, 'overdue' | 'dueToday'> | 'tasks';
  load: WorkSource;
}
