import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, visibleIn, type Fence } from '../../platform/db/scoped.ts';
import { counters, orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { requestActivities, requestEscalations, serviceRequests } from './requests.tables.ts';
import { decodeCursor as decodeKeyset, encodeCursor } from '../../platform/db/keyset.ts';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type RequestRowWithNames = RequestRow & { storeName: string | null; assigneeName: string | null; escalatedToName: string | null };
export type ActivityRow = typeof requestActivities.$inferSelect;
export type EscalationRow = typeof requestEscalations.$inferSelect;

/**
 * Requests belong to a store (unit) and an assignee (owner). Unassigned requests form the store's queue: besides the
 * store's managers (unit scope), the store's own-scope staff see the queue too, so that someone can pick a request up.
 */
export const requestFence: Fence = { table: serviceRequests, unit: serviceRequests.storeId, owner: serviceRequests.assigneeId, sharedWhenUnowned: true, entity: 'serviceRequest' };
export const isRequestVisible = visibleIn(requestFence);
/** Ids of the requests the caller may see, as a subquery (the audit trail's view of requests). */
export const scopedRequestIds = (ctx: Ctx) => ctx.db.select({ id: serviceRequests.id }).from(serviceRequests).where(scopedWhere(ctx, requestFence));

/** The local (Asia/Shanghai) calendar date of an instant, 'YYYY-MM-DD'. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** SR + Shanghai date + a per-tenant daily sequence (SR202611220001); the counter row serialises concurrent creates. */
export async function nextRequestNumber(tx: DbOrTx, tenantId: string, now: Date): Promise<string> {
  const ymd = shanghaiDate(now).replaceAll('-', '');
  const [row] = await tx
    .insert(counters)
    .values({ tenantId, name: `service_request:${ymd}`, value: 1 })
    .onConflictDoUpdate({ target: [counters.tenantId, counters.name], set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return `SR${ymd}${String(row.value).padStart(4, '0')}`;
}

const assignee = alias(users, 'assignee');
const escalatedTo = alias(users, 'escalated_to');
const withNames = {
  ...getTableColumns(serviceRequests),
  storeName: orgUnits.name,
  assigneeName: assignee.displayName,
  escalatedToName: escalatedTo.displayName,
};

function selectWithNames<E extends Record<string, SQL>>(db: DbOrTx, extra?: E) {
  return db
    .select({ ...withNames, ...(extra ?? ({} as E)) })
    .from(serviceRequests)
    .leftJoin(orgUnits, eq(orgUnits.id, serviceRequests.storeId))
    .leftJoin(assignee, eq(assignee.id, serviceRequests.assigneeId))
    .leftJoin(escalatedTo, eq(escalatedTo.id, serviceRequests.escalatedToId));
}

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<RequestRowWithNames | null> {
  const rows = await selectWithNames(db).where(scopedWhere(ctx, requestFence, eq(serviceRequests.id, id)));
  return rows[0] ?? null;
}

/** Requests by id in the tenant, whatever the caller's scope (system work: the SLA sweep, customer self-service). */
export async function findInTenant(db: DbOrTx, tenantId: string, ids: string[]): Promise<RequestRowWithNames[]> {
  if (!ids.length) return [];
  return selectWithNames(db).where(and(eq(serviceRequests.tenantId, tenantId), inArray(serviceRequests.id, ids)));
}

/** SQL: the first-response clock ran out (answered late, or still unanswered after its due time). */
export const firstResponseBreachedSql = (now: Date) =>
  sql`(${serviceRequests.firstResponseDueAt} IS NOT NULL AND COALESCE(${serviceRequests.firstResponseAt}, ${serviceRequests.cancelledAt}, ${now}::timestamptz) > ${serviceRequests.firstResponseDueAt})`;
/** SQL: the resolution clock ran out; a paused clock is compared at the moment it stopped. */
export const resolutionBreachedSql = (now: Date) =>
  sql`(${serviceRequests.resolutionDueAt} IS NOT NULL AND COALESCE(${serviceRequests.resolvedAt}, ${serviceRequests.cancelledAt}, ${serviceRequests.pausedAt}, ${now}::timestamptz) > ${serviceRequests.resolutionDueAt})`;

/** Keyset page, newest first: (created_at, id) before the cursor, at the database's microsecond precision. */
export async function listPage(ctx: Ctx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`(${serviceRequests.createdAt}, ${serviceRequests.id}) < (${cursor[0]}::timestamptz, ${cursor[1]})` : undefined;
  const sortKey = sql<string>`to_char(${serviceRequests.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await selectWithNames(ctx.db, { sortKey })
    .where(after ? and(where, after) : where)
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null;
  return { rows: page, nextCursor };
}

export const decodeCursor = (c: string | undefined) => decodeKeyset(c);

export async function cappedCount(ctx: Ctx, where: SQL, cap = 10000): Promise<{ total: number; estimate: boolean }> {
  const res = await ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM service_requests WHERE ${where} LIMIT ${cap + 1}) s`);
  const n = res.rows[0]?.n ?? 0;
  return { total: Math.min(n, cap), estimate: n > cap };
}

// ---------- timeline ----------

export async function insertActivity(ctx: Ctx, tx: DbOrTx, requestId: string, a: { kind: string; public?: boolean; body?: string | null; fromStatus?: string | null; toStatus?: string | null; meta?: Record<string, unknown>; asCustomer?: boolean }) {
  await tx.insert(requestActivities).values({
    tenantId: ctx.tenantId,
    requestId,
    kind: a.kind,
    public: a.public ?? false,
    body: a.body ?? null,
    actorKind: a.asCustomer ? 'customer' : ctx.actor.kind,
    actorId: a.asCustomer || ctx.actor.kind === 'system' ? null : ctx.actor.id,
    actorName: a.asCustomer ? null : ctx.actor.name,
    fromStatus: a.fromStatus ?? null,
    toStatus: a.toStatus ?? null,
    meta: a.meta ?? {},
    createdAt: ctx.now(),
  });
}

export async function activitiesOf(db: DbOrTx, tenantId: string, requestIds: string[], publicOnly = false): Promise<ActivityRow[]> {
  if (!requestIds.length) return [];
  return db
    .select()
    .from(requestActivities)
    .where(and(eq(requestActivities.tenantId, tenantId), inArray(requestActivities.requestId, requestIds), publicOnly ? eq(requestActivities.public, true) : undefined))
    .orderBy(asc(requestActivities.seq));
}

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');
export async function escalationsOf(db: DbOrTx, tenantId: string, requestId: string) {
  return db
    .select({ ...getTableColumns(requestEscalations), fromUserName: fromUser.displayName, toUserName: toUser.displayName })
    .from(requestEscalations)
    .leftJoin(fromUser, eq(fromUser.id, requestEscalations.fromUserId))
    .leftJoin(toUser, eq(toUser.id, requestEscalations.toUserId))
    .where(and(eq(requestEscalations.tenantId, tenantId), eq(requestEscalations.requestId, requestId)))
    .orderBy(asc(requestEscalations.escalatedAt), asc(requestEscalations.level));
}

// ---------- people and units ----------

export interface Person {
  id: string;
  displayName: string;
  unitId: string;
  status: 'active' | 'disabled';
  supervisorId: string | null;
}

export async function personById(db: DbOrTx, tenantId: string, id: string): Promise<Person | null> {
  const [u] = await db
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId, status: users.status, supervisorId: users.supervisorId })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return u ?? null;
}

