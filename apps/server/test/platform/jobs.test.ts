import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { AppError } from '../../src/platform/http/errors.ts';
import { enqueueJob, JobRunner } from '../../src/platform/jobs/runner.ts';
import { LEASE_MS } from '../../src/platform/jobs/scheduler.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { newTenant, type TestApp, testApp, testClock, uniq } from '../helpers.ts';

/**
 * The durable job queue (issue 4): retries with back-off, scheduled and deduplicated jobs, crash recovery, and cron
 * fired by one leader among several instances. Every runner here is limited to this file's tenants.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const MIN = 60_000;

/** A runner like a second server instance: same database, its own clock and name. */
function instance(clock: ReturnType<typeof testClock>, tenants: string[], scope = uniq('scope-'), instanceId = uniq('node-')) {
  return new JobRunner(t.deps.db.db, clock.now, { onlyTenants: () => tenants, scope, instanceId });
}

async function jobRow(id: string) {
  return (await t.deps.db.pool.query('SELECT status, attempts, error, run_at, result FROM jobs WHERE id = $1', [id])).rows[0];
}

describe('job queue', () => {
  it('retries a failing job with exponential back-off and succeeds on a later attempt', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock(new Date('2026-11-22T02:00:00Z'));
    const runner = instance(clock, [tenant.id]);
    let calls = 0;
    runner.register('test.flaky', async () => {
      calls++;
      if (calls < 3) throw new Error(`network down (${calls})`);
      return { ok: true };
    });
    const job = await enqueueJob(t.deps.db.db, tenant.id, 'test.flaky', {}, { maxAttempts: 5 }, null, clock.now());

    await runner.drain();
    let row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, error: 'network down (1)' });
    expect(new Date(row.run_at).getTime() - clock.now().getTime()).toBe(10_000);
    // Not due yet: nothing runs.
    expect(await runner.drain()).toBe(0);

    clock.advance(10_000);
    await runner.drain();
    row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(new Date(row.run_at).getTime() - clock.now().getTime()).toBe(20_000);

    clock.advance(20_000);
    await runner.drain();
    expect(await jobRow(job.id)).toMatchObject({ status: 'succeeded', attempts: 3, result: { ok: true }, error: null });
    expect(calls).toBe(3);
  });

  it('gives up after maxAttempts, and fails at once on bad input (an AppError)', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock();
    const runner = instance(clock, [tenant.id]);
    runner.register('test.broken', async () => {
      throw new Error('always');
    });
    runner.register('test.badInput', async () => {
      throw new AppError('validation_failed', 'the file has no header row');
    });
    const broken = await enqueueJob(t.deps.db.db, tenant.id, 'test.broken', {}, { maxAttempts: 2 }, null, clock.now());
    const bad = await enqueueJob(t.deps.db.db, tenant.id, 'test.badInput', {}, {}, null, clock.now());
    await runner.drain();
    clock.advance(60 * MIN);
    await runner.drain();
    expect(await jobRow(broken.id)).toMatchObject({ status: 'failed', attempts: 2, error: 'always' });
    expect(await jobRow(bad.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'the file has no header row' });
  });

  it('runs a scheduled job only once its time has come, and enqueues a deduplicated job once', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock();
    const runner = instance(clock, [tenant.id]);
    const seen: unknown[] = [];
    runner.register('test.remind', async (_ctx, job) => {
      seen.push(job.input.n);
    });
    const at = new Date(clock.now().getTime() + 30 * MIN);
    const first = await enqueueJob(t.deps.db.db, tenant.id, 'test.remind', { n: 1 }, { runAt: at, dedupeKey: 'remind:order-1' }, null, clock.now());
    const again = await enqueueJob(t.deps.db.db, tenant.id, 'test.remind', { n: 2 }, { runAt: at, dedupeKey: 'remind:order-1' }, null, clock.now());
    expect(again.id).toBe(first.id);
    expect(await runner.drain()).toBe(0);
    clock.advance(30 * MIN);
    expect(await runner.drain()).toBe(1);
    expect(seen).toEqual([1]);
  });

  it('survives a restart: a job queued by one instance is run by the next one', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock();
    const before = instance(clock, [tenant.id]);
    before.register('test.durable', async () => ({ by: 'before' }));
    const job = await enqueueJob(t.deps.db.db, tenant.id, 'test.durable', {}, {}, null, clock.now());
    await before.stop();
    const after = instance(clock, [tenant.id]);
    after.register('test.durable', async () => ({ by: 'after' }));
    await after.drain();
    expect(await jobRow(job.id)).toMatchObject({ status: 'succeeded', result: { by: 'after' } });
  });

  it('re-runs a job whose worker died mid-run (stale heartbeat), and a handler written to be re-run leaves one effect', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock();
    const runner = instance(clock, [tenant.id]);
    const marker = uniq('effect-');
    runner.register('test.idempotent', async (ctx) => {
      // The effect is keyed, so a second run after a crash does not double it.
      await ctx.db.execute(sql`INSERT INTO scheduler_state (scope, name, last_slot) VALUES (${marker}, 'effect', now()) ON CONFLICT DO NOTHING`);
      return { done: true };
    });
    const job = await enqueueJob(t.deps.db.db, tenant.id, 'test.idempotent', {}, {}, null, clock.now());
    // A worker claimed it and died: running, heartbeat 3 minutes old, first attempt used.
    await t.deps.db.pool.query("UPDATE jobs SET status = 'running', attempts = 1, heartbeat_at = $2 WHERE id = $1", [job.id, clock.now()]);
    expect(await runner.drain()).toBe(0);
    clock.advance(3 * MIN);
    expect(await runner.drain()).toBe(1);
    expect(await jobRow(job.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const effects = await t.deps.db.pool.query('SELECT count(*)::int AS n FROM scheduler_state WHERE scope = $1', [marker]);
    expect(effects.rows[0].n).toBe(1);
  });

  it('lets two workers drain one queue at once without running any job twice', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock();
    const ran: string[] = [];
    const make = () => {
      const r = instance(clock, [tenant.id]);
      r.register('test.once', async (_ctx, job) => {
        ran.push(job.id);
        await new Promise((res) => setTimeout(res, 5));
      });
      return r;
    };
    const [a, b] = [make(), make()];
    for (let i = 0; i < 20; i++) await enqueueJob(t.deps.db.db, tenant.id, 'test.once', { i }, {}, null, clock.now());
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(20);
    expect(new Set(ran).size).toBe(20);
    expect(ran).toHaveLength(20);
  });
});

