import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { buildCtx } from '../http/guard.ts';
import { principalForUser } from '../auth/principal.ts';
import { deliverOne } from '../events/dispatcher.ts';
import { jobs } from './jobs.tables.ts';
import { backoffMs } from './backoff.ts';
import { acquireLease, cronJobKind, fireDueSlots, parseCron, releaseLease, type CronSchedule } from './scheduler.ts';
import { systemCtx } from './system-ctx.ts';

export type JobRow = typeof jobs.$inferSelect;
export interface JobHelpers {
  /** Report progress (done of total); cheap enough to call per batch. */
  progress(done: number, total?: number): Promise<void>;
}
/**
 * Runs one job. `ctx` is the queuing user's (their scope and field rules) or, for system jobs, a system context of
 * the job's tenant. Throwing an AppError fails the job at once (bad input does not get better); any other error is
 * retried with back-off until the job's `maxAttempts`. A job may run again after a crash: handlers must be safe to re-run.
 */
export type JobHandler = (ctx: Ctx, job: JobRow, h: JobHelpers) => Promise<Record<string, unknown> | void>;
/** A cron run for one tenant: the system context, the injected clock's time and the slot being fired. */
export type CronHandler = (ctx: Ctx, now: Date, slot: Date) => Promise<Record<string, unknown> | void>;

export interface EnqueueOptions {
  /** Not before this time (scheduled jobs). */
  runAt?: Date;
  /** One job per key and tenant: enqueueing the same key again answers the existing job. */
  dedupeKey?: string;
  maxAttempts?: number;
  total?: number;
}

const STALE_AFTER_MS = 120_000;
const HEARTBEAT_MS = 30_000;
const JOB_BACKOFF_MS = 10_000;
const TICK_MS = 1_000;
const CRON_TICK_MS = 5_000;

export interface RunnerOptions {
  /**
   * Limits this runner to some tenants' jobs, deliveries and cron fan-out. Tests use it: test files share one
   * database, and one file must not run (or reclaim as stale) another file's work.
   */
  onlyTenants?: () => string[];
  /** Scheduler scope: instances with the same scope elect one cron leader. Tests use one per file. */
  scope?: string;
  /** This instance's name in the leader lease. */
  instanceId?: string;
  timezone?: string;
}

