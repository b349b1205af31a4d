import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/errors.ts';
import * as repo from './knowledge.repository.ts';
import { knowledgeArticles } from './knowledge.tables.ts';
import { toPublicArticleDto, toPublicSummaryDto } from './knowledge.dto.ts';
import { searchTerms, suggestionGrams } from './knowledge.search.ts';
import { categoryFilter } from './articles.service.ts';

/**
 * The public face of the knowledge base (the self-service page, no login): published public articles only. An
 * internal or draft article answers exactly as a missing one.
 */
const isPublic = and(eq(knowledgeArticles.status, 'published'), eq(knowledgeArticles.visibility, 'public'));

/** Categories holding public articles (directly or below), with the count of public articles in each. */
export async function publicCategories(db: DbOrTx, tenantId: string) {
  const all = await repo.categoriesWithCounts(db, tenantId, isPublic);
  const byParent = new Map<string | null, typeof all>();
  for (const c of all) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const total = (id: string): number => (all.find((c) => c.id === id)?.articleCount ?? 0) + (byParent.get(id) ?? []).reduce((n, c) => n + total(c.id), 0);
  return {
    items: all.filter((c) => total(c.id) > 0).map((c) => ({ id: c.id, parentId: c.parentId, name: c.name, position: c.position, articleCount: c.articleCount })),
  };
}

export async function listPublicArticles(db: DbOrTx, tenantId: string, q: { q?: string; categoryId?: string; limit: number; cursor?: [string, string] | null }) {
  const terms = q.q ? searchTerms(q.q) : [];
  const { rows, nextCursor } = await repo.findArticles(db, {
    tenantId,
    terms,
    categoryIds: await categoryFilter(db, tenantId, q.categoryId, true),
    status: 'published',
    visibility: 'public',
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: rows.map(toPublicSummaryDto), nextCursor };
}

export async function getPublicArticle(db: DbOrTx, tenantId: string, id: string) {
  const row = await repo.articleById(db, tenantId, id, isPublic);
  if (!row) throw notFound('article');
  return toPublicArticleDto(row);
}

/** Public articles that may answer what a customer is typing (the self-service request form). */
export async function suggestPublicArticles(db: DbOrTx, tenantId: string, text: string, limit = 3) {
  const rows = await repo.suggestArticles(db, tenantId, suggestionGrams(text), { publicOnly: true, limit });
  return { items: rows.map(toPublicSummaryDto) };
}

export { decodeArticleCursor } from './knowledge.repository.ts';
