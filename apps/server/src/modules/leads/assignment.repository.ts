import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Fence } from '../../platform/db/scoped.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { leadAssignmentRules } from './leads.tables.ts';

export type RuleRow = typeof leadAssignmentRules.$inferSelect;
/** Rules are tenant settings (leads:admin): no unit, no owner. */
export const ruleFence: Fence = { table: leadAssignmentRules, entity: 'leadAssignmentRule' };

/** The permission a user needs to work leads (and so to be given one). */
export const LEAD_WORKER_PERMISSION = 'leads:edit';

/** One assignment at a time per tenant: counts of open leads and round-robin turns are read and used without a race. */
export async function lockAssignment(tx: DbOrTx, tenantId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`lead-assignment:${tenantId}`}, 0))`);
}

export async function enabledRules(tx: DbOrTx, tenantId: string): Promise<RuleRow[]> {
  return tx
    .select()
    .from(leadAssignmentRules)
    .where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.enabled, true)))
    .orderBy(asc(leadAssignmentRules.position), asc(leadAssignmentRules.createdAt), asc(leadAssignmentRules.id));
}

/** The round-robin cursor of a rule, locked until the capture commits (concurrent captures take turns). */
export async function lockCursor(tx: DbOrTx, tenantId: string, ruleId: string): Promise<string | null> {
  const [r] = await tx
    .select({ last: leadAssignmentRules.lastUserId })
    .from(leadAssignmentRules)
    .where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.id, ruleId)))
    .for('update');
  return r?.last ?? null;
}

export async function advanceCursor(tx: DbOrTx, tenantId: string, ruleId: string, userId: string) {
  await tx.update(leadAssignmentRules).set({ lastUserId: userId }).where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.id, ruleId)));
}

export interface Eligible {
  id: string;
  displayName: string;
  unitId: string;
  unitKind: 'hq' | 'region' | 'store';
}

/**
 * Who may be given a lead: active, not locked out, holding leads:edit, and — for a lead of a store — working in that
 * store or a unit above it (a region's or the head office's staff). `among`: only these users; `unitId`: only the
 * staff of this unit.
 */
function eligibleWhere(tenantId: string, now: Date, o: { storeId: string | null; among?: string[]; unitId?: string }): SQL {
  return sql`u.tenant_id = ${tenantId} AND u.status = 'active' AND (u.locked_until IS NULL OR u.locked_until <= ${now.toISOString()}::timestamptz)
    AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND ${LEAD_WORKER_PERMISSION} = ANY (r.permissions))
    ${o.storeId ? sql`AND (SELECT s.path FROM org_units s WHERE s.tenant_id = ${tenantId} AND s.id = ${o.storeId}) LIKE uu.path || '%'` : sql``}
    ${o.among ? sql`AND u.id = ANY (${`{${o.among.join(',')}}`}::uuid[])` : sql``}
    ${o.unitId ? sql`AND u.unit_id = ${o.unitId}` : sql``}`;
}

export async function eligibleUsers(db: DbOrTx, tenantId: string, now: Date, o: { storeId: string | null; among?: string[]; unitId?: string }): Promise<Eligible[]> {
  if (o.among && !o.among.length) return [];
  const res = await db.execute<{ id: string; display_name: string; unit_id: string; unit_kind: Eligible['unitKind'] }>(sql`
    SELECT u.id, u.display_name, u.unit_id, uu.kind AS unit_kind
      FROM users u JOIN org_units uu ON uu.id = u.unit_id
     WHERE ${eligibleWhere(tenantId, now, o)}
     ORDER BY u.id`);
  return res.rows.map((r) => ({ id: r.id, displayName: r.display_name, unitId: r.unit_id, unitKind: r.unit_kind }));
}

/**
 * The one with the fewest open leads among `userIds`; ties go to the one whose latest lead was assigned longest ago
 * (never assigned: first), then by id.
 */
export async function leastLoaded(db: DbOrTx, tenantId: string, userIds: string[]): Promise<string | null> {
  if (!userIds.length) return null;
  const res = await db.execute<{ id: string }>(sql`
    SELECT u.id
      FROM unnest(${`{${userIds.join(',')}}`}::uuid[]) AS u(id)
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE l.status IN ('new', 'following')) AS open, max(l.assigned_at) AS last
          FROM leads l WHERE l.tenant_id = ${tenantId} AND l.assignee_id = u.id
      ) w ON true
     ORDER BY w.open ASC, w.last ASC NULLS FIRST, u.id ASC
     LIMIT 1`);
  return res.rows[0]?.id ?? null;
}

/** Open leads per user. */
export async function openCounts(db: DbOrTx, tenantId: string, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const res = await db.execute<{ id: string; n: number }>(sql`
    SELECT l.assignee_id AS id, count(*)::int AS n FROM leads l
     WHERE l.tenant_id = ${tenantId} AND l.assignee_id = ANY (${`{${userIds.join(',')}}`}::uuid[]) AND l.status IN ('new', 'following')
     GROUP BY l.assignee_id`);
  return new Map(res.rows.map((r) => [r.id, r.n]));
}

/**
 * The active store serving an address: one in its city, else one in its province. Several: the one with the fewest
 * open leads, then by code.
 */
export async function storeForRegion(db: DbOrTx, tenantId: string, region: { provinceCode: string | null; cityCode: string | null }): Promise<string | null> {
  for (const [col, code] of [
    [sql.raw('s.city_code'), region.cityCode],
    [sql.raw('s.province_code'), region.provinceCode],
  ] as const) {
    if (!code) continue;
    const res = await db.execute<{ id: string }>(sql`
      SELECT s.id FROM org_units s
       WHERE s.tenant_id = ${tenantId} AND s.kind = 'store' AND s.status = 'active' AND ${col} = ${code}
       ORDER BY (SELECT count(*) FROM leads l WHERE l.tenant_id = ${tenantId} AND l.store_id = s.id AND l.status IN ('new', 'following')), s.code
       LIMIT 1`);
    if (res.rows[0]) return res.rows[0].id;
  }
  return null;
}

export async function unitById(db: DbOrTx, tenantId: string, id: string) {
  const [u] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, status: orgUnits.status })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
  return u ?? null;
}

export async function unitNames(db: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function usersByIds(db: DbOrTx, tenantId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, displayName: users.displayName, status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)));
}

/** Everyone who may take a lead of a store (see eligibleUsers), nearest units first, with their open leads. */
export async function assigneeCandidates(db: DbOrTx, tenantId: string, storeId: string | null, now: Date) {
  const res = await db.execute<{ id: string; display_name: string; unit_id: string; unit_name: string | null; open: number }>(sql`
    SELECT u.id, u.display_name, u.unit_id, uu.name AS unit_name,
           (SELECT count(*)::int FROM leads l WHERE l.tenant_id = ${tenantId} AND l.assignee_id = u.id AND l.status IN ('new', 'following')) AS open
      FROM users u JOIN org_units uu ON uu.id = u.unit_id
     WHERE ${eligibleWhere(tenantId, now, { storeId })}
     ORDER BY length(uu.path) DESC, u.display_name, u.id
     LIMIT 500`);
  return res.rows.map((r) => ({ id: r.id, displayName: r.display_name, unitId: r.unit_id, unitName: r.unit_name, openLeads: r.open }));
}

// ---------- rules (leads:admin) ----------

export async function allRules(db: DbOrTx, tenantId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(leadAssignmentRules)
    .where(eq(leadAssignmentRules.tenantId, tenantId))
    .orderBy(asc(leadAssignmentRules.position), asc(leadAssignmentRules.createdAt), asc(leadAssignmentRules.id));
}

export async function nextPosition(tx: DbOrTx, tenantId: string): Promise<number> {
  const r = await tx.execute<{ p: number }>(sql`SELECT coalesce(max(position), 0) + 10 AS p FROM lead_assignment_rules WHERE tenant_id = ${tenantId}`);
  return Number(r.rows[0].p);
}

export async function unitsExist(db: DbOrTx, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, ids)));
  return new Set(rows.map((r) => r.id));
}
