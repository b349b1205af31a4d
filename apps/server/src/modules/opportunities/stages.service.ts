import type { z } from 'zod';
import type {
  CreateOpportunityLossReason, CreateOpportunityStage, ReorderOpportunityStages, UpdateOpportunityLossReason, UpdateOpportunitySettings, UpdateOpportunityStage,
} from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import * as repo from './stages.repository.ts';
import { toLossReasonDto, toStageDto } from './opportunities.dto.ts';

/** Stages, loss reasons and settings of the tenant's pipeline (opportunities:admin; reading: opportunities:view). */

const conflict = (reason: string, message: string) => new AppError('conflict', message, { params: { reason } });

export async function listStages(ctx: Ctx) {
  return { items: (await repo.loadStages(ctx.db, ctx.tenantId, ctx.now())).map(toStageDto) };
}

/** A free key: the wanted one (taken: 422), or `stage_<n>` / `reason_<n>`. */
async function freeKey(ctx: Ctx, tx: Parameters<typeof repo.keyTaken>[0], table: 'stages' | 'reasons', wanted: string | undefined, path: string) {
  if (wanted) {
    if (await repo.keyTaken(tx, ctx.tenantId, table, wanted)) throw invalid([issue(path, 'taken', 'this key is in use')]);
    return wanted;
  }
  for (let n = 1; ; n++) {
    const key = `${table === 'stages' ? 'stage' : 'reason'}_${n}`;
    if (!(await repo.keyTaken(tx, ctx.tenantId, table, key))) return key;
  }
}

/** Add an open stage (at `position`, or after the last open stage). */
export async function createStage(ctx: Ctx, input: z.infer<typeof CreateOpportunityStage>) {
  return ctx.db.transaction(async (tx) => {
    await repo.loadStages(tx, ctx.tenantId, ctx.now());
    await repo.lockStages(tx, ctx.tenantId);
    const key = await freeKey(ctx, tx, 'stages', input.key, 'body.key');
    const position = input.position ?? (await repo.nextPosition(tx, ctx.tenantId, 'stages'));
    const row = await insertScoped<repo.StageRow>(ctx, tx, repo.stageFence, {
      key, name: input.name, probability: input.probability, position, kind: 'open', enabled: true, createdAt: ctx.now(), updatedAt: ctx.now(),
    });
    return toStageDto(row);
  });
}

/** Rename, re-weigh or disable a stage. The won and lost stages keep their probability and stay enabled. */
export async function updateStage(ctx: Ctx, id: string, input: z.infer<typeof UpdateOpportunityStage>) {
  return ctx.db.transaction(async (tx) => {
    const current = await lockScoped<repo.StageRow>(ctx, tx, repo.stageFence, id);
    if (current.kind !== 'open') {
      if (input.probability !== undefined && input.probability !== current.probability) throw conflict('closing_stage', 'the won and lost stages keep their probability');
      if (input.enabled === false) throw conflict('closing_stage', 'the won and lost stages cannot be disabled');
    }
    const { after } = await updateScoped<repo.StageRow>(ctx, tx, repo.stageFence, id, input);
    if (after.kind === 'open' && !after.enabled) {
      const open = (await repo.loadStages(tx, ctx.tenantId, ctx.now())).filter((s) => s.kind === 'open' && s.enabled);
      if (!open.length) throw conflict('last_open_stage', 'at least one open stage stays enabled');
    }
    return toStageDto(after);
  });
}

/** Delete a stage no opportunity is or was in (else 409: disable it instead). */
export async function deleteStage(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await lockScoped<repo.StageRow>(ctx, tx, repo.stageFence, id);
    if (current.kind !== 'open') throw conflict('closing_stage', 'the won and lost stages cannot be deleted');
    if (await repo.stageInUse(tx, ctx.tenantId, current.key)) throw conflict('stage_in_use', 'opportunities are or were in this stage: disable it instead');
    const rest = (await repo.loadStages(tx, ctx.tenantId, ctx.now())).filter((s) => s.kind === 'open' && s.enabled && s.id !== id);
    if (!rest.length) throw conflict('last_open_stage', 'at least one open stage stays enabled');
    await deleteScoped(ctx, tx, repo.stageFence, id);
  });
}

