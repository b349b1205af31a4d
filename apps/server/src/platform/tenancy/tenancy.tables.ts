import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, primaryKey, bigint } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../db/columns.ts';

export const tenants = pgTable('tenants', {
  id: idColumn(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  ...timestamps(),
});

/** Org tree: HQ → region/branch → store (PLAT-2). `path` is the chain of ids from the root, '/'-joined. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    parentId: uuid('parent_id'),
    kind: text('kind', { enum: ['hq', 'region', 'store'] }).notNull(),
    storeKind: text('store_kind', { enum: ['direct', 'franchise', 'dealer'] }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    path: text('path').notNull(),
    status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
    provinceCode: text('province_code'),
    cityCode: text('city_code'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('org_units_tenant_code').on(t.tenantId, t.code),
    index('org_units_tenant_path').on(t.tenantId, sql`${t.path} text_pattern_ops`),
  ],
);

export const roles = pgTable(
  'roles',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    description: text('description'),
    permissions: text('permissions').array().notNull().default(sql`'{}'`),
    dataScope: text('data_scope', { enum: ['own', 'unit', 'subtree', 'tenant'] }).notNull(),
    fieldRules: jsonb('field_rules').$type<Record<string, 'hidden' | 'readonly' | 'editable'>>().notNull().default({}),
    builtin: boolean('builtin').notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex('roles_tenant_name').on(t.tenantId, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    unitId: uuid('unit_id').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    phone: text('phone'),
    email: text('email'),
    supervisorId: uuid('supervisor_id'),
    locale: text('locale').notNull().default('zh-CN'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    lastLoginAt: ts('last_login_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('users_tenant_username').on(t.tenantId, sql`lower(${t.username})`), index('users_unit').on(t.unitId)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role').on(t.roleId)],
);

/** Per-tenant counters for human-readable numbers (customer codes …). */
export const counters = pgTable(
  'counters',
  {
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);
