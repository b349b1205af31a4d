import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PaymentMethod } from '@jiake/shared';
import type { Db } from '../platform/db/client.ts';
import type { Ctx } from '../platform/http/context.ts';
import { systemCtx } from '../platform/jobs/system-ctx.ts';
import { orgUnits, roles, userRoles, users } from '../platform/tenancy/tenancy.tables.ts';
import { customers } from '../modules/customers/customers.tables.ts';
import { createCategory, createProduct, createSeries } from '../modules/catalogue/catalogue.service.ts';
import { createOrderIn } from '../modules/orders/orders.service.ts';
import { addPaymentIn, cancelIn, completeIn, confirmIn, deliverIn, scheduleIn } from '../modules/orders/order-lifecycle.ts';
import { orderLines } from '../modules/orders/orders.tables.ts';
import { returnOrderLines } from '../modules/orders/index.ts';
import { Rng } from './random.ts';

/**
 * Demo catalogue and orders (ORD-1, ORD-4): a furniture catalogue in five rooms with a few series, and orders across
 * the stores made through the orders service, so their events (order.paid, order.delivered …) are in the outbox and
 * the follow-up steps appear once the worker delivers them. Deterministic for a seed, relative to `now`.
 */

type P = [sku: string, name: string, yuan: number, unit: string, series: string | null, material: string, maintenanceDays: number | null, care: string | null];

const CARE = {
  leather: '避免阳光直射和靠近暖气；每 3 个月用专用皮革护理剂擦拭一次，切勿用湿布或酒精清洁。',
  fabric: '每周用吸尘器清理坐垫缝隙；污渍用中性清洁剂轻拭，可拆洗外套请冷水手洗。',
  wood: '用微湿软布顺木纹擦拭后擦干；避免放置过热物品，每半年打一次家具蜡。',
  slate: '岩板台面可用中性清洁剂擦洗，避免重物撞击边角；金属脚定期检查螺丝。',
  mattress: '前 3 个月每两周、之后每 3 个月旋转或翻面一次；使用床垫保护罩，保持通风干燥。',
  kids: '定期检查护栏和连接件是否松动；使用环保清洁剂，勿让儿童攀爬柜体。',
};

