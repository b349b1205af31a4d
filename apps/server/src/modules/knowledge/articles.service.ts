import type { z } from 'zod';
import type { ArticleListQuery, CreateArticleInput, UpdateArticleInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import * as repo from './knowledge.repository.ts';
import { toArticleDto, toArticleSummaryDto } from './knowledge.dto.ts';
import { searchTerms } from './knowledge.search.ts';
import { subtreeIds } from './categories.service.ts';

const SEARCH_LIMIT = 50;

async function checkCategory(tx: DbOrTx, tenantId: string, categoryId: string | null | undefined) {
  if (!categoryId) return;
  if (!(await repo.categoryById(tx, tenantId, categoryId))) throw invalid([issue('body.categoryId', 'not_found', 'category not found')]);
}

/** The categories a list is limited to: one, or one with its sub-categories; undefined for all. */
export async function categoryFilter(db: DbOrTx, tenantId: string, categoryId: string | undefined, withSub: boolean): Promise<string[] | undefined> {
  if (!categoryId) return undefined;
  if (!withSub) return [categoryId];
  return subtreeIds(await repo.categoriesWithCounts(db, tenantId), categoryId);
}

/** Articles for staff: filters, keyset pages; with `q` the best matches (Chinese substrings, pinyin, initials) first. */
export async function listArticles(ctx: Ctx, q: z.infer<typeof ArticleListQuery>) {
  const cursor = q.cursor ? repo.decodeArticleCursor(q.cursor) : null;
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  const terms = q.q ? searchTerms(q.q) : [];
  const { rows, nextCursor } = await repo.findArticles(ctx.db, {
    tenantId: ctx.tenantId,
    terms,
    categoryIds: await categoryFilter(ctx.db, ctx.tenantId, q.categoryId, q.includeSubcategories === 'true'),
    status: q.status,
    visibility: q.visibility,
    tag: q.tag,
    limit: terms.length ? Math.min(q.limit, SEARCH_LIMIT) : q.limit,
    cursor,
  });
  return { items: rows.map(toArticleSummaryDto), nextCursor };
}

export async function getArticle(ctx: Ctx, id: string) {
  const row = await repo.articleById(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('knowledgeArticle');
  return toArticleDto(row);
}

const editor = (ctx: Ctx) => ({ id: ctx.actor.kind === 'system' ? null : ctx.actor.id, name: ctx.actor.name });

export async function createArticle(ctx: Ctx, input: CreateArticleInput) {
  return ctx.db.transaction(async (tx) => {
    await checkCategory(tx, ctx.tenantId, input.categoryId);
    const who = editor(ctx);
    const now = ctx.now();
    const row = await insertScoped<repo.ArticleRow>(ctx, tx, repo.articleFence, {
      ...input,
      categoryId: input.categoryId ?? null,
      tags: [...new Set(input.tags)],
      productCategoryIds: [...new Set(input.productCategoryIds)],
      version: 1,
      publishedAt: input.status === 'published' ? now : null,
      createdBy: who.id,
      createdByName: who.name,
      updatedBy: who.id,
      updatedByName: who.name,
      createdAt: now,
      updatedAt: now,
    }, { meta: { version: 1 } });
    await repo.writeSearch(tx, ctx.tenantId, row.id, row);
    return toArticleDto(row);
  });
}

const CONTENT = ['categoryId', 'title', 'summary', 'body', 'tags', 'status', 'visibility', 'productCategoryIds'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Change an article. Each save that changes something makes a new version (the audit row holds the fields before
 * and after, and the version number); `expectedVersion` refuses to overwrite a newer version (409).
 */
export async function updateArticle(ctx: Ctx, id: string, input: UpdateArticleInput) {
  return ctx.db.transaction(async (tx) => {
    const current = await lockScoped<repo.ArticleRow>(ctx, tx, repo.articleFence, id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new AppError('conflict', 'the article was changed by someone else meanwhile', { params: { currentVersion: current.version, updatedByName: current.updatedByName } });
    }
    if (input.categoryId !== undefined && input.categoryId !== current.categoryId) await checkCategory(tx, ctx.tenantId, input.categoryId);
    const patch: Record<string, unknown> = {};
    for (const k of CONTENT) {
      let v = input[k];
      if (v === undefined) continue;
      if (k === 'tags' || k === 'productCategoryIds') v = [...new Set(v as string[])];
      if (!same(v, current[k])) patch[k] = v;
    }
    if (!Object.keys(patch).length) return toArticleDto(current);
    if (patch.status === 'published') patch.publishedAt = ctx.now();
    if (patch.status === 'draft') patch.publishedAt = null;
    const who = editor(ctx);
    const version = current.version + 1;
    const { after } = await updateScoped<repo.ArticleRow>(ctx, tx, repo.articleFence, id, { ...patch, version, updatedBy: who.id, updatedByName: who.name }, { meta: { version } });
    if (['title', 'summary', 'body', 'tags'].some((k) => k in patch)) await repo.writeSearch(tx, ctx.tenantId, id, after);
    return toArticleDto(after);
  });
}

/** Delete an article; its last content stays in the audit trail. */
export async function deleteArticle(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    await deleteScoped(ctx, tx, repo.articleFence, id);
    await repo.deleteSearch(tx, ctx.tenantId, id);
  });
}

/** Every version of an article, newest first (its audit trail: fields before and after, version in meta). */
export async function articleHistory(ctx: Ctx, id: string) {
  if (!(await repo.articleById(ctx.db, ctx.tenantId, id))) throw notFound('knowledgeArticle');
  return { items: await entityHistory(ctx, 'knowledgeArticle', [id]) };
}
