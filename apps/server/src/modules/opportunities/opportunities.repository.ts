import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, visibleIn, type Fence } from '../../platform/db/scoped.ts';
import { decodeCursor, encodeCursor } from '../../platform/db/keyset.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { opportunities, opportunityStageHistory, opportunityStages } from './opportunities.tables.ts';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type OpportunityRowWithNames = OpportunityRow & { ownerName: string | null; storeName: string | null; stageName: string | null };
export type HistoryRow = typeof opportunityStageHistory.$inferSelect;

/** Opportunities belong to a store (unit) and an owner: a store sees its store's, a salesperson (own scope) their own. */
export const opportunityFence: Fence = { table: opportunities, unit: opportunities.storeId, owner: opportunities.ownerId, entity: 'opportunity' };
export const isOpportunityVisible = visibleIn(opportunityFence);
/** Ids of the opportunities the caller may see, as a subquery (the audit trail's view of opportunities). */
export const scopedOpportunityIds = (ctx: Ctx) => ctx.db.select({ id: opportunities.id }).from(opportunities).where(scopedWhere(ctx, opportunityFence));

/** Opportunities in a unit's subtree (a region, or any unit). */
export const inSubtree = (tenantId: string, unitId: string) =>
  sql`${opportunities.storeId} IN (SELECT u.id FROM org_units u WHERE u.tenant_id = ${tenantId}
        AND u.path LIKE (SELECT r.path FROM org_units r WHERE r.tenant_id = ${tenantId} AND r.id = ${unitId}) || '%')`;

const owner = alias(users, 'owner');
const withNames = { ...getTableColumns(opportunities), ownerName: owner.displayName, storeName: orgUnits.name, stageName: opportunityStages.name };

function selectWithNames<E extends Record<string, SQL>>(db: DbOrTx, extra?: E) {
  return db
    .select({ ...withNames, ...(extra ?? ({} as E)) })
    .from(opportunities)
    .leftJoin(owner, eq(owner.id, opportunities.ownerId))
    .leftJoin(orgUnits, eq(orgUnits.id, opportunities.storeId))
    .leftJoin(opportunityStages, and(eq(opportunityStages.tenantId, opportunities.tenantId), eq(opportunityStages.key, opportunities.stageKey)));
}

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<OpportunityRowWithNames | null> {
  const rows = await selectWithNames(db).where(scopedWhere(ctx, opportunityFence, eq(opportunities.id, id)));
  return rows[0] ?? null;
}

/** By id in the tenant, whatever the caller's scope (after a write the caller was allowed to make). */
export async function findInTenant(db: DbOrTx, tenantId: string, id: string): Promise<OpportunityRowWithNames | null> {
  const rows = await selectWithNames(db).where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.id, id)));
  return rows[0] ?? null;
}

export async function lockVisible(ctx: Ctx, tx: DbOrTx, id: string): Promise<OpportunityRow | null> {
  const [row] = await tx.select().from(opportunities).where(scopedWhere(ctx, opportunityFence, eq(opportunities.id, id))).for('update');
  return row ?? null;
}

export async function insertRow(tx: DbOrTx, values: typeof opportunities.$inferInsert) {
  const [row] = await tx.insert(opportunities).values(values).returning();
  return row;
}

// ---------- lists ----------

