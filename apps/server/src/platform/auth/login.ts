import { and, eq, gt, sql, count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditWriter } from '../audit/audit.writer.ts';
import { AppError } from '../http/errors.ts';
import { tenants, users } from '../tenancy/tenancy.tables.ts';
import { loginAttempts, sessions } from './auth.tables.ts';
import { dummyHash, randomToken, sha256, verifyPassword } from './password.ts';

const MAX_USER_FAILURES = 5;
const MAX_IP_FAILURES = 30;
const IP_WINDOW_MS = 15 * 60_000;

interface LoginInput {
  tenant: string;
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
  requestId: string;
  now: Date;
  ttlHours: number;
}

const lockMinutes = (failures: number) => Math.min(2 ** (failures - MAX_USER_FAILURES), 60);

/**
 * Password login (PLAT-7): scrypt hash; after 5 failures the account locks with growing back-off;
 * one address guessing across many usernames is slowed too. Success and failure are audited.
 */
export async function login(db: Db, input: LoginInput): Promise<{ token: string; userId: string; tenantId: string }> {
  const since = new Date(input.now.getTime() - IP_WINDOW_MS);
  const [ipFails] = await db.select({ n: count() }).from(loginAttempts).where(and(eq(loginAttempts.ip, input.ip), gt(loginAttempts.at, since)));
  if ((ipFails?.n ?? 0) >= MAX_IP_FAILURES) {
    throw new AppError('too_many_attempts', 'too many failed logins from this address', { headers: { 'retry-after': '900' }, params: { retryAfter: 900 } });
  }
  const [row] = await db
    .select({ user: users, tenantCode: tenants.code })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(tenants.code, input.tenant.toLowerCase()), sql`lower(${users.username}) = lower(${input.username})`));
  const user = row?.user;
  if (user?.lockedUntil && user.lockedUntil > input.now) {
    const secs = Math.ceil((user.lockedUntil.getTime() - input.now.getTime()) / 1000);
    throw new AppError('too_many_attempts', 'account temporarily locked', { headers: { 'retry-after': String(secs) }, params: { retryAfter: secs } });
  }
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await dummyHash()), false);
  const audit = user
    ? auditWriter({ tenantId: user.tenantId, actorId: user.id, actorKind: 'user', actorName: user.displayName, ip: input.ip, requestId: input.requestId })
    : null;

  if (!ok || !user || user.status !== 'active') {
    await db.transaction(async (tx) => {
      await tx.insert(loginAttempts).values({ ip: input.ip, tenantCode: input.tenant, username: input.username, at: input.now });
      if (user) {
        const failures = user.failedLogins + 1;
        await tx
          .update(users)
          .set({
            failedLogins: failures,
            lockedUntil: failures >= MAX_USER_FAILURES ? new Date(input.now.getTime() + lockMinutes(failures) * 60_000) : null,
          })
          .where(eq(users.id, user.id));
        await audit!.record(tx, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, meta: { failures, reason: ok ? 'disabled' : 'password' } });
      }
    });
    throw new AppError('invalid_credentials', 'wrong tenant, username or password');
  }

  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: sha256(token),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300),
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlHours * 3600_000),
    });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: input.now }).where(eq(users.id, user.id));
    await audit!.record(tx, { action: 'auth.login', entityType: 'user', entityId: user.id, meta: { userAgent: input.userAgent?.slice(0, 300) } });
  });
  return { token, userId: user.id, tenantId: user.tenantId };
}

export async function endSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Disabling a user (or changing its password) ends every session at once. */
export async function endUserSessions(tx: Pick<Db, 'delete'>, userId: string) {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}
