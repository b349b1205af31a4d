import type { Db } from '../../platform/db/client.ts';
import { auditWriter } from '../../platform/audit/audit.writer.ts';
import { idleRules, returnIdleBatch } from './pool.repository.ts';

const DAY_MS = 86_400_000;

/**
 * The pool's idle rule (CUS-6): owned customers untouched (last_touched_at) for longer than the tenant's idleDays go
 * back to the pool, in batches of short transactions, one audit row each ('customer.returned_to_pool', actor system).
 * One tenant or every tenant whose rule is on; `now` comes from the injected clock. Answers how many returned.
 */
export async function returnIdleCustomers(db: Db, tenantId: string | undefined, now: Date, batchSize = 500): Promise<number> {
  let total = 0;
  for (const rule of await idleRules(db, tenantId)) {
    const cutoff = new Date(now.getTime() - rule.idleDays * DAY_MS);
    const audit = auditWriter({ tenantId: rule.tenantId, actorId: null, actorKind: 'system', actorName: 'system', ip: null, requestId: null });
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const moved = await returnIdleBatch(tx, rule.tenantId, cutoff, now, batchSize);
        await audit.recordMany(
          tx,
          moved.map((m) => ({
            action: 'customer.returned_to_pool',
            entityType: 'customer',
            entityId: m.id,
            changes: [{ field: 'ownerId', before: m.ownerId, after: null }],
            meta: { reason: 'idle', idleDays: rule.idleDays, lastTouchedAt: m.lastTouchedAt.toISOString() },
          })),
        );
        return moved.length;
      });
      total += n;
      if (n < batchSize) break;
    }
  }
  return total;
}
