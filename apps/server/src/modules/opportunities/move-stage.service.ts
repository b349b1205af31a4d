import type { z } from 'zod';
import type { MoveOpportunityStage } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './opportunities.repository.ts';
import { loadLossReasons, loadStages } from './stages.repository.ts';
import { conflict, getOpportunity } from './opportunities.service.ts';

/**
 * Move an opportunity to another stage (a kanban drop), under these rules:
 *  - `version` must be the current one (two people dragging the same card: the second gets 409 version_conflict);
 *  - the target is an enabled stage (unknown: 422; disabled: 409) other than the current one (409 same_stage);
 *  - the lost stage needs a loss reason from the tenant's enabled list (422 body.lossReason);
 *  - a won or lost opportunity moves only with `reopen: true`, and only back to an open stage (409 closed);
 *  - the probability becomes the target stage's (an override ends with the move).
 * Every move writes a stage-history entry (from, to, at = now, by) and counts as activity.
 */
export async function moveStage(ctx: Ctx, id: string, input: z.infer<typeof MoveOpportunityStage>) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.lockVisible(ctx, tx, id);
    if (!current) throw notFound('opportunity');
    const now = ctx.now();
    const stages = await loadStages(tx, ctx.tenantId, now);
    const target = stages.find((s) => s.key === input.stageKey);
    if (!target) throw invalid([issue('body.stageKey', 'not_found', 'no such stage')]);
    if (input.version !== current.version) {
      throw conflict('version_conflict', 'the opportunity was changed meanwhile', { version: current.version, stageKey: current.stageKey });
    }
    if (!target.enabled) throw conflict('stage_disabled', 'the stage is disabled');
    if (target.key === current.stageKey) throw conflict('same_stage', 'the opportunity is already in this stage');
    const reopening = current.status !== 'open';
    if (reopening && !input.reopen) throw conflict('closed', 'a won or lost opportunity is reopened explicitly (reopen: true)');
    if (reopening && target.kind !== 'open') throw conflict('closed', 'a closed opportunity reopens to an open stage');
    if (!reopening && input.reopen) throw conflict('not_closed', 'only a won or lost opportunity can be reopened');

    const patch: Record<string, unknown> = {
      stageKey: target.key,
      status: target.kind,
      probability: target.probability,
      probabilityOverridden: false,
      stageEnteredAt: now,
      lastActivityAt: now > current.lastActivityAt ? now : current.lastActivityAt,
      version: current.version + 1,
      wonAt: target.kind === 'won' ? now : null,
      lostAt: target.kind === 'lost' ? now : null,
      lossReason: null,
      lossNote: null,
    };
    if (target.kind === 'lost') {
      const reasons = (await loadLossReasons(tx, ctx.tenantId, now)).filter((r) => r.enabled);
      if (!input.lossReason) throw invalid([issue('body.lossReason', 'required', 'a lost opportunity needs a loss reason')]);
      if (!reasons.some((r) => r.code === input.lossReason)) throw invalid([issue('body.lossReason', 'not_found', 'not one of the loss reasons')]);
      Object.assign(patch, { lossReason: input.lossReason, lossNote: input.lossNote ?? null });
    } else if (input.lossReason) throw invalid([issue('body.lossReason', 'not_allowed', 'only a lost opportunity has a loss reason')]);

    const action = reopening ? 'opportunity.reopened' : target.kind === 'won' ? 'opportunity.won' : target.kind === 'lost' ? 'opportunity.lost' : 'opportunity.stage_changed';
    await updateScoped(ctx, tx, repo.opportunityFence, id, patch, { action, meta: { from: current.stageKey, to: target.key } });
    await repo.insertHistory(tx, ctx.tenantId, {
      opportunityId: id, fromStageKey: current.stageKey, toStageKey: target.key, at: now, byId: ctx.actor.kind === 'user' ? ctx.actor.id : null, byName: ctx.actor.name,
    });
  });
  return getOpportunity(ctx, id);
}
