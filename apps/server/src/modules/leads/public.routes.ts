import { z } from 'zod';
import { LeadFormParams, PublicLeadReceived, PublicLeadSubmission } from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { admit, FORM_BODY_LIMIT, POSTS_PER_HOUR, POSTS_PER_MINUTE, preflight, submit } from './public-form.ts';

const tags = ['leads', 'public'];
const PATH = '/api/v1/public/:tenantCode/lead-forms/:formKey';

/** The brand website's lead form (LEAD-1), no login. Unknown tenant, key or a disabled form: 404. */
export const publicFormRoutes: RouteModule = (app, deps) => {
  app.options(PATH, {
    config: { public: true },
    schema: { tags, summary: 'CORS preflight of the form (the form’s allowed sites; any site when it names none)', params: LeadFormParams, response: { 204: z.null() } },
    handler: async (req, reply) => preflight(deps, req, reply),
  });
  app.post(PATH, {
    config: { public: true },
    bodyLimit: FORM_BODY_LIMIT,
    preValidation: async (req, reply) => admit(deps, req, reply),
    schema: {
      tags,
      summary:
        `Post a lead from the brand’s website (JSON). Limited to ${POSTS_PER_MINUTE} posts a minute and ${POSTS_PER_HOUR} an hour per client ` +
        'address and form (429 with Retry-After); bodies over 16 KB answer 413; the lead is assigned by the rules and its assignee notified',
      params: LeadFormParams,
      body: PublicLeadSubmission,
      response: { 201: PublicLeadReceived },
    },
    handler: async (req, reply) => reply.status(201).send(await submit(deps, req, req.body)),
  });
};