export type Sort = 'created' | 'stageEntered' | 'expectedClose';
/** A timestamp as sort key text at the database's microsecond precision (a JS Date would cut it to milliseconds). */
const iso = (col: SQLWrapper) => sql<string>`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const closeKey = sql`coalesce(${opportunities.expectedCloseDate}, '9999-12-31'::date)`;
/** The list orders: sort key (for the cursor), column, its type, direction. Ties break on id. */
const SORTS = {
  created: { key: iso(opportunities.createdAt), col: sql`${opportunities.createdAt}`, cast: sql`timestamptz`, desc: true, kind: 'timestamp' },
  stageEntered: { key: iso(opportunities.stageEnteredAt), col: sql`${opportunities.stageEnteredAt}`, cast: sql`timestamptz`, desc: true, kind: 'timestamp' },
  expectedClose: { key: sql<string>`to_char(${closeKey}, 'YYYY-MM-DD')`, col: closeKey, cast: sql`date`, desc: false, kind: 'text' },
} as const;

/** A cursor of the list in the given order; null when it does not decode (or does not fit the order). */
export function readCursor(c: string | undefined, sort: Sort): [string, string] | null {
  const s = SORTS[sort];
  const v = decodeCursor(c, s.kind);
  if (v && s.kind === 'text' && !/^\d{4}-\d{2}-\d{2}$/.test(v[0])) return null;
  return v;
}

/** Keyset page in the given order, (sort key, id) beyond the cursor. */
export async function listPage(ctx: Ctx, where: SQL, sort: Sort, limit: number, cursor: [string, string] | null) {
  const s = SORTS[sort];
  const after = cursor
    ? s.desc
      ? sql`(${s.col}, ${opportunities.id}) < (${cursor[0]}::${s.cast}, ${cursor[1]}::uuid)`
      : sql`(${s.col}, ${opportunities.id}) > (${cursor[0]}::${s.cast}, ${cursor[1]}::uuid)`
    : undefined;
  const rows = await selectWithNames(ctx.db, { sortKey: s.key })
    .where(after ? and(where, after) : where)
    .orderBy(...(s.desc ? [desc(s.col), desc(opportunities.id)] : [asc(s.col), asc(opportunities.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null };
}

export async function cappedCount(ctx: Ctx, where: SQL, cap = 10000): Promise<{ total: number; estimate: boolean }> {
  const res = await ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM opportunities WHERE ${where} LIMIT ${cap + 1}) s`);
  const n = res.rows[0]?.n ?? 0;
  return { total: Math.min(n, cap), estimate: n > cap };
}

/**
 * The board in two statements: per open stage the count and sums of its open opportunities, and its first `limit`
 * cards (last moved first, one more to know whether there is a next page) through a lateral join per stage.
 */
export async function boardColumns(ctx: Ctx, where: SQL, stageKeys: string[], limit: number) {
  if (!stageKeys.length) return { sums: [], cards: [] };
  const keys = sql`ARRAY[${sql.join(stageKeys.map((k) => sql`${k}`), sql`, `)}]::text[]`;
  const sums = await ctx.db.execute<{ stage_key: string; n: number; amount: string; weighted: string }>(sql`
    SELECT stage_key, count(*)::int AS n, coalesce(sum(amount_fen), 0)::text AS amount,
           coalesce(sum(round(amount_fen::numeric * probability / 100)), 0)::text AS weighted
      FROM opportunities
     WHERE ${where} AND status = 'open' AND stage_key = ANY (${keys})
     GROUP BY stage_key`);
  const ids = await ctx.db.execute<{ id: string }>(sql`
    SELECT c.id FROM unnest(${keys}) AS k(key)
    CROSS JOIN LATERAL (
      SELECT id FROM opportunities
       WHERE ${where} AND status = 'open' AND stage_key = k.key
       ORDER BY stage_entered_at DESC, id DESC
       LIMIT ${limit + 1}) c`);
  const wanted = ids.rows.map((r) => r.id);
  const cards = wanted.length
    ? await selectWithNames(ctx.db, { sortKey: SORTS.stageEntered.key })
        .where(and(eq(opportunities.tenantId, ctx.tenantId), inArray(opportunities.id, wanted)))
        .orderBy(desc(opportunities.stageEnteredAt), desc(opportunities.id))
    : [];
  return { sums: sums.rows.map((r) => ({ stageKey: r.stage_key, count: r.n, amountFen: Number(r.amount), weightedFen: Number(r.weighted) })), cards };
}

/** Open opportunities without activity since `before` (stalled), longest idle first. */
export async function stalledRows(ctx: Ctx, where: SQL, before: Date, limit: number) {
  return selectWithNames(ctx.db)
    .where(and(where, eq(opportunities.status, 'open'), sql`${opportunities.lastActivityAt} <= ${before.toISOString()}::timestamptz`))
    .orderBy(asc(opportunities.lastActivityAt), asc(opportunities.id))
    .limit(limit);
}

/** A customer's opportunities the caller may see, newest first. */
export async function ofCustomer(ctx: Ctx, customerId: string, limit = 200) {
  return selectWithNames(ctx.db)
    .where(scopedWhere(ctx, opportunityFence, eq(opportunities.customerId, customerId)))
    .orderBy(desc(opportunities.createdAt), desc(opportunities.id))
    .limit(limit);
}

// ---------- stage history ----------

export async function insertHistory(
  tx: DbOrTx,
  tenantId: string,
  h: { opportunityId: string; fromStageKey: string | null; toStageKey: string; at: Date; byId: string | null; byName: string | null },
) {
  await tx.insert(opportunityStageHistory).values({ tenantId, ...h });
}

