import { z } from 'zod';
import { CustomerImportRunBody, CustomerImportUpload } from '@jiake/shared';
import type { RouteModule } from '../../../platform/http/types.ts';
import { JobDto } from '../../../platform/jobs/jobs.routes.ts';
import { readUpload } from '../../../platform/files/upload.ts';
import { FileResponse, sendDownload } from '../../../platform/files/download.ts';
import * as svc from './import.service.ts';

const IdParams = z.object({ id: z.uuid() });

/** Customer import (CUS-7): upload → mapping → dry run or run (a job with progress) → row report. */
export const customerImportRoutes: RouteModule = (app, deps) => {
  app.post('/api/v1/customer-imports', {
    config: { permission: 'customers:import' },
    schema: {
      tags: ['customers'],
      summary: 'Upload an .xlsx or .csv file (multipart field "file"); answers its headers, a sample, the row count and a suggested column mapping',
      consumes: ['multipart/form-data'],
      response: { 201: CustomerImportUpload },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.uploadImport(req.ctx, deps.config, await readUpload(req, deps.config))),
  });
  app.post('/api/v1/customer-imports/:id/run', {
    config: { permission: 'customers:import' },
    schema: {
      tags: ['customers'],
      summary: 'Run (or dry-run) the import with a column mapping; answers 202 with the job (GET /jobs/:id for progress and result)',
      params: IdParams,
      body: CustomerImportRunBody,
      response: { 202: JobDto },
    },
    handler: async (req, reply) => reply.status(202).send(await svc.startImport(req.ctx, deps.jobs, req.params.id, req.body)),
  });
  app.get('/api/v1/customer-imports/:id/report.csv', {
    config: { permission: 'customers:import' },
    schema: { tags: ['customers'], summary: 'Row-by-row report of the latest run (CSV, UTF-8 with BOM): failed rows and skipped duplicates with reasons', params: IdParams, response: FileResponse },
    handler: async (req, reply) => {
      const f = await svc.importReport(req.ctx, deps.config, req.params.id);
      return sendDownload(reply, f.path, f);
    },
  });
};
