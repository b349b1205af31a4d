import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../db/columns.ts';

/**
 * The durable job queue. User-visible jobs (imports, exports, bulk changes) show progress; system jobs
 * (cron runs, event reactions that take long) have no creator and run with a system context.
 * Workers claim due rows (`run_at <= now`) with FOR UPDATE SKIP LOCKED, so a job runs once even with several
 * instances; a job whose worker died (stale heartbeat) is claimed again; a failed attempt is retried with
 * exponential back-off until `max_attempts`. `dedupe_key` makes an enqueue idempotent (one row per key and tenant).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull().default('queued'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    progress: integer('progress').notNull().default(0),
    total: integer('total').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    dedupeKey: text('dedupe_key'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    runAt: ts('run_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    heartbeatAt: ts('heartbeat_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('jobs_due').on(t.runAt).where(sql`status = 'queued'`),
    index('jobs_running').on(t.heartbeatAt).where(sql`status = 'running'`),
    index('jobs_tenant').on(t.tenantId, t.createdAt),
    uniqueIndex('jobs_dedupe').on(t.tenantId, t.dedupeKey),
  ],
);

/**
 * Scheduler leadership: one row per scheduler scope; the instance whose lease is current fires cron slots.
 * A lease not renewed (its instance died) expires and another instance takes over.
 */
export const schedulerLeases = pgTable('scheduler_leases', {
  scope: text('scope').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

/** The last slot fired per cron schedule, so a slot fires once even across a change of leader. */
export const schedulerState = pgTable(
  'scheduler_state',
  {
    scope: text('scope').notNull(),
    name: text('name').notNull(),
    lastSlot: ts('last_slot').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.name] })],
);
