import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Fence } from '../../platform/db/scoped.ts';
import { opportunities, opportunityLossReasons, opportunitySettings, opportunityStageHistory, opportunityStages } from './opportunities.tables.ts';

export type StageRow = typeof opportunityStages.$inferSelect;
export type LossReasonRow = typeof opportunityLossReasons.$inferSelect;

/** Tenant-wide configuration records (no store or owner). */
export const stageFence: Fence = { table: opportunityStages, entity: 'opportunityStage' };
export const lossReasonFence: Fence = { table: opportunityLossReasons, entity: 'opportunityLossReason' };

/** The furniture pipeline every tenant starts with (names are data, shown to users). */
export const DEFAULT_STAGES: { key: string; name: string; probability: number; kind: 'open' | 'won' | 'lost' }[] = [
  { key: 'initial_contact', name: '初步接洽', probability: 10, kind: 'open' },
  { key: 'needs_confirmed', name: '需求确认', probability: 20, kind: 'open' },
  { key: 'measurement', name: '上门量尺', probability: 40, kind: 'open' },
  { key: 'design', name: '方案设计', probability: 60, kind: 'open' },
  { key: 'store_visit', name: '到店体验', probability: 70, kind: 'open' },
  { key: 'negotiation', name: '报价谈判', probability: 80, kind: 'open' },
  { key: 'won', name: '赢单', probability: 100, kind: 'won' },
  { key: 'lost', name: '输单', probability: 0, kind: 'lost' },
];
export const DEFAULT_LOSS_REASONS: { code: string; label: string }[] = [
  { code: 'price', label: '价格' },
  { code: 'competitor', label: '竞品' },
  { code: 'style_mismatch', label: '款式不合适' },
  { code: 'delivery_time', label: '交期' },
  { code: 'budget_cancelled', label: '预算取消' },
  { code: 'no_response', label: '无回应' },
  { code: 'other', label: '其他' },
];
export const DEFAULT_STALLED_DAYS = 14;

/**
 * Make the default stages, loss reasons and settings of a tenant, once. The settings row is the marker: whoever
 * inserts it seeds the rest in the same transaction; a concurrent first use waits on that row and then finds it.
 */
async function seedDefaults(db: DbOrTx, tenantId: string, now: Date) {
  const seed = async (tx: DbOrTx) => {
    const inserted = await tx.insert(opportunitySettings).values({ tenantId, stalledDays: DEFAULT_STALLED_DAYS, updatedAt: now }).onConflictDoNothing().returning();
    if (!inserted.length) return;
    let open = 0;
    await tx.insert(opportunityStages).values(
      DEFAULT_STAGES.map((s) => ({ tenantId, ...s, position: s.kind === 'open' ? ++open * 10 : s.kind === 'won' ? 900 : 910, createdAt: now, updatedAt: now })),
    ).onConflictDoNothing();
    await tx.insert(opportunityLossReasons).values(DEFAULT_LOSS_REASONS.map((r, i) => ({ tenantId, ...r, position: (i + 1) * 10, createdAt: now, updatedAt: now }))).onConflictDoNothing();
  };
  // Inside a caller's transaction this is a savepoint and shares the caller's fate; otherwise it commits on its own.
  await (db as Db).transaction(seed);
}

/** Stages in board order: open stages by position, then won, then lost. */
const order = [asc(sql`CASE ${opportunityStages.kind} WHEN 'open' THEN 0 WHEN 'won' THEN 1 ELSE 2 END`), asc(opportunityStages.position), asc(opportunityStages.createdAt)];

/** The tenant's stages (made on first use). */
export async function loadStages(db: DbOrTx, tenantId: string, now: Date): Promise<StageRow[]> {
  const read = () => db.select().from(opportunityStages).where(eq(opportunityStages.tenantId, tenantId)).orderBy(...order);
  const rows = await read();
  if (rows.length) return rows;
  await seedDefaults(db, tenantId, now);
  return read();
}

