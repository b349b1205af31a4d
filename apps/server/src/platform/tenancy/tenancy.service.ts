import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateOrgUnit, CreateRole, CreateUser, UpdateOrgUnit, UpdateRole, UpdateUser } from '@jiake/shared';
import { isPermissionKey } from '@jiake/shared';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { AppError, invalid, issue, notFound } from '../http/errors.ts';
import { insertScoped, lockScoped, scopedWhere, unitWithinScope, updateScoped, type Fence } from '../db/scoped.ts';
import { auditWriter, diff } from '../audit/audit.writer.ts';
import { hashPassword } from '../auth/password.ts';
import { endUserSessions } from '../auth/login.ts';
import { orgUnits, roles, tenants, userRoles, users } from './tenancy.tables.ts';
import { BUILTIN_ROLES } from './builtin-roles.ts';
import { CURRENT_PERMISSION_VERSION } from './role-upgrades.ts';

export const unitFence: Fence = { table: orgUnits, entity: 'orgUnit' };
export const roleFence: Fence = { table: roles, entity: 'role' };
/** Users are fenced by their unit: a regional admin manages the region's users. */
export const userFence: Fence = { table: users, unit: users.unitId, entity: 'user' };

type UnitRow = typeof orgUnits.$inferSelect;
type UserRow = typeof users.$inferSelect;

export interface NewTenant {
  code: string;
  name: string;
  hqName?: string;
  admin: { username: string; password: string; displayName: string };
}

/** A tenant with its HQ unit, the built-in roles and a first administrator, in one transaction. */
export async function createTenant(db: Db, t: NewTenant, now = new Date()) {
  return db.transaction(async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      .values({ code: t.code.toLowerCase(), name: t.name, settings: { permissionsVersion: CURRENT_PERMISSION_VERSION }, createdAt: now, updatedAt: now })
      .returning();
    const hqId = crypto.randomUUID();
    const [hq] = await tx
      .insert(orgUnits)
      .values({ id: hqId, tenantId: tenant.id, kind: 'hq', code: 'HQ', name: t.hqName ?? `${t.name}总部`, path: `/${hqId}/` })
      .returning();
    const roleRows = await tx
      .insert(roles)
      .values(BUILTIN_ROLES.map((r) => ({ tenantId: tenant.id, name: r.name, description: r.description, permissions: r.permissions, dataScope: r.dataScope, fieldRules: r.fieldRules ?? {}, builtin: true })))
      .returning();
    const [admin] = await tx
      .insert(users)
      .values({ tenantId: tenant.id, unitId: hq.id, username: t.admin.username, displayName: t.admin.displayName, passwordHash: await hashPassword(t.admin.password) })
      .returning();
    await tx.insert(userRoles).values({ tenantId: tenant.id, userId: admin.id, roleId: roleRows[0].id });
    const audit = auditWriter({ tenantId: tenant.id, actorId: null, actorKind: 'system', actorName: 'system', ip: null, requestId: null });
    await audit.record(tx, { action: 'tenant.created', entityType: 'tenant', entityId: tenant.id, meta: { code: tenant.code } });
    return { tenant, hq, roles: roleRows, admin };
  });
}

// ---------- org units (PLAT-2) ----------

export const toUnitDto = (u: UnitRow) => ({
  id: u.id, parentId: u.parentId, kind: u.kind, storeKind: u.storeKind ?? null, code: u.code, name: u.name,
  status: u.status, provinceCode: u.provinceCode, cityCode: u.cityCode,
});

export async function listUnits(ctx: Ctx) {
  const rows = await ctx.db.select().from(orgUnits).where(scopedWhere(ctx, unitFence)).orderBy(asc(orgUnits.path));
  return rows.map(toUnitDto);
}

export async function createUnit(ctx: Ctx, input: z.infer<typeof CreateOrgUnit>) {
  return ctx.db.transaction(async (tx) => {
    if (!(await unitWithinScope(ctx, tx, input.parentId))) throw invalid([issue('body.parentId', 'not_found', 'parent unit not found')]);
    const parent = await lockScoped<UnitRow>(ctx, tx, unitFence, input.parentId);
    if (parent.kind === 'store') throw invalid([issue('body.parentId', 'invalid_parent', 'a store cannot have sub-units')]);
    const dup = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.tenantId, ctx.tenantId), eq(orgUnits.code, input.code)));
    if (dup.length) throw new AppError('conflict', 'unit code already used', { issues: [issue('body.code', 'taken', 'code already used')] });
    const id = crypto.randomUUID();
    const row = await insertScoped<UnitRow>(ctx, tx, unitFence, {
      id, parentId: parent.id, kind: input.kind, storeKind: input.kind === 'store' ? input.storeKind : null,
      code: input.code, name: input.name, path: `${parent.path}${id}/`, provinceCode: input.provinceCode ?? null, cityCode: input.cityCode ?? null,
    });
    return toUnitDto(row);
  });
}

