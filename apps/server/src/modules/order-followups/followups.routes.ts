import { z } from 'zod';
import {
  CompleteFollowupStep,
  FollowupCountQuery,
  FollowupCounts,
  FollowupOwnerCandidate,
  FollowupStep,
  FollowupStepQuery,
  FollowupTemplateList,
  History,
  ReassignFollowupStep,
  ReopenFollowupStep,
  RescheduleFollowupStep,
  SkipFollowupStep,
  UpdateFollowupTemplates,
  pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedStepIds } from './followups.repository.ts';
import * as steps from './steps.service.ts';
import * as actions from './step-actions.ts';
import * as templates from './templates.service.ts';

const IdParams = z.object({ id: z.uuid() });
const OrderParams = z.object({ orderId: z.uuid() });
const tags = ['followups'];

/** After-sales follow-up steps of paid orders (ORD-2). */
export const followupRoutes: RouteModule = (app) => {
  // The audit trail shows a scoped caller the history of the steps in its scope only.
  registerAuditScope('followupStep', scopedStepIds);

  app.get('/api/v1/followup-steps', {
    config: { permission: 'followups:view' },
    schema: {
      tags,
      summary: 'The follow-up work list (keyset pages): due today, overdue, upcoming, unscheduled, closed or all, within the caller’s scope',
      querystring: FollowupStepQuery,
      response: { 200: pageOf(FollowupStep) },
    },
    handler: async (req) => steps.listSteps(req.ctx, req.query),
  });
  app.get('/api/v1/followup-steps/counts', {
    config: { permission: 'followups:view' },
    schema: { tags, summary: 'Badge counts of the work list’s pending views (capped)', querystring: FollowupCountQuery, response: { 200: FollowupCounts } },
    handler: async (req) => steps.countSteps(req.ctx, req.query),
  });
  app.get('/api/v1/followup-steps/:id', {
    config: { permission: 'followups:view' },
    schema: { tags, summary: 'One follow-up step', params: IdParams, response: { 200: FollowupStep } },
    handler: async (req) => steps.getStep(req.ctx, req.params.id),
  });
  app.get('/api/v1/followup-steps/:id/history', {
    config: { permission: 'followups:view' },
    schema: { tags, summary: 'Audit history of a step (generation, moves, reschedules, owner changes, completion)', params: IdParams, response: { 200: History } },
    handler: async (req) => steps.stepHistory(req.ctx, req.params.id),
  });
  app.get('/api/v1/followup-steps/:id/owner-candidates', {
    config: { permission: 'followups:edit' },
    schema: { tags, summary: 'Users the step can be given to', params: IdParams, response: { 200: z.object({ items: z.array(FollowupOwnerCandidate) }) } },
    handler: async (req) => steps.ownerCandidates(req.ctx, req.params.id),
  });
  app.post('/api/v1/followup-steps/:id/complete', {
    config: { permission: 'followups:edit' },
    schema: { tags, summary: 'Mark a step done (satisfaction 1–5 required where the step asks for it)', params: IdParams, body: CompleteFollowupStep, response: { 200: FollowupStep } },
    handler: async (req) => actions.completeStep(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/followup-steps/:id/skip', {
    config: { permission: 'followups:edit' },
    schema: { tags, summary: 'Skip a step with a reason', params: IdParams, body: SkipFollowupStep, response: { 200: FollowupStep } },
    handler: async (req) => actions.skipStep(req.ctx, req.params.id, req.body.reason),
  });
  app.post('/api/v1/followup-steps/:id/reschedule', {
    config: { permission: 'followups:edit' },
    schema: { tags, summary: 'Move a pending step to a new due date (not in the past) with a reason', params: IdParams, body: RescheduleFollowupStep, response: { 200: FollowupStep } },
    handler: async (req) => actions.rescheduleStep(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/followup-steps/:id/reassign', {
    config: { permission: 'followups:edit' },
    schema: { tags, summary: 'Give a pending step to another user of its store', params: IdParams, body: ReassignFollowupStep, response: { 200: FollowupStep } },
    handler: async (req) => actions.reassignStep(req.ctx, req.params.id, req.body.ownerId),
  });
  app.post('/api/v1/followup-steps/:id/reopen', {
    config: { permission: 'followups:edit' },
    schema: { tags, summary: 'Reopen a done or skipped step (not for a cancelled or returned order)', params: IdParams, body: ReopenFollowupStep, response: { 200: FollowupStep } },
    handler: async (req) => actions.reopenStep(req.ctx, req.params.id, req.body.reason),
  });
  app.get('/api/v1/orders/:orderId/followup-steps', {
    config: { permission: 'followups:view' },
    schema: { tags, summary: 'The follow-up steps of one order (404 when the caller sees none)', params: OrderParams, response: { 200: z.object({ items: z.array(FollowupStep) }) } },
    handler: async (req) => steps.stepsOfOrder(req.ctx, req.params.orderId),
  });

  app.get('/api/v1/followup-templates', {
    config: { permission: 'followups:view' },
    schema: { tags, summary: 'The tenant’s follow-up step list (the defaults until it is customised)', response: { 200: FollowupTemplateList } },
    handler: async (req) => templates.listTemplates(req.ctx),
  });
  app.put('/api/v1/followup-templates', {
    config: { permission: 'followups:admin' },
    schema: { tags, summary: 'Replace the step list (applies to steps generated afterwards)', body: UpdateFollowupTemplates, response: { 200: FollowupTemplateList } },
    handler: async (req) => templates.updateTemplates(req.ctx, req.body),
  });
  app.post('/api/v1/followup-templates/reset', {
    config: { permission: 'followups:admin' },
    schema: { tags, summary: 'Back to the built-in step list', response: { 200: FollowupTemplateList } },
    handler: async (req) => templates.resetTemplates(req.ctx),
  });
};
