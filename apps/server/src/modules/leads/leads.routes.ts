import { z } from 'zod';
import {
  AssignLead, AuditRow, CapturedLead, ChangeLeadStatus, ConvertedLead, ConvertLead, CreateLead, Lead, LeadAssignee, LeadAssigneesQuery, LeadDetail,
  LeadListQuery, UpdateLead, pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedLeadIds } from './leads.repository.ts';
import * as svc from './leads.service.ts';
import { captureLead } from './capture-lead.ts';
import { assignLead } from './assign-lead.ts';
import { convertLead } from './convert-lead.ts';
import { settingsRoutes } from './settings.routes.ts';
import { publicFormRoutes } from './public.routes.ts';
import { registerLeadsMergeHook } from './merge-hook.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['leads'];

/** Leads (LEAD-1, LEAD-2, LEAD-4): capture, assignment, status, conversion; a lead out of the caller's scope answers 404. */
export const leadRoutes: RouteModule = (app, deps) => {
  // The audit trail shows a scoped caller the history of the leads it may see only.
  registerAuditScope('lead', scopedLeadIds);
  registerLeadsMergeHook();
  settingsRoutes(app, deps);
  publicFormRoutes(app, deps);

  app.get('/api/v1/leads', {
    config: { permission: 'leads:view' },
    schema: {
      tags,
      summary: 'Leads in the caller’s scope, newest first (keyset pages); queue=mine|unassigned (the queue: managers), q = name or phone suffix',
      querystring: LeadListQuery,
      response: { 200: pageOf(Lead) },
    },
    handler: async (req) => svc.listLeads(req.ctx, req.query),
  });
  app.post('/api/v1/leads', {
    config: { permission: 'leads:create' },
    schema: {
      tags,
      summary:
        'Capture a lead: assignment rules assign it unless assigneeId is given (another user than the caller needs leads:assign; null: the queue); ' +
        'customers and open leads with the same phone are flagged, not refused; the assignee is notified',
      body: CreateLead,
      response: { 201: CapturedLead },
    },
    handler: async (req, reply) => reply.status(201).send(await captureLead(req.ctx, req.body)),
  });
  app.get('/api/v1/leads/:id', {
    config: { permission: 'leads:view' },
    schema: { tags, summary: 'One lead with its needs and duplicates', params: IdParams, response: { 200: LeadDetail } },
    handler: async (req) => svc.getLead(req.ctx, req.params.id),
  });
  app.patch('/api/v1/leads/:id', {
    config: { permission: 'leads:edit' },
    schema: { tags, summary: 'Change a lead (needs merge key by key; new phones are checked for duplicates); converted leads are final', params: IdParams, body: UpdateLead, response: { 200: LeadDetail } },
    handler: async (req) => svc.updateLead(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/leads/:id/history', {
    config: { permission: 'leads:view' },
    schema: { tags, summary: 'The lead’s trail: capture, changes, every assignment and reassignment (from/to, rule, reason), status, conversion', params: IdParams, response: { 200: z.object({ items: z.array(AuditRow) }) } },
    handler: async (req) => svc.leadHistory(req.ctx, req.params.id),
  });
  app.get('/api/v1/leads/:id/assignees', {
    config: { permission: 'leads:assign' },
    schema: {
      tags,
      summary: 'Who may take the lead: active users with leads:edit in its store (or storeId’s) and the units above, with their open leads',
      params: IdParams,
      querystring: LeadAssigneesQuery,
      response: { 200: z.object({ items: z.array(LeadAssignee) }) },
    },
    handler: async (req) => svc.assigneesFor(req.ctx, req.params.id, req.query.storeId),
  });
  app.post('/api/v1/leads/:id/assign', {
    config: { permission: 'leads:assign' },
    schema: { tags, summary: 'Assign, reassign (with a reason) or send back to the queue (null); storeId moves the lead too', params: IdParams, body: AssignLead, response: { 200: LeadDetail } },
    handler: async (req) => assignLead(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/leads/:id/status', {
    config: { permission: 'leads:edit' },
    schema: { tags, summary: 'Following (also reopens), lost (reason required) or invalid', params: IdParams, body: ChangeLeadStatus, response: { 200: LeadDetail } },
    handler: async (req) => svc.changeStatus(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/leads/:id/convert', {
    config: { permission: 'leads:convert' },
    schema: {
      tags,
      summary:
        'Convert into a customer (customerId: reuse one; else a new one prefilled from the lead — 409 duplicate_suspected with the candidates ' +
        'unless ignoreDuplicates) and optionally an opportunity, in one transaction; a converted lead answers 409',
      params: IdParams,
      body: ConvertLead,
      response: { 200: ConvertedLead },
    },
    handler: async (req) => convertLead(req.ctx, req.params.id, req.body),
  });
};