/** Put the open stages in a new order: every open stage's id, once. Positions become 10, 20, … */
export async function reorderStages(ctx: Ctx, input: z.infer<typeof ReorderOpportunityStages>) {
  return ctx.db.transaction(async (tx) => {
    await repo.loadStages(tx, ctx.tenantId, ctx.now());
    const stages = await repo.lockStages(tx, ctx.tenantId);
    const open = stages.filter((s) => s.kind === 'open');
    const known = new Map(open.map((s) => [s.id, s]));
    const issues = input.ids.flatMap((sid, i) =>
      !known.has(sid) ? [issue(`body.ids.${i}`, 'not_found', 'not an open stage')] : input.ids.indexOf(sid) !== i ? [issue(`body.ids.${i}`, 'duplicate', 'listed twice')] : [],
    );
    if (!issues.length && input.ids.length !== open.length) issues.push(issue('body.ids', 'incomplete', 'list every open stage once'));
    if (issues.length) throw invalid(issues);
    const before = open.map((s) => s.key);
    for (const [i, sid] of input.ids.entries()) {
      const position = (i + 1) * 10;
      if (known.get(sid)!.position !== position) await repo.setStagePosition(tx, ctx.tenantId, sid, position, ctx.now());
    }
    const after = input.ids.map((sid) => known.get(sid)!.key);
    await ctx.audit.record(tx, { action: 'opportunityStage.reordered', entityType: 'opportunityStage', changes: [{ field: 'order', before, after }] });
    return { items: (await repo.loadStages(tx, ctx.tenantId, ctx.now())).map(toStageDto) };
  });
}

// ---------- loss reasons ----------

export async function listLossReasons(ctx: Ctx) {
  return { items: (await repo.loadLossReasons(ctx.db, ctx.tenantId, ctx.now())).map(toLossReasonDto) };
}

export async function createLossReason(ctx: Ctx, input: z.infer<typeof CreateOpportunityLossReason>) {
  return ctx.db.transaction(async (tx) => {
    await repo.loadStages(tx, ctx.tenantId, ctx.now());
    const code = await freeKey(ctx, tx, 'reasons', input.code, 'body.code');
    const position = input.position ?? (await repo.nextPosition(tx, ctx.tenantId, 'reasons'));
    const row = await insertScoped<repo.LossReasonRow>(ctx, tx, repo.lossReasonFence, { code, label: input.label, position, enabled: true, createdAt: ctx.now(), updatedAt: ctx.now() });
    return toLossReasonDto(row);
  });
}

export async function updateLossReason(ctx: Ctx, id: string, input: z.infer<typeof UpdateOpportunityLossReason>) {
  return ctx.db.transaction(async (tx) => toLossReasonDto((await updateScoped<repo.LossReasonRow>(ctx, tx, repo.lossReasonFence, id, input)).after));
}

/** Delete a reason no opportunity was lost for (else 409: disable it instead). */
export async function deleteLossReason(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await lockScoped<repo.LossReasonRow>(ctx, tx, repo.lossReasonFence, id);
    if (await repo.lossReasonInUse(tx, ctx.tenantId, current.code)) throw conflict('reason_in_use', 'opportunities were lost for this reason: disable it instead');
    await deleteScoped(ctx, tx, repo.lossReasonFence, id);
  });
}

// ---------- settings ----------

export async function getSettings(ctx: Ctx) {
  return repo.loadSettings(ctx.db, ctx.tenantId, ctx.now());
}

export async function updateSettings(ctx: Ctx, input: z.infer<typeof UpdateOpportunitySettings>) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.loadSettings(tx, ctx.tenantId, ctx.now());
    await repo.saveSettings(tx, ctx.tenantId, input, ctx.now());
    const after = { ...before, ...input };
    const changes = diff(before, after);
    if (changes.length) await ctx.audit.record(tx, { action: 'opportunitySettings.updated', entityType: 'opportunitySettings', changes });
    return after;
  });
}
