import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { publicCtx as platformPublicCtx } from '../../platform/http/public-ctx.ts';
import { sha256 } from '../../platform/auth/password.ts';
import { maskRecipient } from '../../platform/messaging/messaging.service.ts';
import * as repo from './self-service.repository.ts';

export const SELF_SERVICE_COOKIE = 'jk_self';
/** A session lives 30 minutes after its last use, 4 hours at most. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 4 * 3600_000;

export interface PublicTenantRef {
  id: string;
  code: string;
  name: string;
}

/** The tenant of a public address, or 404. */
export async function tenantOf(deps: AppDeps, code: string): Promise<PublicTenantRef> {
  const t = await repo.tenantByCode(deps.db.db, code);
  if (!t) throw notFound('tenant');
  return t;
}

/**
 * The context of a public caller: a system context of the tenant (the page acts for the tenant), whose audit rows
 * name the verified visitor ("self-service 138****5678"), with the client address and the request id.
 */
export function publicCtx(deps: AppDeps, tenantId: string, req: Pick<FastifyRequest, 'id' | 'ip'>, who: string): Ctx {
  return platformPublicCtx(deps.db.db, deps.now, tenantId, req, `self-service ${who}`);
}

/** Where the cookie of one tenant's page lives: its own API path, so two tenants' sessions never meet. */
export const cookiePath = (tenantCode: string) => `/api/v1/public/${tenantCode}`;

export function setSessionCookie(deps: AppDeps, reply: FastifyReply, tenantCode: string, token: string) {
  reply.setCookie(SELF_SERVICE_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, path: cookiePath(tenantCode), maxAge: SESSION_MAX_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply, tenantCode: string) {
  reply.clearCookie(SELF_SERVICE_COOKIE, { path: cookiePath(tenantCode) });
}

function tokenOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return req.cookies?.[SELF_SERVICE_COOKIE] ?? null;
}

export interface SelfServiceCaller {
  tenant: PublicTenantRef;
  session: repo.SessionRow;
  /** The verified phone or e-mail, masked. */
  who: string;
  ctx: Ctx;
}

/**
 * The verified visitor of this tenant's page, or 401. A session of another tenant is no session here. Use slides the
 * expiry (30 minutes idle, 4 hours at most since verification).
 */
export async function requireVisitor(deps: AppDeps, req: FastifyRequest, tenantCode: string): Promise<SelfServiceCaller> {
  const tenant = await tenantOf(deps, tenantCode);
  const token = tokenOf(req);
  const now = deps.now();
  const session = token ? await repo.liveSession(deps.db.db, tenant.id, sha256(token), now) : null;
  if (!session) throw new AppError('unauthenticated', 'verify your phone or e-mail first');
  const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_MS));
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await repo.updateSession(deps.db.db, session.id, { lastSeenAt: now, expiresAt });
    Object.assign(session, { lastSeenAt: now, expiresAt });
  }
  const who = maskRecipient(session.channel, session.recipient);
  return { tenant, session, who, ctx: publicCtx(deps, tenant.id, req, who) };
}
