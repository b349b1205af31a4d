import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { encodeCursor } from '../../platform/db/keyset.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import { salesTargets } from './targets.tables.ts';

/** The only file that queries the targets table (and reads units and users as subjects of targets). */

export const targetFence: Fence = { table: salesTargets, unit: salesTargets.unitId, owner: salesTargets.userId, entity: 'salesTarget' };
/** Ids of the targets the caller may see (the audit trail's view of targets). */
export const scopedTargetIds = (ctx: Ctx) => ctx.db.select({ id: salesTargets.id }).from(salesTargets).where(scopedWhere(ctx, targetFence));

/**
 * Who a caller may set targets for is who it may see: users through the users' fence (their unit; an own-scope caller
 * only itself), units through the units' fence. A unit is nobody's own record, so its "owner" is a column no user id
 * equals: an own-scope caller reaches no unit.
 */
const userSubjectFence: Fence = { table: users, unit: users.unitId, owner: users.id, entity: 'user' };
const unitSubjectFence: Fence = { table: orgUnits, unit: orgUnits.id, owner: orgUnits.id, entity: 'orgUnit' };

export type TargetRow = typeof salesTargets.$inferSelect;
export type TargetRowWithName = TargetRow & { subjectName: string | null };

export interface Subject {
  type: 'user' | 'unit';
  id: string;
  name: string;
  /** The unit the target belongs to: the unit itself, or the user's unit. */
  unitId: string;
  /** The user of a user target. */
  userId: string | null;
  /** Of a unit: its parent (null for the head office). */
  parentId: string | null;
}

/** A user or unit the caller may set targets for; null when unknown or out of scope. */
export async function subjectInScope(ctx: Ctx, db: DbOrTx, type: 'user' | 'unit', id: string): Promise<Subject | null> {
  if (type === 'user') {
    const [u] = await db
      .select({ id: users.id, name: users.displayName, unitId: users.unitId })
      .from(users)
      .where(scopedWhere(ctx, userSubjectFence, eq(users.id, id)));
    return u ? { type, id: u.id, name: u.name, unitId: u.unitId, userId: u.id, parentId: null } : null;
  }
  const [o] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(scopedWhere(ctx, unitSubjectFence, eq(orgUnits.id, id)));
  return o ? { type, id: o.id, name: o.name, unitId: o.id, userId: null, parentId: o.parentId } : null;
}

/** The direct children of a unit among `ids` that the caller may see: child units and the users of the unit. */
export async function childSubjects(ctx: Ctx, db: DbOrTx, unitId: string, ids: { units: string[]; users: string[] }): Promise<Subject[]> {
  const [units, people] = await readTogether(db, [
    async () =>
      ids.units.length
        ? db
            .select({ id: orgUnits.id, name: orgUnits.name })
            .from(orgUnits)
            .where(scopedWhere(ctx, unitSubjectFence, eq(orgUnits.parentId, unitId), inArray(orgUnits.id, ids.units)))
        : [],
    async () =>
      ids.users.length
        ? db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(scopedWhere(ctx, userSubjectFence, eq(users.unitId, unitId), inArray(users.id, ids.users)))
        : [],
  ]);
  return [
    ...units.map((u): Subject => ({ type: 'unit', id: u.id, name: u.name, unitId: u.id, userId: null, parentId: unitId })),
    ...people.map((u): Subject => ({ type: 'user', id: u.id, name: u.name, unitId, userId: u.id, parentId: null })),
  ];
}

/** The target of a subject and period, locked (set and split write it). Whole tenant: the caller checked the subject. */
export async function lockBySubject(tx: DbOrTx, tenantId: string, type: 'user' | 'unit', subjectId: string, period: string): Promise<TargetRow | null> {
  const [row] = await tx
    .select()
    .from(salesTargets)
    .where(and(eq(salesTargets.tenantId, tenantId), eq(salesTargets.subjectType, type), eq(salesTargets.subjectId, subjectId), eq(salesTargets.period, period)))
    .for('update');
  return row ?? null;
}

/** Serialise writes of one subject's target (two managers setting it at once must not both insert). */
export async function lockSubject(tx: DbOrTx, tenantId: string, subjectId: string, period: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sales_target:${tenantId}:${period}`}), hashtext(${subjectId}))`);
}

