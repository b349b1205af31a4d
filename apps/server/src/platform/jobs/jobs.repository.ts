import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../http/context.ts';
import { jobs } from './jobs.tables.ts';

/** A job the caller queued (of the given kind), or null: other users' jobs do not exist for them. */
export async function findOwnJob(ctx: Ctx, id: string, kind?: string) {
  const [j] = await ctx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, ctx.tenantId), eq(jobs.id, id), eq(jobs.createdBy, ctx.actor.id), kind ? eq(jobs.kind, kind) : undefined));
  return j ?? null;
}
