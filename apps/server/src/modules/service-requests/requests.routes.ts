import { z } from 'zod';
import {
  AddRequestActivity, AssignRequest, ChangeRequestStatus, ConfirmRequest, CreateRequest, ReopenRequest, RequestAssignee, RequestListQuery,
  RequestOrder, ResolveRequest, ServiceRequest, ServiceRequestDetail, UpdateRequest, pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedRequestIds } from './requests.repository.ts';
import * as svc from './requests.service.ts';
import * as act from './request-actions.service.ts';
import { settingsRoutes } from './settings.routes.ts';
import { reviewRoutes } from './review.routes.ts';
import { registerMergeHook } from './merge-hook.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['requests'];

/** Customer requests and feedback with routing, SLA and escalation (SVC-1…SVC-4). */
export const requestRoutes: RouteModule = (app, deps) => {
  registerAuditScope('serviceRequest', scopedRequestIds);
  registerMergeHook();
  settingsRoutes(app, deps);
  reviewRoutes(app, deps);

  app.get('/api/v1/requests', {
    config: { permission: 'requests:view' },
    schema: {
      tags,
      summary: 'List requests in the caller’s scope, newest first (keyset pages); queue=mine|store|escalated, breached=true for missed SLA clocks',
      querystring: RequestListQuery,
      response: { 200: pageOf(ServiceRequest) },
    },
    handler: async (req) => svc.listRequests(req.ctx, req.query),
  });
  app.post('/api/v1/requests', {
    config: { permission: 'requests:create' },
    schema: {
      tags,
      summary: 'Create a request; routing rules assign it unless assigneeId is given, and the SLA policy of its type and priority sets its due times',
      body: CreateRequest,
      response: { 201: ServiceRequest },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createRequest(req.ctx, req.body)),
  });
  app.get('/api/v1/requests/:id', {
    config: { permission: 'requests:view' },
    schema: { tags, summary: 'One request with its timeline and escalations', params: IdParams, response: { 200: ServiceRequestDetail } },
    handler: async (req) => svc.getRequest(req.ctx, req.params.id),
  });
  app.patch('/api/v1/requests/:id', {
    config: { permission: 'requests:edit' },
    schema: { tags, summary: 'Change a request; a new type or priority recomputes its SLA due times', params: IdParams, body: UpdateRequest, response: { 200: ServiceRequestDetail } },
    handler: async (req) => svc.updateRequest(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/requests/:id/assignees', {
    config: { permission: 'requests:edit' },
    schema: { tags, summary: 'Users who may take the request: active, with requests:edit, in its store or a unit above', params: IdParams, response: { 200: z.object({ items: z.array(RequestAssignee) }) } },
    handler: async (req) => svc.assigneesFor(req.ctx, req.params.id),
  });
  app.get('/api/v1/requests/:id/order', {
    config: { permission: 'requests:view' },
    schema: { tags, summary: 'The linked order with its lines and returnable quantities (404 without an order the caller can see)', params: IdParams, response: { 200: RequestOrder } },
    handler: async (req) => svc.orderOfRequest(req.ctx, req.params.id),
  });
  app.post('/api/v1/requests/:id/assign', {
    config: { permission: 'requests:edit' },
    schema: { tags, summary: 'Assign the request (null: back to the store queue)', params: IdParams, body: AssignRequest, response: { 200: ServiceRequestDetail } },
    handler: async (req) => act.assignRequest(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/requests/:id/activities', {
    config: { permission: 'requests:edit' },
    schema: { tags, summary: 'Reply to the customer (the first reply is the first response) or add an internal note', params: IdParams, body: AddRequestActivity, response: { 200: ServiceRequestDetail } },
    handler: async (req) => act.addActivity(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/requests/:id/status', {
    config: { permission: 'requests:edit' },
    schema: { tags, summary: 'Start, wait for the customer (pauses the resolution clock) or cancel', params: IdParams, body: ChangeRequestStatus, response: { 200: ServiceRequestDetail } },
    handler: async (req) => act.changeStatus(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/requests/:id/resolve', {
    config: { permission: 'requests:edit' },
    schema: {
      tags,
      summary: 'Resolve: complaints need a cause; a return names the order lines coming back and refunds through the order (order.returned)',
      params: IdParams,
      body: ResolveRequest,
      response: { 200: ServiceRequestDetail },
    },
    handler: async (req) => act.resolveRequest(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/requests/:id/confirm', {
    config: { permission: 'requests:edit' },
    schema: { tags, summary: 'Record the customer’s confirmation and satisfaction (1–5): closes a resolved request', params: IdParams, body: ConfirmRequest, response: { 200: ServiceRequestDetail } },
    handler: async (req) => act.confirmRequest(req.ctx, req.params.id, req.body),
  });
  app.post('/api/v1/requests/:id/reopen', {
    config: { permission: 'requests:edit' },
    schema: { tags, summary: 'Reopen a resolved request (new resolution clock)', params: IdParams, body: ReopenRequest, response: { 200: ServiceRequestDetail } },
    handler: async (req) => act.reopenRequest(req.ctx, req.params.id, req.body),
  });
};
