import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProductsByIds } from '../../src/modules/catalogue/index.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { createRole, expectErrorBody, ids, issuePaths } from '../factories.ts';
import { newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { makeCategory, makeProduct, makeSeries } from './fixtures.ts';

/** Product catalogue (ORD-4): category tree, series (套系), products with unique SKU, price in fen, care and maintenance. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('categories', () => {
  it('builds a tree, refuses cycles and duplicate sibling names, deletes only empty categories', async () => {
    const a = await newTenant(t);
    const bedroom = await makeCategory(a.admin, { name: '卧室' });
    const beds = await makeCategory(a.admin, { name: '床', parentId: bedroom.id });
    const mattresses = await makeCategory(a.admin, { name: '床垫', parentId: beds.id });
    // The same name under another parent is fine; under the same parent it is taken.
    await makeCategory(a.admin, { name: '床' });
    const dup = await a.admin.post('/api/v1/catalogue/categories', { name: '床', parentId: bedroom.id });
    expect(expectErrorBody(dup, 409, 'conflict').issues?.[0]).toMatchObject({ path: 'body.name', code: 'taken' });
    const cycle = await a.admin.patch(`/api/v1/catalogue/categories/${bedroom.id}`, { parentId: mattresses.id });
    expect(expectErrorBody(cycle, 422, 'validation_failed').issues?.[0]).toMatchObject({ path: 'body.parentId', code: 'cycle' });
    expect(issuePaths(await a.admin.post('/api/v1/catalogue/categories', { name: '孤儿', parentId: crypto.randomUUID() }))).toEqual(['body.parentId']);

    await makeProduct(a.admin, { priceFen: 100, categoryId: mattresses.id });
    expect(expectErrorBody(await a.admin.delete(`/api/v1/catalogue/categories/${beds.id}`), 409, 'conflict').message).toContain('subcategories');
    expect(expectErrorBody(await a.admin.delete(`/api/v1/catalogue/categories/${mattresses.id}`), 409, 'conflict').message).toContain('products');
    const empty = await makeCategory(a.admin, { name: '空类目' });
    expect((await a.admin.delete(`/api/v1/catalogue/categories/${empty.id}`)).statusCode).toBe(200);

    const tree = (await a.admin.get('/api/v1/catalogue/categories')).json().items as { id: string; parentId: string | null; productCount: number }[];
    expect(tree.find((c) => c.id === mattresses.id)).toMatchObject({ parentId: beds.id, productCount: 1 });
    expect(tree.map((c) => c.id)).not.toContain(empty.id);
  });
});

describe('products', () => {
  it('keeps SKUs unique per tenant (other tenants may reuse them) and validates money and references with field paths', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const p = await makeProduct(a.admin, { sku: 'SF-001', name: '布艺沙发', priceFen: 459_900, careInstructions: '每周吸尘', maintenanceIntervalDays: 90 });
    expect(p).toMatchObject({ sku: 'SF-001', priceFen: 459_900, unit: '件', status: 'active' });
    const dup = await a.admin.post('/api/v1/catalogue/products', { sku: 'SF-001', name: '重复', priceFen: 1 });
    expect(expectErrorBody(dup, 409, 'conflict').issues?.[0]).toMatchObject({ path: 'body.sku', code: 'taken' });
    await makeProduct(b.admin, { sku: 'SF-001', priceFen: 1 });
    const other = await makeProduct(a.admin, { sku: 'SF-002', priceFen: 1 });
    expect(expectErrorBody(await a.admin.patch(`/api/v1/catalogue/products/${other.id}`, { sku: 'SF-001' }), 409, 'conflict').issues?.[0].path).toBe('body.sku');

    const bad = await a.admin.post('/api/v1/catalogue/products', { sku: 'bad sku!', name: '', priceFen: 19.99, maintenanceIntervalDays: 0 });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.maintenanceIntervalDays', 'body.name', 'body.priceFen', 'body.sku']);
    expect(issuePaths(await a.admin.post('/api/v1/catalogue/products', { sku: 'X-1', name: '负价', priceFen: -1 }))).toEqual(['body.priceFen']);
    const refs = await a.admin.post('/api/v1/catalogue/products', { sku: 'X-2', name: '无类目', priceFen: 1, categoryId: crypto.randomUUID(), seriesId: crypto.randomUUID() });
    expect(issuePaths(refs).sort()).toEqual(['body.categoryId', 'body.seriesId']);
    // A category of another tenant is no category here.
    const bCat = await makeCategory(b.admin, { name: '乙类目' });
    expect(issuePaths(await a.admin.post('/api/v1/catalogue/products', { sku: 'X-3', name: '越界', priceFen: 1, categoryId: bCat.id }))).toEqual(['body.categoryId']);
    expectErrorBody(await b.admin.get(`/api/v1/catalogue/products/${p.id}`), 404, 'not_found');
    expectErrorBody(await b.admin.patch(`/api/v1/catalogue/products/${p.id}`, { priceFen: 1 }), 404, 'not_found');
  });

  it('lists by SKU in keyset pages with search and filters (a category includes its subcategories)', async () => {
    const a = await newTenant(t);
    const living = await makeCategory(a.admin, { name: '客厅' });
    const sofas = await makeCategory(a.admin, { name: '沙发', parentId: living.id });
    const study = await makeCategory(a.admin, { name: '书房' });
    const milan = await makeSeries(a.admin, { name: '米兰' });
    const s1 = await makeProduct(a.admin, { sku: 'A-001', name: '米兰真皮沙发', priceFen: 1, categoryId: sofas.id, seriesId: milan.id });
    const s2 = await makeProduct(a.admin, { sku: 'A-002', name: '米兰茶几', priceFen: 1, categoryId: living.id, seriesId: milan.id });
    const s3 = await makeProduct(a.admin, { sku: 'B-001', name: '实木书桌', priceFen: 1, categoryId: study.id, status: 'discontinued' });
    const page1 = (await a.admin.get('/api/v1/catalogue/products?limit=2')).json();
    expect(page1.items.map((p: { id: string }) => p.id)).toEqual([s1.id, s2.id]);
    const page2 = (await a.admin.get(`/api/v1/catalogue/products?limit=2&cursor=${page1.nextCursor}`)).json();
    expect([page2.items.map((p: { id: string }) => p.id), page2.nextCursor]).toEqual([[s3.id], null]);
    expect(ids(await a.admin.get(`/api/v1/catalogue/products?categoryId=${living.id}`))).toEqual([s1.id, s2.id]);
    expect(ids(await a.admin.get(`/api/v1/catalogue/products?seriesId=${milan.id}`))).toEqual([s1.id, s2.id]);
    expect(ids(await a.admin.get('/api/v1/catalogue/products?status=discontinued'))).toEqual([s3.id]);
    expect(ids(await a.admin.get(`/api/v1/catalogue/products?q=${encodeURIComponent('茶几')}`))).toEqual([s2.id]);
    expect(ids(await a.admin.get('/api/v1/catalogue/products?q=b-0'))).toEqual([s3.id]);
    expect(ids(await a.admin.get(`/api/v1/catalogue/products?q=${encodeURIComponent('100%')}`))).toEqual([]);
    expect(issuePaths(await a.admin.get('/api/v1/catalogue/products?cursor=%%%'))).toEqual(['query.cursor']);
    const first = (await a.admin.get(`/api/v1/catalogue/products/${s1.id}`)).json();
    expect(first).toMatchObject({ categoryName: '沙发', seriesName: '米兰' });
    const found = await findProductsByIds(systemCtx(t.deps.db.db, a.tenant.id, t.clock.now, 'test'), [s3.id, s1.id, crypto.randomUUID()]);
    expect(found.map((p) => p.sku).sort()).toEqual(['A-001', 'B-001']);
  });

  it('audits price changes and shows them in the product history', async () => {
    const a = await newTenant(t);
    const p = await makeProduct(a.admin, { priceFen: 100_000 });
    expect((await a.admin.patch(`/api/v1/catalogue/products/${p.id}`, { priceFen: 88_800, status: 'discontinued' })).json()).toMatchObject({ priceFen: 88_800, status: 'discontinued' });
    const h = (await a.admin.get(`/api/v1/catalogue/products/${p.id}/history`)).json().items;
    expect(h.map((r: { action: string }) => r.action)).toEqual(['product.updated', 'product.created']);
    expect(h[0].changes).toEqual(expect.arrayContaining([{ field: 'priceFen', before: 100_000, after: 88_800 }, { field: 'status', before: 'active', after: 'discontinued' }]));
  });

  it('lets catalogue:view read and only catalogue:admin change', async () => {
    const a = await newTenant(t);
    const series = await makeSeries(a.admin);
    const p = await makeProduct(a.admin, { priceFen: 1 });
    const sales = (await userIn(t, a.admin, a.code, a.hq.id, '导购')).client;
    expect((await sales.get('/api/v1/catalogue/products')).statusCode).toBe(200);
    expect((await sales.get('/api/v1/catalogue/series')).statusCode).toBe(200);
    expectErrorBody(await sales.post('/api/v1/catalogue/products', { sku: 'N-1', name: '无权', priceFen: 1 }), 403, 'forbidden');
    expectErrorBody(await sales.patch(`/api/v1/catalogue/products/${p.id}`, { priceFen: 2 }), 403, 'forbidden');
    expectErrorBody(await sales.delete(`/api/v1/catalogue/series/${series.id}`), 403, 'forbidden');
    const none = await createRole(a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const n = (await userIn(t, a.admin, a.code, a.hq.id, none.name)).client;
    expectErrorBody(await n.get('/api/v1/catalogue/categories'), 403, 'forbidden');
  });
});

describe('series', () => {
  it('creates, renames and deletes only a series without products', async () => {
    const a = await newTenant(t);
    const s = await makeSeries(a.admin, { name: '北欧', code: 'NORDIC' });
    expect(expectErrorBody(await a.admin.post('/api/v1/catalogue/series', { name: '北欧' }), 409, 'conflict').issues?.[0].path).toBe('body.name');
    expect(expectErrorBody(await a.admin.post('/api/v1/catalogue/series', { name: '别名', code: 'NORDIC' }), 409, 'conflict').issues?.[0].path).toBe('body.code');
    expect((await a.admin.patch(`/api/v1/catalogue/series/${s.id}`, { name: '北欧简约', style: '北欧' })).json()).toMatchObject({ name: '北欧简约', style: '北欧' });
    await makeProduct(a.admin, { priceFen: 1, seriesId: s.id });
    expectErrorBody(await a.admin.delete(`/api/v1/catalogue/series/${s.id}`), 409, 'conflict');
    const list = (await a.admin.get('/api/v1/catalogue/series')).json().items;
    expect(list).toEqual([expect.objectContaining({ id: s.id, productCount: 1 })]);
    const empty = await makeSeries(a.admin);
    expect((await a.admin.delete(`/api/v1/catalogue/series/${empty.id}`)).statusCode).toBe(200);
  });
});