export async function unitById(db: DbOrTx, tenantId: string, id: string) {
  const [u] = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId, path: orgUnits.path, name: orgUnits.name, kind: orgUnits.kind }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
  return u ?? null;
}

/** The tenant's root unit (head office). */
export async function rootUnitId(db: DbOrTx, tenantId: string): Promise<string> {
  const [u] = await db.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), sql`${orgUnits.parentId} IS NULL`)).limit(1);
  return u.id;
}

/** A user's roles grant `permission` (roles are unioned, as at login). */
const holds = (permission: string) =>
  sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ${users.id} AND ${permission} = ANY (r.permissions))`;

/** Active users of one unit holding a permission, in a stable order (name, id): round robin and escalation pick from these. */
export async function activeUsersWithPermission(db: DbOrTx, tenantId: string, unitId: string, permission: string) {
  return db
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.unitId, unitId), eq(users.status, 'active'), holds(permission)))
    .orderBy(asc(users.id));
}

/**
 * Whether a user may serve requests of a store: active, holding requests:edit, working in the store or a unit above
 * it (a region's or the head office's staff). `storeId` null stands for the head office.
 */
export async function canServe(db: DbOrTx, tenantId: string, userId: string, storeId: string | null): Promise<boolean> {
  const res = await db.execute(sql`
    SELECT 1 FROM users u JOIN org_units uu ON uu.id = u.unit_id
     WHERE u.tenant_id = ${tenantId} AND u.id = ${userId} AND u.status = 'active'
       AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'requests:edit' = ANY (r.permissions))
       AND ${storeId
         ? sql`(SELECT s.path FROM org_units s WHERE s.tenant_id = ${tenantId} AND s.id = ${storeId}) LIKE uu.path || '%'`
         : sql`uu.parent_id IS NULL`}`);
  return res.rows.length > 0;
}

/** Everyone who may take requests of a store (see canServe), nearest units first. */
export async function assigneeCandidates(db: DbOrTx, tenantId: string, storeId: string | null) {
  const res = await db.execute<{ id: string; display_name: string; unit_id: string; unit_name: string | null }>(sql`
    SELECT u.id, u.display_name, u.unit_id, uu.name AS unit_name
      FROM users u JOIN org_units uu ON uu.id = u.unit_id
     WHERE u.tenant_id = ${tenantId} AND u.status = 'active'
       AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'requests:edit' = ANY (r.permissions))
       AND ${storeId
         ? sql`(SELECT s.path FROM org_units s WHERE s.tenant_id = ${tenantId} AND s.id = ${storeId}) LIKE uu.path || '%'`
         : sql`uu.parent_id IS NULL`}
     ORDER BY length(uu.path) DESC, u.display_name, u.id
     LIMIT 500`);
  return res.rows.map((r) => ({ id: r.id, displayName: r.display_name, unitId: r.unit_id, unitName: r.unit_name }));
}

export { serviceRequests, requestActivities, requestEscalations };

/** Move requests of merged customers to the surviving customer; answers each moved request with its former customer. */
export async function repointCustomer(tx: DbOrTx, tenantId: string, fromIds: string[], toId: string): Promise<{ id: string; customerId: string | null }[]> {
  if (!fromIds.length) return [];
  const where = and(eq(serviceRequests.tenantId, tenantId), inArray(serviceRequests.customerId, fromIds));
  const moved = await tx.select({ id: serviceRequests.id, customerId: serviceRequests.customerId }).from(serviceRequests).where(where).for('update');
  if (moved.length) await tx.update(serviceRequests).set({ customerId: toId }).where(where);
  return moved;
}
