import { asc, eq, getTableColumns, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { productCategories, productSeries, products } from './catalogue.tables.ts';

/** The catalogue is the tenant's: no store or owner, every caller with catalogue:view sees all of it. */
export const categoryFence: Fence = { table: productCategories, entity: 'productCategory' };
export const seriesFence: Fence = { table: productSeries, entity: 'productSeries' };
export const productFence: Fence = { table: products, entity: 'product' };

export type CategoryRow = typeof productCategories.$inferSelect;
export type SeriesRow = typeof productSeries.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type ProductRowWithNames = ProductRow & { categoryName: string | null; seriesName: string | null };

/** The constraint a PostgreSQL unique violation broke, or null for any other error. */
export function uniqueViolation(err: unknown): string | null {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint ?? '';
  }
  return null;
}

export async function listCategories(ctx: Ctx) {
  return ctx.db
    .select({
      ...getTableColumns(productCategories),
      // Qualified by hand: in a one-table select drizzle leaves columns unqualified, and inside the subquery they would mean p's.
      productCount: sql<number>`(SELECT count(*)::int FROM products p WHERE p.tenant_id = product_categories.tenant_id AND p.category_id = product_categories.id)`,
    })
    .from(productCategories)
    .where(scopedWhere(ctx, categoryFence))
    .orderBy(asc(productCategories.sortOrder), asc(productCategories.name));
}

export async function findCategory(ctx: Ctx, db: DbOrTx, id: string): Promise<CategoryRow | null> {
  const [row] = await db.select().from(productCategories).where(scopedWhere(ctx, categoryFence, eq(productCategories.id, id)));
  return row ?? null;
}

/** Parent links of every category of the tenant (to walk the tree: cycles, subtrees). */
export async function categoryParents(ctx: Ctx, db: DbOrTx): Promise<Map<string, string | null>> {
  const rows = await db.select({ id: productCategories.id, parentId: productCategories.parentId }).from(productCategories).where(scopedWhere(ctx, categoryFence));
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** A category and all categories below it. */
export async function categorySubtree(ctx: Ctx, id: string): Promise<string[]> {
  const parents = await categoryParents(ctx, ctx.db);
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const [child, parent] of parents) if (parent === out[i]) out.push(child);
  return out;
}

export async function countChildren(ctx: Ctx, db: DbOrTx, categoryId: string) {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(productCategories).where(scopedWhere(ctx, categoryFence, eq(productCategories.parentId, categoryId)));
  return r.n;
}

export async function countProducts(ctx: Ctx, db: DbOrTx, where: SQL) {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(products).where(scopedWhere(ctx, productFence, where));
  return r.n;
}

export async function listSeries(ctx: Ctx) {
  return ctx.db
    .select({
      ...getTableColumns(productSeries),
      productCount: sql<number>`(SELECT count(*)::int FROM products p WHERE p.tenant_id = product_series.tenant_id AND p.series_id = product_series.id)`,
    })
    .from(productSeries)
    .where(scopedWhere(ctx, seriesFence))
    .orderBy(asc(productSeries.name));
}

export async function findSeries(ctx: Ctx, db: DbOrTx, id: string): Promise<SeriesRow | null> {
  const [row] = await db.select().from(productSeries).where(scopedWhere(ctx, seriesFence, eq(productSeries.id, id)));
  return row ?? null;
}

/** Which of these ids are series of the tenant. */
export async function existingSeriesIds(ctx: Ctx, db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: productSeries.id }).from(productSeries).where(scopedWhere(ctx, seriesFence, inArray(productSeries.id, [...new Set(ids)])));
  return new Set(rows.map((r) => r.id));
}

function selectProducts(db: DbOrTx) {
  return db
    .select({ ...getTableColumns(products), categoryName: productCategories.name, seriesName: productSeries.name })
    .from(products)
    .leftJoin(productCategories, eq(productCategories.id, products.categoryId))
    .leftJoin(productSeries, eq(productSeries.id, products.seriesId));
}

export async function findProduct(ctx: Ctx, db: DbOrTx, id: string): Promise<ProductRowWithNames | null> {
  const [row] = await selectProducts(db).where(scopedWhere(ctx, productFence, eq(products.id, id)));
  return row ?? null;
}

export async function productsByIds(ctx: Ctx, db: DbOrTx, ids: string[]): Promise<ProductRowWithNames[]> {
  if (!ids.length) return [];
  return selectProducts(db).where(scopedWhere(ctx, productFence, inArray(products.id, [...new Set(ids)])));
}

export async function productsBySkus(ctx: Ctx, db: DbOrTx, skus: string[]): Promise<ProductRowWithNames[]> {
  if (!skus.length) return [];
  return selectProducts(db).where(scopedWhere(ctx, productFence, inArray(products.sku, [...new Set(skus)])));
}

/** A page of products ordered by SKU (unique per tenant, so the SKU alone is the keyset cursor). */
export async function productPage(ctx: Ctx, where: SQL | undefined, limit: number, afterSku: string | null) {
  const rows = await selectProducts(ctx.db)
    .where(scopedWhere(ctx, productFence, where, afterSku !== null ? gt(products.sku, afterSku) : undefined))
    .orderBy(asc(products.sku))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? Buffer.from(page[page.length - 1].sku).toString('base64url') : null;
  return { rows: page, nextCursor };
}

/** Name contains the term (trigram index for 3+ characters), or the SKU starts with it. */
export function productSearch(q: string): SQL {
  const escaped = q.replace(/[%_\\]/g, '\\$&');
  return sql`(${products.name} ILIKE ${`%${escaped}%`} OR ${products.sku} ILIKE ${`${escaped}%`})`;
}

export const productsIn = {
  categories: (ids: string[]) => inArray(products.categoryId, ids),
  series: (id: string) => eq(products.seriesId, id),
  status: (s: 'active' | 'discontinued') => eq(products.status, s),
};
