import { Cron } from 'croner';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { tenants as tenantsTable } from '../tenancy/tenancy.tables.ts';
import { jobs, schedulerLeases, schedulerState } from './jobs.tables.ts';

/** How long a leader's lease lasts without renewal; ticks renew it far more often. */
export const LEASE_MS = 30_000;

export interface CronSchedule {
  name: string;
  cron: Cron;
}

export const cronJobKind = (name: string) => `cron:${name}`;

/** Parse a cron pattern (5 or 6 fields) in a time zone; a bad pattern fails at start-up. */
export function parseCron(pattern: string, timezone: string): Cron {
  return new Cron(pattern, { timezone, paused: true });
}

/**
 * Take or renew the scheduler lease for `scope`. Answers whether `holder` leads: the lease was free, expired, or
 * already its own. Several instances tick; only the leader fires.
 */
export async function acquireLease(db: Db, scope: string, holder: string, now: Date): Promise<boolean> {
  const expires = new Date(now.getTime() + LEASE_MS);
  const res = await db.execute<{ holder: string }>(sql`
    INSERT INTO scheduler_leases (scope, holder, expires_at) VALUES (${scope}, ${holder}, ${expires})
    ON CONFLICT (scope) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
     WHERE scheduler_leases.holder = EXCLUDED.holder OR scheduler_leases.expires_at < ${now}
    RETURNING holder`);
  return res.rows[0]?.holder === holder;
}

export async function releaseLease(db: Db, scope: string, holder: string) {
  await db.delete(schedulerLeases).where(and(eq(schedulerLeases.scope, scope), eq(schedulerLeases.holder, holder)));
}

/** The latest slot of `cron` after `last` and not after `now`, or null when none is due. */
export function dueSlot(cron: Cron, last: Date, now: Date): Date | null {
  let slot: Date | null = null;
  let next = cron.nextRun(last);
  for (let i = 0; next && next <= now && i < 100_000; i++) {
    slot = next;
    next = cron.nextRun(next);
  }
  return slot;
}

/**
 * Fire due slots of every schedule: for each due schedule, one job per tenant (`cron:<name>`, deduplicated by slot)
 * and the slot recorded, in one transaction. A schedule seen for the first time starts counting from `now`.
 * A slot missed while no instance ran fires once (the latest one). Answers the jobs made.
 */
export async function fireDueSlots(db: Db, scope: string, schedules: CronSchedule[], now: Date, onlyTenants?: string[]): Promise<number> {
  let made = 0;
  for (const s of schedules) {
    made += await db.transaction(async (tx) => {
      const [state] = await tx
        .select()
        .from(schedulerState)
        .where(and(eq(schedulerState.scope, scope), eq(schedulerState.name, s.name)))
        .for('update');
      if (!state) {
        await tx.insert(schedulerState).values({ scope, name: s.name, lastSlot: now }).onConflictDoNothing();
        return 0;
      }
      const slot = dueSlot(s.cron, state.lastSlot, now);
      if (!slot) return 0;
      await tx.update(schedulerState).set({ lastSlot: slot }).where(and(eq(schedulerState.scope, scope), eq(schedulerState.name, s.name)));
      const ids = onlyTenants ?? (await tx.select({ id: tenantsTable.id }).from(tenantsTable)).map((t) => t.id);
      if (!ids.length) return 0;
      const rows = await tx
        .insert(jobs)
        .values(ids.map((tenantId) => ({ tenantId, kind: cronJobKind(s.name), input: { slot: slot.toISOString() }, dedupeKey: `${cronJobKind(s.name)}:${slot.toISOString()}`, runAt: now, createdAt: now })))
        .onConflictDoNothing()
        .returning({ id: jobs.id });
      return rows.length;
    });
  }
  return made;
}
