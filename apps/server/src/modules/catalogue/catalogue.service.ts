import { and, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateCategory, CreateProductInput, CreateSeries, ProductListQuery, UpdateCategory, UpdateProductInput, UpdateSeries } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, updateScoped } from '../../platform/db/scoped.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import { products } from './catalogue.tables.ts';
import * as repo from './catalogue.repository.ts';

/** Unique keys of the catalogue, as the field that broke them. */
const TAKEN: Record<string, [string, string]> = {
  product_categories_sibling_name: ['body.name', 'a category with this name already exists here'],
  product_categories_code: ['body.code', 'code already used'],
  product_series_name: ['body.name', 'a series with this name already exists'],
  product_series_code: ['body.code', 'code already used'],
  products_tenant_sku: ['body.sku', 'SKU already used'],
};

/** Run a write; a broken unique key answers 409 with the field that broke it. */
async function write<T>(ctx: Ctx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(fn);
  } catch (err) {
    const c = repo.uniqueViolation(err);
    const taken = c !== null ? TAKEN[c] : undefined;
    if (taken) throw new AppError('conflict', taken[1], { issues: [issue(taken[0], 'taken', taken[1])] });
    throw err;
  }
}

// ---------- categories ----------

const toCategoryDto = (c: repo.CategoryRow & { productCount?: number }) => ({
  id: c.id, parentId: c.parentId, name: c.name, code: c.code, sortOrder: c.sortOrder, productCount: c.productCount ?? 0,
});

export async function listCategories(ctx: Ctx) {
  return { items: (await repo.listCategories(ctx)).map(toCategoryDto) };
}

async function checkParent(ctx: Ctx, tx: DbOrTx, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  const parents = await repo.categoryParents(ctx, tx);
  if (!parents.has(parentId)) throw invalid([issue('body.parentId', 'not_found', 'parent category not found')]);
  // Walking up from the new parent must not meet the category itself.
  const seen = new Set<string>();
  for (let at: string | null | undefined = parentId; at && !seen.has(at); at = parents.get(at)) {
    if (at === selfId) throw invalid([issue('body.parentId', 'cycle', 'a category cannot move below itself')]);
    seen.add(at);
  }
}

export async function createCategory(ctx: Ctx, input: z.infer<typeof CreateCategory>) {
  return write(ctx, async (tx) => {
    await checkParent(ctx, tx, input.parentId);
    const row = await insertScoped<repo.CategoryRow>(ctx, tx, repo.categoryFence, { ...input, parentId: input.parentId ?? null, createdAt: ctx.now(), updatedAt: ctx.now() });
    return toCategoryDto(row);
  });
}

export async function updateCategory(ctx: Ctx, id: string, input: z.infer<typeof UpdateCategory>) {
  return write(ctx, async (tx) => {
    if (!(await repo.findCategory(ctx, tx, id))) throw notFound('productCategory');
    await checkParent(ctx, tx, input.parentId, id);
    const { after } = await updateScoped<repo.CategoryRow>(ctx, tx, repo.categoryFence, id, input);
    return toCategoryDto({ ...after, productCount: await repo.countProducts(ctx, tx, eq(products.categoryId, id)) });
  });
}

/** Only an empty category goes: no subcategories, no products (move or discontinue them first). */
export async function deleteCategory(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findCategory(ctx, tx, id))) throw notFound('productCategory');
    if (await repo.countChildren(ctx, tx, id)) throw new AppError('conflict', 'the category has subcategories');
    if (await repo.countProducts(ctx, tx, eq(products.categoryId, id))) throw new AppError('conflict', 'the category has products');
    await deleteScoped(ctx, tx, repo.categoryFence, id);
  });
}

// ---------- series ----------

const toSeriesDto = (s: repo.SeriesRow & { productCount?: number }) => ({
  id: s.id, name: s.name, code: s.code, style: s.style, description: s.description, status: s.status, productCount: s.productCount ?? 0,
});

export async function listSeries(ctx: Ctx) {
  return { items: (await repo.listSeries(ctx)).map(toSeriesDto) };
}

