import { and, desc, eq, gte, inArray, lt, lte, notInArray, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { can, type Ctx } from '../http/context.ts';
import { redactChanges } from '../access/field-security.ts';
import { auditLog } from './audit.tables.ts';

type Row = typeof auditLog.$inferSelect;

const toDto = (ctx: Ctx, r: Row) => ({
  id: r.id,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorKind: r.actorKind,
  actorName: r.actorName,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  // Field rules apply to history too: hidden fields vanish, phones stay masked.
  changes: redactChanges(ctx, r.entityType, r.changes),
  // Where a change came from (address, browser) is for auditors: a history tab shows what changed, not the IP.
  ...(can(ctx, 'audit:view') ? { meta: r.meta, ip: r.ip } : { meta: withoutClientDetails(r.meta), ip: null }),
  requestId: r.requestId,
});

function withoutClientDetails(meta: Record<string, unknown>) {
  const { userAgent: _ua, ...rest } = meta;
  return rest;
}

/**
 * The ids of one entity type a caller may see (a subquery), registered by the module that owns the entity. A caller
 * whose data scope is narrower than the tenant sees the trail of those records only (PLAT-4): a regional manager
 * reads the history of the region's customers, not the whole tenant's. Entity types without a scope (roles, units,
 * custom fields …) are tenant-wide settings and stay visible to anyone with audit:view.
 */
export type AuditEntityScope = (ctx: Ctx) => SQLWrapper;
const ENTITY_SCOPES = new Map<string, AuditEntityScope>();

export function registerAuditScope(entityType: string, visibleIds: AuditEntityScope) {
  ENTITY_SCOPES.set(entityType, visibleIds);
}

function scopeCondition(ctx: Ctx): SQL | undefined {
  if (ctx.scope.kind === 'tenant' || ENTITY_SCOPES.size === 0) return undefined;
  const scoped = [...ENTITY_SCOPES].map(([type, ids]) => and(eq(auditLog.entityType, type), inArray(auditLog.entityId, ids(ctx))));
  return or(notInArray(auditLog.entityType, [...ENTITY_SCOPES.keys()]), ...scoped);
}

export async function listAudit(
  ctx: Ctx,
  q: { action?: string; entityType?: string; entityId?: string; actorId?: string; from?: string; to?: string; limit: number; cursor?: number },
) {
  const conds: (SQL | undefined)[] = [
    eq(auditLog.tenantId, ctx.tenantId),
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
    q.cursor ? lt(auditLog.id, q.cursor) : undefined,
    scopeCondition(ctx),
  ];
  const rows = await ctx.db.select().from(auditLog).where(and(...conds)).orderBy(desc(auditLog.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => toDto(ctx, r)), nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null };
}

/** History of one record, for its history tab; the caller has already proved it may see the record. */
export async function entityHistory(ctx: Ctx, entityType: string, entityIds: string[], limit = 200) {
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, ctx.tenantId), eq(auditLog.entityType, entityType), inArray(auditLog.entityId, entityIds)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => toDto(ctx, r));
}
