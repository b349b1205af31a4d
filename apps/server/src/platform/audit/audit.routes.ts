import { z } from 'zod';
import { AuditRow } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes: RouteModule = (app) => {
  app.get('/api/v1/audit', {
    config: { permission: 'audit:view' },
    schema: {
      tags: ['audit'],
      summary: 'The audit trail of the tenant, newest first (read-only)',
      querystring: z.object({
        action: z.string().max(64).optional(),
        entityType: z.string().max(64).optional(),
        entityId: z.uuid().optional(),
        actorId: z.uuid().optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.coerce.number().int().positive().optional(),
      }),
      response: { 200: z.object({ items: z.array(AuditRow), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => listAudit(req.ctx, req.query),
  });
};