const CATALOGUE: Record<string, Record<string, P[]>> = {
  客厅: {
    沙发: [
      ['ML-SF-301', '米兰轻奢头层牛皮三人位沙发', 12999, '件', '米兰轻奢', '头层黄牛皮 / 实木框架 / 高回弹海绵', 90, CARE.leather],
      ['ML-SF-L01', '米兰轻奢转角L型真皮沙发', 19800, '套', '米兰轻奢', '头层黄牛皮 / 羽绒填充', 90, CARE.leather],
      ['NO-SF-201', '北欧原木科技布双人位沙发', 5299, '件', '北欧原木', '科技布 / 白橡木框架', 180, CARE.fabric],
      ['YM-SF-101', '意式极简羽绒布艺模块沙发', 15600, '套', '极简意式', '亚麻混纺 / 羽绒', 180, CARE.fabric],
      ['XZ-SF-301', '新中式乌金木实木沙发组合', 23800, '套', '新中式·雅韵', '乌金木 / 棉麻坐垫', 180, CARE.wood],
    ],
    茶几: [
      ['ML-CJ-120', '米兰轻奢岩板圆形茶几', 3680, '件', '米兰轻奢', '意大利岩板 / 不锈钢镀钛', null, CARE.slate],
      ['NO-CJ-100', '北欧白橡木长方形茶几', 2199, '件', '北欧原木', '白橡木实木', 365, CARE.wood],
      ['XZ-CJ-130', '新中式乌金木茶桌', 6800, '件', '新中式·雅韵', '乌金木', 365, CARE.wood],
    ],
    电视柜: [
      ['ML-DS-240', '米兰轻奢岩板悬浮电视柜 2.4 米', 5980, '件', '米兰轻奢', '岩板 / 多层实木板', null, CARE.slate],
      ['NO-DS-180', '北欧原木落地电视柜 1.8 米', 2899, '件', '北欧原木', '白橡木', 365, CARE.wood],
    ],
    休闲椅: [
      ['YM-XX-001', '意式极简单人休闲椅', 3299, '把', '极简意式', '纳帕皮 / 碳钢', 90, CARE.leather],
      ['NO-XX-002', '北欧布艺懒人沙发椅', 1599, '把', '北欧原木', '棉麻 / 实木脚', 180, CARE.fabric],
    ],
  },
  卧室: {
    床: [
      ['ML-BD-180', '米兰轻奢真皮软包大床 1.8 米', 8999, '张', '米兰轻奢', '头层牛皮 / 实木排骨架', 180, CARE.leather],
      ['NO-BD-150', '北欧白橡木实木床 1.5 米', 4599, '张', '北欧原木', '白橡木', 365, CARE.wood],
      ['XZ-BD-180', '新中式乌金木雕花床 1.8 米', 12800, '张', '新中式·雅韵', '乌金木', 365, CARE.wood],
    ],
    床垫: [
      ['SL-MT-180', '天然乳胶独立袋装弹簧床垫 1.8 米', 6980, '张', null, '泰国天然乳胶 / 独立袋装弹簧', 90, CARE.mattress],
      ['SL-MT-150', '3D 椰棕护脊硬床垫 1.5 米', 2680, '张', null, '3D 椰棕 / 记忆棉', 90, CARE.mattress],
    ],
    床头柜: [
      ['ML-CT-050', '米兰轻奢岩板床头柜', 1680, '个', '米兰轻奢', '岩板 / 实木', null, CARE.slate],
      ['NO-CT-045', '北欧原木两抽床头柜', 899, '个', '北欧原木', '白橡木', 365, CARE.wood],
    ],
    衣柜: [
      ['ML-YG-200', '米兰轻奢玻璃门衣柜 2 米', 9800, '组', '米兰轻奢', '长虹玻璃 / 环保颗粒板', null, null],
      ['NO-YG-160', '北欧原木四门衣柜 1.6 米', 5680, '组', '北欧原木', '白橡木 / 多层板', 365, CARE.wood],
    ],
  },
  餐厅: {
    餐桌: [
      ['ML-CZ-160', '米兰轻奢岩板餐桌 1.6 米', 4580, '张', '米兰轻奢', '岩板 / 碳钢镀金', null, CARE.slate],
      ['NO-CZ-140', '北欧白橡木圆餐桌 1.4 米', 3280, '张', '北欧原木', '白橡木', 365, CARE.wood],
      ['XZ-CZ-180', '新中式乌金木圆桌带转盘 1.8 米', 8800, '张', '新中式·雅韵', '乌金木 / 钢化玻璃转盘', 365, CARE.wood],
    ],
    餐椅: [
      ['ML-CY-001', '米兰轻奢皮面餐椅', 899, '把', '米兰轻奢', '超纤皮 / 碳钢', 180, CARE.leather],
      ['NO-CY-001', '北欧实木温莎椅', 599, '把', '北欧原木', '白橡木', 365, CARE.wood],
      ['XZ-CY-001', '新中式乌金木圈椅', 1880, '把', '新中式·雅韵', '乌金木', 365, CARE.wood],
    ],
    餐边柜: [
      ['ML-CB-120', '米兰轻奢餐边柜 1.2 米', 3980, '件', '米兰轻奢', '岩板 / 烤漆', null, CARE.slate],
      ['NO-CB-100', '北欧原木餐边柜 1 米', 2380, '件', '北欧原木', '白橡木', 365, CARE.wood],
    ],
  },
  书房: {
    书桌: [
      ['NO-SZ-140', '北欧原木书桌 1.4 米', 2680, '张', '北欧原木', '白橡木', 365, CARE.wood],
      ['XZ-SZ-160', '新中式乌金木书桌 1.6 米', 7800, '张', '新中式·雅韵', '乌金木', 365, CARE.wood],
    ],
    书柜: [
      ['NO-SG-080', '北欧原木书柜 0.8 米', 2280, '件', '北欧原木', '白橡木', 365, CARE.wood],
      ['XZ-SG-120', '新中式乌金木博古书柜 1.2 米', 9600, '件', '新中式·雅韵', '乌金木', 365, CARE.wood],
    ],
    办公椅: [['YM-BG-001', '人体工学真皮大班椅', 3580, '把', '极简意式', '头层牛皮 / 铝合金脚', 90, CARE.leather]],
  },
  儿童房: {
    儿童床: [
      ['TQ-EC-120', '童趣森林实木儿童床 1.2 米', 3280, '张', '童趣森林', '新西兰松木 / 水性漆', 180, CARE.kids],
      ['TQ-EC-SX', '童趣森林上下铺高低床', 4980, '张', '童趣森林', '新西兰松木 / 水性漆', 180, CARE.kids],
    ],
    学习桌: [['TQ-XZ-100', '童趣森林可升降学习桌椅套装', 2580, '套', '童趣森林', 'E0 级板材 / 钢架', 180, CARE.kids]],
    儿童衣柜: [['TQ-YG-120', '童趣森林儿童衣柜 1.2 米', 2980, '组', '童趣森林', '新西兰松木 / 水性漆', 365, CARE.kids]],
  },
};

