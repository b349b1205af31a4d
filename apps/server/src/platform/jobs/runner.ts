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

const STALE_AFTER_MS = 120_000;
const MAX_ATTEMPTS = 3;

/**
 * A small durable job runner on PostgreSQL: jobs are rows; a worker claims one with FOR UPDATE SKIP LOCKED,
 * heartbeats while it runs, and a job whose worker died is claimed again (up to 3 attempts).
 * Handlers run as the user who queued the job, with that user's scope and field rules.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private db: Db, private now: () => Date) {}

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

  start(intervalMs = 1000) {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private kick() {
    if (this.stopped || this.running) return;
    this.running = this.drain()
      .then(() => undefined, (err) => console.error('job runner:', err))
      .finally(() => {
      this.running = null;
    });
  }

  /** Run queued jobs until none is left (tests call this directly). */
  async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      const job = await this.claim();
      if (!job) return n;
      await this.execute(job);
      n++;
    }
  }

  private async claim(): Promise<JobRow | null> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return null;
    const now = this.now();
    const res = await this.db.execute<{ id: string }>(sql`
      UPDATE jobs SET status = 'running', started_at = ${now}, heartbeat_at = ${now}, attempts = attempts + 1
       WHERE id = (SELECT id FROM jobs
                    WHERE (status = 'queued' OR (status = 'running' AND heartbeat_at < ${new Date(now.getTime() - STALE_AFTER_MS)}))
                      AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
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
