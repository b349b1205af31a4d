import { z } from 'zod';
import { CleanText, NameText, PageQuery } from './common.ts';

/** Knowledge base (SVC-5): categories in a tree, Markdown articles, draft/published, internal/public. */
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export const ARTICLE_VISIBILITIES = ['internal', 'public'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];

export const KnowledgeCategory = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  position: z.number().int(),
  /** Articles directly in this category (not its sub-categories). */
  articleCount: z.number().int(),
});
export type KnowledgeCategoryDto = z.infer<typeof KnowledgeCategory>;

export const CreateKnowledgeCategory = z.object({
  parentId: z.uuid().nullable().optional(),
  name: NameText(50),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const UpdateKnowledgeCategory = z
  .object({
    parentId: z.uuid().nullable().optional(),
    name: NameText(50).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

const ArticleTag = CleanText(30).pipe(z.string().min(1));
/** Markdown; 50,000 characters is a long manual chapter. */
const MarkdownBody = CleanText(50_000);

export const CreateArticle = z.object({
  categoryId: z.uuid().nullable().optional(),
  title: NameText(200),
  summary: CleanText(500).default(''),
  body: MarkdownBody.default(''),
  tags: z.array(ArticleTag).max(20).default([]),
  status: z.enum(ARTICLE_STATUSES).default('draft'),
  visibility: z.enum(ARTICLE_VISIBILITIES).default('internal'),
  productCategoryIds: z.array(z.uuid()).max(50).default([]),
});
export type CreateArticleInput = z.infer<typeof CreateArticle>;

export const UpdateArticle = z
  .object({
    categoryId: z.uuid().nullable().optional(),
    title: NameText(200).optional(),
    summary: CleanText(500).optional(),
    body: MarkdownBody.optional(),
    tags: z.array(ArticleTag).max(20).optional(),
    status: z.enum(ARTICLE_STATUSES).optional(),
    visibility: z.enum(ARTICLE_VISIBILITIES).optional(),
    productCategoryIds: z.array(z.uuid()).max(50).optional(),
    /** The version the editor started from: a save over someone else's newer version answers 409. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict();
export type UpdateArticleInput = z.infer<typeof UpdateArticle>;

/** An article in lists (no body). */
export const ArticleSummary = z.object({
  id: z.string(),
  categoryId: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  tags: z.array(z.string()),
  status: z.enum(ARTICLE_STATUSES),
  visibility: z.enum(ARTICLE_VISIBILITIES),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type ArticleSummaryDto = z.infer<typeof ArticleSummary>;

export const Article = ArticleSummary.extend({
  body: z.string(),
  productCategoryIds: z.array(z.string()),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type ArticleDto = z.infer<typeof Article>;

export const ArticleListQuery = PageQuery.extend({
  /** Chinese (any substring), pinyin (full spelling or initials) or Latin words; several terms separated by spaces must all match. */
  q: z.string().trim().max(100).optional(),
  categoryId: z.uuid().optional(),
  /** With categoryId: also articles of its sub-categories. */
  includeSubcategories: z.enum(['true', 'false']).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  visibility: z.enum(ARTICLE_VISIBILITIES).optional(),
  tag: z.string().trim().max(30).optional(),
});

export const ArticlePage = z.object({ items: z.array(ArticleSummary), nextCursor: z.string().nullable() });

export const SuggestQuery = z.object({
  /** A request's text (title and description). */
  text: CleanText(2000).pipe(z.string().min(1)),
  productCategoryId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export const SuggestedArticle = ArticleSummary.extend({ score: z.number() });
export const Suggestions = z.object({ items: z.array(SuggestedArticle) });

/** What the public self-service page shows of an article: no author, status or internal fields. */
export const PublicArticleSummary = z.object({
  id: z.string(),
  categoryId: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  tags: z.array(z.string()),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export const PublicArticle = PublicArticleSummary.extend({ body: z.string() });
export type PublicArticleDto = z.infer<typeof PublicArticle>;
export const PublicCategory = z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), position: z.number().int(), articleCount: z.number().int() });
