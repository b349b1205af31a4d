import type { Rng } from '../../../apps/server/src/demo/random.ts';
import { insertRows, progressMeter, uuidFrom } from './support.ts';
import type { GenContext, Stage } from './stages.ts';

const DAY = 86_400_000;
/** Orders per customer over the years at the large end (issue 6: 1,000,000 customers / 5,000,000 orders). */
export const ORDERS_PER_CUSTOMER = 5;

/** Categories (a two-level tree), series and products: a furniture brand's catalogue of a few hundred SKUs. */
const CATEGORIES: [string, string[]][] = [
  ['客厅', ['沙发', '茶几', '电视柜', '边几']],
  ['卧室', ['床', '床垫', '衣柜', '床头柜']],
  ['餐厅', ['餐桌', '餐椅', '餐边柜']],
  ['书房', ['书桌', '书柜', '办公椅']],
  ['儿童房', ['儿童床', '学习桌']],
];
const SERIES = ['云栖', '北欧森林', '新中式·雅韵', '轻奢·铂悦', '现代简约·素', '美式乡村', '日式原木', '意式极简', '宋韵', '青山'];
const MATERIALS = ['北美黑胡桃木', '白蜡木', '橡木', '头层牛皮', '科技布', '岩板', '实木多层板'];

interface Product {
  id: string;
  categoryId: string;
  seriesId: string;
  seriesName: string;
  sku: string;
  name: string;
  priceFen: number;
}

async function catalogue(g: GenContext, r: Rng, ids: Rng): Promise<Product[]> {
  const now = g.asOf.toISOString();
  const cats: Record<string, unknown>[] = [];
  const leaves: { id: string; name: string }[] = [];
  CATEGORIES.forEach(([top, subs], i) => {
    const id = uuidFrom(ids);
    cats.push({ id, tenant_id: g.tenantId, parent_id: null, name: top, code: `C${i + 1}`, sort_order: i, created_at: now, updated_at: now });
    subs.forEach((name, k) => {
      const sub = uuidFrom(ids);
      cats.push({ id: sub, tenant_id: g.tenantId, parent_id: id, name, code: `C${i + 1}${k + 1}`, sort_order: k, created_at: now, updated_at: now });
      leaves.push({ id: sub, name });
    });
  });
  const series = SERIES.map((name, i) => ({ id: uuidFrom(ids), tenant_id: g.tenantId, name, code: `S${i + 1}`, status: 'active', created_at: now, updated_at: now }));
  const products: Product[] = [];
  for (const s of series) {
    for (const leaf of leaves) {
      if (!r.chance(0.7)) continue;
      const n = products.length + 1;
      products.push({
        id: uuidFrom(ids), categoryId: leaf.id, seriesId: s.id, seriesName: s.name, sku: `JK-${String(n).padStart(5, '0')}`,
        name: `${s.name}${r.pick(MATERIALS)}${leaf.name}`, priceFen: r.int(8, 400) * 10_000 + r.pick([0, 80_00, 99_00]),
      });
    }
  }
  await insertRows(g.pool, 'product_categories', cats);
  await insertRows(g.pool, 'product_series', series);
  await insertRows(
    g.pool,
    'products',
    products.map((p) => ({
      id: p.id, tenant_id: g.tenantId, sku: p.sku, name: p.name, category_id: p.categoryId, series_id: p.seriesId, price_fen: p.priceFen,
      unit: '件', status: 'active', maintenance_interval_days: r.pick([180, 365, 365, 730]), created_at: now, updated_at: now,
    })),
  );
  return products;
}

interface Buyer {
  id: string;
  code: string;
  store_id: string;
  owner_id: string | null;
  name: string;
  phone: string | null;
  address: string | null;
  created_at: Date;
}

/** Order statuses by age: old orders are completed (a few cancelled or returned), recent ones still moving. */
function statusFor(r: Rng, ageDays: number): string {
  if (r.chance(0.03)) return 'cancelled';
  if (ageDays > 60) return r.chance(0.04) ? r.pick(['partially_returned', 'returned']) : 'completed';
  if (ageDays > 20) return r.pick(['delivered', 'completed', 'completed']);
  return r.pick(['draft', 'confirmed', 'paid', 'paid', 'delivered']);
}

/**
 * The catalogue, then orders with lines and payments for the customers (about ORDERS_PER_CUSTOMER each on average,
 * skewed: many customers never bought, loyal ones bought often), spread over the five years before `asOf`.
 */
