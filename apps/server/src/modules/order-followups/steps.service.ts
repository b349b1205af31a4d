import { FOLLOWUP_COUNT_CAP, type FollowupCountQueryInput, type FollowupStepQueryInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import * as repo from './followups.repository.ts';
import { toStepDto } from './followups.dto.ts';

/** Reading follow-up steps: the work list, its badge counts, one step, the steps of one order. */

export async function listSteps(ctx: Ctx, q: FollowupStepQueryInput) {
  const cursor = repo.decodeCursor(q.cursor);
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'not a cursor of this list')]);
  const now = ctx.now();
  const view = repo.viewOf(q.view, now);
  const { rows, nextCursor } = await repo.listPage(ctx, repo.filterWhere(ctx, q, view.where), view, q.limit, cursor);
  return { items: rows.map((r) => toStepDto(r, now)), nextCursor };
}

export async function countSteps(ctx: Ctx, q: FollowupCountQueryInput) {
  const counts = await repo.countViews(ctx, repo.filterWhere(ctx, q), ctx.now());
  return { ...counts, cap: FOLLOWUP_COUNT_CAP };
}

export async function getStep(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('followupStep');
  return toStepDto(row, ctx.now());
}

/**
 * The steps of one order the caller may see. None (an order not paid yet, another tenant's or store's order): 404,
 * so the existence of another store's order does not leak.
 */
export async function stepsOfOrder(ctx: Ctx, orderId: string) {
  const rows = await repo.visibleStepsOfOrder(ctx, orderId);
  if (!rows.length) throw notFound('followupSteps');
  const now = ctx.now();
  return { items: rows.map((r) => toStepDto(r, now)) };
}

export async function stepHistory(ctx: Ctx, id: string) {
  if (!(await repo.findVisible(ctx, ctx.db, id))) throw notFound('followupStep');
  return { items: await entityHistory(ctx, repo.stepFence.entity, [id]) };
}

/** Who the step can be given to: users who may work the steps of its store. */
export async function ownerCandidates(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('followupStep');
  const editors = await repo.storeEditors(ctx.db, ctx.tenantId, row.storeId);
  return { items: editors.map((e) => ({ id: e.id, displayName: e.displayName })) };
}