export async function createSeries(ctx: Ctx, input: z.infer<typeof CreateSeries>) {
  return write(ctx, async (tx) => toSeriesDto(await insertScoped<repo.SeriesRow>(ctx, tx, repo.seriesFence, { ...input, createdAt: ctx.now(), updatedAt: ctx.now() })));
}

export async function updateSeries(ctx: Ctx, id: string, input: z.infer<typeof UpdateSeries>) {
  return write(ctx, async (tx) => {
    const { after } = await updateScoped<repo.SeriesRow>(ctx, tx, repo.seriesFence, id, input);
    return toSeriesDto({ ...after, productCount: await repo.countProducts(ctx, tx, eq(products.seriesId, id)) });
  });
}

export async function deleteSeries(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findSeries(ctx, tx, id))) throw notFound('productSeries');
    if (await repo.countProducts(ctx, tx, eq(products.seriesId, id))) throw new AppError('conflict', 'the series has products');
    await deleteScoped(ctx, tx, repo.seriesFence, id);
  });
}

// ---------- products ----------

export function toProductDto(p: repo.ProductRowWithNames) {
  return {
    id: p.id, sku: p.sku, name: p.name, categoryId: p.categoryId, categoryName: p.categoryName, seriesId: p.seriesId, seriesName: p.seriesName,
    priceFen: p.priceFen, unit: p.unit, spec: p.spec, material: p.material, careInstructions: p.careInstructions,
    maintenanceIntervalDays: p.maintenanceIntervalDays, warrantyMonths: p.warrantyMonths, status: p.status,
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}

async function checkRefs(ctx: Ctx, tx: DbOrTx, input: { categoryId?: string | null; seriesId?: string | null }) {
  const issues = [];
  if (input.categoryId && !(await repo.findCategory(ctx, tx, input.categoryId))) issues.push(issue('body.categoryId', 'not_found', 'category not found'));
  if (input.seriesId && !(await repo.findSeries(ctx, tx, input.seriesId))) issues.push(issue('body.seriesId', 'not_found', 'series not found'));
  if (issues.length) throw invalid(issues);
}

export async function createProduct(ctx: Ctx, input: CreateProductInput) {
  return write(ctx, async (tx) => {
    await checkRefs(ctx, tx, input);
    const row = await insertScoped<repo.ProductRow>(ctx, tx, repo.productFence, { ...input, createdAt: ctx.now(), updatedAt: ctx.now() });
    return toProductDto((await repo.findProduct(ctx, tx, row.id))!);
  });
}

export async function updateProduct(ctx: Ctx, id: string, input: UpdateProductInput) {
  return write(ctx, async (tx) => {
    if (!(await repo.findProduct(ctx, tx, id))) throw notFound('product');
    await checkRefs(ctx, tx, input);
    await updateScoped(ctx, tx, repo.productFence, id, input);
    return toProductDto((await repo.findProduct(ctx, tx, id))!);
  });
}

export async function getProduct(ctx: Ctx, id: string) {
  const row = await repo.findProduct(ctx, ctx.db, id);
  if (!row) throw notFound('product');
  return toProductDto(row);
}

export async function listProducts(ctx: Ctx, q: z.infer<typeof ProductListQuery>) {
  let after: string | null = null;
  if (q.cursor) {
    after = Buffer.from(q.cursor, 'base64url').toString('utf8');
    if (!after || !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(after)) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  }
  const conds: (SQL | undefined)[] = [
    q.q ? repo.productSearch(q.q) : undefined,
    q.categoryId ? repo.productsIn.categories(await repo.categorySubtree(ctx, q.categoryId)) : undefined,
    q.seriesId ? repo.productsIn.series(q.seriesId) : undefined,
    q.status ? repo.productsIn.status(q.status) : undefined,
  ];
  const { rows, nextCursor } = await repo.productPage(ctx, and(...conds), q.limit, after);
  return { items: rows.map(toProductDto), nextCursor };
}

export async function productHistory(ctx: Ctx, id: string) {
  if (!(await repo.findProduct(ctx, ctx.db, id))) throw notFound('product');
  return { items: await entityHistory(ctx, 'product', [id]) };
}
