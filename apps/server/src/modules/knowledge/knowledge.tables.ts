import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/** Knowledge base categories, a tree by `parent_id` (SVC-5). Tenant-wide: no store or owner. */
export const knowledgeCategories = pgTable(
  'knowledge_categories',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [index('knowledge_categories_tenant_parent').on(t.tenantId, t.parentId, t.position)],
);

/**
 * Articles: Markdown body, draft or published, internal (staff) or public (the self-service page). Every change is
 * audited with field before/after, so the audit trail holds every version; `version` counts content changes.
 */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    categoryId: uuid('category_id'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    visibility: text('visibility', { enum: ['internal', 'public'] }).notNull().default('internal'),
    /** Catalogue product categories the article is about (plain ids: the knowledge base does not read the catalogue). */
    productCategoryIds: uuid('product_category_ids').array().notNull().default(sql`'{}'`),
    version: integer('version').notNull().default(1),
    publishedAt: ts('published_at'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    updatedBy: uuid('updated_by'),
    updatedByName: text('updated_by_name'),
    ...timestamps(),
  },
  (t) => [
    index('knowledge_articles_tenant_updated').on(t.tenantId, t.updatedAt, t.id),
    index('knowledge_articles_tenant_category').on(t.tenantId, t.categoryId, t.updatedAt, t.id),
    index('knowledge_articles_public').on(t.tenantId, t.updatedAt, t.id).where(sql`${t.status} = 'published' AND ${t.visibility} = 'public'`),
    index('knowledge_articles_tags').using('gin', t.tags),
  ],
);

/**
 * Search columns of an article, kept apart so the audit trail of the article holds only what an editor wrote.
 * Texts are NFKC lower-case; grams are the 1-/2-character substrings (as for customer names) of everything
 * (`grams`) and of the title, tags and summary (`key_grams`, what suggestions match on); pinyin and initials of the
 * title and tags, '|'-separated so a match does not span two of them.
 */
export const knowledgeArticleSearch = pgTable(
  'knowledge_article_search',
  {
    articleId: uuid('article_id').primaryKey(),
    tenantId: tenantColumn(),
    titleText: text('title_text').notNull(),
    keyText: text('key_text').notNull(),
    allText: text('all_text').notNull(),
    grams: text('grams').array().notNull(),
    keyGrams: text('key_grams').array().notNull(),
    titleGrams: text('title_grams').array().notNull(),
    pinyin: text('pinyin').notNull(),
    initials: text('initials').notNull(),
  },
  (t) => [
    index('knowledge_search_tenant').on(t.tenantId),
    index('knowledge_search_grams').using('gin', t.grams),
    index('knowledge_search_key_grams').using('gin', t.keyGrams),
    index('knowledge_search_pinyin').using('gin', sql`${t.pinyin} gin_trgm_ops`),
    index('knowledge_search_initials').using('gin', sql`${t.initials} gin_trgm_ops`),
  ],
);
