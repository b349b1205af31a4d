import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { auditWriter } from '../audit/audit.writer.ts';
import { systemCtx } from '../jobs/system-ctx.ts';
import type { Ctx } from './context.ts';

/**
 * The context of a public (no login) caller of a tenant's page or form: a system context of the tenant (the page
 * acts for the tenant), whose audit rows name who acted ("self-service 138****5678", "web form 官网预约"), with the
 * client address and the request id.
 */
export function publicCtx(db: Db, now: () => Date, tenantId: string, req: Pick<FastifyRequest, 'id' | 'ip'>, actorName: string): Ctx {
  const base = systemCtx(db, tenantId, now, `public:${req.id}`);
  return {
    ...base,
    requestId: req.id,
    ip: req.ip ?? null,
    audit: auditWriter({ tenantId, actorId: null, actorKind: 'system', actorName: actorName.slice(0, 100), ip: req.ip ?? null, requestId: req.id }),
  };
}
