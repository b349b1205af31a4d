import { and, count, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { tenants } from '../../platform/tenancy/tenancy.tables.ts';
import { selfServiceCodes, selfServiceFailures, selfServiceSessions, selfServiceSubmissions } from './self-service.tables.ts';

export type CodeRow = typeof selfServiceCodes.$inferSelect;
export type SessionRow = typeof selfServiceSessions.$inferSelect;
export type Channel = CodeRow['channel'];

export async function tenantByCode(db: DbOrTx, code: string): Promise<{ id: string; code: string; name: string } | null> {
  const [t] = await db.select({ id: tenants.id, code: tenants.code, name: tenants.name }).from(tenants).where(eq(tenants.code, code.toLowerCase()));
  return t ?? null;
}

/** One code request at a time per recipient (a transaction-scoped advisory lock), so limits hold under races. */
export async function lockRecipient(tx: DbOrTx, tenantId: string, recipient: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`self-service:${tenantId}:${recipient}`}, 0))`);
}

export async function codesSince(db: DbOrTx, tenantId: string, recipient: string, since: Date) {
  const [r] = await db
    .select({ n: count(), last: sql<string | null>`max(${selfServiceCodes.createdAt})` })
    .from(selfServiceCodes)
    .where(and(eq(selfServiceCodes.tenantId, tenantId), eq(selfServiceCodes.recipient, recipient), gt(selfServiceCodes.createdAt, since)));
  return { n: r?.n ?? 0, last: r?.last ? new Date(r.last) : null };
}

/** Codes asked from one client address, over every tenant (one address spraying many tenants is one abuser). */
export async function codesFromIpSince(db: DbOrTx, ip: string, since: Date) {
  const [r] = await db
    .select({ n: count(), first: sql<string | null>`min(${selfServiceCodes.createdAt})` })
    .from(selfServiceCodes)
    .where(and(eq(selfServiceCodes.ip, ip), gt(selfServiceCodes.createdAt, since)));
  return { n: r?.n ?? 0, first: r?.first ? new Date(r.first) : null };
}

export async function supersedeActive(tx: DbOrTx, tenantId: string, channel: Channel, recipient: string) {
  await tx
    .update(selfServiceCodes)
    .set({ status: 'superseded' })
    .where(and(eq(selfServiceCodes.tenantId, tenantId), eq(selfServiceCodes.channel, channel), eq(selfServiceCodes.recipient, recipient), eq(selfServiceCodes.status, 'active')));
}

export async function insertCode(tx: DbOrTx, values: typeof selfServiceCodes.$inferInsert): Promise<CodeRow> {
  const [row] = await tx.insert(selfServiceCodes).values(values).returning();
  return row;
}

/** The recipient's current code, locked (the newest active one). */
export async function lockActiveCode(tx: DbOrTx, tenantId: string, channel: Channel, recipient: string): Promise<CodeRow | null> {
  const [row] = await tx
    .select()
    .from(selfServiceCodes)
    .where(and(eq(selfServiceCodes.tenantId, tenantId), eq(selfServiceCodes.channel, channel), eq(selfServiceCodes.recipient, recipient), eq(selfServiceCodes.status, 'active')))
    .orderBy(desc(selfServiceCodes.createdAt))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function updateCode(tx: DbOrTx, id: string, patch: Partial<CodeRow>) {
  await tx.update(selfServiceCodes).set(patch).where(eq(selfServiceCodes.id, id));
}

export async function recordFailure(tx: DbOrTx, tenantId: string, ip: string, at: Date) {
  await tx.insert(selfServiceFailures).values({ tenantId, ip, at });
}

export async function failuresFromIpSince(db: DbOrTx, ip: string, since: Date) {
  const [r] = await db
    .select({ n: count(), first: sql<string | null>`min(${selfServiceFailures.at})` })
    .from(selfServiceFailures)
    .where(and(eq(selfServiceFailures.ip, ip), gt(selfServiceFailures.at, since)));
  return { n: r?.n ?? 0, first: r?.first ? new Date(r.first) : null };
}

// ---------- sessions ----------

export async function insertSession(tx: DbOrTx, values: typeof selfServiceSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await tx.insert(selfServiceSessions).values(values).returning();
  return row;
}

/** A live session of this tenant by token hash. */
export async function liveSession(db: DbOrTx, tenantId: string, tokenHash: string, now: Date): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(selfServiceSessions)
    .where(and(eq(selfServiceSessions.tokenHash, tokenHash), eq(selfServiceSessions.tenantId, tenantId), gt(selfServiceSessions.expiresAt, now)));
  return row ?? null;
}

export async function updateSession(db: DbOrTx, id: string, patch: Partial<SessionRow>) {
  await db.update(selfServiceSessions).set(patch).where(eq(selfServiceSessions.id, id));
}

export async function deleteSession(db: DbOrTx, id: string) {
  await db.delete(selfServiceSessions).where(eq(selfServiceSessions.id, id));
}

// ---------- submissions ----------

export async function recordSubmission(tx: DbOrTx, values: typeof selfServiceSubmissions.$inferInsert) {
  await tx.insert(selfServiceSubmissions).values(values);
}

export async function submissionsSince(db: DbOrTx, tenantId: string, customerId: string, since: Date) {
  const [r] = await db
    .select({ n: count(), first: sql<string | null>`min(${selfServiceSubmissions.at})` })
    .from(selfServiceSubmissions)
    .where(and(eq(selfServiceSubmissions.tenantId, tenantId), eq(selfServiceSubmissions.customerId, customerId), gt(selfServiceSubmissions.at, since)));
  return { n: r?.n ?? 0, first: r?.first ? new Date(r.first) : null };
}

/**
 * Forget what only served verification and rate limits once it is old: codes and wrong tries older than `before`,
 * sessions that expired before it, submissions (the request itself stays) older than it. Answers rows removed.
 */
export async function purgeOld(db: DbOrTx, tenantId: string, before: Date) {
  const [codes, failures, sessions, submissions] = await Promise.all([
    db.delete(selfServiceCodes).where(and(eq(selfServiceCodes.tenantId, tenantId), lt(selfServiceCodes.createdAt, before))).returning({ id: selfServiceCodes.id }),
    db.delete(selfServiceFailures).where(and(eq(selfServiceFailures.tenantId, tenantId), lt(selfServiceFailures.at, before))).returning({ id: selfServiceFailures.id }),
    db.delete(selfServiceSessions).where(and(eq(selfServiceSessions.tenantId, tenantId), lt(selfServiceSessions.expiresAt, before))).returning({ id: selfServiceSessions.id }),
    db.delete(selfServiceSubmissions).where(and(eq(selfServiceSubmissions.tenantId, tenantId), lt(selfServiceSubmissions.at, before))).returning({ id: selfServiceSubmissions.id }),
  ]);
  return { codes: codes.length, failures: failures.length, sessions: sessions.length, submissions: submissions.length };
}