/** Rename, move (the subtree moves with it), close or reopen a unit; history stays in the trail. */
export async function updateUnit(ctx: Ctx, id: string, input: z.infer<typeof UpdateOrgUnit>) {
  return ctx.db.transaction(async (tx) => {
    const unit = await lockScoped<UnitRow>(ctx, tx, unitFence, id);
    const patch: Partial<UnitRow> = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.status !== undefined) patch.status = input.status;
    if (input.storeKind !== undefined) {
      if (unit.kind !== 'store') throw invalid([issue('body.storeKind', 'not_store', 'only stores have a store kind')]);
      patch.storeKind = input.storeKind;
    }
    if (input.parentId !== undefined && input.parentId !== unit.parentId) {
      if (unit.kind === 'hq') throw invalid([issue('body.parentId', 'invalid_parent', 'HQ cannot move')]);
      const parent = await lockScoped<UnitRow>(ctx, tx, unitFence, input.parentId).catch(() => {
        throw invalid([issue('body.parentId', 'not_found', 'parent unit not found')]);
      });
      if (parent.path.startsWith(unit.path)) throw invalid([issue('body.parentId', 'cycle', 'a unit cannot move under itself')]);
      if (parent.kind === 'store') throw invalid([issue('body.parentId', 'invalid_parent', 'a store cannot have sub-units')]);
      const newPath = `${parent.path}${unit.id}/`;
      await tx.execute(sql`UPDATE org_units SET path = ${newPath} || substr(path, ${unit.path.length + 1}) WHERE tenant_id = ${ctx.tenantId} AND path LIKE ${`${unit.path}%`}`);
      patch.parentId = parent.id;
    }
    const { after } = await updateScoped<UnitRow>(ctx, tx, unitFence, id, patch);
    return toUnitDto(after);
  });
}

// ---------- roles (PLAT-4, PLAT-5) ----------

export const toRoleDto = (r: typeof roles.$inferSelect) => ({
  id: r.id, name: r.name, description: r.description, permissions: r.permissions, dataScope: r.dataScope, fieldRules: r.fieldRules, builtin: r.builtin,
});

function checkPermissions(perms: string[] | undefined) {
  const bad = (perms ?? []).map((p, i) => [p, i] as const).filter(([p]) => !isPermissionKey(p));
  if (bad.length) throw invalid(bad.map(([p, i]) => issue(`body.permissions.${i}`, 'unknown_permission', `unknown permission ${p}`)));
}

export async function listRoles(ctx: Ctx) {
  return (await ctx.db.select().from(roles).where(scopedWhere(ctx, roleFence)).orderBy(asc(roles.createdAt), asc(roles.name))).map(toRoleDto);
}

export async function createRole(ctx: Ctx, input: z.infer<typeof CreateRole>) {
  checkPermissions(input.permissions);
  return ctx.db.transaction(async (tx) => {
    const dup = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, ctx.tenantId), eq(roles.name, input.name)));
    if (dup.length) throw new AppError('conflict', 'role name already used', { issues: [issue('body.name', 'taken', 'name already used')] });
    return toRoleDto(await insertScoped(ctx, tx, roleFence, { ...input, description: input.description ?? null }));
  });
}

export async function updateRole(ctx: Ctx, id: string, input: z.infer<typeof UpdateRole>) {
  checkPermissions(input.permissions);
  return ctx.db.transaction(async (tx) => {
    const { after } = await updateScoped<typeof roles.$inferSelect>(ctx, tx, roleFence, id, input);
    return toRoleDto(after);
  });
}

// ---------- users (PLAT-3) ----------

