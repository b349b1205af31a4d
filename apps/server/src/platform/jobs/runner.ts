import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { buildCtx } from '../http/guard.ts';
import { principalForUser } from '../auth/principal.ts';
import { jobs } from './jobs.tables.ts';

export type JobRow = typeof jobs.$inferSelect;
export interface JobHelpers {
  /** Report progress (done of total); cheap enough to call per batch. */
  progress(done: number, total?: number): Promise<void>;
}
export type JobHandler = (ctx: Ctx, job: JobRow, h: JobHelpers) => Promise<Record<string, unknown>>;

/** A periodic task (an idle rule, a sweep): gets the injected clock's time. */
export type PeriodicTask = (now: Date) => Promise<unknown>;
interface Periodic {
  intervalMs: number;
  fn: PeriodicTask;
  timer: NodeJS.Timeout | null;
  running: Promise<unknown> | null;
}
/** First key of the two-key advisory locks that keep a periodic task to one instance at a time. */
const PERIODIC_LOCK_SPACE = 727002;

const STALE_AFTER_MS = 120_000;
const MAX_ATTEMPTS = 3;

/**
 * A small durable job runner on PostgreSQL: jobs are rows; a worker claims one with FOR UPDATE SKIP LOCKED,
 * heartbeats while it runs, and a job whose worker died is claimed again (up to 3 attempts).
 * Handlers run as the user who queued the job, with that user's scope and field rules.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private periodic = new Map<string, Periodic>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  /**
   * `onlyTenants` limits this runner to some tenants' jobs. Tests use it: test files share one database, and one
   * file must not run (or reclaim as stale) another file's jobs.
   */
  constructor(private db: Db, private now: () => Date, private opts: { onlyTenants?: () => string[] } = {}) {}

  register(kind: string, handler: JobHandler) {
    this.handlers.set(kind, handler);
  }

  async enqueue(ctx: Ctx, kind: string, input: Record<string, unknown>, total = 0): Promise<JobRow> {
    const [row] = await this.db
      .insert(jobs)
      .values({ tenantId: ctx.tenantId, kind, input, total, createdBy: ctx.actor.id, createdAt: this.now() })
      .returning();
    this.kick();
    return row;
  }

  /**
   * Run `fn` every `intervalMs` while the runner is started (first run after min(interval, 1 min)).
   * A PostgreSQL advisory lock held for the run keeps it to one instance at a time; the others skip that tick.
   */
  every(name: string, intervalMs: number, fn: PeriodicTask) {
    this.periodic.set(name, { intervalMs, fn, timer: null, running: null });
  }

  /** Run one periodic task now under its lock (tests, admin triggers). Answers false when another instance holds it. */
  async runPeriodic(name: string): Promise<boolean> {
    const task = this.periodic.get(name);
    if (!task) throw new Error(`no periodic task ${name}`);
    return this.db.transaction(async (tx) => {
      const res = await tx.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${PERIODIC_LOCK_SPACE}, hashtext(${name})) AS ok`);
      if (!res.rows[0]?.ok) return false;
      await task.fn(this.now());
      return true;
    });
  }

  private schedulePeriodic(name: string, task: Periodic, delayMs: number) {
    task.timer = setTimeout(() => {
      if (this.stopped) return;
      task.running = this.runPeriodic(name)
        .catch((err) => console.error(`periodic ${name}:`, err))
        .finally(() => {
          task.running = null;
          if (!this.stopped) this.schedulePeriodic(name, task, task.intervalMs);
        });
    }, delayMs);
    task.timer.unref();
  }

  start(intervalMs = 1000) {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    for (const [name, task] of this.periodic) this.schedulePeriodic(name, task, Math.min(task.intervalMs, 60_000));
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const task of this.periodic.values()) if (task.timer) clearTimeout(task.timer);
    await Promise.all([this.running, ...[...this.periodic.values()].map((t) => t.running)]);
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
   * Run queued jobs until none is left (tests call this directly); with `tenantId`, only that tenant's jobs.
   */
  async drain(tenantId?: string): Promise<number> {
    const tenants = tenantId ? [tenantId] : this.opts.onlyTenants?.();
    if (tenants && !tenants.length) return 0;
    let n = 0;
    for (;;) {
      const job = await this.claim(tenants);
      if (!job) return n;
      await this.execute(job);
      n++;
    }
  }

  private async claim(tenants?: string[]): Promise<JobRow | null> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return null;
    const now = this.now();
    const res = await this.db.execute<{ id: string }>(sql`
      UPDATE jobs SET status = 'running', started_at = ${now}, heartbeat_at = ${now}, attempts = attempts + 1
       WHERE id = (SELECT id FROM jobs
                    WHERE (status = 'queued' OR (status = 'running' AND heartbeat_at < ${new Date(now.getTime() - STALE_AFTER_MS)}))
                      AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
                      ${tenants ? sql`AND tenant_id IN (${sql.join(tenants.map((id) => sql`${id}`), sql`, `)})` : sql``}
                    ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
       RETURNING id`);
    const id = res.rows[0]?.id;
    if (!id) return null;
    const [job] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return job ?? null;
  }

  private async execute(job: JobRow) {
    const finish = (values: Partial<JobRow>) =>
      this.db.update(jobs).set({ ...values, finishedAt: this.now() }).where(eq(jobs.id, job.id));
    try {
      if (job.attempts > MAX_ATTEMPTS) throw new Error('gave up after repeated interruptions');
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const principal = job.createdBy ? await principalForUser(this.db, job.createdBy) : null;
      if (!principal) throw new Error('the user who queued this job no longer exists');
      const ctx = buildCtx(this.db, principal, { id: `job-${job.id}`, ip: null as unknown as string }, this.now);
      const result = await handler(ctx, job, {
        progress: async (done, total) => {
          await this.db
            .update(jobs)
            .set({ progress: done, ...(total !== undefined ? { total } : {}), heartbeatAt: this.now() })
            .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
        },
      });
      await finish({ status: 'succeeded', result });
    } catch (err) {
      await finish({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  }
}
