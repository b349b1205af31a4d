import type { Client } from '../helpers.ts';
import { uniq } from '../helpers.ts';

/** Catalogue builders for the catalogue and orders suites (inside the caller's tenant). */

async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201): Promise<T> {
  const res = await p;
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export const makeCategory = (admin: Client, body: { name?: string; parentId?: string | null; code?: string }) =>
  ok<{ id: string; name: string; parentId: string | null }>(admin.post('/api/v1/catalogue/categories', { name: body.name ?? uniq('类目'), ...body }));

export const makeSeries = (admin: Client, body: { name?: string; code?: string } = {}) =>
  ok<{ id: string; name: string }>(admin.post('/api/v1/catalogue/series', { name: body.name ?? uniq('套系'), ...body }));

export interface ProductOut {
  id: string;
  sku: string;
  name: string;
  priceFen: number;
  categoryId: string | null;
  seriesId: string | null;
  status: string;
}
export const makeProduct = (admin: Client, body: { sku?: string; name?: string; priceFen: number; categoryId?: string; seriesId?: string; [k: string]: unknown }) =>
  ok<ProductOut>(admin.post('/api/v1/catalogue/products', { sku: body.sku ?? uniq('SKU-'), name: body.name ?? uniq('商品'), ...body }));

/** A small furniture catalogue: a living-room category, a series, and three products. */
export async function smallCatalogue(admin: Client) {
  const livingRoom = await makeCategory(admin, { name: '客厅' });
  const series = await makeSeries(admin, { name: uniq('米兰') });
  const sofa = await makeProduct(admin, { name: '真皮沙发三人位', priceFen: 1_299_900, categoryId: livingRoom.id, seriesId: series.id, maintenanceIntervalDays: 180 });
  const table = await makeProduct(admin, { name: '岩板茶几', priceFen: 349_900, categoryId: livingRoom.id, seriesId: series.id });
  const cushion = await makeProduct(admin, { name: '抱枕', priceFen: 10_000, categoryId: livingRoom.id });
  return { livingRoom, series, sofa, table, cushion };
}
