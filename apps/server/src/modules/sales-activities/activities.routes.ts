import { z } from 'zod';
import {
  ActivityListQuery, AddProposalVersion, CancelInvitation, CompleteNextStep, CreateActivity, History, InvitationArrived, NextStepCounts, NextStepFilters,
  NextStepItem, NextStepQuery, RejectProposal, RescheduleNextStep, SalesActivity, SalesTimelineEntry, SalesTimelineQuery, UpdateActivity, pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedActivityIds } from './activities.repository.ts';
import * as svc from './activities.service.ts';
import * as steps from './next-steps.service.ts';
import * as proposals from './proposals.service.ts';
import * as invitations from './invitations.service.ts';
import { activityHistory } from './activity-history.ts';
import { customerSalesTimeline } from './sales-timeline.service.ts';
import { registerMergeHook } from './merge-hook.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['activities'];
const view = { permission: 'activities:view' } as const;
const edit = { permission: 'activities:edit' } as const;

/** Sales follow-up activities on leads, opportunities and customers (LEAD-3) and the follow-up plan (LEAD-6). */
export const activityRoutes: RouteModule = (app) => {
  registerAuditScope('salesActivity', scopedActivityIds);
  registerMergeHook();

  app.get('/api/v1/activities', {
    config: view,
    schema: { tags, summary: 'The timeline of one lead, opportunity or customer, newest first (keyset pages); 404 when the caller cannot see the subject', querystring: ActivityListQuery, response: { 200: pageOf(SalesActivity) } },
    handler: async (req) => svc.listActivities(req.ctx, req.query),
  });
  app.post('/api/v1/activities', {
    config: edit,
    schema: {
      tags,
      summary: 'Log a call, message, home visit, design proposal or store invitation on a subject the caller can see; it takes the subject’s store and the caller as owner',
      body: CreateActivity,
      response: { 201: SalesActivity },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createActivity(req.ctx, req.body)),
  });
  app.get('/api/v1/activities/next-steps', {
    config: view,
    schema: {
      tags,
      summary: 'The follow-up plan: next steps due today, overdue (before today), upcoming or done — the caller’s own, or (owner=all|<user>, storeId) anyone in the caller’s scope',
      querystring: NextStepQuery,
      response: { 200: pageOf(NextStepItem) },
    },
    handler: async (req) => steps.listNextSteps(req.ctx, req.query),
  });
  app.get('/api/v1/activities/next-steps/counts', {
    config: view,
    schema: { tags, summary: 'Counts of the follow-up plan’s views (capped)', querystring: NextStepFilters, response: { 200: NextStepCounts } },
    handler: async (req) => steps.countNextSteps(req.ctx, req.query),
  });
  app.get('/api/v1/activities/:id', {
    config: view,
    schema: { tags, summary: 'One activity (404 when the caller cannot see its subject)', params: IdParams, response: { 200: SalesActivity } },
    handler: async (req) => svc.getActivity(req.ctx, req.params.id),
  });
  app.get('/api/v1/activities/:id/history', {
    config: view,
    schema: { tags, summary: 'Audit history of an activity: who logged, changed, completed or moved what, and when', params: IdParams, response: { 200: History } },
    handler: async (req) => activityHistory(req.ctx, req.params.id),
  });
  app.patch('/api/v1/activities/:id', {
    config: edit,
    schema: { tags, summary: 'Change an activity: common fields and those of its kind; a new next step replaces a pending one', params: IdParams, body: UpdateActivity, response: { 200: SalesActivity } },
    handler: async (req) => svc.updateActivity(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/activities/:id/next-step/done', {
    config: edit,
    schema: { tags, summary: 'Mark the next step done (409 without a pending one)', params: IdParams, body: CompleteNextStep, response: { 200: SalesActivity } },
    handler: async (req) => steps.completeNextStep(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/activities/:id/next-step/reschedule', {
    config: edit,
    schema: { tags, summary: 'Move a pending next step to a new due time (not in the past); it reminds again then', params: IdParams, body: RescheduleNextStep, response: { 200: SalesActivity } },
    handler: async (req) => steps.rescheduleNextStep(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/activities/:id/proposal/versions', {
    config: edit,
    schema: { tags, summary: 'Add a version to a design proposal (the proposal is a draft again; 409 once accepted)', params: IdParams, body: AddProposalVersion, response: { 200: SalesActivity } },
    handler: async (req) => proposals.addVersion(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/activities/:id/proposal/present', {
    config: edit,
    schema: { tags, summary: 'Present the latest version to the customer (409 unless a draft)', params: IdParams, response: { 200: SalesActivity } },
    handler: async (req) => proposals.presentProposal(req.ctx, req.params.id),
  });
  app.post('/api/v1/activities/:id/proposal/accept', {
    config: edit,
    schema: { tags, summary: 'The customer accepted the presented version (409 unless presented)', params: IdParams, response: { 200: SalesActivity } },
    handler: async (req) => proposals.answerProposal(req.ctx, req.params.id, 'accepted', null),
  });
  app.post('/api/v1/activities/:id/proposal/reject', {
    config: edit,
    schema: { tags, summary: 'The customer rejected the presented version, with the reason (409 unless presented)', params: IdParams, body: RejectProposal, response: { 200: SalesActivity } },
    handler: async (req) => proposals.answerProposal(req.ctx, req.params.id, 'rejected', req.body.reason),
  });
  app.post('/api/v1/activities/:id/invitation/arrived', {
    config: edit,
    schema: { tags, summary: 'The invited customer came to the store: when, and who received them (409 unless invited)', params: IdParams, body: InvitationArrived, response: { 200: SalesActivity } },
    handler: async (req) => invitations.markArrived(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/activities/:id/invitation/no-show', {
    config: edit,
    schema: { tags, summary: 'The invited customer did not come (409 before the invited time, or unless invited)', params: IdParams, response: { 200: SalesActivity } },
    handler: async (req) => invitations.markNoShow(req.ctx, req.params.id),
  });
  app.post('/api/v1/activities/:id/invitation/cancel', {
    config: edit,
    schema: { tags, summary: 'Cancel a store invitation (409 unless invited)', params: IdParams, body: CancelInvitation, response: { 200: SalesActivity } },
    handler: async (req) => invitations.cancelInvitation(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/customers/:id/sales-timeline', {
    config: view,
    schema: {
      tags,
      summary: 'The customer’s sales timeline, newest first: its activities, leads and opportunities and their activities (needs customers:view too)',
      params: IdParams,
      querystring: SalesTimelineQuery,
      response: { 200: z.object({ items: z.array(SalesTimelineEntry), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => customerSalesTimeline(req.ctx, req.params.id, req.query),
  });
};
