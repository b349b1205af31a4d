import { z } from 'zod';
import { Attachment, AttachmentListQuery, OkResponse } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import { readUpload } from './upload.ts';
import { FileResponse, sendDownload } from './download.ts';
import * as svc from './files.service.ts';

const IdParams = z.object({ id: z.uuid() });

/** Attachments (PLAT-10) on the records listed in `entities` (modules.ts says which, and how visibility is checked). */
export const fileRoutes =
  (entities: svc.AttachableEntities): RouteModule =>
  (app, deps) => {
    app.post('/api/v1/attachments', {
      config: { permission: 'attachments:create' },
      schema: {
        tags: ['attachments'],
        summary: 'Upload an attachment: multipart fields entityType, entityId and file. Type checked by extension and content; size limited (413)',
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
      handler: async (req, reply) => reply.status(201).send(await svc.uploadAttachment(req.ctx, deps.config, entities, await readUpload(req, deps.config))),
    });
    app.get('/api/v1/attachments', {
      config: { permission: 'attachments:view' },
      schema: { tags: ['attachments'], summary: 'Attachments of one record, newest first', querystring: AttachmentListQuery, response: { 200: z.object({ items: z.array(Attachment) }) } },
      handler: async (req) => svc.listAttachments(req.ctx, entities, req.query.entityType, req.query.entityId),
    });
    app.get('/api/v1/attachments/:id/download', {
      config: { permission: 'attachments:view' },
      schema: { tags: ['attachments'], summary: 'Download the file (always as an attachment; only images and PDF keep their type)', params: IdParams, response: FileResponse },
      handler: async (req, reply) => {
        const f = await svc.attachmentDownload(req.ctx, deps.config, entities, req.params.id);
        return sendDownload(reply, f.path, f);
      },
    });
    app.delete('/api/v1/attachments/:id', {
      config: { permission: 'attachments:delete' },
      schema: { tags: ['attachments'], summary: 'Delete an attachment (kept in history)', params: IdParams, response: { 200: OkResponse } },
      handler: async (req) => {
        await svc.deleteAttachment(req.ctx, entities, req.params.id);
        return { ok: true as const };
      },
    });
  };
