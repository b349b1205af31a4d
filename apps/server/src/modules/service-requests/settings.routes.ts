import { z } from 'zod';
import {
  CreateRoutingRule, CreateSlaPolicy, OkResponse, RequestSettings, RoutingRule, SlaDefaults, SlaPolicy, UpdateRequestSettings, UpdateRoutingRule,
  UpdateSlaPolicy,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import * as routing from './routing.service.ts';
import * as sla from './sla.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['requests'];
const ok = { ok: true as const };

/** Routing rules, SLA policies, business hours and complaint causes (requests:admin; reading the settings: requests:view). */
export const settingsRoutes: RouteModule = (app) => {
  app.get('/api/v1/request-routing-rules', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Routing rules in evaluation order', response: { 200: z.object({ items: z.array(RoutingRule) }) } },
    handler: async (req) => ({ items: await routing.listRules(req.ctx) }),
  });
  app.post('/api/v1/request-routing-rules', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Add a routing rule (without position: last)', body: CreateRoutingRule, response: { 201: RoutingRule } },
    handler: async (req, reply) => reply.status(201).send(await routing.createRule(req.ctx, req.body)),
  });
  app.patch('/api/v1/request-routing-rules/:id', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Change a routing rule', params: IdParams, body: UpdateRoutingRule, response: { 200: RoutingRule } },
    handler: async (req) => routing.updateRule(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/request-routing-rules/:id', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Delete a routing rule', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await routing.deleteRule(req.ctx, req.params.id);
      return ok;
    },
  });

  app.get('/api/v1/request-sla-policies', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'SLA policies, and the built-in targets used when none matches', response: { 200: z.object({ items: z.array(SlaPolicy), defaults: SlaDefaults }) } },
    handler: async (req) => sla.listPolicies(req.ctx),
  });
  app.post('/api/v1/request-sla-policies', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Add an SLA policy for a type and/or priority (targets in business minutes)', body: CreateSlaPolicy, response: { 201: SlaPolicy } },
    handler: async (req, reply) => reply.status(201).send(await sla.createPolicy(req.ctx, req.body)),
  });
  app.patch('/api/v1/request-sla-policies/:id', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Change an SLA policy (running clocks keep their targets)', params: IdParams, body: UpdateSlaPolicy, response: { 200: SlaPolicy } },
    handler: async (req) => sla.updatePolicy(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/request-sla-policies/:id', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Delete an SLA policy', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await sla.deletePolicy(req.ctx, req.params.id);
      return ok;
    },
  });

  app.get('/api/v1/request-settings', {
    config: { permission: 'requests:view' },
    schema: { tags, summary: 'Business hours, holidays, make-up workdays and complaint causes', response: { 200: RequestSettings } },
    handler: async (req) => sla.loadSettings(req.ctx.db, req.ctx.tenantId),
  });
  app.patch('/api/v1/request-settings', {
    config: { permission: 'requests:admin' },
    schema: { tags, summary: 'Change business hours, holidays, causes (running clocks keep their due times)', body: UpdateRequestSettings, response: { 200: RequestSettings } },
    handler: async (req) => sla.updateSettings(req.ctx, req.body),
  });
};
