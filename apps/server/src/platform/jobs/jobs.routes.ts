import { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import type { RouteModule } from '../http/types.ts';
import { notFound } from '../http/errors.ts';
import { jobs } from './jobs.tables.ts';
import { findOwnJob } from './jobs.repository.ts';

export const JobDto = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  progress: z.number(),
  total: z.number(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
type Row = typeof jobs.$inferSelect;
export const toJobDto = (j: Row) => ({
  id: j.id, kind: j.kind, status: j.status, progress: j.progress, total: j.total, result: j.result ?? null, error: j.error,
  createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null,
});

/** A user sees the jobs they queued, with progress. */
export const jobRoutes: RouteModule = (app) => {
  app.get('/api/v1/jobs', {
    config: { permission: 'jobs:view' },
    schema: { tags: ['jobs'], summary: 'My recent jobs', response: { 200: z.object({ items: z.array(JobDto) }) } },
    handler: async (req) => ({
      items: (
        await req.ctx.db.select().from(jobs).where(and(eq(jobs.tenantId, req.ctx.tenantId), eq(jobs.createdBy, req.ctx.actor.id))).orderBy(desc(jobs.createdAt)).limit(50)
      ).map(toJobDto),
    }),
  });
  app.get('/api/v1/jobs/:id', {
    config: { permission: 'jobs:view' },
    schema: { tags: ['jobs'], summary: 'One job with its progress and result', params: z.object({ id: z.uuid() }), response: { 200: JobDto } },
    handler: async (req) => {
      const j = await findOwnJob(req.ctx, req.params.id);
      if (!j) throw notFound('job');
      return toJobDto(j);
    },
  });
};