const SERIES: [name: string, code: string, style: string, description: string][] = [
  ['米兰轻奢', 'MILAN', '轻奢', '岩板、真皮与金属的意式轻奢搭配，客餐厅卧室全屋成套。'],
  ['北欧原木', 'NORDIC', '北欧', '北美白橡木实木，自然原木色，适合年轻家庭。'],
  ['新中式·雅韵', 'YAYUN', '新中式', '乌金木与榫卯工艺，东方雅致。'],
  ['极简意式', 'MINIMAL', '现代极简', '低饱和色彩，模块化组合。'],
  ['童趣森林', 'FOREST', '儿童', '松木实木、水性漆，专为 3–12 岁儿童设计。'],
];

/** Make the demo catalogue through the catalogue service (audited like any product). */
async function seedCatalogue(ctx: Ctx) {
  const series = new Map<string, string>();
  for (const [name, code, style, description] of SERIES) series.set(name, (await createSeries(ctx, { name, code, style, description, status: 'active' })).id);
  const products: { id: string; priceFen: number; room: string }[] = [];
  let roomOrder = 0;
  for (const [room, subs] of Object.entries(CATALOGUE)) {
    const top = await createCategory(ctx, { name: room, sortOrder: (roomOrder += 10) });
    let subOrder = 0;
    for (const [sub, list] of Object.entries(subs)) {
      const cat = await createCategory(ctx, { name: sub, parentId: top.id, sortOrder: (subOrder += 10) });
      for (const [sku, name, yuan, unit, s, material, days, care] of list) {
        const p = await createProduct(ctx, {
          sku, name, categoryId: cat.id, seriesId: s ? series.get(s)! : null, priceFen: yuan * 100, unit, material, careInstructions: care,
          maintenanceIntervalDays: days, warrantyMonths: s === '童趣森林' ? 60 : 36, status: 'active',
        });
        products.push({ id: p.id, priceFen: p.priceFen, room });
      }
    }
  }
  return products;
}

const DAY = 86_400_000;
/** 00:00 in Shanghai of the day `daysAgo` before `now`, plus `hours`. */
const shanghaiDay = (now: Date, daysAgo: number, hours = 0) => {
  const d = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - 8 * 3600_000 - daysAgo * DAY + hours * 3600_000);
};
const isoDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const METHODS: PaymentMethod[] = ['wechat', 'wechat', 'alipay', 'card', 'transfer', 'cash'];

interface Plan {
  store: StoreInfo;
  seed: number;
  daysAgo: number;
  hour: number;
}

interface StoreInfo {
  id: string;
  sales: string[];
  customers: { id: string; address: string | null }[];
  name: string;
}

async function storesOf(db: Db, tenantId: string): Promise<StoreInfo[]> {
  const stores = await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.kind, 'store')));
  const ids = stores.map((s) => s.id);
  const sales = await db
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(users.tenantId, tenantId), inArray(users.unitId, ids), eq(roles.name, '导购')));
  const cust = await db
    .select({ id: customers.id, storeId: customers.storeId, address: customers.address })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), inArray(customers.storeId, ids), sql`${customers.listStatus} <> 'black'`));
  return stores
    .map((s) => ({ ...s, sales: sales.filter((u) => u.unitId === s.id).map((u) => u.id), customers: cust.filter((c) => c.storeId === s.id).map((c) => ({ id: c.id, address: c.address })) }))
    .filter((s) => s.sales.length && s.customers.length);
}

/**
 * One order's life up to today, in one transaction: made, deposit, confirmed, paid, scheduled, delivered, completed —
 * or cancelled, or partly returned. The service's own steps run with the order's clock, so times and events are
 * those of the day each step happened.
 */
