import { and, desc, eq, getTableColumns, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { lockScoped, scopedWhere, visibleIn, type Fence } from '../../platform/db/scoped.ts';
import { decodeCursor as decodeKeyset, encodeCursor } from '../../platform/db/keyset.ts';
import { normalisePhone, searchDigits } from '../../platform/phone.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { nameGrams, queryGrams } from '../customers/index.ts';
import { leadPhones, leads } from './leads.tables.ts';

export type LeadRow = typeof leads.$inferSelect;
export type LeadRowWithNames = LeadRow & { storeName: string | null; assigneeName: string | null };

/**
 * Leads belong to a store (unit) and an assignee (owner). Unassigned leads are not shared with own-scope staff: the
 * queue is for managers (unit scope and above), who assign them.
 */
export const leadFence: Fence = { table: leads, unit: leads.storeId, owner: leads.assigneeId, entity: 'lead' };
export const isLeadVisible = visibleIn(leadFence);
/** Ids of the leads the caller may see, as a subquery (the audit trail's view of leads). */
export const scopedLeadIds = (ctx: Ctx) => ctx.db.select({ id: leads.id }).from(leads).where(scopedWhere(ctx, leadFence));

export const OPEN_STATUSES = ['new', 'following'] as const;
export const openStatus = () => inArray(leads.status, [...OPEN_STATUSES]);

/** Search helpers derived from the name. */
export const searchColumns = (name: string) => ({ nameGrams: nameGrams(name) });

const NOT_SHOWN = ['tenantId', 'nameGrams'] as const;
const shownColumns = Object.fromEntries(Object.entries(getTableColumns(leads)).filter(([k]) => !(NOT_SHOWN as readonly string[]).includes(k))) as Omit<
  ReturnType<typeof getTableColumns<typeof leads>>,
  (typeof NOT_SHOWN)[number]
>;

function selectWithNames<E extends Record<string, SQL>>(db: DbOrTx, extra?: E) {
  return db
    .select({ ...shownColumns, storeName: orgUnits.name, assigneeName: users.displayName, ...(extra ?? ({} as E)) })
    .from(leads)
    .leftJoin(orgUnits, eq(orgUnits.id, leads.storeId))
    .leftJoin(users, eq(users.id, leads.assigneeId));
}

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<LeadRowWithNames | null> {
  const rows = await selectWithNames(db).where(scopedWhere(ctx, leadFence, eq(leads.id, id)));
  return (rows[0] as LeadRowWithNames | undefined) ?? null;
}

/** Lock a lead the caller may see, or 404. */
export const lockVisible = (ctx: Ctx, tx: DbOrTx, id: string) => lockScoped<LeadRow>(ctx, tx, leadFence, id);

/** A lead of the tenant whatever the caller's scope (the answer of a capture whose lead went to someone else). */
export async function findInTenant(db: DbOrTx, tenantId: string, id: string): Promise<LeadRowWithNames | null> {
  const rows = await selectWithNames(db).where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)));
  return (rows[0] as LeadRowWithNames | undefined) ?? null;
}

/** Keyset page, newest first, at the database's microsecond precision. */
export async function listPage(ctx: Ctx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`(${leads.createdAt}, ${leads.id}) < (${cursor[0]}::timestamptz, ${cursor[1]})` : undefined;
  const sortKey = sql<string>`to_char(${leads.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await selectWithNames(ctx.db, { sortKey })
    .where(after ? and(where, after) : where)
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit) as (LeadRowWithNames & { sortKey: string })[];
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null };
}

export const decodeCursor = (c: string | undefined) => decodeKeyset(c);

export async function cappedCount(ctx: Ctx, where: SQL, cap = 10000): Promise<{ total: number; estimate: boolean }> {
  const res = await ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM leads WHERE ${where} LIMIT ${cap + 1}) s`);
  const n = res.rows[0]?.n ?? 0;
  return { total: Math.min(n, cap), estimate: n > cap };
}

/** Name (1-/2-gram index and a LIKE recheck) or the last 4+ digits of a phone (reversed-digits index). */
export function searchCondition(ctx: Ctx, q: string): SQL | undefined {
  const term = q.trim();
  if (!term) return undefined;
  const digits = searchDigits(term);
  if (digits) {
    const reversed = [...digits].reverse().join('');
    return sql`${leads.id} IN (SELECT p.lead_id FROM lead_phones p WHERE p.tenant_id = ${ctx.tenantId} AND p.reversed LIKE ${`${reversed}%`})`;
  }
  const grams = queryGrams(term);
  const escaped = term.normalize('NFKC').toLowerCase().replace(/[%_\\]/g, '\\$&');
  const contain = grams.length ? sql`${leads.nameGrams} @> ARRAY[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[]` : sql`true`;
  return sql`(${contain} AND lower(${leads.name}) LIKE ${`%${escaped}%`})`;
}

// ---------- phones and duplicates ----------

