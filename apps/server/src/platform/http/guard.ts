import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PermissionKey } from '@jiake/shared';
import type { Db } from '../db/client.ts';
import { auditWriter } from '../audit/audit.writer.ts';
import { principalFromApiKey, principalFromSession, type Principal } from '../auth/principal.ts';
import { AppError } from './errors.ts';
import type { Ctx } from './context.ts';
import { redactPayload } from '../access/field-security.ts';

export const SESSION_COOKIE = 'jk_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; `public: true` for routes without login. One of them is required. */
    permission?: PermissionKey;
    /** Any logged-in caller (e.g. /auth/me). */
    authenticated?: boolean;
    public?: boolean;
    /** Object whose field rules apply to the response (`customer` …). */
    redact?: string;
  }
  interface FastifyRequest {
    ctx: Ctx;
    principal: Principal | null;
  }
}

/** One Set per (shared, frozen) permission list of `rightsOf`, instead of one per request. */
const permissionSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function permissionSet(list: readonly string[]): ReadonlySet<string> {
  let set = permissionSets.get(list);
  if (!set) {
    set = new Set(list);
    if (Object.isFrozen(list)) permissionSets.set(list, set);
  }
  return set;
}

export function buildCtx(db: Db, p: Principal, req: Pick<FastifyRequest, 'id' | 'ip'>, now: () => Date): Ctx {
  return {
    tenantId: p.tenantId,
    actor: { kind: p.kind, id: p.id, name: p.name, unitId: p.unitId, unitPath: p.unitPath },
    permissions: permissionSet(p.permissions),
    scope: { kind: p.dataScope, userId: p.id, unitId: p.unitId, unitPath: p.unitPath },
    fieldRules: p.fieldRules,
    db,
    audit: auditWriter({
      tenantId: p.tenantId,
      actorId: p.id,
      actorKind: p.kind,
      actorName: p.name,
      ip: req.ip ?? null,
      requestId: req.id,
    }),
    requestId: req.id,
    ip: req.ip ?? null,
    locale: p.locale,
    now,
  };
}

/** The 403 of a caller without a route's permission (also for routes whose permission depends on the record type). */
export const missingPermission = (permission: string) => new AppError('forbidden', `missing permission ${permission}`, { params: { permission } });

/** One registered /api/v1 route, as declared (for the generated isolation walker and the architecture test). */
export interface ApiRoute {
  method: string;
  url: string;
  config: { permission?: string; public?: boolean; authenticated?: boolean; redact?: string };
  schema: { body?: unknown; querystring?: unknown; params?: unknown; response?: Record<string, unknown>; hide?: boolean } | undefined;
  handler: (...args: never[]) => unknown;
}
const registries = new WeakMap<object, ApiRoute[]>();

/** Every /api/v1 route registered on an app built with `registerGuard` (HEAD twins of GET routes left out). */
export function apiRoutes(app: FastifyInstance): readonly ApiRoute[] {
  return registries.get(app) ?? [];
}

/**
 * Declared once for every route: start-up fails for an /api route that names neither a permission nor `public`;
 * each request is authenticated (session cookie or API key) and checked before its handler runs.
 */
export function registerGuard(app: FastifyInstance, db: Db, now: () => Date) {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('principal', null);
  const registry: ApiRoute[] = [];
  registries.set(app, registry);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const c = route.config as { permission?: string; public?: boolean; authenticated?: boolean } | undefined;
    if (!c?.permission && !c?.public && !c?.authenticated) {
      throw new Error(`route ${route.method} ${route.url} declares neither a permission nor public`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      registry.push({ method, url: route.url, config: c, schema: route.schema as ApiRoute['schema'], handler: route.handler as ApiRoute['handler'] });
    }
  });

  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    if (!req.routeOptions.url?.startsWith('/api/v1') || config.public) return;
    const auth = req.headers.authorization;
    let principal: Principal | null = null;
    if (auth?.startsWith('Bearer ')) principal = await principalFromApiKey(db, auth.slice(7).trim(), now());
    else {
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) principal = await principalFromSession(db, token, now());
    }
    if (!principal) throw new AppError('unauthenticated', 'login required');
    if (config.permission && !principal.permissions.includes(config.permission)) throw missingPermission(config.permission);
    req.principal = principal;
    req.ctx = buildCtx(db, principal, req, now);
  });

  app.addHook('preSerialization', async (req, _reply, payload) => {
    const object = req.routeOptions.config?.redact;
    if (!object || !req.ctx || payload === null || typeof payload !== 'object') return payload;
    return redactPayload(req.ctx, object, payload);
  });
}
