import { and, eq, inArray, isNotNull, isNull, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { customers, poolSettings } from './customers.tables.ts';
import { customerFence, live } from './customers.repository.ts';

/** Ownership SQL: bulk transfer, the shared pool (公海) and its idle rule (CUS-6). */

/** In the pool: no owner. */
export const inPool = () => isNull(customers.ownerId);
export const owned = () => isNotNull(customers.ownerId);

export async function unitById(tx: DbOrTx, tenantId: string, id: string) {
  const [u] = await tx
    .select({ id: orgUnits.id, path: orgUnits.path, status: orgUnits.status })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
  return u ?? null;
}

export async function userById(tx: DbOrTx, tenantId: string, id: string) {
  const [u] = await tx
    .select({ id: users.id, status: users.status, unitId: users.unitId, unitPath: orgUnits.path })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return u ?? null;
}

/** Which of these users sit in the unit subtree at `path`. */
export async function usersUnder(tx: DbOrTx, tenantId: string, ids: string[], path: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids), like(orgUnits.path, `${path}%`)));
  return new Set(rows.map((r) => r.id));
}

/** Set owner and store of many customers in one statement; a new owner starts a fresh idle period. */
export async function applyOwnership(tx: DbOrTx, tenantId: string, rows: { id: string; ownerId: string | null; storeId: string | null }[], now: Date) {
  if (!rows.length) return;
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.ownerId}::uuid, ${r.storeId}::uuid)`), sql`, `);
  await tx.execute(sql`
    UPDATE customers c SET owner_id = v.owner_id, store_id = v.store_id, last_touched_at = ${now}, updated_at = ${now}
      FROM (VALUES ${values}) AS v(id, owner_id, store_id)
     WHERE c.tenant_id = ${tenantId} AND c.id = v.id`);
}

/**
 * Whether a live customer is within the caller's reach of the pool: the caller's scope, with `own` widened to the
 * caller's unit. Tells a lost claim race (409) from a customer the caller cannot see at all (404).
 */
export async function inPoolReach(ctx: Ctx, tx: DbOrTx, id: string): Promise<boolean> {
  const reach = ctx.scope.kind === 'own' ? { ...ctx, scope: { ...ctx.scope, kind: 'unit' as const } } : ctx;
  const rows = await tx.select({ id: customers.id }).from(customers).where(scopedWhere(reach, customerFence, live(), eq(customers.id, id)));
  return rows.length > 0;
}

/** Until an administrator saves the rule, a tenant's pool has no idle rule (customers are never taken away unasked). */
export const DEFAULT_POOL_SETTINGS = { idleDays: 30, enabled: false };

export async function getPoolSettings(db: DbOrTx, tenantId: string) {
  const [row] = await db.select().from(poolSettings).where(eq(poolSettings.tenantId, tenantId));
  return row ? { idleDays: row.idleDays, enabled: row.enabled } : DEFAULT_POOL_SETTINGS;
}

export async function savePoolSettings(tx: DbOrTx, tenantId: string, s: { idleDays: number; enabled: boolean }, now: Date) {
  await tx
    .insert(poolSettings)
    .values({ tenantId, ...s, updatedAt: now })
    .onConflictDoUpdate({ target: poolSettings.tenantId, set: { ...s, updatedAt: now } });
}

/** Tenants whose idle rule is on (one tenant, or all). */
export async function idleRules(db: DbOrTx, tenantId?: string) {
  return db
    .select({ tenantId: poolSettings.tenantId, idleDays: poolSettings.idleDays })
    .from(poolSettings)
    .where(and(eq(poolSettings.enabled, true), tenantId ? eq(poolSettings.tenantId, tenantId) : undefined));
}

/**
 * One batch of the idle rule: owned live customers untouched since `cutoff` lose their owner. Rows locked by a
 * concurrent edit are skipped (that edit touches them anyway). Answers the previous owners for the audit rows.
 */
export async function returnIdleBatch(tx: DbOrTx, tenantId: string, cutoff: Date, now: Date, size: number) {
  const res = await tx.execute<{ id: string; owner_id: string; last_touched_at: Date }>(sql`
    WITH picked AS (
      SELECT id, owner_id, last_touched_at FROM customers
       WHERE tenant_id = ${tenantId} AND owner_id IS NOT NULL AND deleted_at IS NULL AND merged_into_id IS NULL
         AND last_touched_at < ${cutoff}
       ORDER BY last_touched_at LIMIT ${size} FOR UPDATE SKIP LOCKED)
    UPDATE customers c SET owner_id = NULL, updated_at = ${now}
      FROM picked WHERE c.id = picked.id
    RETURNING c.id, picked.owner_id, picked.last_touched_at`);
  return res.rows.map((r) => ({ id: r.id, ownerId: r.owner_id, lastTouchedAt: new Date(r.last_touched_at) }));
}
