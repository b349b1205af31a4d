import type { z } from 'zod';
import type { SuggestQuery } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { suggestArticles } from './knowledge.repository.ts';
import { suggestionGrams } from './knowledge.search.ts';
import { toArticleSummaryDto } from './knowledge.dto.ts';

/** The published articles that best answer a request's text (beside a request; internal ones included for staff). */
export async function suggestForText(ctx: Ctx, q: z.infer<typeof SuggestQuery>) {
  const rows = await suggestArticles(ctx.db, ctx.tenantId, suggestionGrams(q.text), { productCategoryId: q.productCategoryId, limit: q.limit });
  return { items: rows.map((r) => ({ ...toArticleSummaryDto(r), score: r.score })) };
}
