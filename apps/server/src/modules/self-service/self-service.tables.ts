import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../../platform/db/columns.ts';

/**
 * Verification codes of the public self-service page (SVC-6): 6 digits sent to a phone or e-mail, kept only as a
 * hash, valid 10 minutes, burnt after 5 wrong tries; a newer code for the same recipient supersedes the older one.
 * Rows also serve the rate limits (per recipient, per client address).
 */
export const selfServiceCodes = pgTable(
  'self_service_codes',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    /** E.164 or lower-case e-mail. */
    recipient: text('recipient').notNull(),
    codeHash: text('code_hash').notNull(),
    status: text('status', { enum: ['active', 'used', 'burned', 'superseded'] }).notNull().default('active'),
    attempts: integer('attempts').notNull().default(0),
    ip: text('ip'),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    index('self_service_codes_recipient').on(t.tenantId, t.recipient, t.createdAt),
    index('self_service_codes_ip').on(t.ip, t.createdAt),
  ],
);

/** Wrong verification tries by client address (a guesser spreading tries over many recipients is slowed too). */
export const selfServiceFailures = pgTable(
  'self_service_failures',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    ip: text('ip').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('self_service_failures_ip').on(t.ip, t.at)],
);

/**
 * A verified visitor: bound to one tenant and one phone or e-mail; the token lives in a cookie (or a bearer header),
 * only its SHA-256 here. `customer_id` is the customer found for the recipient, or the one made by a first request.
 */
export const selfServiceSessions = pgTable(
  'self_service_sessions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    tokenHash: text('token_hash').notNull().unique(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    recipient: text('recipient').notNull(),
    customerId: uuid('customer_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('self_service_sessions_recipient').on(t.tenantId, t.recipient)],
);

/** Requests submitted through the page, per session and customer, for the submission rate limit. */
export const selfServiceSubmissions = pgTable(
  'self_service_submissions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    sessionId: uuid('session_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    requestId: uuid('request_id').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('self_service_submissions_customer').on(t.tenantId, t.customerId, t.at)],
);
