import type { z } from 'zod';
import type { TargetListQuery } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import { notFound } from '../../platform/http/errors.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import * as repo from './targets.repository.ts';
import { toTargetDto } from './targets.dto.ts';

/** Reading targets: the list in the caller's scope, one target, its history. */

export async function listTargets(ctx: Ctx, q: z.infer<typeof TargetListQuery>) {
  const { rows, nextCursor } = await repo.listPage(ctx.db, repo.listWhere(ctx, q), q.limit, decodeCursor(q.cursor));
  return { items: rows.map(toTargetDto), nextCursor };
}

export async function getTarget(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('salesTarget');
  return toTargetDto(row);
}

export async function targetHistory(ctx: Ctx, id: string) {
  if (!(await repo.findVisible(ctx, ctx.db, id))) throw notFound('salesTarget');
  return { items: await entityHistory(ctx, repo.targetFence.entity, [id]) };
}
