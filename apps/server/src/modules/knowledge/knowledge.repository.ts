import { and, asc, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Fence } from '../../platform/db/scoped.ts';
import { knowledgeArticles, knowledgeArticleSearch, knowledgeCategories } from './knowledge.tables.ts';
import { likeAnywhere, searchColumns, type ArticleText, type SearchTerm } from './knowledge.search.ts';
import { decodeCursor as decodeKeyset, encodeCursor } from '../../platform/db/keyset.ts';

/** The knowledge base is tenant-wide (no store or owner): every reader of the tenant sees the same articles. */
export const articleFence: Fence = { table: knowledgeArticles, entity: 'knowledgeArticle' };
export const categoryFence: Fence = { table: knowledgeCategories, entity: 'knowledgeCategory' };

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
export type CategoryRow = typeof knowledgeCategories.$inferSelect;

/** Article columns of a list (no body). */
const summaryColumns = {
  id: knowledgeArticles.id,
  categoryId: knowledgeArticles.categoryId,
  title: knowledgeArticles.title,
  summary: knowledgeArticles.summary,
  tags: knowledgeArticles.tags,
  status: knowledgeArticles.status,
  visibility: knowledgeArticles.visibility,
  version: knowledgeArticles.version,
  publishedAt: knowledgeArticles.publishedAt,
  updatedAt: knowledgeArticles.updatedAt,
  updatedByName: knowledgeArticles.updatedByName,
};
export type ArticleSummaryRow = { [K in keyof typeof summaryColumns]: ArticleRow[K] };

/** Write (or rewrite) the search columns of an article. */
export async function writeSearch(tx: DbOrTx, tenantId: string, articleId: string, a: ArticleText) {
  const cols = searchColumns(a);
  await tx
    .insert(knowledgeArticleSearch)
    .values({ articleId, tenantId, ...cols })
    .onConflictDoUpdate({ target: knowledgeArticleSearch.articleId, set: cols });
}

export async function deleteSearch(tx: DbOrTx, tenantId: string, articleId: string) {
  await tx.delete(knowledgeArticleSearch).where(and(eq(knowledgeArticleSearch.tenantId, tenantId), eq(knowledgeArticleSearch.articleId, articleId)));
}

// ---------- categories ----------

/** Categories with their article counts (`countWhere` limits what is counted, e.g. public published articles). */
export async function categoriesWithCounts(db: DbOrTx, tenantId: string, countWhere?: SQL) {
  const counts = db
    .select({ categoryId: knowledgeArticles.categoryId, n: sql<number>`count(*)::int`.as('n') })
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.tenantId, tenantId), countWhere))
    .groupBy(knowledgeArticles.categoryId)
    .as('counts');
  const rows = await db
    .select({ c: knowledgeCategories, n: counts.n })
    .from(knowledgeCategories)
    .leftJoin(counts, eq(counts.categoryId, knowledgeCategories.id))
    .where(eq(knowledgeCategories.tenantId, tenantId))
    .orderBy(asc(knowledgeCategories.position), asc(knowledgeCategories.name));
  return rows.map((r) => ({ ...r.c, articleCount: r.n ?? 0 }));
}

export async function categoryById(db: DbOrTx, tenantId: string, id: string): Promise<CategoryRow | null> {
  const [row] = await db.select().from(knowledgeCategories).where(and(eq(knowledgeCategories.tenantId, tenantId), eq(knowledgeCategories.id, id)));
  return row ?? null;
}

export async function siblingNamed(db: DbOrTx, tenantId: string, parentId: string | null, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: knowledgeCategories.id })
    .from(knowledgeCategories)
    .where(
      and(
        eq(knowledgeCategories.tenantId, tenantId),
        parentId ? eq(knowledgeCategories.parentId, parentId) : sql`${knowledgeCategories.parentId} IS NULL`,
        sql`lower(${knowledgeCategories.name}) = lower(${name})`,
        exceptId ? sql`${knowledgeCategories.id} <> ${exceptId}` : undefined,
      ),
    );
  return rows.length > 0;
}

