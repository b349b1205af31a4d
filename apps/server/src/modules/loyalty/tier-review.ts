import type { Ctx } from '../../platform/http/context.ts';
import { loadSettings } from './program.service.ts';
import * as states from './tier-members.repository.ts';
import { evaluateMembers, type Counts, type EvaluationMode } from './tier-evaluate.ts';
import { reviewYearAt } from './tier-rules.ts';

/**
 * Work over every member of a tenant (LOY-5): the yearly review and the upgrade recheck after the tier table changed.
 * Members go by id in batches, one short transaction each, so a long run never holds many locks and an interrupted
 * run resumes where it stopped (the review skips members it already looked at this year).
 */

const BATCH = 200;

async function sweep(ctx: Ctx, mode: EvaluationMode): Promise<Counts> {
  const total: Counts = { reviewed: 0, upgraded: 0, downgraded: 0 };
  let after: string | null = null;
  for (;;) {
    const batch = await states.membersAfter(ctx.db, ctx.tenantId, after, BATCH, mode.kind === 'review' ? mode.year : null);
    if (!batch.length) return total;
    after = batch.at(-1)!.id;
    const counts = await ctx.db.transaction((tx) => evaluateMembers(ctx, tx, batch, mode));
    total.reviewed += counts.reviewed;
    total.upgraded += counts.upgraded;
    total.downgraded += counts.downgraded;
  }
}

/**
 * The yearly review (daily cron, Asia/Shanghai): on the 1st of the review month — or the first run after it within that
 * month, if the 1st was missed — every member but the cancelled moves to the highest tier their spend in the window
 * qualifies for, down as well as up. Once per tenant and year: the review is claimed by year and finished with its
 * counts; a later run that year does nothing.
 */
export async function runTierReview(ctx: Ctx, now: Date): Promise<Record<string, unknown>> {
  const settings = await loadSettings(ctx.db, ctx.tenantId);
  const year = reviewYearAt(now, settings.tiers.reviewMonth);
  if (year === null) return { skipped: 'not_review_month' };
  const review = await states.claimReview(ctx.db, ctx.tenantId, year, now);
  if (review.finishedAt) return { skipped: 'already_reviewed', year };
  const counts = await sweep(ctx, { kind: 'review', year });
  await states.finishReview(ctx.db, review.id, counts, ctx.now());
  return { year, ...counts };
}

/** Upgrade every active member the tier table now lets up (never down); each move is keyed by the job. */
export async function recheckUpgrades(ctx: Ctx, jobId: string): Promise<Record<string, unknown>> {
  const counts = await sweep(ctx, { kind: 'upgrade', source: `recheck:${jobId}` });
  return { ...counts };
}
