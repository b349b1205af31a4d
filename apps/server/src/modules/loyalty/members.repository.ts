import { and, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, visibleIn, type Fence } from '../../platform/db/scoped.ts';
import { encodeCursor } from '../../platform/db/keyset.ts';
import { counters, orgUnits } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyAccounts, loyaltyConsents, loyaltyMembers } from './loyalty.tables.ts';

export type MemberRow = typeof loyaltyMembers.$inferSelect;
export type MemberRowWithNames = MemberRow & { joinStoreName: string | null; balance: number };
export type ConsentRow = typeof loyaltyConsents.$inferSelect;

/**
 * Members belong to their join store (unit): the store's staff and the managers above see them. Other stores reach a
 * member only through the counter lookup (chain-wide by design, LOY-7), which answers the minimum.
 */
export const memberFence: Fence = { table: loyaltyMembers, unit: loyaltyMembers.joinStoreId, entity: 'loyaltyMember' };
export const isMemberVisible = visibleIn(memberFence);
/** Ids of the members the caller may see, as a subquery (the audit trail's view of members). */
export const scopedMemberIds = (ctx: Ctx) => ctx.db.select({ id: loyaltyMembers.id }).from(loyaltyMembers).where(scopedWhere(ctx, memberFence));

/** Prefix + a per-tenant sequence padded to `digits`; the counter row serialises concurrent enrolments. */
export async function nextMemberNumber(tx: DbOrTx, tenantId: string, prefix: string, digits: number): Promise<string> {
  const [row] = await tx
    .insert(counters)
    .values({ tenantId, name: 'loyalty_member', value: 1 })
    .onConflictDoUpdate({ target: [counters.tenantId, counters.name], set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return `${prefix}${String(row.value).padStart(digits, '0')}`;
}

const withNames = { ...getTableColumns(loyaltyMembers), joinStoreName: orgUnits.name, balance: loyaltyAccounts.balance };
const selectWithNames = <E extends Record<string, SQL>>(db: DbOrTx, extra?: E) =>
  db
    .select({ ...withNames, ...(extra ?? ({} as E)) })
    .from(loyaltyMembers)
    .leftJoin(orgUnits, eq(orgUnits.id, loyaltyMembers.joinStoreId))
    .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.id, loyaltyMembers.accountId));

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<MemberRowWithNames | null> {
  const rows = await selectWithNames(db).where(scopedWhere(ctx, memberFence, eq(loyaltyMembers.id, id)));
  return rows[0] ?? null;
}

/** Members by id in the tenant, whatever the caller's scope (system work, the counter lookup). */
export async function findInTenant(db: DbOrTx, tenantId: string, where: SQL, limit = 20): Promise<MemberRowWithNames[]> {
  return selectWithNames(db).where(and(eq(loyaltyMembers.tenantId, tenantId), where)).orderBy(desc(loyaltyMembers.createdAt)).limit(limit);
}
export const byIds = (ids: string[]) => inArray(loyaltyMembers.id, ids);
export const byCustomers = (ids: string[]) => inArray(loyaltyMembers.customerId, ids);
export const byNumber = (n: string) => eq(loyaltyMembers.number, n);

export async function memberOfCustomer(db: DbOrTx, tenantId: string, customerId: string): Promise<MemberRow | null> {
  const rows = await db.select().from(loyaltyMembers).where(and(eq(loyaltyMembers.tenantId, tenantId), eq(loyaltyMembers.customerId, customerId)));
  return rows[0] ?? null;
}

export async function memberInTenant(db: DbOrTx, tenantId: string, id: string): Promise<MemberRow | null> {
  const rows = await db.select().from(loyaltyMembers).where(and(eq(loyaltyMembers.tenantId, tenantId), eq(loyaltyMembers.id, id)));
  return rows[0] ?? null;
}

/** List filters, inside the caller's scope. */
export function listWhere(ctx: Ctx, q: { joinStoreId?: string; status?: string; number?: string; customerId?: string; enrolledFrom?: string; enrolledTo?: string }): SQL {
  return scopedWhere(
    ctx,
    memberFence,
    q.joinStoreId ? eq(loyaltyMembers.joinStoreId, q.joinStoreId) : undefined,
    q.status ? eq(loyaltyMembers.status, q.status as MemberRow['status']) : undefined,
    q.number ? eq(loyaltyMembers.number, q.number.toUpperCase()) : undefined,
    q.customerId ? eq(loyaltyMembers.customerId, q.customerId) : undefined,
    q.enrolledFrom ? sql`${loyaltyMembers.enrolledAt} >= (${q.enrolledFrom}::date::timestamp AT TIME ZONE 'Asia/Shanghai')` : undefined,
    q.enrolledTo ? sql`${loyaltyMembers.enrolledAt} < ((${q.enrolledTo}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')` : undefined,
  );
}

/** Keyset page, newest first: (created_at, id) before the cursor. */
export async function listPage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`(${loyaltyMembers.createdAt}, ${loyaltyMembers.id}) < (${cursor[0]}::timestamptz, ${cursor[1]})` : undefined;
  const sortKey = sql<string>`to_char(${loyaltyMembers.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await selectWithNames(db, { sortKey })
    .where(after ? and(where, after) : where)
    .orderBy(desc(loyaltyMembers.createdAt), desc(loyaltyMembers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null };
}

export async function cappedCount(db: DbOrTx, where: SQL, cap = 10000): Promise<{ total: number; estimate: boolean }> {
  const res = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM loyalty_members WHERE ${where} LIMIT ${cap + 1}) s`);
  const n = res.rows[0]?.n ?? 0;
  return { total: Math.min(n, cap), estimate: n > cap };
}

// ---------- consents ----------

export async function insertConsents(tx: DbOrTx, rows: (typeof loyaltyConsents.$inferInsert)[]) {
  if (rows.length) await tx.insert(loyaltyConsents).values(rows);
}

/** The latest consent record per member and channel. */
export async function currentConsents(db: DbOrTx, tenantId: string, memberIds: string[]): Promise<ConsentRow[]> {
  if (!memberIds.length) return [];
  return db
    .selectDistinctOn([loyaltyConsents.memberId, loyaltyConsents.channel])
    .from(loyaltyConsents)
    .where(and(eq(loyaltyConsents.tenantId, tenantId), inArray(loyaltyConsents.memberId, memberIds)))
    .orderBy(loyaltyConsents.memberId, loyaltyConsents.channel, desc(loyaltyConsents.seq));
}

// ---------- accounts shared by several members (family accounts, cards) ----------

/** Lock member rows (in id order, so two transactions locking the same pair never deadlock) and answer them. */
export async function lockMembers(tx: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, MemberRow>> {
  const rows = await tx
    .select()
    .from(loyaltyMembers)
    .where(and(eq(loyaltyMembers.tenantId, tenantId), inArray(loyaltyMembers.id, [...new Set(ids)])))
    .orderBy(loyaltyMembers.id)
    .for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/** The members whose points account this is (one, or a family's several), the earliest enrolled first. */
export async function membersOfAccount(db: DbOrTx, tenantId: string, accountId: string, limit = 50): Promise<MemberRow[]> {
  return db
    .select()
    .from(loyaltyMembers)
    .where(and(eq(loyaltyMembers.tenantId, tenantId), eq(loyaltyMembers.accountId, accountId)))
    .orderBy(loyaltyMembers.enrolledAt, loyaltyMembers.id)
    .limit(limit);
}
