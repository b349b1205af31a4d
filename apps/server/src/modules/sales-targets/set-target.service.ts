import { periodKindOf, type SetTargetInput, type UpdateTargetInput } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, updateScoped } from '../../platform/db/scoped.ts';
import * as repo from './targets.repository.ts';
import { toTargetDto } from './targets.dto.ts';

/** Setting, changing and removing targets (STAFF-1). Who may set a subject's target is who may see the subject. */

const byCaller = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

/**
 * Set the target of a subject the caller may see (else 404) for a period: insert, or change the existing one. Audited
 * field by field in the same transaction. `wonCount` left out keeps what the target had.
 */
export async function writeTarget(
  ctx: Ctx,
  tx: Tx,
  subject: repo.Subject,
  period: string,
  values: { amountFen: number; wonCount?: number | null },
  audit: { meta?: Record<string, unknown> } = {},
): Promise<repo.TargetRow> {
  await repo.lockSubject(tx, ctx.tenantId, subject.id, period);
  const existing = await repo.lockBySubject(tx, ctx.tenantId, subject.type, subject.id, period);
  if (existing) {
    const patch = { amountFen: values.amountFen, ...(values.wonCount !== undefined ? { wonCount: values.wonCount } : {}), updatedBy: byCaller(ctx) };
    return (await updateScoped<repo.TargetRow>(ctx, tx, repo.targetFence, existing.id, patch, audit)).after;
  }
  return insertScoped<repo.TargetRow>(
    ctx,
    tx,
    repo.targetFence,
    {
      subjectType: subject.type,
      subjectId: subject.id,
      unitId: subject.unitId,
      userId: subject.userId,
      period,
      periodKind: periodKindOf(period),
      amountFen: values.amountFen,
      wonCount: values.wonCount ?? null,
      createdBy: byCaller(ctx),
      updatedBy: byCaller(ctx),
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    },
    audit,
  );
}

export async function subjectOr404(ctx: Ctx, tx: Tx, type: 'user' | 'unit', id: string) {
  const subject = await repo.subjectInScope(ctx, tx, type, id);
  if (!subject) throw notFound(type === 'user' ? 'user' : 'orgUnit');
  return subject;
}

async function answer(ctx: Ctx, id: string) {
  const [row] = await repo.findInTenant(ctx.db, ctx.tenantId, [id]);
  return toTargetDto(row);
}

export async function setTarget(ctx: Ctx, input: SetTargetInput) {
  const row = await ctx.db.transaction(async (tx) => {
    const subject = await subjectOr404(ctx, tx, input.subjectType, input.subjectId);
    return writeTarget(ctx, tx, subject, input.period, { amountFen: input.amountFen, wonCount: input.wonCount });
  });
  return answer(ctx, row.id);
}

export async function updateTarget(ctx: Ctx, id: string, input: UpdateTargetInput) {
  await ctx.db.transaction(async (tx) => {
    await updateScoped(ctx, tx, repo.targetFence, id, { ...input, updatedBy: byCaller(ctx) });
  });
  return answer(ctx, id);
}

export async function deleteTarget(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    await deleteScoped(ctx, tx, repo.targetFence, id);
  });
}