/** Whether a category still holds sub-categories or articles (it cannot be deleted then). */
export async function categoryInUse(db: DbOrTx, tenantId: string, id: string) {
  const res = await db.execute<{ children: boolean; articles: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM knowledge_categories WHERE tenant_id = ${tenantId} AND parent_id = ${id}) AS children,
           EXISTS (SELECT 1 FROM knowledge_articles WHERE tenant_id = ${tenantId} AND category_id = ${id}) AS articles`);
  return res.rows[0];
}

// ---------- articles ----------

export async function articleById(db: DbOrTx, tenantId: string, id: string, extra?: SQL): Promise<ArticleRow | null> {
  const [row] = await db.select().from(knowledgeArticles).where(and(eq(knowledgeArticles.tenantId, tenantId), eq(knowledgeArticles.id, id), extra));
  return row ?? null;
}

export interface ArticleFilter {
  tenantId: string;
  terms: SearchTerm[];
  categoryIds?: string[];
  status?: 'draft' | 'published';
  visibility?: 'internal' | 'public';
  tag?: string;
  limit: number;
  /** Keyset position (updatedAt ISO with microseconds, id) of a list without search terms. */
  cursor?: [string, string] | null;
}

const s = knowledgeArticleSearch;

/** One term matches: its grams are in the article (GIN) and the text contains it; Latin letters may match pinyin or initials. */
function termMatches(term: SearchTerm): SQL {
  const p = likeAnywhere(term.text);
  const grams = term.grams.length ? sql`${s.grams} @> ARRAY[${sql.join(term.grams.map((g) => sql`${g}`), sql`, `)}]::text[] AND ` : sql``;
  const text = sql`(${grams}${s.allText} LIKE ${p})`;
  if (!term.latin || term.latin.length < 2) return text;
  return sql`(${text} OR ${s.pinyin} LIKE ${p} OR ${s.initials} LIKE ${p})`;
}

/** Relevance of one term: in the title 8, in tags or summary 3, anywhere 1; pinyin of title or tags 6, their initials 4. */
function termScore(term: SearchTerm): SQL {
  const p = likeAnywhere(term.text);
  const base = sql`(CASE WHEN ${s.titleText} LIKE ${p} THEN 8 ELSE 0 END + CASE WHEN ${s.keyText} LIKE ${p} THEN 3 ELSE 0 END + CASE WHEN ${s.allText} LIKE ${p} THEN 1 ELSE 0 END)`;
  if (!term.latin || term.latin.length < 2) return base;
  return sql`(${base} + CASE WHEN ${s.pinyin} LIKE ${p} THEN 6 ELSE 0 END + CASE WHEN ${s.initials} LIKE ${p} THEN 4 ELSE 0 END)`;
}

/**
 * Articles of a tenant by filter. Without search terms: newest change first, keyset-paged. With terms: every term
 * must match, best first (relevance, then newest), the best `limit` only.
 */
export async function findArticles(db: DbOrTx, f: ArticleFilter): Promise<{ rows: (ArticleSummaryRow & { score: number })[]; nextCursor: string | null }> {
  const a = knowledgeArticles;
  const conds: (SQL | undefined)[] = [
    eq(a.tenantId, f.tenantId),
    f.categoryIds ? (f.categoryIds.length ? inArray(a.categoryId, f.categoryIds) : sql`false`) : undefined,
    f.status ? eq(a.status, f.status) : undefined,
    f.visibility ? eq(a.visibility, f.visibility) : undefined,
    f.tag ? sql`${a.tags} @> ARRAY[${f.tag}]::text[]` : undefined,
  ];
  if (f.terms.length) {
    const score = sql<number>`(${sql.join(f.terms.map(termScore), sql` + `)})::int`;
    const rows = await db
      .select({ ...summaryColumns, score })
      .from(a)
      .innerJoin(s, eq(s.articleId, a.id))
      .where(and(...conds, eq(s.tenantId, f.tenantId), ...f.terms.map(termMatches)))
      .orderBy(desc(score), desc(a.updatedAt), desc(a.id))
      .limit(f.limit);
    return { rows, nextCursor: null };
  }
  const sortKey = sql<string>`to_char(${a.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const after = f.cursor ? sql`(${a.updatedAt}, ${a.id}) < (${f.cursor[0]}::timestamptz, ${f.cursor[1]}::uuid)` : undefined;
  const rows = await db
    .select({ ...summaryColumns, sortKey })
    .from(a)
    .where(and(...conds, after))
    .orderBy(desc(a.updatedAt), desc(a.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ sortKey: _k, ...r }) => ({ ...r, score: 0 })),
    nextCursor: rows.length > f.limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}

/** A cursor made by findArticles, or null. */
export const decodeArticleCursor = (c: string) => decodeKeyset(c);

/**
 * Published articles sharing the most bigrams with a free text: a shared bigram of the title or tags counts 3, of
 * the summary 1 (they are what suggestions match on); an article about the given product category gets 4 more.
 * Candidates come from the key-grams GIN index (`&&`); at least two shared bigrams make a suggestion.
 */
export async function suggestArticles(db: DbOrTx, tenantId: string, grams: string[], opts: { productCategoryId?: string; publicOnly?: boolean; limit: number }) {
  if (!grams.length) return [];
  const a = knowledgeArticles;
  const arr = sql`ARRAY[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[]`;
  const overlap = (col: SQLWrapper) => sql`cardinality(ARRAY(SELECT unnest(${col}) INTERSECT SELECT unnest(${arr})))`;
  const shared = sql<number>`${overlap(s.keyGrams)}`;
  const boost = opts.productCategoryId ? sql`CASE WHEN ${opts.productCategoryId}::uuid = ANY(${a.productCategoryIds}) THEN 4 ELSE 0 END` : sql`0`;
  const score = sql<number>`(2 * ${overlap(s.titleGrams)} + ${shared} + ${boost})::int`;
  return db
    .select({ ...summaryColumns, score, shared })
    .from(a)
    .innerJoin(s, eq(s.articleId, a.id))
    .where(and(eq(a.tenantId, tenantId), eq(s.tenantId, tenantId), eq(a.status, 'published'), opts.publicOnly ? eq(a.visibility, 'public') : undefined, sql`${s.keyGrams} && ${arr}`))
    .orderBy(desc(score), desc(a.updatedAt))
    .limit(opts.limit * 3)
    .then((rows) => rows.filter((r) => Number(r.shared) >= 2).slice(0, opts.limit));
}
