import { and, asc, eq } from 'drizzle-orm';
import { CreateBonusRule, CreateGift } from '@jiake/shared';
import type { Db } from '../platform/db/client.ts';
import { systemCtx } from '../platform/jobs/system-ctx.ts';
import { customers } from '../modules/customers/customers.tables.ts';
import { updateSettings } from '../modules/loyalty/program.service.ts';
import { createGift } from '../modules/loyalty/gifts.service.ts';
import { enrolMember } from '../modules/loyalty/members.service.ts';
import { requestAdjustment } from '../modules/loyalty/adjustments.service.ts';
import { redeem } from '../modules/loyalty/redeem.service.ts';
import { createBonusRule } from '../modules/loyalty/bonus-rules.service.ts';
import { listCategories } from '../modules/catalogue/catalogue.service.ts';
import { Rng } from './random.ts';
import { as, storeStaff } from './staff.ts';

const DAY = 86_400_000;

/** Gifts a furniture brand offers for points: care kits, soft furnishings, small pieces. */
const GIFTS: [name: string, points: number, stock: number | null, description: string][] = [
  ['家具护理套装（皮革/木器）', 300, 200, '专用皮革护理剂、木器蜡和超细纤维布各一'],
  ['棉麻抱枕一对', 200, 300, '45×45cm，可拆洗外套，随机色'],
  ['天然乳胶枕', 800, 120, '泰国天然乳胶，含枕套'],
  ['纯棉床品四件套（1.8m）', 1500, 80, '60 支长绒棉，含被套、床单和两只枕套'],
  ['香薰蜡烛礼盒', 150, null, '三种木质调香型'],
  ['实木小边几', 3000, 30, '北欧原木系列，白橡木'],
  ['上门保养服务一次', 1000, null, '皮革沙发或实木家具深度清洁保养，预约上门'],
  ['儿童成长椅', 2500, 20, '可调节高度，环保漆'],
];

/**
 * The demo's loyalty programme (LOY-1…LOY-8), made through the module's services as the stores' staff at past times:
 * the programme (1 point per yuan, franchise stores 1 per 2 yuan, expiry at the end of the following year, 100 points
 * per yuan of cash deduction), the gift catalogue, about a third of the customers enrolled some days after they first
 * came (so orders paid after enrolment earn points once the worker delivers the order events), an opening gift of
 * points for some, and redemptions at the counter — some in a store other than the member's own.
 * Runs before the demo orders, so members enrolled in the past earn on the orders paid after their enrolment.
 */
export async function seedDemoLoyalty(db: Db, tenantId: string, opts: { seed: number; share: number; now: Date }) {
  const r = new Rng(opts.seed + 5);
  const now = opts.now.getTime();
  const admin = systemCtx(db, tenantId, () => opts.now, 'demo-loyalty');
  await updateSettings(admin, {
    earn: { base: { points: 1, yuan: 1 }, byStoreKind: { franchise: { points: 1, yuan: 2 } }, rounding: 'floor_per_order' },
    redemption: { pointsPerYuan: 100, minBalance: 0 },
  });
  const gifts = [];
  for (const [name, pointsPrice, stock, description] of GIFTS) gifts.push(await createGift(admin, CreateGift.parse({ name, pointsPrice, stock, description })));

  const { stores, managerOf, sellersOf } = await storeStaff(db, tenantId);
  const people = await db
    .select({ id: customers.id, storeId: customers.storeId, createdAt: customers.createdAt })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.kind, 'person')))
    .orderBy(asc(customers.code));
  const members: { id: string; storeId: string; at: number }[] = [];
  for (const c of people) {
    if (!c.storeId || !r.chance(opts.share)) continue;
    const mgr = managerOf(c.storeId);
    if (!mgr) continue;
    const at = Math.min(c.createdAt.getTime() + r.int(0, 30) * DAY + r.int(1, 8) * 3_600_000, now - DAY);
    const consents = r.chance(0.7) ? [{ channel: 'sms' as const, granted: true }, ...(r.chance(0.5) ? [{ channel: 'wechat' as const, granted: true }] : [])] : [];
    const m = await enrolMember(as(db, tenantId, mgr, at, 'demo-loyalty'), { customerId: c.id, consents });
    members.push({ id: m.id, storeId: c.storeId, at });
    // An opening gift of points (开卡礼) for about half, below the approval threshold.
    if (r.chance(0.5)) await requestAdjustment(as(db, tenantId, mgr, at + 60_000, 'demo-loyalty'), { memberId: m.id, points: 500, reason: '开卡礼积分' });
  }

  // Redemptions at the counter with the opening points: most in the member's store, some in another store.
  const cheap = gifts.filter((g) => g.pointsPrice <= 500);
  let n = 0;
  for (const m of members) {
    if (n >= Math.ceil(members.length / 8) || !r.chance(0.3)) continue;
    const storeId = r.chance(0.3) ? r.pick(stores).id : m.storeId;
    const seller = r.pick(sellersOf(storeId).length ? sellersOf(storeId) : sellersOf(m.storeId));
    if (!seller) continue;
    const at = Math.min(m.at + r.int(2, 60) * DAY, now - 3_600_000);
    try {
      await redeem(as(db, tenantId, seller, at, 'demo-loyalty'), m.id, r.chance(0.8) ? { kind: 'gift', giftId: r.pick(cheap).id, quantity: 1 } : { kind: 'cash', cashFen: 300 });
      n++;
    } catch {
      // Members without the opening points cannot redeem yet: the counter would refuse them too.
    }
  }
}

/**
 * Bonus rules of the demo (LOY-2), made once the catalogue exists and before the worker delivers the orders' payment
 * events (rules are read when an award is made, their window judged at the payment time): double points in the
 * member's birthday month (stackable), and 1.5× on sofas over the last two months.
 */
export async function seedDemoBonusRules(db: Db, tenantId: string, opts: { now: Date }) {
  const admin = systemCtx(db, tenantId, () => opts.now, 'demo-loyalty');
  await createBonusRule(admin, CreateBonusRule.parse({
    name: '生日月双倍积分', stackable: true, priority: 10, conditions: { birthdayMonth: true }, effect: { kind: 'multiplier', percent: 200 },
  }));
  const sofa = (await listCategories(admin)).items.find((c: { name: string }) => c.name === '沙发');
  if (!sofa) return;
  const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  await createBonusRule(admin, CreateBonusRule.parse({
    name: '沙发节 1.5 倍积分', validFrom: day(opts.now.getTime() - 60 * DAY), validTo: day(opts.now.getTime() + 30 * DAY),
    conditions: { categoryIds: [sofa.id] }, effect: { kind: 'multiplier', percent: 150 },
  }));
}