/** Replace the phone index rows of a lead. */
export async function writePhones(tx: DbOrTx, tenantId: string, leadId: string, e164s: string[]) {
  await tx.delete(leadPhones).where(and(eq(leadPhones.tenantId, tenantId), eq(leadPhones.leadId, leadId)));
  const rows = e164s.map((e) => {
    const n = normalisePhone(e)!;
    return { tenantId, leadId, e164: n.e164, digits: n.digits, reversed: [...n.digits].reverse().join('') };
  });
  if (rows.length) await tx.insert(leadPhones).values(rows);
}

/** Open leads of the tenant reached at any of these numbers (whatever the caller's scope), but `excludeId`. */
export async function openLeadsWithPhones(db: DbOrTx, tenantId: string, e164s: string[], excludeId?: string) {
  if (!e164s.length) return [];
  return db
    .selectDistinct({ id: leads.id, name: leads.name, e164: leadPhones.e164, createdAt: leads.createdAt })
    .from(leadPhones)
    .innerJoin(leads, eq(leads.id, leadPhones.leadId))
    .where(and(eq(leadPhones.tenantId, tenantId), inArray(leadPhones.e164, e164s), openStatus(), excludeId ? ne(leads.id, excludeId) : undefined))
    .orderBy(desc(leads.createdAt))
    .limit(10);
}

/** Which of these leads the caller may see. */
export async function visibleIds(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.db.select({ id: leads.id }).from(leads).where(scopedWhere(ctx, leadFence, inArray(leads.id, ids)));
  return new Set(rows.map((r) => r.id));
}

// ---------- other modules' views ----------

/**
 * Leads of a customer the caller may see: converted into it, or flagged at capture as having its phone. Newest first.
 */
export async function leadsOfCustomer(ctx: Ctx, customerId: string, limit = 50) {
  const flagged = sql`${leads.duplicateOf} @> ${JSON.stringify([{ kind: 'customer', id: customerId }])}::jsonb`;
  return ctx.db
    .select({ ...shownColumns })
    .from(leads)
    .where(scopedWhere(ctx, leadFence, sql`(${leads.convertedCustomerId} = ${customerId} OR ${flagged})`))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(limit);
}

/** New leads of one assignee not contacted yet, oldest first (the work list). */
export async function uncontactedOf(ctx: Ctx, userId: string, limit: number) {
  return ctx.db
    .select({ id: leads.id, name: leads.name, source: leads.source, createdAt: leads.createdAt, assignedAt: leads.assignedAt, storeName: orgUnits.name })
    .from(leads)
    .leftJoin(orgUnits, eq(orgUnits.id, leads.storeId))
    .where(scopedWhere(ctx, leadFence, eq(leads.assigneeId, userId), eq(leads.status, 'new'), isNull(leads.firstContactAt)))
    .orderBy(leads.createdAt, leads.id)
    .limit(limit);
}

/**
 * An activity was logged on the lead: last activity moves forward (never back), the first contact is kept, a new
 * lead becomes `following`. System write: the activity module has checked the caller may see the lead.
 */
export async function touch(tx: DbOrTx, tenantId: string, id: string, at: Date) {
  await tx
    .update(leads)
    .set({
      lastActivityAt: sql`GREATEST(${leads.lastActivityAt}, ${at.toISOString()}::timestamptz)`,
      firstContactAt: sql`COALESCE(${leads.firstContactAt}, ${at.toISOString()}::timestamptz)`,
      status: sql`CASE WHEN ${leads.status} = 'new' THEN 'following' ELSE ${leads.status} END`,
      updatedAt: at,
    })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)));
}

export { leads };

/**
 * Merged customers live on as the survivor: leads converted into them, or flagged as their duplicates, point to it.
 * Answers each lead moved with its former customer.
 */
export async function repointCustomer(tx: DbOrTx, tenantId: string, fromIds: string[], toId: string) {
  if (!fromIds.length) return [];
  const flagged = sql.join(fromIds.map((id) => sql`${leads.duplicateOf} @> ${JSON.stringify([{ kind: 'customer', id }])}::jsonb`), sql` OR `);
  const rows = await tx
    .select({ id: leads.id, convertedCustomerId: leads.convertedCustomerId, duplicateOf: leads.duplicateOf })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), sql`(${inArray(leads.convertedCustomerId, fromIds)} OR ${flagged})`))
    .for('update');
  for (const r of rows) {
    const converted = r.convertedCustomerId && fromIds.includes(r.convertedCustomerId) ? toId : r.convertedCustomerId;
    const seen = new Set<string>();
    const duplicateOf = r.duplicateOf
      .map((d) => (d.kind === 'customer' && fromIds.includes(d.id) ? { ...d, id: toId } : d))
      .filter((d) => !seen.has(`${d.kind}:${d.id}`) && !!seen.add(`${d.kind}:${d.id}`));
    await tx.update(leads).set({ convertedCustomerId: converted, duplicateOf }).where(eq(leads.id, r.id));
  }
  return rows.map((r) => ({ id: r.id, convertedCustomerId: r.convertedCustomerId }));
}
