import { z } from 'zod';
import {
  CodeRequested, OkResponse, PublicArticle, PublicArticleQuery, PublicArticleSummary, PublicCategory, PublicSuggestQuery, PublicPage,
  RequestCodeBody, SelfServiceMe, SelfServiceSession, TenantCodeParams, VerifyCodeBody,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { messagingRoutes } from '../../platform/messaging/messaging.routes.ts';
import { decodeArticleCursor, getPublicArticle, listPublicArticles, publicCategories, suggestPublicArticles } from '../knowledge/index.ts';
import { clearSessionCookie, requireVisitor, setSessionCookie, tenantOf } from './self-service.context.ts';
import { requestCode, verifyCode } from './verification.ts';
import { myRequestRoutes } from './my-requests.routes.ts';
import { linkedCustomer } from './my-requests.ts';
import * as repo from './self-service.repository.ts';

const tags = ['self-service'];
const ArticleParams = TenantCodeParams.extend({ id: z.uuid() });

/**
 * Public self-service page per tenant (SVC-6), no login: `/api/v1/public/{tenantCode}/…`. An unknown tenant code
 * answers 404; a visitor verifies a phone or e-mail by code and gets a short session (cookie or bearer token).
 */
export const selfServiceRoutes: RouteModule = (app, deps) => {
  // The record of sent messages lives in the platform; its admin list is registered here, with the page that sends the most.
  messagingRoutes(app, deps);
  myRequestRoutes(app, deps);

  app.get('/api/v1/public/:tenantCode', {
    config: { public: true },
    schema: { tags, summary: 'The brand behind a self-service address and how codes can be sent (404 for an unknown code)', params: TenantCodeParams, response: { 200: PublicPage } },
    handler: async (req) => {
      const t = await tenantOf(deps, req.params.tenantCode);
      const channels: ('sms' | 'email')[] = deps.mailer.configured ? ['sms', 'email'] : ['sms'];
      return { code: t.code, name: t.name, channels };
    },
  });

  app.post('/api/v1/public/:tenantCode/verification-codes', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Send a 6-digit code to a phone or e-mail (same answer whether or not a customer has it; 429 with Retry-After when asked too often)',
      params: TenantCodeParams,
      body: RequestCodeBody,
      response: { 202: CodeRequested },
    },
    handler: async (req, reply) => {
      const tenant = await tenantOf(deps, req.params.tenantCode);
      return reply.status(202).send(await requestCode(deps, req, tenant, req.body));
    },
  });

  app.post('/api/v1/public/:tenantCode/sessions', {
    config: { public: true },
    schema: { tags, summary: 'Verify the code: a self-service session (cookie, and the token for a bearer header)', params: TenantCodeParams, body: VerifyCodeBody, response: { 201: SelfServiceSession } },
    handler: async (req, reply) => {
      const tenant = await tenantOf(deps, req.params.tenantCode);
      const { token, session, who } = await verifyCode(deps, req, tenant, req.body);
      setSessionCookie(deps, reply, req.params.tenantCode, token);
      return reply.status(201).send({
        token, tenant: { code: tenant.code, name: tenant.name }, channel: session.channel, contact: who, known: !!session.customerId, expiresAt: session.expiresAt.toISOString(),
      });
    },
  });

  app.get('/api/v1/public/:tenantCode/session', {
    config: { public: true },
    schema: { tags, summary: 'The verified visitor (401 without a session of this tenant)', params: TenantCodeParams, response: { 200: SelfServiceMe } },
    handler: async (req) => {
      const v = await requireVisitor(deps, req, req.params.tenantCode);
      const known = !!(await linkedCustomer(deps, v));
      return { tenant: { code: v.tenant.code, name: v.tenant.name }, channel: v.session.channel, contact: v.who, known, expiresAt: v.session.expiresAt.toISOString() };
    },
  });

  app.delete('/api/v1/public/:tenantCode/session', {
    config: { public: true },
    schema: { tags, summary: 'End the self-service session', params: TenantCodeParams, response: { 200: OkResponse } },
    handler: async (req, reply) => {
      const v = await requireVisitor(deps, req, req.params.tenantCode).catch(() => null);
      if (v) await repo.deleteSession(deps.db.db, v.session.id);
      clearSessionCookie(reply, req.params.tenantCode);
      return { ok: true as const };
    },
  });

  // ---------- the public knowledge base ----------

  app.get('/api/v1/public/:tenantCode/categories', {
    config: { public: true },
    schema: { tags, summary: 'Categories holding public articles', params: TenantCodeParams, response: { 200: z.object({ items: z.array(PublicCategory) }) } },
    handler: async (req) => publicCategories(deps.db.db, (await tenantOf(deps, req.params.tenantCode)).id),
  });

  app.get('/api/v1/public/:tenantCode/articles', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Published public articles; q searches Chinese, pinyin and initials',
      params: TenantCodeParams,
      querystring: PublicArticleQuery,
      response: { 200: z.object({ items: z.array(PublicArticleSummary), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      const tenant = await tenantOf(deps, req.params.tenantCode);
      const cursor = req.query.cursor ? decodeArticleCursor(req.query.cursor) : null;
      if (req.query.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
      return listPublicArticles(deps.db.db, tenant.id, { q: req.query.q, categoryId: req.query.categoryId, limit: req.query.limit, cursor });
    },
  });

  app.get('/api/v1/public/:tenantCode/articles/suggest', {
    config: { public: true },
    schema: { tags, summary: 'Public articles that may answer a text being typed', params: TenantCodeParams, querystring: PublicSuggestQuery, response: { 200: z.object({ items: z.array(PublicArticleSummary) }) } },
    handler: async (req) => suggestPublicArticles(deps.db.db, (await tenantOf(deps, req.params.tenantCode)).id, req.query.text),
  });

  app.get('/api/v1/public/:tenantCode/articles/:id', {
    config: { public: true },
    schema: { tags, summary: 'One public article (internal and draft articles answer 404)', params: ArticleParams, response: { 200: PublicArticle } },
    handler: async (req) => getPublicArticle(deps.db.db, (await tenantOf(deps, req.params.tenantCode)).id, req.params.id),
  });
};