export const ordersStage: Stage = {
  name: 'orders',
  async run(g: GenContext) {
    const r = g.rng('orders');
    const ids = g.idRng('orders');
    const products = await catalogue(g, r, ids);
    const target = g.customers * ORDERS_PER_CUSTOMER;
    const meter = progressMeter('orders', target, g.log);
    const perDay = new Map<string, number>();
    const asOf = g.asOf.getTime();
    let made = 0;
    let lines = 0;
    let payments = 0;
    let after = '';
    for (;;) {
      const page = await g.pool.query<Buyer>(
        `SELECT id, code, store_id, owner_id, name, phones[1] AS phone, address, created_at FROM customers
          WHERE tenant_id = $1 AND code > $2 AND deleted_at IS NULL ORDER BY code LIMIT $3`,
        [g.tenantId, after, g.batchSize],
      );
      if (!page.rows.length) break;
      after = page.rows.at(-1)!.code;
      const o: Record<string, unknown>[] = [];
      const l: Record<string, unknown>[] = [];
      const p: Record<string, unknown>[] = [];
      for (const c of page.rows) {
        // Two in five never bought; buyers average ORDERS_PER_CUSTOMER / 0.6 orders (geometric).
        if (r.chance(0.4)) continue;
        const mean = ORDERS_PER_CUSTOMER / 0.6;
        let n = 1;
        while (r.chance(1 - 1 / mean)) n++;
        const since = Math.max(new Date(c.created_at).getTime(), asOf - 5 * 365 * DAY);
        for (let k = 0; k < n; k++) {
          const at = since + Math.floor(r.next() * Math.max(DAY, asOf - since));
          const day = new Date(at + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
          const seq = (perDay.get(day) ?? 0) + 1;
          perDay.set(day, seq);
          const ageDays = Math.floor((asOf - at) / DAY);
          const status = statusFor(r, ageDays);
          const id = uuidFrom(ids);
          let list = 0;
          let discount = 0;
          let returnedFen = 0;
          const nLines = r.int(1, 4);
          for (let li = 0; li < nLines; li++) {
            const prod = r.pick(products);
            const qty = r.chance(0.8) ? 1 : r.int(2, 6);
            const lineList = qty * prod.priceFen;
            const lineDiscount = r.chance(0.5) ? Math.floor((lineList * r.int(5, 15)) / 100 / 100) * 100 : 0;
            list += lineList;
            discount += lineDiscount;
            const returned = status === 'returned' || (status === 'partially_returned' && li === 0);
            if (returned) returnedFen += lineList - lineDiscount;
            l.push({
              id: uuidFrom(ids), tenant_id: g.tenantId, order_id: id, position: li, product_id: prod.id, category_id: prod.categoryId,
              series_id: prod.seriesId, series_name: prod.seriesName, sku: prod.sku, name: prod.name, unit: '件', quantity: qty,
              unit_price_fen: prod.priceFen, discount_fen: lineDiscount, amount_fen: lineList - lineDiscount,
              returned_quantity: returned ? qty : 0, returned_fen: returned ? lineList - lineDiscount : 0,
            });
          }
          const total = list - discount;
          const paidStates = ['paid', 'delivered', 'completed', 'partially_returned', 'returned'];
          const paid = paidStates.includes(status);
          const deposit = status === 'confirmed' || paid ? Math.floor(total * 0.3 / 100) * 100 : 0;
          const iso = (t: number) => new Date(Math.min(t, asOf)).toISOString();
          if (deposit > 0) p.push({ id: uuidFrom(ids), tenant_id: g.tenantId, order_id: id, kind: 'deposit', method: r.pick(['wechat', 'alipay', 'card']), amount_fen: deposit, paid_at: iso(at), created_at: iso(at) });
          if (paid && total - deposit > 0) p.push({ id: uuidFrom(ids), tenant_id: g.tenantId, order_id: id, kind: 'payment', method: r.pick(['wechat', 'alipay', 'card', 'transfer']), amount_fen: total - deposit, paid_at: iso(at + 3 * DAY), created_at: iso(at + 3 * DAY) });
          const deliveryAt = at + r.int(7, 45) * DAY;
          o.push({
            id, tenant_id: g.tenantId, order_no: `SO${day}${String(seq).padStart(4, '0')}`, source: r.chance(0.3) ? 'erp' : 'manual', status,
            customer_id: c.id, customer_name: c.name, customer_phone: c.phone, store_id: c.store_id, salesperson_id: c.owner_id,
            list_fen: list, discount_fen: discount, total_fen: total, paid_fen: paid ? total : deposit, refunded_fen: returnedFen, returned_fen: returnedFen,
            delivery_address: c.address, delivery_date: status === 'draft' ? null : new Date(deliveryAt + 8 * 3_600_000).toISOString().slice(0, 10),
            ordered_at: iso(at), confirmed_at: status === 'draft' ? null : iso(at), paid_at: paid ? iso(at + 3 * DAY) : null,
            delivered_at: ['delivered', 'completed', 'partially_returned', 'returned'].includes(status) ? iso(deliveryAt) : null,
            completed_at: status === 'completed' ? iso(deliveryAt + 7 * DAY) : null,
            cancelled_at: status === 'cancelled' ? iso(at + DAY) : null, cancel_reason: status === 'cancelled' ? '客户取消' : null,
            created_at: iso(at), updated_at: iso(at + 3 * DAY),
          });
        }
      }
      await insertRows(g.pool, 'orders', o);
      await insertRows(g.pool, 'order_lines', l);
      await insertRows(g.pool, 'order_payments', p);
      made += o.length;
      lines += l.length;
      payments += p.length;
      meter(Math.min(made, target));
    }
    meter(Math.min(made, target), true);
    g.log(`orders: ${made.toLocaleString('en-US')} (${(made / g.customers).toFixed(2)} per customer), ${products.length} products`);
    return { products: products.length, orders: made, orderLines: lines, payments };
  },
};
