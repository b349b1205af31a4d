import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import * as repo from './activities.repository.ts';
import { isActivityVisible } from './activity-access.ts';

/** The audit history of an activity (PLAT-6), for whoever sees its subject. */
export async function activityHistory(ctx: Ctx, id: string) {
  if (!(await isActivityVisible(ctx, id))) throw notFound('salesActivity');
  return { items: await entityHistory(ctx, repo.activityFence.entity, [id]) };
}
