import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../db/columns.ts';

/** Server-side sessions; the cookie holds a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** API keys act as a service account with one role in one unit; only the hash is kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique(),
    keyHash: text('key_hash').notNull(),
    roleId: uuid('role_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_keys_tenant').on(t.tenantId)],
);

/** Failed login attempts by source address, for throttling guesses across usernames. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: idColumn(),
    ip: text('ip').notNull(),
    tenantCode: text('tenant_code').notNull(),
    username: text('username').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_ip_at').on(t.ip, t.at)],
);