export async function toUserDtos(db: DbOrTx, rows: UserRow[]) {
  const links = rows.length ? await db.select().from(userRoles).where(inArray(userRoles.userId, rows.map((r) => r.id))) : [];
  return rows.map((u) => ({
    id: u.id, username: u.username, displayName: u.displayName, unitId: u.unitId,
    roleIds: links.filter((l) => l.userId === u.id).map((l) => l.roleId),
    status: u.status, phone: u.phone, email: u.email, supervisorId: u.supervisorId,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  }));
}

/** Ids of the users in the caller's scope, as a subquery (the audit trail's view of users, logins included). */
export const scopedUserIds = (ctx: Ctx) => ctx.db.select({ id: users.id }).from(users).where(scopedWhere(ctx, userFence));

export async function listUsers(ctx: Ctx, q: { q?: string; unitId?: string; limit: number; offset: number }) {
  const term = q.q ? `%${q.q.replace(/[%_\\]/g, '\\$&')}%` : null;
  const rows = await ctx.db
    .select()
    .from(users)
    .where(scopedWhere(ctx, userFence, term ? or(ilike(users.username, term), ilike(users.displayName, term)) : undefined, q.unitId ? eq(users.unitId, q.unitId) : undefined))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(q.limit)
    .offset(q.offset);
  return toUserDtos(ctx.db, rows);
}

async function checkRolesAndUnit(ctx: Ctx, tx: DbOrTx, roleIds: string[] | undefined, unitId: string | undefined) {
  if (roleIds) {
    const found = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, ctx.tenantId), inArray(roles.id, roleIds)));
    if (found.length !== new Set(roleIds).size) throw invalid([issue('body.roleIds', 'not_found', 'unknown role')]);
  }
  if (unitId && !(await unitWithinScope(ctx, tx, unitId))) throw invalid([issue('body.unitId', 'not_found', 'unit not found')]);
}

export async function createUser(ctx: Ctx, input: z.infer<typeof CreateUser>) {
  return ctx.db.transaction(async (tx) => {
    await checkRolesAndUnit(ctx, tx, input.roleIds, input.unitId);
    const dup = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenantId), sql`lower(${users.username}) = lower(${input.username})`));
    if (dup.length) throw new AppError('conflict', 'username already used', { issues: [issue('body.username', 'taken', 'username already used')] });
    const { password, roleIds, ...rest } = input;
    const row = await insertScoped<UserRow>(ctx, tx, userFence, { ...rest, passwordHash: await hashPassword(password) });
    await tx.insert(userRoles).values(roleIds.map((roleId) => ({ tenantId: ctx.tenantId, userId: row.id, roleId })));
    await ctx.audit.record(tx, { action: 'user.roles_changed', entityType: 'user', entityId: row.id, changes: [{ field: 'roleIds', before: [], after: roleIds }] });
    return (await toUserDtos(tx, [row]))[0];
  });
}

export async function getUser(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(users).where(scopedWhere(ctx, userFence, eq(users.id, id)));
  if (!row) throw notFound('user');
  return (await toUserDtos(ctx.db, [row]))[0];
}

/** Disabling a user or changing its password ends all its sessions at once. */
export async function updateUser(ctx: Ctx, id: string, input: z.infer<typeof UpdateUser>) {
  return ctx.db.transaction(async (tx) => {
    await checkRolesAndUnit(ctx, tx, input.roleIds, input.unitId);
    const { password, roleIds, ...rest } = input;
    const patch: Record<string, unknown> = { ...rest };
    if (password) patch.passwordHash = await hashPassword(password);
    const { before, after } = await updateScoped<UserRow>(ctx, tx, userFence, id, patch, password ? { meta: { passwordChanged: true }, action: 'user.updated' } : {});
    if (roleIds) {
      const old = (await tx.select().from(userRoles).where(eq(userRoles.userId, id))).map((l) => l.roleId);
      await tx.delete(userRoles).where(eq(userRoles.userId, id));
      await tx.insert(userRoles).values([...new Set(roleIds)].map((roleId) => ({ tenantId: ctx.tenantId, userId: id, roleId })));
      const changes = diff({ roleIds: old.sort() }, { roleIds: [...new Set(roleIds)].sort() });
      if (changes.length) await ctx.audit.record(tx, { action: 'user.roles_changed', entityType: 'user', entityId: id, changes });
    }
    if ((before.status === 'active' && after.status === 'disabled') || password) await endUserSessions(tx, id);
    return (await toUserDtos(tx, [after]))[0];
  });
}
