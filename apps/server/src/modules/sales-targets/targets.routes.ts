import { z } from 'zod';
import {
  History, OkResponse, SalesTarget, SetTarget, SplitTarget, TargetListQuery, TargetProgress, TargetProgressQuery, UpdateTarget, pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedTargetIds } from './targets.repository.ts';
import * as svc from './targets.service.ts';
import * as set from './set-target.service.ts';
import { splitTarget } from './split-target.service.ts';
import { targetProgress } from './progress.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['targets'];

/** Sales targets per user, store, region and company, per month, quarter and year (STAFF-1). */
export const targetRoutes: RouteModule = (app) => {
  registerAuditScope('salesTarget', scopedTargetIds);

  app.get('/api/v1/targets', {
    config: { permission: 'targets:view' },
    schema: { tags, summary: 'Targets in the caller’s scope, newest first (keyset pages); filter by period, subject type, unit subtree', querystring: TargetListQuery, response: { 200: pageOf(SalesTarget) } },
    handler: async (req) => svc.listTargets(req.ctx, req.query),
  });
  app.put('/api/v1/targets', {
    config: { permission: 'targets:edit' },
    schema: { tags, summary: 'Set the target of a user or unit for a period (creates or changes it); 404 for a subject outside the caller’s scope', body: SetTarget, response: { 200: SalesTarget } },
    handler: async (req) => set.setTarget(req.ctx, req.body),
  });
  app.post('/api/v1/targets/split', {
    config: { permission: 'targets:edit' },
    schema: {
      tags,
      summary: 'Split a unit’s target of a period to its child units and users, equally or by shares (exact to the fen: the remainder goes to the last)',
      body: SplitTarget,
      response: { 200: z.object({ parent: SalesTarget, children: z.array(SalesTarget) }) },
    },
    handler: async (req) => splitTarget(req.ctx, req.body),
  });
  app.get('/api/v1/targets/progress', {
    config: { permission: 'targets:view' },
    schema: {
      tags,
      summary: 'The tree under a unit (default: mine) with targets, children’s roll-up, signed orders, won and weighted pipeline, and the expected progress of the period',
      querystring: TargetProgressQuery,
      response: { 200: TargetProgress },
    },
    handler: async (req) => targetProgress(req.ctx, req.query, (err) => req.log.warn({ err }, 'pipeline totals unavailable for target progress')),
  });
  app.get('/api/v1/targets/:id', {
    config: { permission: 'targets:view' },
    schema: { tags, summary: 'One target', params: IdParams, response: { 200: SalesTarget } },
    handler: async (req) => svc.getTarget(req.ctx, req.params.id),
  });
  app.patch('/api/v1/targets/:id', {
    config: { permission: 'targets:edit' },
    schema: { tags, summary: 'Change a target’s amount or won count', params: IdParams, body: UpdateTarget, response: { 200: SalesTarget } },
    handler: async (req) => set.updateTarget(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/targets/:id', {
    config: { permission: 'targets:edit' },
    schema: { tags, summary: 'Remove a target', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await set.deleteTarget(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/v1/targets/:id/history', {
    config: { permission: 'targets:view' },
    schema: { tags, summary: 'The change history of a target', params: IdParams, response: { 200: History } },
    handler: async (req) => svc.targetHistory(req.ctx, req.params.id),
  });
};
