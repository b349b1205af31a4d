import { z } from 'zod';
import {
  CreateLeadAssignmentRule, CreateLeadForm, LeadAssignmentRule, LeadForm, OkResponse, ReorderLeadAssignmentRules, UpdateLeadAssignmentRule, UpdateLeadForm,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import * as rules from './assignment-rules.service.ts';
import * as forms from './lead-forms.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['leads'];
const ok = { ok: true as const };

/** Assignment rules and public web forms: tenant configuration (leads:admin). */
export const settingsRoutes: RouteModule = (app) => {
  app.get('/api/v1/lead-assignment-rules', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Assignment rules in evaluation order', response: { 200: z.object({ items: z.array(LeadAssignmentRule) }) } },
    handler: async (req) => rules.listRules(req.ctx),
  });
  app.post('/api/v1/lead-assignment-rules', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Add an assignment rule (without position: last)', body: CreateLeadAssignmentRule, response: { 201: LeadAssignmentRule } },
    handler: async (req, reply) => reply.status(201).send(await rules.createRule(req.ctx, req.body)),
  });
  app.post('/api/v1/lead-assignment-rules/reorder', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Put the rules in this evaluation order (every rule once)', body: ReorderLeadAssignmentRules, response: { 200: z.object({ items: z.array(LeadAssignmentRule) }) } },
    handler: async (req) => rules.reorderRules(req.ctx, req.body),
  });
  app.patch('/api/v1/lead-assignment-rules/:id', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Change an assignment rule (a new team restarts its round robin)', params: IdParams, body: UpdateLeadAssignmentRule, response: { 200: LeadAssignmentRule } },
    handler: async (req) => rules.updateRule(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/lead-assignment-rules/:id', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Delete an assignment rule', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await rules.deleteRule(req.ctx, req.params.id);
      return ok;
    },
  });

  app.get('/api/v1/lead-forms', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Public web forms with their keys and the leads they made in the last 30 days', response: { 200: z.object({ items: z.array(LeadForm) }) } },
    handler: async (req) => forms.listForms(req.ctx),
  });
  app.post('/api/v1/lead-forms', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Add a web form (its key is generated)', body: CreateLeadForm, response: { 201: LeadForm } },
    handler: async (req, reply) => reply.status(201).send(await forms.createForm(req.ctx, req.body)),
  });
  app.patch('/api/v1/lead-forms/:id', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Change a web form (disabled: its address answers 404)', params: IdParams, body: UpdateLeadForm, response: { 200: LeadForm } },
    handler: async (req) => forms.updateForm(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/lead-forms/:id/rotate-key', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Give the form a new key (the old address stops working)', params: IdParams, response: { 200: LeadForm } },
    handler: async (req) => forms.rotateFormKey(req.ctx, req.params.id),
  });
  app.delete('/api/v1/lead-forms/:id', {
    config: { permission: 'leads:admin' },
    schema: { tags, summary: 'Delete a web form', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await forms.deleteForm(req.ctx, req.params.id);
      return ok;
    },
  });
};
