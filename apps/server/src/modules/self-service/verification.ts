import { randomInt, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { RequestCodeBody, VerifyCodeBody } from '@jiake/shared';
import type { AppDeps } from '../../app.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import { tooMany } from '../../platform/http/rate-limit.ts';
import { randomToken, sha256 } from '../../platform/auth/password.ts';
import { maskRecipient, normaliseRecipient, sendMessage } from '../../platform/messaging/messaging.service.ts';
import { customersByContact } from '../customers/index.ts';
import * as repo from './self-service.repository.ts';
import { publicCtx, SESSION_IDLE_MS, type PublicTenantRef } from './self-service.context.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_TRIES = 5;
/** Per recipient: one code a minute, five an hour. Per client address: twenty codes an hour, twenty wrong tries in 15 minutes. */
export const RESEND_AFTER_MS = 60_000;
export const CODES_PER_RECIPIENT_HOUR = 5;
export const CODES_PER_IP_HOUR = 20;
export const FAILURES_PER_IP = 20;
export const FAILURE_WINDOW_MS = 15 * 60_000;
const HOUR = 3600_000;

export { tooMany };

function recipientOf(channel: 'sms' | 'email', to: string): string {
  const r = normaliseRecipient(channel, to);
  if (!r) throw invalid([issue('body.to', channel === 'sms' ? 'invalid_phone' : 'invalid_email', channel === 'sms' ? 'not a valid phone number' : 'not a valid e-mail address')]);
  return r;
}

const codeHash = (codeId: string, code: string) => sha256(`${codeId}:${code}`);

/**
 * Send a 6-digit code to a phone or e-mail (through the messaging interface). The answer is the same whether or
 * not a customer has that phone or e-mail (anyone may verify and then file a first request). Limited per
 * recipient and per client address (429 with Retry-After); a new code supersedes the previous one.
 */
export async function requestCode(deps: AppDeps, req: Pick<FastifyRequest, 'id' | 'ip'>, tenant: PublicTenantRef, input: z.infer<typeof RequestCodeBody>) {
  if (input.channel === 'email' && !deps.mailer.configured) throw invalid([issue('body.channel', 'channel_unavailable', 'codes cannot be sent by e-mail here; use a phone')]);
  const recipient = recipientOf(input.channel, input.to);
  const now = deps.now();
  const who = maskRecipient(input.channel, recipient);
  const ctx = publicCtx(deps, tenant.id, req, who);
  const ip = req.ip ?? 'unknown';
  await deps.db.db.transaction(async (tx) => {
    await repo.lockRecipient(tx, tenant.id, recipient);
    const fromIp = await repo.codesFromIpSince(tx, ip, new Date(now.getTime() - HOUR));
    if (fromIp.n >= CODES_PER_IP_HOUR) throw tooMany('too many codes requested from this address', fromIp.first!.getTime() + HOUR, now.getTime());
    const recent = await repo.codesSince(tx, tenant.id, recipient, new Date(now.getTime() - HOUR));
    if (recent.last && now.getTime() - recent.last.getTime() < RESEND_AFTER_MS) throw tooMany('a code was sent a moment ago', recent.last.getTime() + RESEND_AFTER_MS, now.getTime());
    if (recent.n >= CODES_PER_RECIPIENT_HOUR) throw tooMany('too many codes for this recipient', now.getTime() + HOUR / 4, now.getTime());
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = crypto.randomUUID();
    await repo.supersedeActive(tx, tenant.id, input.channel, recipient);
    await repo.insertCode(tx, { id, tenantId: tenant.id, channel: input.channel, recipient, codeHash: codeHash(id, code), ip, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
    const text = `【${tenant.name}】您的验证码是 ${code}，${CODE_TTL_MS / 60_000} 分钟内有效。请勿告诉他人。Your verification code is ${code}.`;
    await sendMessage(ctx, tx, { channel: input.channel, to: recipient, subject: `${tenant.name} 验证码 / verification code`, text, purpose: 'verification_code', sensitive: true });
    await ctx.audit.record(tx, { action: 'selfService.codeSent', entityType: 'selfServiceCode', entityId: id, meta: { channel: input.channel, to: who } });
  });
  return { ok: true as const, channel: input.channel, to: who, expiresInSeconds: CODE_TTL_MS / 1000, resendAfterSeconds: RESEND_AFTER_MS / 1000 };
}

type Outcome = { ok: true; token: string; session: repo.SessionRow } | { ok: false; error: AppError };

/**
 * Check a code: right → a session bound to the tenant and the recipient (and the customer found for it); wrong →
 * one try fewer (the fifth wrong try burns the code). Failures are counted per client address too. A failed try
 * is committed before the error is answered.
 */
export async function verifyCode(deps: AppDeps, req: Pick<FastifyRequest, 'id' | 'ip'> & { headers: Record<string, unknown> }, tenant: PublicTenantRef, input: z.infer<typeof VerifyCodeBody>) {
  const recipient = recipientOf(input.channel, input.to);
  const now = deps.now();
  const ip = req.ip ?? 'unknown';
  const who = maskRecipient(input.channel, recipient);
  const ctx = publicCtx(deps, tenant.id, req, who);
  const fails = await repo.failuresFromIpSince(deps.db.db, ip, new Date(now.getTime() - FAILURE_WINDOW_MS));
  if (fails.n >= FAILURES_PER_IP) throw tooMany('too many wrong codes from this address', fails.first!.getTime() + FAILURE_WINDOW_MS, now.getTime());
  const outcome: Outcome = await deps.db.db.transaction(async (tx) => {
    const code = await repo.lockActiveCode(tx, tenant.id, input.channel, recipient);
    const fail = async (error: AppError): Promise<Outcome> => {
      await repo.recordFailure(tx, tenant.id, ip, now);
      return { ok: false, error };
    };
    if (!code || code.expiresAt <= now) {
      if (code) await repo.updateCode(tx, code.id, { status: 'burned' });
      return fail(invalid([issue('body.code', 'code_expired', 'no valid code: request a new one')], 'code expired'));
    }
    const given = Buffer.from(codeHash(code.id, input.code));
    if (!timingSafeEqual(given, Buffer.from(code.codeHash))) {
      const attempts = code.attempts + 1;
      const burned = attempts >= MAX_CODE_TRIES;
      await repo.updateCode(tx, code.id, { attempts, status: burned ? 'burned' : 'active' });
      await ctx.audit.record(tx, { action: 'selfService.codeRejected', entityType: 'selfServiceCode', entityId: code.id, meta: { attempts, burned } });
      return fail(
        burned
          ? invalid([issue('body.code', 'code_expired', 'too many wrong tries: request a new code')], 'code burned')
          : new AppError('validation_failed', 'wrong code', { issues: [issue('body.code', 'invalid_code', 'wrong code')], params: { attemptsLeft: MAX_CODE_TRIES - attempts } }),
      );
    }
    await repo.updateCode(tx, code.id, { status: 'used', usedAt: now, attempts: code.attempts + 1 });
    const [customer] = await customersByContact(tx, tenant.id, input.channel === 'sms' ? { e164: recipient } : { email: recipient }, 1);
    const token = randomToken();
    const userAgent = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : null;
    const session = await repo.insertSession(tx, {
      tenantId: tenant.id, tokenHash: sha256(token), channel: input.channel, recipient, customerId: customer?.id ?? null,
      ip, userAgent, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    });
    await ctx.audit.record(tx, { action: 'selfService.verified', entityType: 'selfServiceSession', entityId: session.id, meta: { channel: input.channel, to: who, customerId: customer?.id ?? null } });
    return { ok: true, token, session };
  });
  if (!outcome.ok) throw outcome.error;
  return { token: outcome.token, session: outcome.session, who };
}
