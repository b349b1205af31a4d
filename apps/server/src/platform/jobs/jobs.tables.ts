import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, ts } from '../db/columns.ts';

/**
 * User-visible background jobs (imports, exports, bulk changes) with progress.
 * Workers claim queued rows with FOR UPDATE SKIP LOCKED, so a job runs once even with several instances,
 * and a job whose worker died (stale heartbeat) is picked up again.
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
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    heartbeatAt: ts('heartbeat_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_status').on(t.status, t.createdAt), index('jobs_tenant').on(t.tenantId, t.createdAt)],
);