async function playOrder(db: Db, tenantId: string, plan: Plan, now: Date, products: { id: string; priceFen: number }[]) {
  const { daysAgo, store } = plan;
  const r = new Rng(plan.seed);
  let clock = shanghaiDay(now, daysAgo, plan.hour);
  const at = (d: Date) => {
    clock = d.getTime() > now.getTime() ? now : d;
  };
  const lines = r.some(products, 1, 4).map((p) => ({
    productId: p.id, quantity: r.chance(0.2) ? r.int(2, 6) : 1, discountFen: r.chance(0.4) ? Math.round((p.priceFen * r.int(5, 15)) / 100 / 100) * 100 : 0,
  }));
  const customer = r.pick(store.customers);
  const deliveryDate = shanghaiDay(now, daysAgo - r.int(7, 35));
  const roll = r.next();
  const payBalance = daysAgo > 10 || r.chance(0.5);
  const method = r.pick(METHODS);
  await db.transaction(async (tx) => {
    const ctx = systemCtx(tx as unknown as Db, tenantId, () => clock, 'demo-orders');
    let o = await createOrderIn(ctx, tx, {
      customerId: customer.id, storeId: store.id, salespersonId: r.pick(store.sales), lines, deliveryAddress: customer.address,
      notes: r.chance(0.15) ? r.pick(['客户要求周末送货', '需提前电话预约', '电梯房，18 楼', '老房翻新，注意保护地板']) : null,
    });
    if (daysAgo < 3 && roll < 0.5) return; // a draft still being put together
    const deposit = Math.min(o.totalFen, Math.round((o.totalFen * 0.3) / 10_000) * 10_000 || o.totalFen);
    o = await addPaymentIn(ctx, tx, o, { kind: 'deposit', method, amountFen: deposit, reference: `DJ${o.orderNo.slice(2)}` });
    o = await confirmIn(ctx, tx, o);
    if (roll < 0.05) {
      at(new Date(clock.getTime() + r.int(1, 5) * DAY));
      await cancelIn(ctx, tx, o, r.pick(['客户预算调整', '客户房屋交付延期', '选择了其他品牌', '尺寸不合适']));
      return;
    }
    if (o.status !== 'paid' && payBalance) {
      at(new Date(Math.min(deliveryDate.getTime() - DAY, clock.getTime() + r.int(1, 10) * DAY)));
      o = await addPaymentIn(ctx, tx, o, { kind: 'payment', method, amountFen: o.totalFen - o.paidFen });
    }
    o = await scheduleIn(ctx, tx, o, { deliveryDate: isoDay(deliveryDate) });
    if (o.status !== 'paid' || deliveryDate.getTime() + 10 * 3600_000 > now.getTime()) return;
    at(new Date(deliveryDate.getTime() + r.int(9, 17) * 3600_000));
    o = await deliverIn(ctx, tx, o);
    if (r.chance(0.05)) {
      at(new Date(clock.getTime() + r.int(2, 20) * DAY));
      const [line] = await tx.select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.orderId, o.id)).limit(1);
      await returnOrderLines(ctx, tx, { orderId: o.id, lines: [{ lineId: line.id, quantity: 1 }], reason: r.pick(['面料色差', '运输磕碰', '尺寸与房间不符']) });
    } else if (clock.getTime() + 7 * DAY < now.getTime() && r.chance(0.7)) {
      at(new Date(clock.getTime() + 7 * DAY));
      await completeIn(ctx, tx, o);
    }
  });
}

/**
 * The demo tenant's catalogue and `count` orders, one transaction per order (~40 statements), a few orders at a time.
 * Each order has its own random generator, so the data does not depend on which order finishes first.
 */
export async function seedDemoOrders(db: Db, tenantId: string, opts: { seed: number; count: number; now: Date }) {
  const products = await db.transaction((tx) => seedCatalogue(systemCtx(tx as unknown as Db, tenantId, () => opts.now, 'demo-catalogue')));
  const stores = await storesOf(db, tenantId);
  if (!stores.length) return;
  const r = new Rng(opts.seed);
  // Recent days get more orders; oldest first, so order numbers follow the days.
  const queue: Plan[] = Array.from({ length: opts.count }, () => ({
    store: r.pick(stores), seed: r.int(1, 2 ** 30), daysAgo: Math.floor(r.next() ** 1.6 * 360), hour: r.int(10, 20) + r.next(),
  })).sort((a, b) => b.daysAgo - a.daysAgo || a.hour - b.hour);
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) await playOrder(db, tenantId, p, opts.now, products);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}
