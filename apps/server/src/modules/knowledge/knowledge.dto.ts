import type { ArticleDto, ArticleSummaryDto, KnowledgeCategoryDto, PublicArticleDto } from '@jiake/shared';
import type { ArticleRow, ArticleSummaryRow, CategoryRow } from './knowledge.repository.ts';

export const toCategoryDto = (c: CategoryRow & { articleCount: number }): KnowledgeCategoryDto => ({
  id: c.id, parentId: c.parentId, name: c.name, position: c.position, articleCount: c.articleCount,
});

export const toArticleSummaryDto = (a: ArticleSummaryRow): ArticleSummaryDto => ({
  id: a.id, categoryId: a.categoryId, title: a.title, summary: a.summary, tags: a.tags, status: a.status,
  visibility: a.visibility, version: a.version, publishedAt: a.publishedAt?.toISOString() ?? null,
  updatedAt: a.updatedAt.toISOString(), updatedByName: a.updatedByName,
});

export const toArticleDto = (a: ArticleRow): ArticleDto => ({
  ...toArticleSummaryDto(a),
  body: a.body,
  productCategoryIds: a.productCategoryIds,
  createdAt: a.createdAt.toISOString(),
  createdByName: a.createdByName,
});

/** What the public page shows: no author, status, visibility or version. */
export const toPublicSummaryDto = (a: ArticleSummaryRow) => ({
  id: a.id, categoryId: a.categoryId, title: a.title, summary: a.summary, tags: a.tags,
  publishedAt: a.publishedAt?.toISOString() ?? null, updatedAt: a.updatedAt.toISOString(),
});

export const toPublicArticleDto = (a: ArticleRow): PublicArticleDto => ({ ...toPublicSummaryDto(a), body: a.body });
