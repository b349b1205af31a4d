import type { z } from 'zod';
import type { ReplaceTiers, TierDto } from '@jiake/shared';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import type { AuditEntry } from '../../platform/audit/audit.writer.ts';
import { enqueueJob } from '../../platform/jobs/runner.ts';
import * as repo from './tiers.repository.ts';
import { DEFAULT_TIERS, defaultTierId } from './tier-defaults.ts';
import { toTierDto } from './tiers.dto.ts';

/**
 * The tier table of a tenant (LOY-5): the defaults until the tenant stores its own (stored on first use), listed and
 * replaced as a whole by loyalty:admin.
 */

export type TierRow = repo.TierRow;
/** Upgrades for members a changed table lets up (a lower threshold, a new or re-activated tier). */
export const TIER_RECHECK_JOB = 'loyalty.tierRecheck';

const defaultRows = (tenantId: string, now: Date): TierRow[] =>
  DEFAULT_TIERS.map((d, i) => ({
    id: defaultTierId(tenantId, d.code), tenantId, code: d.code, name: d.name, rank: i + 1, thresholdFen: d.thresholdFen, benefits: d.benefits, active: true,
    createdAt: now, updatedAt: now,
  }));

/** The tenant's tiers by rank, for reading: the stored ones, or the defaults as they will be stored (same ids). */
export async function tierDefs(db: DbOrTx, tenantId: string, now: Date): Promise<TierRow[]> {
  const stored = await repo.storedTiers(db, tenantId);
  return stored.length ? stored : defaultRows(tenantId, now);
}

/** The tenant's tiers by rank, for writing: the defaults are stored first if the tenant has none yet. */
export async function ensureTiers(tx: Tx, tenantId: string, now: Date): Promise<TierRow[]> {
  const stored = await repo.storedTiers(tx, tenantId);
  if (stored.length) return stored;
  await repo.lockTierTable(tx, tenantId);
  const again = await repo.storedTiers(tx, tenantId);
  if (again.length) return again;
  await repo.insertTiers(tx, defaultRows(tenantId, now));
  return repo.storedTiers(tx, tenantId);
}

export async function listTiers(ctx: Ctx): Promise<{ items: TierDto[] }> {
  const [tiers, inUse] = await Promise.all([tierDefs(ctx.db, ctx.tenantId, ctx.now()), repo.tiersInUse(ctx.db, ctx.tenantId)]);
  return { items: tiers.map((t) => toTierDto(t, inUse.has(t.id))) };
}

type ReplaceInput = z.output<typeof ReplaceTiers>;

/** Codes unique, thresholds strictly increasing from 0, the entry tier active: each problem at its field. */
function checkTable(input: ReplaceInput) {
  const issues = [];
  const seen = new Set<string>();
  for (const [i, t] of input.tiers.entries()) {
    if (seen.has(t.code)) issues.push(issue(`body.tiers.${i}.code`, 'taken', `code ${t.code} is used by an earlier tier`));
    seen.add(t.code);
    const prev = input.tiers[i - 1];
    if (prev && t.thresholdFen <= prev.thresholdFen) issues.push(issue(`body.tiers.${i}.thresholdFen`, 'too_small', 'each threshold must be higher than the one before'));
  }
  if (input.tiers[0].thresholdFen !== 0) issues.push(issue('body.tiers.0.thresholdFen', 'invalid_value', 'the first (entry) tier starts at 0'));
  if (!input.tiers[0].active) issues.push(issue('body.tiers.0.active', 'invalid_value', 'the entry tier stays active'));
  if (issues.length) throw invalid(issues);
}

const isForeignKeyViolation = (err: unknown) => (err as { code?: string })?.code === '23503' || (err as { cause?: { code?: string } })?.cause?.code === '23503';
const inUse = (code: string) => new AppError('conflict', `members hold tier ${code}: deactivate it instead of removing it`, { params: { reason: 'tier_in_use', code } });
/** A tier's audited fields; benefits in a fixed key order (jsonb keeps its own), so an unchanged tier diffs empty. */
const auditable = (t: Pick<TierRow, 'code' | 'name' | 'rank' | 'thresholdFen' | 'benefits' | 'active'>) => ({
  code: t.code, name: t.name, rank: t.rank, thresholdFen: t.thresholdFen, active: t.active,
  benefits: { discountPercent: t.benefits.discountPercent, freeServices: t.benefits.freeServices, birthdayGift: t.benefits.birthdayGift },
});

/**
 * Replace the tier table (lowest first): tiers are matched by code (updated in place, keeping their id and members),
 * new codes are added, and a code left out is removed — refused with 409 `tier_in_use` while members hold it. Each
 * tier's change is audited with before/after. When the table lets members up (a lower threshold, a new or re-activated
 * tier), a recheck job upgrades them; nobody moves down before the yearly review.
 */
export async function replaceTiers(ctx: Ctx, input: ReplaceInput): Promise<{ items: TierDto[] }> {
  checkTable(input);
  try {
    await ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      await repo.lockTierTable(tx, ctx.tenantId);
      const before = await ensureTiers(tx, ctx.tenantId, now);
      const byCode = new Map(before.map((t) => [t.code, t]));
      const held = await repo.tiersInUse(tx, ctx.tenantId);
      const keep = new Set(input.tiers.map((t) => t.code));
      const gone = before.filter((t) => !keep.has(t.code));
      const heldGone = gone.find((t) => held.has(t.id));
      if (heldGone) throw inUse(heldGone.code);
      const audit: AuditEntry[] = [];
      let lowersBar = false;
      for (const t of gone) {
        await repo.deleteTier(tx, ctx.tenantId, t.id);
        audit.push({ action: 'loyaltyTier.deleted', entityType: 'loyaltyTier', entityId: t.id, changes: diff(auditable(t), null) });
      }
      for (const [i, t] of input.tiers.entries()) {
        const values = {
          name: t.name, rank: i + 1, thresholdFen: t.thresholdFen, active: t.active,
          benefits: { discountPercent: t.benefits.discountPercent, freeServices: t.benefits.freeServices, birthdayGift: t.benefits.birthdayGift || null },
        };
        const old = byCode.get(t.code);
        if (!old) {
          const [made] = await repo.insertTiers(tx, [{ tenantId: ctx.tenantId, code: t.code, ...values, createdAt: now, updatedAt: now }]);
          audit.push({ action: 'loyaltyTier.created', entityType: 'loyaltyTier', entityId: made.id, changes: diff(null, auditable(made)) });
          lowersBar ||= t.active && i > 0;
          continue;
        }
        const changes = diff(auditable(old), auditable({ ...old, ...values }));
        if (!changes.length) continue;
        await repo.updateTier(tx, ctx.tenantId, old.id, { ...values, updatedAt: now });
        audit.push({ action: 'loyaltyTier.updated', entityType: 'loyaltyTier', entityId: old.id, changes });
        lowersBar ||= t.active && (!old.active || t.thresholdFen < old.thresholdFen);
      }
      await ctx.audit.recordMany(tx, audit);
      if (lowersBar) await enqueueJob(tx, ctx.tenantId, TIER_RECHECK_JOB, {}, {}, null, now);
    });
  } catch (err) {
    // A member moved into a removed tier while the table changed: the foreign key refuses the removal.
    if (isForeignKeyViolation(err)) throw new AppError('conflict', 'members hold a removed tier: deactivate it instead', { params: { reason: 'tier_in_use' } });
    throw err;
  }
  return listTiers(ctx);
}