export async function loadLossReasons(db: DbOrTx, tenantId: string, now: Date): Promise<LossReasonRow[]> {
  await loadStages(db, tenantId, now);
  return db
    .select()
    .from(opportunityLossReasons)
    .where(eq(opportunityLossReasons.tenantId, tenantId))
    .orderBy(asc(opportunityLossReasons.position), asc(opportunityLossReasons.createdAt));
}

export async function loadSettings(db: DbOrTx, tenantId: string, now: Date): Promise<{ stalledDays: number }> {
  await loadStages(db, tenantId, now);
  const [row] = await db.select({ stalledDays: opportunitySettings.stalledDays }).from(opportunitySettings).where(eq(opportunitySettings.tenantId, tenantId));
  return { stalledDays: row?.stalledDays ?? DEFAULT_STALLED_DAYS };
}

export async function saveSettings(tx: DbOrTx, tenantId: string, patch: { stalledDays?: number }, now: Date) {
  await tx.update(opportunitySettings).set({ ...patch, updatedAt: now }).where(eq(opportunitySettings.tenantId, tenantId));
}

export async function nextPosition(tx: DbOrTx, tenantId: string, table: 'stages' | 'reasons'): Promise<number> {
  const res =
    table === 'stages'
      ? await tx.execute<{ p: number }>(sql`SELECT coalesce(max(position), 0) + 10 AS p FROM opportunity_stages WHERE tenant_id = ${tenantId} AND kind = 'open'`)
      : await tx.execute<{ p: number }>(sql`SELECT coalesce(max(position), 0) + 10 AS p FROM opportunity_loss_reasons WHERE tenant_id = ${tenantId}`);
  return Number(res.rows[0].p);
}

/** Whether any opportunity is, or ever was, in the stage (then it may be disabled, not deleted). */
export async function stageInUse(tx: DbOrTx, tenantId: string, key: string): Promise<boolean> {
  const [a] = await tx.select({ one: sql`1` }).from(opportunities).where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.stageKey, key))).limit(1);
  if (a) return true;
  const [b] = await tx
    .select({ one: sql`1` })
    .from(opportunityStageHistory)
    .where(and(eq(opportunityStageHistory.tenantId, tenantId), or(eq(opportunityStageHistory.toStageKey, key), eq(opportunityStageHistory.fromStageKey, key))))
    .limit(1);
  return !!b;
}

/** Whether any opportunity was lost for the reason. */
export async function lossReasonInUse(tx: DbOrTx, tenantId: string, code: string): Promise<boolean> {
  const [a] = await tx.select({ one: sql`1` }).from(opportunities).where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.lossReason, code))).limit(1);
  return !!a;
}

/** Lock the tenant's stages (reordering, adding) so concurrent changes of the order serialise. */
export async function lockStages(tx: DbOrTx, tenantId: string): Promise<StageRow[]> {
  return tx.select().from(opportunityStages).where(eq(opportunityStages.tenantId, tenantId)).orderBy(...order).for('update');
}

export async function setStagePosition(tx: DbOrTx, tenantId: string, id: string, position: number, now: Date) {
  await tx.update(opportunityStages).set({ position, updatedAt: now }).where(and(eq(opportunityStages.tenantId, tenantId), eq(opportunityStages.id, id)));
}

export async function keyTaken(tx: DbOrTx, tenantId: string, table: 'stages' | 'reasons', key: string): Promise<boolean> {
  const rows =
    table === 'stages'
      ? await tx.select({ id: opportunityStages.id }).from(opportunityStages).where(and(eq(opportunityStages.tenantId, tenantId), eq(opportunityStages.key, key)))
      : await tx.select({ id: opportunityLossReasons.id }).from(opportunityLossReasons).where(and(eq(opportunityLossReasons.tenantId, tenantId), eq(opportunityLossReasons.code, key)));
  return rows.length > 0;
}

export { opportunityStages, opportunityLossReasons };
