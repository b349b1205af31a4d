import type { z } from 'zod';
import type { BonusPreview, BonusPreviewResultDto, FieldIssue } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { isCustomerVisible } from '../customers/index.ts';
import { awardFor } from './bonus-award.ts';
import { existingUnitIds } from './bonus-rules.repository.ts';

/**
 * What an order would earn now (LOY-2 preview): the same computation as the award of a paid order, on an order
 * described by hand — store, paid amount, lines (category, series, amount), payment time, customer, campaign. Nothing
 * is written.
 */
export async function previewAward(ctx: Ctx, input: z.output<typeof BonusPreview>): Promise<BonusPreviewResultDto> {
  const issues: FieldIssue[] = [];
  if (!(await existingUnitIds(ctx.db, ctx.tenantId, [input.storeId])).size) issues.push(issue('body.storeId', 'not_found', 'store not found'));
  if (input.customerId && !(await isCustomerVisible(ctx, input.customerId))) issues.push(issue('body.customerId', 'not_found', 'customer not found'));
  if (issues.length) throw invalid(issues);
  const lines = input.lines.map((l) => ({ categoryId: l.categoryId ?? null, seriesId: l.seriesId ?? null, amountFen: l.amountFen }));
  const award = await awardFor(ctx, ctx.db, {
    storeId: input.storeId,
    totalFen: lines.length ? lines.reduce((s, l) => s + l.amountFen, 0) : input.paidFen,
    paidFen: input.paidFen,
    lines,
    paidAt: input.paidAt ? new Date(input.paidAt) : ctx.now(),
    campaignId: input.campaignId ?? null,
    customerId: input.customerId ?? null,
  });
  return {
    points: award.points, basePoints: award.basePoints, bonusPoints: award.bonusPoints, basisFen: award.basisFen,
    breakdown: award.breakdown as BonusPreviewResultDto['breakdown'], outranked: award.outranked,
  };
}
