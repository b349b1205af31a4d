import { z } from 'zod';
import {
  CreateOpportunity, MoveOpportunityStage, OkResponse, OpportunityBoard, OpportunityBoardQuery, OpportunityDetail, OpportunityListQuery, OpportunityOwnerCandidate,
  OpportunityOwnersQuery, OpportunityPage, UpdateOpportunity,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedOpportunityIds } from './opportunities.repository.ts';
import * as svc from './opportunities.service.ts';
import { moveStage } from './move-stage.service.ts';
import { opportunitySettingsRoutes } from './settings.routes.ts';
import { pipelineRoutes } from './pipeline.routes.ts';
import { registerMergeHook } from './merge-hook.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['opportunities'];

/** Opportunities (商机) with configurable stages, the kanban board, funnel and forecast (LEAD-4, LEAD-5). */
export const opportunityRoutes: RouteModule = (app, deps) => {
  registerAuditScope('opportunity', scopedOpportunityIds);
  registerMergeHook();
  opportunitySettingsRoutes(app, deps);
  pipelineRoutes(app, deps);

  app.get('/api/v1/opportunities', {
    config: { permission: 'opportunities:view' },
    schema: {
      tags,
      summary: 'List opportunities in the caller’s scope (keyset pages): by stage, status, owner, store, region, customer, expected close range, stalled=N days',
      querystring: OpportunityListQuery,
      response: { 200: OpportunityPage },
    },
    handler: async (req) => svc.listOpportunities(req.ctx, req.query),
  });
  app.get('/api/v1/opportunities/board', {
    config: { permission: 'opportunities:view' },
    schema: {
      tags,
      summary: 'The kanban board: per enabled open stage the count, amount and weighted amount of its open opportunities and the first cards (last moved first)',
      querystring: OpportunityBoardQuery,
      response: { 200: OpportunityBoard },
    },
    handler: async (req) => svc.board(req.ctx, req.query),
  });
  app.get('/api/v1/opportunity-owners', {
    config: { permission: 'opportunities:view' },
    schema: {
      tags,
      summary: 'Users who may own opportunities: of a store (active, opportunities:edit, in the store or above), or of the caller’s part of the organisation',
      querystring: OpportunityOwnersQuery,
      response: { 200: z.object({ items: z.array(OpportunityOwnerCandidate) }) },
    },
    handler: async (req) => svc.ownerCandidates(req.ctx, req.query),
  });
  app.post('/api/v1/opportunities', {
    config: { permission: 'opportunities:edit' },
    schema: {
      tags,
      summary: 'Create an opportunity for a customer the caller sees, at the first (or the given) open stage; store defaults to the customer’s, owner to the caller',
      body: CreateOpportunity,
      response: { 201: OpportunityDetail },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createOpportunity(req.ctx, req.body)),
  });
  app.get('/api/v1/opportunities/:id', {
    config: { permission: 'opportunities:view' },
    schema: { tags, summary: 'One opportunity with its stage history and the days spent in each stage', params: IdParams, response: { 200: OpportunityDetail } },
    handler: async (req) => svc.getOpportunity(req.ctx, req.params.id),
  });
  app.patch('/api/v1/opportunities/:id', {
    config: { permission: 'opportunities:edit' },
    schema: {
      tags,
      summary: 'Change name, amount, probability override, expected close, owner (notified) or store; with version, 409 if it changed meanwhile',
      params: IdParams,
      body: UpdateOpportunity,
      response: { 200: OpportunityDetail },
    },
    handler: async (req) => svc.updateOpportunity(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/opportunities/:id/stage', {
    config: { permission: 'opportunities:edit' },
    schema: {
      tags,
      summary: 'Move to another stage (lost needs a loss reason; won/lost reopen only with reopen: true); 409 on a stale version or an illegal move',
      params: IdParams,
      body: MoveOpportunityStage,
      response: { 200: OpportunityDetail },
    },
    handler: async (req) => moveStage(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/opportunities/:id', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Delete an opportunity and its stage history (the audit trail keeps its last values)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await svc.deleteOpportunity(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
};
