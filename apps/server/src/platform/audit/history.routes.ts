import { History, HistoryParams, type HistoryEntityType, type PermissionKey } from '@jiake/shared';
import { can, type Ctx } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { missingPermission } from '../http/guard.ts';
import type { RouteModule } from '../http/types.ts';
import { visibleIn } from '../db/scoped.ts';
import { roleFence, unitFence, userFence } from '../tenancy/tenancy.service.ts';
import { customFieldFence } from '../custom-fields/custom-fields.service.ts';
import { apiKeyFence } from '../auth/api-keys.routes.ts';
import { entityHistory } from './audit.service.ts';

/**
 * Who may read the history of a record: the permission of the record's list and GET, and the check that the
 * caller sees that very record (the same fence as the list: tenant and data scope).
 */
interface HistoryAccess {
  permission: PermissionKey;
  visible: (ctx: Ctx, id: string) => Promise<boolean>;
}

/** One entry per record type with a history tab (PLAT-6); the type checker asks for one when a type is added. */
const HISTORY: Record<HistoryEntityType, HistoryAccess> = {
  orgUnit: { permission: 'org:view', visible: visibleIn(unitFence) },
  user: { permission: 'users:view', visible: visibleIn(userFence) },
  role: { permission: 'roles:view', visible: visibleIn(roleFence) },
  customField: { permission: 'customFields:admin', visible: visibleIn(customFieldFence) },
  apiKey: { permission: 'apiKeys:admin', visible: visibleIn(apiKeyFence) },
};

/** 403 without the record type's permission, 404 for a record the caller cannot see; field rules apply to the changes. */
export async function recordHistory(ctx: Ctx, entityType: HistoryEntityType, id: string) {
  const access = HISTORY[entityType];
  if (!can(ctx, access.permission)) throw missingPermission(access.permission);
  if (!(await access.visible(ctx, id))) throw notFound(entityType);
  return { items: await entityHistory(ctx, entityType, [id]) };
}

export const historyRoutes: RouteModule = (app) => {
  app.get('/api/v1/history/:entityType/:id', {
    // The permission depends on the record type: it is looked up in HISTORY above, so the route asks for a login here.
    config: { authenticated: true },
    schema: {
      tags: ['audit'],
      summary:
        'History of one org unit, user, role, custom field or API key, newest first: who changed what and when, field before/after ' +
        '(field rules apply). Needs the permission that lists such records (org:view, users:view, roles:view, customFields:admin, ' +
        'apiKeys:admin); a record outside the caller’s scope answers 404',
      params: HistoryParams,
      response: { 200: History },
    },
    handler: async (req) => recordHistory(req.ctx, req.params.entityType, req.params.id),
  });
};
