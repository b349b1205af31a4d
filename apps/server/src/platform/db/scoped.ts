import { and, eq, getTableName, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../http/context.ts';
import { diff } from '../audit/audit.writer.ts';
import { notFound } from '../http/errors.ts';
import type { DbOrTx } from './client.ts';

/**
 * How a table is fenced: every business table has a tenant column; tables whose records belong to a
 * unit and/or an owner also name those columns, and the caller's data scope applies to them (PLAT-4).
 */
export interface Fence {
  table: PgTable & { id: AnyPgColumn; tenantId: AnyPgColumn };
  unit?: AnyPgColumn;
  owner?: AnyPgColumn;
  /**
   * Records without an owner are shared with their unit: an `own`-scope caller also sees the unowned records of
   * its own unit (the customer pool, 公海, CUS-6). Needs `unit` and `owner`.
   */
  sharedWhenUnowned?: boolean;
  /** Name used in audit rows and 404 messages. */
  entity: string;
}

function requireTenant(ctx: Pick<Ctx, 'tenantId'>) {
  if (!ctx.tenantId) throw new Error('tenant missing from context');
  return ctx.tenantId;
}

/** Rows of the caller's unit subtree, for a unit column. Records with no unit belong to the root. */
export function unitInSubtree(ctx: Ctx, unitCol: AnyPgColumn, path: string): SQL {
  const atRoot = path.split('/').filter(Boolean).length === 1;
  const sub = sql`${unitCol} IN (SELECT ou.id FROM org_units ou WHERE ou.tenant_id = ${ctx.tenantId} AND ou.path LIKE ${`${path}%`})`;
  return atRoot ? sql`(${sub} OR ${unitCol} IS NULL)` : sub;
}

/** Tenant + data-scope condition for a fenced table. An empty tenant throws. */
export function scopedWhere(ctx: Ctx, fence: Fence, ...extra: (SQL | undefined)[]): SQL {
  const parts: (SQL | undefined)[] = [eq(fence.table.tenantId, requireTenant(ctx))];
  const s = ctx.scope;
  if (s.kind !== 'tenant' && (fence.unit || fence.owner)) {
    if (s.kind === 'own' && fence.owner) {
      const mine = eq(fence.owner, s.userId);
      parts.push(fence.sharedWhenUnowned && fence.unit ? or(mine, and(isNull(fence.owner), eq(fence.unit, s.unitId))) : mine);
    }
    else if (fence.unit) {
      parts.push(s.kind === 'unit' || s.kind === 'own' ? eq(fence.unit, s.unitId) : unitInSubtree(ctx, fence.unit, s.unitPath));
    }
  }
  return and(...parts, ...extra) as SQL;
}

/**
 * "May this caller see record <id>?" for a fenced table: the visibility of its list and GET (tenant and data scope),
 * as a check for routes that reach a record by id of a given type (history tabs, attachments).
 */
export const visibleIn =
  (fence: Fence) =>
  async (ctx: Ctx, id: string): Promise<boolean> => {
    const rows = await ctx.db
      .select({ id: fence.table.id })
      .from(fence.table as PgTable)
      .where(scopedWhere(ctx, fence, eq(fence.table.id, id)))
      .limit(1);
    return rows.length > 0;
  };

/**
 * What the caller's scope reaches, for writes that place a record and for pickers (no handler reads ctx.scope.kind):
 * `rootPath` is the path prefix of the units it reaches ('/' for the whole tenant); `reachesRoot` says whether
 * records without a unit (the head office) are within it; `onlyUserId` is set for an own-scope caller, who acts only
 * for themself.
 */
export function scopeReach(ctx: Ctx): { rootPath: string; reachesRoot: boolean; onlyUserId: string | undefined } {
  const s = ctx.scope;
  if (s.kind === 'tenant') return { rootPath: '/', reachesRoot: true, onlyUserId: undefined };
  const atRoot = s.kind === 'subtree' && s.unitPath.split('/').filter(Boolean).length === 1;
  return { rootPath: s.unitPath, reachesRoot: atRoot, onlyUserId: s.kind === 'own' ? s.userId : undefined };
}

/** Whether the caller's scope reaches a given unit (for writes that move a record to a unit). */
export async function unitWithinScope(ctx: Ctx, tx: DbOrTx, unitId: string): Promise<boolean> {
  if (ctx.scope.kind === 'tenant') {
    const r = await tx.execute(sql`SELECT 1 FROM org_units WHERE id = ${unitId} AND tenant_id = ${ctx.tenantId}`);
    return r.rows.length > 0;
  }
  if (ctx.scope.kind === 'unit' || ctx.scope.kind === 'own') return unitId === ctx.scope.unitId;
  const r = await tx.execute(
    sql`SELECT 1 FROM org_units WHERE id = ${unitId} AND tenant_id = ${ctx.tenantId} AND path LIKE ${`${ctx.scope.unitPath}%`}`,
  );
  return r.rows.length > 0;
}

/** Insert one row in the caller's tenant and write its audit row in the same transaction. */
export async function insertScoped<T extends Record<string, unknown>>(
  ctx: Ctx,
  tx: DbOrTx,
  fence: Fence,
  values: Record<string, unknown>,
  audit: { action?: string; meta?: Record<string, unknown> } = {},
): Promise<T> {
  const [row] = (await tx
    .insert(fence.table)
    .values({ ...values, tenantId: requireTenant(ctx) } as never)
    .returning()) as unknown as T[];
  await ctx.audit.record(tx, {
    action: audit.action ?? `${fence.entity}.created`,
    entityType: fence.entity,
    entityId: (row as { id?: string }).id,
    changes: diff(null, row),
    meta: audit.meta,
  });
  return row;
}

/** Lock a row the caller may see, or answer 404. */
export async function lockScoped<T>(ctx: Ctx, tx: DbOrTx, fence: Fence, id: string, extra?: SQL): Promise<T> {
  const rows = await tx
    .select()
    .from(fence.table as PgTable)
    .where(scopedWhere(ctx, fence, eq(fence.table.id, id), extra))
    .for('update');
  if (!rows[0]) throw notFound(fence.entity);
  return rows[0] as T;
}

/** Update a row the caller may see (else 404), auditing field before/after in the same transaction. */
export async function updateScoped<T extends Record<string, unknown>>(
  ctx: Ctx,
  tx: DbOrTx,
  fence: Fence,
  id: string,
  patch: Record<string, unknown>,
  audit: { action?: string; meta?: Record<string, unknown>; extra?: SQL } = {},
): Promise<{ before: T; after: T }> {
  const before = await lockScoped<T>(ctx, tx, fence, id, audit.extra);
  const [after] = (await tx
    .update(fence.table)
    .set({ ...patch, ...('updatedAt' in fence.table ? { updatedAt: ctx.now() } : {}) } as never)
    .where(and(eq(fence.table.tenantId, ctx.tenantId), eq(fence.table.id, id)))
    .returning()) as unknown as T[];
  const changes = diff(before, after);
  if (changes.length > 0 || audit.action) {
    await ctx.audit.record(tx, {
      action: audit.action ?? `${fence.entity}.updated`,
      entityType: fence.entity,
      entityId: id,
      changes,
      meta: audit.meta,
    });
  }
  return { before, after };
}

/** Delete a row the caller may see (else 404), keeping its last values in the audit row. */
export async function deleteScoped<T extends Record<string, unknown>>(
  ctx: Ctx,
  tx: DbOrTx,
  fence: Fence,
  id: string,
  audit: { action?: string; meta?: Record<string, unknown> } = {},
): Promise<T> {
  const before = await lockScoped<T>(ctx, tx, fence, id);
  await tx.delete(fence.table).where(and(eq(fence.table.tenantId, ctx.tenantId), eq(fence.table.id, id)));
  await ctx.audit.record(tx, {
    action: audit.action ?? `${fence.entity}.deleted`,
    entityType: fence.entity,
    entityId: id,
    changes: diff(before, null),
    meta: audit.meta,
  });
  return before;
}

export const tableName = (t: PgTable) => getTableName(t);