export async function historyOf(db: DbOrTx, tenantId: string, opportunityId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(opportunityStageHistory)
    .where(and(eq(opportunityStageHistory.tenantId, tenantId), eq(opportunityStageHistory.opportunityId, opportunityId)))
    .orderBy(asc(opportunityStageHistory.at), asc(opportunityStageHistory.seq));
}

export async function deleteWithHistory(tx: DbOrTx, tenantId: string, id: string) {
  await tx.delete(opportunityStageHistory).where(and(eq(opportunityStageHistory.tenantId, tenantId), eq(opportunityStageHistory.opportunityId, id)));
}

// ---------- system writes ----------

/** Last activity = the later of the stored one and `at` (activities may be logged out of order). */
export async function touchActivity(tx: DbOrTx, tenantId: string, id: string, at: Date) {
  await tx
    .update(opportunities)
    .set({ lastActivityAt: sql`GREATEST(${opportunities.lastActivityAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.id, id)));
}

/** Move opportunities of merged customers to the survivor; answers each moved one with its former customer. */
export async function repointCustomer(tx: DbOrTx, tenantId: string, fromIds: string[], toId: string): Promise<{ id: string; customerId: string }[]> {
  if (!fromIds.length) return [];
  const where = and(eq(opportunities.tenantId, tenantId), inArray(opportunities.customerId, fromIds));
  const moved = await tx.select({ id: opportunities.id, customerId: opportunities.customerId }).from(opportunities).where(where).for('update');
  if (moved.length) await tx.update(opportunities).set({ customerId: toId }).where(where);
  return moved;
}

// ---------- people ----------

/** A user's roles grant `permission` (roles are unioned, as at login). */
const holds = (permission: string) =>
  sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND ${permission} = ANY (r.permissions))`;

/**
 * Who may own an opportunity of a store: an active user holding opportunities:edit who works in the store or a unit
 * above it; without a store, anyone of the tenant's head office. `storeId` null stands for the head office.
 */
export async function canOwn(db: DbOrTx, tenantId: string, userId: string, storeId: string | null): Promise<boolean> {
  const res = await db.execute(sql`
    SELECT 1 FROM users u JOIN org_units uu ON uu.id = u.unit_id
     WHERE u.tenant_id = ${tenantId} AND u.id = ${userId} AND u.status = 'active' AND ${holds('opportunities:edit')}
       AND ${storeId ? sql`(SELECT s.path FROM org_units s WHERE s.tenant_id = ${tenantId} AND s.id = ${storeId}) LIKE uu.path || '%'` : sql`uu.parent_id IS NULL`}`);
  return res.rows.length > 0;
}

/**
 * Owners to pick from: for a store, everyone who may own its opportunities (see canOwn), nearest units first; without
 * a store, the active users with opportunities:edit inside `unitPath` (the caller's subtree; '/' for the tenant).
 */
export async function ownerCandidates(db: DbOrTx, tenantId: string, q: { storeId?: string; unitPath: string; onlyUserId?: string }) {
  const res = await db.execute<{ id: string; display_name: string; unit_id: string; unit_name: string | null }>(sql`
    SELECT u.id, u.display_name, u.unit_id, uu.name AS unit_name
      FROM users u JOIN org_units uu ON uu.id = u.unit_id
     WHERE u.tenant_id = ${tenantId} AND u.status = 'active' AND ${holds('opportunities:edit')}
       AND ${q.storeId ? sql`(SELECT s.path FROM org_units s WHERE s.tenant_id = ${tenantId} AND s.id = ${q.storeId}) LIKE uu.path || '%'` : sql`uu.path LIKE ${`${q.unitPath}%`}`}
       AND ${q.onlyUserId ? sql`u.id = ${q.onlyUserId}` : sql`TRUE`}
     ORDER BY length(uu.path) DESC, u.display_name, u.id
     LIMIT 500`);
  return res.rows.map((r) => ({ id: r.id, displayName: r.display_name, unitId: r.unit_id, unitName: r.unit_name }));
}

/** A unit's id, path and kind in the tenant (stores default from owners; regions filter reports). */
export async function unitById(db: DbOrTx, tenantId: string, id: string) {
  const [u] = await db.select({ id: orgUnits.id, path: orgUnits.path, kind: orgUnits.kind }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
  return u ?? null;
}

/** The unit a user works in, with its kind (an owner's store is the default store). */
export async function userUnit(db: DbOrTx, tenantId: string, userId: string) {
  const [u] = await db
    .select({ unitId: users.unitId, kind: orgUnits.kind, name: users.displayName })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return u ?? null;
}

export { opportunities, opportunityStageHistory };
