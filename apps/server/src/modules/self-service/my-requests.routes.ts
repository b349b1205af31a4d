import { z } from 'zod';
import {
  ConfirmSelfServiceRequest, PublicRequest, PublicRequestList, PublicRequestQuery, ReopenSelfServiceRequest, ReplySelfServiceRequest,
  SubmitSelfServiceRequest, TenantCodeParams,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { requireVisitor } from './self-service.context.ts';
import * as svc from './my-requests.ts';

const tags = ['self-service'];
const RequestParams = TenantCodeParams.extend({ id: z.uuid() });

/** The verified visitor's requests (401 without a session of this tenant; another customer's request answers 404). */
export const myRequestRoutes: RouteModule = (app, deps) => {
  app.get('/api/v1/public/:tenantCode/requests', {
    config: { public: true },
    schema: { tags, summary: 'My requests with their progress (no internal notes)', params: TenantCodeParams, querystring: PublicRequestQuery, response: { 200: PublicRequestList } },
    handler: async (req) => svc.myRequests(deps, await requireVisitor(deps, req, req.params.tenantCode), { open: req.query.open === 'true' }),
  });
  app.post('/api/v1/public/:tenantCode/requests', {
    config: { public: true },
    schema: {
      tags,
      summary: 'File a request (a new customer in the head-office pool when none has this phone or e-mail; 429 when filing too often)',
      params: TenantCodeParams,
      body: SubmitSelfServiceRequest,
      response: { 201: PublicRequest },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.submitRequest(deps, await requireVisitor(deps, req, req.params.tenantCode), req.body)),
  });
  app.get('/api/v1/public/:tenantCode/requests/:id', {
    config: { public: true },
    schema: { tags, summary: 'One of my requests with its progress', params: RequestParams, response: { 200: PublicRequest } },
    handler: async (req) => svc.myRequest(deps, await requireVisitor(deps, req, req.params.tenantCode), req.params.id),
  });
  app.post('/api/v1/public/:tenantCode/requests/:id/confirm', {
    config: { public: true },
    schema: { tags, summary: 'Confirm the resolution with a satisfaction score (closes the request)', params: RequestParams, body: ConfirmSelfServiceRequest, response: { 200: PublicRequest } },
    handler: async (req) => svc.confirmMine(deps, await requireVisitor(deps, req, req.params.tenantCode), req.params.id, req.body),
  });
  app.post('/api/v1/public/:tenantCode/requests/:id/messages', {
    config: { public: true },
    schema: { tags, summary: 'Add a message to my request', params: RequestParams, body: ReplySelfServiceRequest, response: { 200: PublicRequest } },
    handler: async (req) => svc.replyMine(deps, await requireVisitor(deps, req, req.params.tenantCode), req.params.id, req.body),
  });
  app.post('/api/v1/public/:tenantCode/requests/:id/reopen', {
    config: { public: true },
    schema: { tags, summary: 'Not solved: reopen my resolved request', params: RequestParams, body: ReopenSelfServiceRequest, response: { 200: PublicRequest } },
    handler: async (req) => svc.reopenMine(deps, await requireVisitor(deps, req, req.params.tenantCode), req.params.id, req.body),
  });
};