const subjectName = sql<string | null>`CASE ${salesTargets.subjectType}
  WHEN 'user' THEN (SELECT u.display_name FROM users u WHERE u.id = ${salesTargets.subjectId})
  ELSE (SELECT o.name FROM org_units o WHERE o.id = ${salesTargets.subjectId}) END`;

function selectWithName<E extends Record<string, SQL>>(db: DbOrTx, extra: E = {} as E) {
  return db.select({ ...getTableColumns(salesTargets), subjectName, ...extra }).from(salesTargets);
}

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<TargetRowWithName | null> {
  const [row] = await selectWithName(db).where(scopedWhere(ctx, targetFence, eq(salesTargets.id, id)));
  return row ?? null;
}

export async function findInTenant(db: DbOrTx, tenantId: string, ids: string[]): Promise<TargetRowWithName[]> {
  if (!ids.length) return [];
  return selectWithName(db).where(and(eq(salesTargets.tenantId, tenantId), inArray(salesTargets.id, ids)));
}

/** SQL: the unit column lies in the subtree of `unitId` (the unit and everything below it). */
const inSubtreeOf = (ctx: Ctx, col: typeof salesTargets.unitId | typeof orgUnits.id, unitId: string) =>
  sql`${col} IN (SELECT d.id FROM org_units d WHERE d.tenant_id = ${ctx.tenantId}
        AND d.path LIKE (SELECT r.path FROM org_units r WHERE r.tenant_id = ${ctx.tenantId} AND r.id = ${unitId}) || '%')`;

export function listWhere(ctx: Ctx, f: { period?: string; subjectType?: 'user' | 'unit'; unitId?: string }): SQL {
  return scopedWhere(
    ctx,
    targetFence,
    f.period ? eq(salesTargets.period, f.period) : undefined,
    f.subjectType ? eq(salesTargets.subjectType, f.subjectType) : undefined,
    f.unitId ? inSubtreeOf(ctx, salesTargets.unitId, f.unitId) : undefined,
  );
}

/** Keyset page, newest first: (created_at, id) before the cursor, at the database's microsecond precision. */
export async function listPage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`(${salesTargets.createdAt}, ${salesTargets.id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : undefined;
  const sortKey = sql<string>`to_char(${salesTargets.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await selectWithName(db, { sortKey })
    .where(after ? and(where, after) : where)
    .orderBy(desc(salesTargets.createdAt), desc(salesTargets.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null };
}

// ---------- the progress tree ----------

export interface TreeUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: 'hq' | 'region' | 'store';
  path: string;
}

/** The units of the subtree of `rootId` the caller may see (the root first when visible), in tree order. */
export async function unitsUnder(ctx: Ctx, rootId: string): Promise<TreeUnit[]> {
  return ctx.db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(scopedWhere(ctx, unitSubjectFence, inSubtreeOf(ctx, orgUnits.id, rootId)))
    .orderBy(asc(orgUnits.path), asc(orgUnits.name));
}

/** Users of these units the caller may see: the active ones, and anyone with a target in the period. */
export async function usersIn(ctx: Ctx, unitIds: string[], period: string) {
  if (!unitIds.length) return [];
  const hasTarget = sql`EXISTS (SELECT 1 FROM sales_targets st WHERE st.tenant_id = ${ctx.tenantId} AND st.subject_type = 'user'
    AND st.subject_id = ${users.id} AND st.period = ${period})`;
  return ctx.db
    .select({ id: users.id, name: users.displayName, unitId: users.unitId })
    .from(users)
    .where(scopedWhere(ctx, userSubjectFence, inArray(users.unitId, unitIds), or(eq(users.status, 'active'), hasTarget)))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(5000);
}

/** Targets of a period the caller may see, of the units listed and of the users listed (wherever they were set). */
export async function targetsOf(ctx: Ctx, period: string, unitIds: string[], userIds: string[]): Promise<TargetRow[]> {
  const parts = [
    unitIds.length ? inArray(salesTargets.unitId, unitIds) : undefined,
    userIds.length ? and(eq(salesTargets.subjectType, 'user'), inArray(salesTargets.subjectId, userIds), isNotNull(salesTargets.userId)) : undefined,
  ].filter((p): p is SQL => !!p);
  if (!parts.length) return [];
  return ctx.db
    .select()
    .from(salesTargets)
    .where(scopedWhere(ctx, targetFence, eq(salesTargets.period, period), or(...parts)));
}
