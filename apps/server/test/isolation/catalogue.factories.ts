import { makeCategory, makeProduct, makeSeries } from '../catalogue/fixtures.ts';
import { type Factory, once } from './world.ts';

/** Records of the catalogue module for the generated isolation walker. The catalogue is tenant-wide (no store scope). */
export const FACTORIES: Factory[] = [
  {
    name: 'product category',
    match: /^\/api\/v1\/catalogue\/categories\/:id(\/|$)/,
    customerOwned: false,
    build: (w) =>
      once(w, 'productCategory', async () => {
        const c = await makeCategory(w.a.admin, { name: '甲方类目' });
        return { params: { id: c.id }, rows: [['product_categories', c.id]] };
      }),
  },
  {
    name: 'product series',
    match: /^\/api\/v1\/catalogue\/series\/:id(\/|$)/,
    customerOwned: false,
    build: (w) =>
      once(w, 'productSeries', async () => {
        const s = await makeSeries(w.a.admin, { name: '甲方套系' });
        return { params: { id: s.id }, rows: [['product_series', s.id]] };
      }),
  },
  {
    name: 'product',
    match: /^\/api\/v1\/catalogue\/products\/:id(\/|$)/,
    customerOwned: false,
    build: (w) =>
      once(w, 'product', async () => {
        const p = await makeProduct(w.a.admin, { sku: 'ISO-PRODUCT', name: '甲方沙发', priceFen: 100_000 });
        return { params: { id: p.id }, rows: [['products', p.id]] };
      }),
  },
];
/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/catalogue/categories/:id': { name: '越权改名', parentId: null },
  'PATCH /api/v1/catalogue/series/:id': { name: '越权改名', status: 'discontinued' },
  'PATCH /api/v1/catalogue/products/:id': { priceFen: 1, status: 'discontinued' },
};