/**
 * The durable work of the product on PostgreSQL: a job queue (retries with back-off, scheduled jobs, idempotent
 * enqueue, crash recovery by heartbeat), cron schedules fired by one leader among several instances, and delivery
 * of outbox events to subscribers. A worker loop polls every second; tests call `drain()` and `tickCron()`.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private schedules: CronSchedule[] = [];
  private timer: NodeJS.Timeout | null = null;
  private cronTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private ticking: Promise<unknown> | null = null;
  private stopped = true;
  readonly instanceId: string;
  private readonly scope: string;
  private readonly timezone: string;

  constructor(private db: Db, private now: () => Date, private opts: RunnerOptions = {}) {
    this.instanceId = opts.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.scope = opts.scope ?? 'main';
    this.timezone = opts.timezone ?? 'Asia/Shanghai';
  }

  register(kind: string, handler: JobHandler) {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  /**
   * Run `handler` for every tenant at each slot of a cron `pattern` (5 fields, or 6 with seconds; the runner's time
   * zone, Asia/Shanghai by default). Each run is a durable job: retried on failure, run once per slot and tenant.
   */
  cron(name: string, pattern: string, handler: CronHandler) {
    const cron = parseCron(pattern, this.timezone);
    this.schedules.push({ name, cron });
    this.register(cronJobKind(name), async (ctx, job) => handler(ctx, this.now(), new Date(String(job.input.slot))));
  }

  /** Queue a job as the calling user (its progress is theirs to see). */
  async enqueue(ctx: Ctx, kind: string, input: Record<string, unknown>, total = 0, opts: EnqueueOptions = {}): Promise<JobRow> {
    const row = await enqueueJob(this.db, ctx.tenantId, kind, input, { total, ...opts }, ctx.actor.kind === 'user' ? ctx.actor.id : null, this.now());
    this.kick();
    return row;
  }

  /** Leader election and firing of due cron slots (the loop calls it every 5 s). Answers jobs made, or null when not leader. */
  async tickCron(): Promise<number | null> {
    const now = this.now();
    if (!(await acquireLease(this.db, this.scope, this.instanceId, now))) return null;
    return fireDueSlots(this.db, this.scope, this.schedules, now, this.opts.onlyTenants?.());
  }

  start(intervalMs = TICK_MS) {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    const tick = () => {
      if (this.stopped || this.ticking) return;
      this.ticking = this.tickCron()
        .then((n) => (n ? this.kick() : undefined), (err) => console.error('cron:', err))
        .finally(() => {
          this.ticking = null;
        });
    };
    this.cronTimer = setInterval(tick, CRON_TICK_MS);
    this.cronTimer.unref();
    tick();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.cronTimer) clearInterval(this.cronTimer);
    await Promise.all([this.running, this.ticking]);
    await releaseLease(this.db, this.scope, this.instanceId).catch(() => undefined);
  }

  private kick() {
    if (this.stopped || this.running) return;
    this.running = this.drain()
      .then(() => undefined, (err) => console.error('job runner:', err))
      .finally(() => {
        this.running = null;
      });
  }

  /**
   * Run due jobs and event deliveries until none is left (tests call this directly); with `tenantId`, only that
   * tenant's. Answers how many jobs and deliveries ran.
   */
  async drain(tenantId?: string): Promise<number> {
    const tenants = tenantId ? [tenantId] : this.opts.onlyTenants?.();
    if (tenants && !tenants.length) return 0;
    let n = 0;
    for (;;) {
      const job = await this.claim(tenants);
      if (job) await this.execute(job);
      const delivered = await deliverOne(this.db, this.now, tenants);
      if (!job && !delivered) return n;
      n += (job ? 1 : 0) + (delivered ? 1 : 0);
    }
  }

  private async claim(tenants?: string[]): Promise<JobRow | null> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return null;
    const now = this.now();
    const res = await this.db.execute<{ id: string }>(sql`
      UPDATE jobs SET status = 'running', started_at = ${now}, heartbeat_at = ${now}, attempts = attempts + 1
       WHERE id = (SELECT id FROM jobs
                    WHERE ((status = 'queued' AND run_at <= ${now})
                           OR (status = 'running' AND heartbeat_at < ${new Date(now.getTime() - STALE_AFTER_MS)}))
                      AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
                      ${tenants ? sql`AND tenant_id IN (${sql.join(tenants.map((id) => sql`${id}`), sql`, `)})` : sql``}
                    ORDER BY run_at FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING id`);
    const id = res.rows[0]?.id;
    if (!id) return null;
    const [job] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return job ?? null;
  }

  private async contextFor(job: JobRow): Promise<Ctx> {
    if (!job.createdBy) return systemCtx(this.db, job.tenantId, this.now, `job-${job.id}`);
    const principal = await principalForUser(this.db, job.createdBy);
    if (!principal) throw new AppError('conflict', 'the user who queued this job no longer exists');
    return buildCtx(this.db, principal, { id: `job-${job.id}`, ip: null as unknown as string }, this.now);
  }

  private async execute(job: JobRow) {
    const finish = (values: Partial<JobRow>) =>
      this.db.update(jobs).set({ ...values, finishedAt: this.now() }).where(eq(jobs.id, job.id));
    // A live worker keeps its claim fresh even when the handler reports no progress for a while.
    const beat = setInterval(() => {
      this.db
        .update(jobs)
        .set({ heartbeatAt: this.now() })
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')))
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    beat.unref();
    try {
      if (job.attempts > job.maxAttempts) throw new AppError('conflict', `gave up after ${job.maxAttempts} attempts`);
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new AppError('conflict', `no handler for job kind ${job.kind}`);
      const ctx = await this.contextFor(job);
      const result = await handler(ctx, job, {
        progress: async (done, total) => {
          await this.db
            .update(jobs)
            .set({ progress: done, ...(total !== undefined ? { total } : {}), heartbeatAt: this.now() })
            .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
        },
      });
      await finish({ status: 'succeeded', result: result ?? {}, error: null });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof AppError || job.attempts >= job.maxAttempts) {
        await finish({ status: 'failed', error: message });
        return;
      }
      const runAt = new Date(this.now().getTime() + backoffMs(job.attempts, JOB_BACKOFF_MS));
      await this.db.update(jobs).set({ status: 'queued', runAt, error: message, heartbeatAt: null }).where(eq(jobs.id, job.id));
    } finally {
      clearInterval(beat);
    }
  }
}

/**
 * Insert a job (idempotent by `dedupeKey` per tenant: the existing row is answered). Usable inside a transaction,
 * e.g. by an event subscriber scheduling later work. `createdBy` null makes a system job.
 */
export async function enqueueJob(
  db: DbOrTx,
  tenantId: string,
  kind: string,
  input: Record<string, unknown>,
  opts: EnqueueOptions,
  createdBy: string | null,
  now: Date,
): Promise<JobRow> {
  const values = {
    tenantId, kind, input, total: opts.total ?? 0, createdBy, createdAt: now, runAt: opts.runAt ?? now,
    maxAttempts: opts.maxAttempts ?? 3, dedupeKey: opts.dedupeKey ?? null,
  };
  const [row] = await db.insert(jobs).values(values).onConflictDoNothing().returning();
  if (row) return row;
  const [existing] = await db.select().from(jobs).where(and(eq(jobs.tenantId, tenantId), eq(jobs.dedupeKey, opts.dedupeKey!)));
  return existing;
}
