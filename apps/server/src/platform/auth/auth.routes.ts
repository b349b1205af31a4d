import { z } from 'zod';
import { LoginBody, MeResponse, OkResponse } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import { SESSION_COOKIE } from '../http/guard.ts';
import { endSession, login } from './login.ts';
import { principalForUser } from './principal.ts';

export const authRoutes: RouteModule = (app, deps) => {
  app.post('/api/v1/auth/login', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Log in with tenant code, username and password', body: LoginBody, response: { 200: MeResponse.pick({ user: true }) } },
    handler: async (req, reply) => {
      const res = await login(deps.db.db, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        requestId: req.id,
        now: deps.now(),
        ttlHours: deps.config.sessionTtlHours,
      });
      reply.setCookie(SESSION_COOKIE, res.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.cookieSecure,
        path: '/',
        maxAge: deps.config.sessionTtlHours * 3600,
      });
      const me = await principalForUser(deps.db.db, res.userId);
      return { user: { id: res.userId, username: me?.username ?? req.body.username, displayName: me?.name ?? '', locale: me?.locale ?? 'zh-CN' } };
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { authenticated: true },
    schema: { tags: ['auth'], summary: 'End the current session', response: { 200: OkResponse } },
    handler: async (req, reply) => {
      if (req.principal?.sessionId) await endSession(deps.db.db, req.principal.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/api/v1/auth/me', {
    config: { authenticated: true },
    schema: { tags: ['auth'], summary: 'The caller: user, tenant, unit, permissions, data scope and field rules', response: { 200: MeResponse } },
    handler: async (req) => {
      const p = req.principal!;
      return {
        user: { id: p.id, username: p.username, displayName: p.name, locale: p.locale },
        tenant: { id: p.tenantId, code: p.tenantCode, name: p.tenantName },
        unit: { id: p.unitId, name: p.unitName, kind: p.unitKind, storeKind: p.storeKind },
        permissions: p.permissions,
        dataScope: p.dataScope,
        fieldRules: p.fieldRules,
      };
    },
  });

  app.patch('/api/v1/auth/me', {
    config: { authenticated: true },
    schema: { tags: ['auth'], summary: 'Change own language', body: z.object({ locale: z.enum(['zh-CN', 'en-US']) }), response: { 200: OkResponse } },
    handler: async (req) => {
      await deps.db.pool.query('UPDATE users SET locale = $1 WHERE id = $2 AND tenant_id = $3', [req.body.locale, req.principal!.id, req.principal!.tenantId]);
      return { ok: true as const };
    },
  });
};
