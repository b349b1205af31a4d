import { z } from 'zod';
import { CustomerExportBody, ExportColumn } from '@jiake/shared';
import type { RouteModule } from '../../../platform/http/types.ts';
import { JobDto } from '../../../platform/jobs/jobs.routes.ts';
import { FileResponse, sendDownload } from '../../../platform/files/download.ts';
import * as svc from './export.service.ts';

/** Customer export (CUS-7): a job that writes xlsx or CSV under the caller's scope and field rules. */
export const customerExportRoutes: RouteModule = (app, deps) => {
  app.get('/api/v1/customer-exports/columns', {
    config: { permission: 'customers:export' },
    schema: { tags: ['customers'], summary: 'Columns the caller may export (custom fields included), in file order', response: { 200: z.object({ columns: z.array(ExportColumn) }) } },
    handler: async (req) => ({ columns: (await svc.visibleExportColumns(req.ctx)).map((c) => ({ key: c.key, label: c.label })) }),
  });
  app.post('/api/v1/customer-exports', {
    config: { permission: 'customers:export' },
    schema: {
      tags: ['customers'],
      summary: 'Export the customers matching a list filter to xlsx or csv; answers 202 with the job (GET /jobs/:id for progress)',
      body: CustomerExportBody,
      response: { 202: JobDto },
    },
    handler: async (req, reply) => reply.status(202).send(await svc.startExport(req.ctx, deps.jobs, req.body)),
  });
  app.get('/api/v1/customer-exports/:jobId/download', {
    config: { permission: 'customers:export' },
    schema: { tags: ['customers'], summary: 'The exported file (only for the user who asked for it; 409 while the job runs)', params: z.object({ jobId: z.uuid() }), response: FileResponse },
    handler: async (req, reply) => {
      const f = await svc.exportDownload(req.ctx, deps.config, req.params.jobId);
      return sendDownload(reply, f.path, f);
    },
  });
};
