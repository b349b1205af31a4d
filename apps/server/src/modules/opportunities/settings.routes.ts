import { z } from 'zod';
import {
  CreateOpportunityLossReason, CreateOpportunityStage, OkResponse, OpportunityLossReason, OpportunityLossReasonList, OpportunitySettings, OpportunityStage,
  OpportunityStageList, ReorderOpportunityStages, UpdateOpportunityLossReason, UpdateOpportunitySettings, UpdateOpportunityStage,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import * as svc from './stages.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['opportunities'];
const ok = { ok: true as const };

/** The tenant's pipeline configuration: stages, loss reasons, stalled days (opportunities:admin; reading: opportunities:view). */
export const opportunitySettingsRoutes: RouteModule = (app) => {
  app.get('/api/v1/opportunity-stages', {
    config: { permission: 'opportunities:view' },
    schema: { tags, summary: 'Stages in board order (open by position, then won and lost), disabled ones included; the defaults are made on first use', response: { 200: OpportunityStageList } },
    handler: async (req) => svc.listStages(req.ctx),
  });
  app.post('/api/v1/opportunity-stages', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Add an open stage (without position: after the last open stage)', body: CreateOpportunityStage, response: { 201: OpportunityStage } },
    handler: async (req, reply) => reply.status(201).send(await svc.createStage(req.ctx, req.body)),
  });
  app.post('/api/v1/opportunity-stages/reorder', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Put the open stages in a new order (every open stage id once)', body: ReorderOpportunityStages, response: { 200: OpportunityStageList } },
    handler: async (req) => svc.reorderStages(req.ctx, req.body),
  });
  app.patch('/api/v1/opportunity-stages/:id', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Rename, re-weigh, disable or enable a stage (won and lost: name only)', params: IdParams, body: UpdateOpportunityStage, response: { 200: OpportunityStage } },
    handler: async (req) => svc.updateStage(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/opportunity-stages/:id', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Delete an open stage no opportunity is or was in (409 otherwise: disable it)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await svc.deleteStage(req.ctx, req.params.id);
      return ok;
    },
  });

  app.get('/api/v1/opportunity-loss-reasons', {
    config: { permission: 'opportunities:view' },
    schema: { tags, summary: 'Loss reasons (codes with labels), disabled ones included', response: { 200: OpportunityLossReasonList } },
    handler: async (req) => svc.listLossReasons(req.ctx),
  });
  app.post('/api/v1/opportunity-loss-reasons', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Add a loss reason', body: CreateOpportunityLossReason, response: { 201: OpportunityLossReason } },
    handler: async (req, reply) => reply.status(201).send(await svc.createLossReason(req.ctx, req.body)),
  });
  app.patch('/api/v1/opportunity-loss-reasons/:id', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Relabel, reorder, disable or enable a loss reason', params: IdParams, body: UpdateOpportunityLossReason, response: { 200: OpportunityLossReason } },
    handler: async (req) => svc.updateLossReason(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/opportunity-loss-reasons/:id', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Delete a loss reason no opportunity was lost for (409 otherwise: disable it)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await svc.deleteLossReason(req.ctx, req.params.id);
      return ok;
    },
  });

  app.get('/api/v1/opportunity-settings', {
    config: { permission: 'opportunities:view' },
    schema: { tags, summary: 'Pipeline settings (days without activity that make an opportunity stalled)', response: { 200: OpportunitySettings } },
    handler: async (req) => svc.getSettings(req.ctx),
  });
  app.patch('/api/v1/opportunity-settings', {
    config: { permission: 'opportunities:admin' },
    schema: { tags, summary: 'Change the pipeline settings', body: UpdateOpportunitySettings, response: { 200: OpportunitySettings } },
    handler: async (req) => svc.updateSettings(req.ctx, req.body),
  });
};
