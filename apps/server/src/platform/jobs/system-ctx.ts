import { ALL_PERMISSIONS } from '@jiake/shared';
import type { Db } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { auditWriter } from '../audit/audit.writer.ts';

/** The nil UUID stands for "the system" where an actor id is required; audit rows record no actor id. */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Context for work no user started (cron runs, event subscribers): the whole tenant, every permission,
 * audit rows with actor kind `system`. `reason` names the job or subscriber in the audit row's request id.
 */
export function systemCtx(db: Db, tenantId: string, now: () => Date, reason: string): Ctx {
  return {
    tenantId,
    actor: { kind: 'system', id: SYSTEM_ACTOR_ID, name: 'system', unitId: SYSTEM_ACTOR_ID, unitPath: '/' },
    permissions: new Set(ALL_PERMISSIONS),
    scope: { kind: 'tenant', userId: SYSTEM_ACTOR_ID, unitId: SYSTEM_ACTOR_ID, unitPath: '/' },
    fieldRules: {},
    db,
    audit: auditWriter({ tenantId, actorId: null, actorKind: 'system', actorName: 'system', ip: null, requestId: reason }),
    requestId: reason,
    ip: null,
    locale: 'zh-CN',
    now,
  };
}
