import { and, asc, count, eq, gt, lt, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Fence } from '../../platform/db/scoped.ts';
import type { WindowCount } from '../../platform/http/rate-limit.ts';
import { orgUnits, tenants } from '../../platform/tenancy/tenancy.tables.ts';
import { leadFormSubmissions, leadForms } from './leads.tables.ts';

export type FormRow = typeof leadForms.$inferSelect;
/** Web forms are tenant settings (leads:admin): no unit, no owner. */
export const formFence: Fence = { table: leadForms, entity: 'leadForm' };

export async function listForms(db: DbOrTx, tenantId: string) {
  return db
    .select({ form: leadForms, storeName: orgUnits.name })
    .from(leadForms)
    .leftJoin(orgUnits, eq(orgUnits.id, leadForms.defaultStoreId))
    .where(eq(leadForms.tenantId, tenantId))
    .orderBy(asc(leadForms.createdAt), asc(leadForms.id));
}

/** Posts each form received that made a lead, and the last one. */
export async function formStats(db: DbOrTx, tenantId: string): Promise<Map<string, { n: number; last: Date | null }>> {
  const rows = await db
    .select({ formId: leadFormSubmissions.formId, n: count(), last: max(leadFormSubmissions.createdAt) })
    .from(leadFormSubmissions)
    .where(and(eq(leadFormSubmissions.tenantId, tenantId), eq(leadFormSubmissions.outcome, 'created')))
    .groupBy(leadFormSubmissions.formId);
  return new Map(rows.map((r) => [r.formId, { n: r.n, last: r.last ? new Date(r.last) : null }]));
}

/** The tenant and the form of a public address; null when either is unknown (the tenant code is case-insensitive). */
export async function formByAddress(db: DbOrTx, tenantCode: string, key: string) {
  const [r] = await db
    .select({ tenant: { id: tenants.id, code: tenants.code, name: tenants.name }, form: leadForms })
    .from(tenants)
    .innerJoin(leadForms, and(eq(leadForms.tenantId, tenants.id), eq(leadForms.key, key)))
    .where(eq(tenants.code, tenantCode.toLowerCase()));
  return r ?? null;
}

/** One post at a time per form and client address (a transaction-scoped advisory lock), so the limits hold under races. */
export async function lockSubmitter(tx: DbOrTx, formId: string, ip: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`lead-form:${formId}:${ip}`}, 0))`);
}

/** Posts from one client address to one form since `since`. */
export async function postsSince(db: DbOrTx, formId: string, ip: string, since: Date): Promise<WindowCount> {
  const [r] = await db
    .select({ n: count(), first: sql<string | null>`min(${leadFormSubmissions.createdAt})` })
    .from(leadFormSubmissions)
    .where(and(eq(leadFormSubmissions.formId, formId), eq(leadFormSubmissions.ip, ip), gt(leadFormSubmissions.createdAt, since)));
  return { n: r?.n ?? 0, first: r?.first ? new Date(r.first) : null };
}

export async function insertPost(tx: DbOrTx, v: { tenantId: string; formId: string; ip: string; outcome: 'received' | 'honeypot'; createdAt: Date }): Promise<string> {
  const [r] = await tx.insert(leadFormSubmissions).values(v).returning({ id: leadFormSubmissions.id });
  return r.id;
}

export async function markCreated(tx: DbOrTx, tenantId: string, postId: string, leadId: string) {
  await tx
    .update(leadFormSubmissions)
    .set({ outcome: 'created', leadId })
    .where(and(eq(leadFormSubmissions.tenantId, tenantId), eq(leadFormSubmissions.id, postId)));
}

/** Forget posts older than `before` (the rate limit looks back an hour; the counts shown keep a month). */
export async function purgePosts(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
  const res = await db.delete(leadFormSubmissions).where(and(eq(leadFormSubmissions.tenantId, tenantId), lt(leadFormSubmissions.createdAt, before))).returning({ id: leadFormSubmissions.id });
  return res.length;
}