describe('cron with one leader', () => {
  it('fires each slot once per tenant although two instances tick; the other takes over when the leader dies', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock(new Date('2026-11-22T01:59:30Z')); // 09:59:30 in Shanghai
    const scope = uniq('cron-');
    const runs: { node: string; slot: string }[] = [];
    const make = (node: string) => {
      const r = instance(clock, [tenant.id], scope, node);
      r.cron('test.hourly', '0 * * * *', async (ctx, _now, slot) => {
        expect(ctx.tenantId).toBe(tenant.id);
        expect(ctx.actor.kind).toBe('system');
        runs.push({ node, slot: slot.toISOString() });
      });
      return r;
    };
    const a = make('node-a');
    const b = make('node-b');

    // Both start; a wins the lease, b is not the leader.
    expect(await a.tickCron()).toBe(0);
    expect(await b.tickCron()).toBeNull();

    // 10:00 passes: both tick at once; one job for the slot.
    clock.advance(MIN);
    const made = await Promise.all([a.tickCron(), b.tickCron()]);
    expect(made.filter((n) => n !== null)).toEqual([1]);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs.map((r) => r.slot)).toEqual(['2026-11-22T02:00:00.000Z']);

    // Ticking again in the same hour fires nothing.
    clock.advance(10 * MIN);
    expect(await a.tickCron()).toBe(0);

    // a dies without releasing its lease; b takes over once the lease expires and fires the 11:00 slot.
    clock.advance(10_000);
    expect(await b.tickCron()).toBeNull(); // a's lease is still current
    clock.advance(LEASE_MS);
    expect(await b.tickCron()).toBe(0); // b leads; nothing due at 10:12
    clock.advance(50 * MIN);
    expect(await b.tickCron()).toBe(1);
    await b.drain();
    expect(runs.map((r) => r.slot)).toEqual(['2026-11-22T02:00:00.000Z', '2026-11-22T03:00:00.000Z']);
    // a comes back: b leads now.
    expect(await a.tickCron()).toBeNull();
  });

  it('fires a slot missed while every instance was down once (the latest), in the runner’s time zone', async () => {
    const { tenant } = await newTenant(t);
    const clock = testClock(new Date('2026-11-22T00:30:00Z')); // 08:30 in Shanghai
    const r = instance(clock, [tenant.id]);
    const slots: string[] = [];
    r.cron('test.daily9', '0 9 * * *', async (_ctx, _now, slot) => {
      slots.push(slot.toISOString());
    });
    await r.tickCron();
    clock.advance(3 * 24 * 60 * MIN); // three days down: back at 08:30 on the 25th
    expect(await r.tickCron()).toBe(1);
    await r.drain();
    expect(slots).toEqual(['2026-11-24T01:00:00.000Z']); // the 24th, 09:00 Shanghai = 01:00 UTC
  });
});

describe('system context', () => {
  it('acts for the whole tenant with every permission, audited as the system', async () => {
    const { tenant } = await newTenant(t);
    const ctx = systemCtx(t.deps.db.db, tenant.id, t.clock.now, 'test');
    expect(ctx.scope.kind).toBe('tenant');
    expect(ctx.permissions.has('customers:view')).toBe(true);
    await t.deps.db.db.transaction((tx) => ctx.audit.record(tx, { action: 'test.system', entityType: 'test' }));
    const row = (await t.deps.db.pool.query("SELECT actor_id, actor_kind FROM audit_log WHERE tenant_id = $1 AND action = 'test.system'", [tenant.id])).rows[0];
    expect(row).toEqual({ actor_id: null, actor_kind: 'system' });
  });
});
