import { and, asc, eq, isNull } from 'drizzle-orm';
import type { RequestType } from '@jiake/shared';
import type { Db } from '../platform/db/client.ts';
import { systemCtx } from '../platform/jobs/system-ctx.ts';
import { customers } from '../modules/customers/customers.tables.ts';
import { createCategory } from '../modules/knowledge/categories.service.ts';
import { createArticle } from '../modules/knowledge/articles.service.ts';
import { createRequest } from '../modules/service-requests/index.ts';
import { addActivity, confirmRequest, resolveRequest } from '../modules/service-requests/request-actions.service.ts';
import { Rng } from './random.ts';

/** Knowledge base articles: public ones answer customers on the self-service page, internal ones guide staff. */
const ARTICLES: { category: string; title: string; summary: string; body: string; tags: string[]; visibility: 'public' | 'internal' }[] = [
  {
    category: '产品保养',
    title: '实木家具日常保养指南',
    summary: '防晒、防潮、定期打蜡，让实木家具用得更久。',
    body: '## 日常清洁\n\n用拧干的软布顺着木纹擦拭，避免使用酒精、汽油等溶剂。\n\n## 防晒防潮\n\n- 避免阳光直射，远离暖气和空调出风口\n- 室内湿度保持在 40%–60%\n\n## 定期保养\n\n每 6 个月使用专用护理蜡保养一次。',
    tags: ['实木', '保养'],
    visibility: 'public',
  },
  {
    category: '产品保养',
    title: '真皮沙发清洁与保养',
    summary: '真皮沙发怕晒、怕划、怕油污，按这几步打理。',
    body: '## 清洁\n\n先用吸尘器清理缝隙，再用专用皮革清洁剂轻擦。\n\n## 保养\n\n每 3 个月涂抹一次皮革护理油，避免尖锐物品划伤。',
    tags: ['真皮', '沙发', '保养'],
    visibility: 'public',
  },
  {
    category: '售后政策',
    title: '退换货政策',
    summary: '签收后 7 天内，非定制商品质量问题可退换。',
    body: '## 可退换\n\n签收后 7 天内，非定制商品出现质量问题可申请退货或换货。\n\n## 不可退换\n\n- 定制尺寸、定制颜色的商品\n- 人为损坏的商品\n\n## 如何申请\n\n在本页面提交“退货”或“换货”请求，客服会在 1 个工作日内联系您。',
    tags: ['退货', '换货', '售后'],
    visibility: 'public',
  },
  {
    category: '售后政策',
    title: '送货与安装须知',
    summary: '送货前一天短信提醒，师傅上门免费安装。',
    body: '送货前一天我们会短信提醒您送货时间；请提前确认电梯或楼梯通道尺寸。安装完成后请当面验收。',
    tags: ['送货', '安装'],
    visibility: 'public',
  },
  {
    category: '常见问题',
    title: '床垫软硬度怎么选',
    summary: '体重、睡姿和年龄决定合适的软硬度。',
    body: '侧睡和体重较轻的人适合偏软的床垫；仰睡和体重较重的人适合偏硬的床垫；老人和青少年建议选择偏硬款。',
    tags: ['床垫', '选购'],
    visibility: 'public',
  },
  {
    category: '内部流程',
    title: '客户投诉处理流程',
    summary: '首次响应、现场核实、给出方案、回访确认。',
    body: '1. 30 分钟内首次响应客户\n2. 需要时安排上门核实并拍照\n3. 24 小时内给出处理方案\n4. 处理完成后回访，请客户确认并评价',
    tags: ['投诉', '流程'],
    visibility: 'internal',
  },
];

const REQUESTS: { type: RequestType; subject: string; description: string; cause?: string }[] = [
  { type: 'product_complaint', subject: '沙发坐垫塌陷', description: '使用三个月，沙发左侧坐垫明显塌陷。', cause: '质量问题' },
  { type: 'service_complaint', subject: '送货迟到两小时', description: '约定上午送货，下午一点才到，也没有提前通知。', cause: '送货延误' },
  { type: 'consultation', subject: '餐桌能否定制尺寸', description: '想要 1.6 米的岩板餐桌，是否可以定制？' },
  { type: 'price_inquiry', subject: '床垫活动价格', description: '双十一的床垫活动价格还有效吗？' },
  { type: 'service_request', subject: '衣柜门需要调整', description: '衣柜门关不严，请安排师傅上门调整。' },
  { type: 'return', subject: '茶几颜色与样品不符', description: '收到的茶几颜色比店里样品深很多，想退货。', cause: '色差' },
  { type: 'praise', subject: '安装师傅很专业', description: '安装师傅认真负责，还帮忙把旧家具搬下楼。' },
  { type: 'suggestion', subject: '希望增加晚间送货', description: '工作日白天家里没人，希望能安排晚上送货。' },
];

/**
 * Demo knowledge base and customer requests (SVC-1, SVC-5), made through the modules' own services with a system
 * context so numbers, SLA due times, routing and audit rows are what the product would write. Some requests are
 * resolved and confirmed, the rest open.
 */
export async function seedDemoService(db: Db, tenantId: string, opts: { seed: number; requests: number; now: Date }) {
  const r = new Rng(opts.seed);
  const ctx = systemCtx(db, tenantId, () => opts.now, 'demo-service');
  const categories = new Map<string, string>();
  for (const name of [...new Set(ARTICLES.map((a) => a.category))]) categories.set(name, (await createCategory(ctx, { name })).id);
  for (const a of ARTICLES) {
    await createArticle(ctx, { categoryId: categories.get(a.category)!, title: a.title, summary: a.summary, body: a.body, tags: a.tags, status: 'published', visibility: a.visibility, productCategoryIds: [] });
  }

  const people = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), isNull(customers.deletedAt)))
    .orderBy(asc(customers.code))
    .limit(200);
  const HOUR = 3_600_000;
  const at = (t: number) => systemCtx(db, tenantId, () => new Date(t), 'demo-service');
  for (let i = 0; i < opts.requests && people.length; i++) {
    const spec = REQUESTS[i % REQUESTS.length];
    // Spread over the last weeks, during the day; answered minutes to hours later, resolved within days.
    const created = opts.now.getTime() - (opts.requests - i) * 31 * HOUR - r.int(0, 8) * HOUR;
    const req = await createRequest(at(created), {
      type: spec.type,
      channel: r.pick(['phone', 'store', 'wechat', 'web'] as const),
      priority: spec.type.endsWith('complaint') ? 'high' : 'normal',
      subject: spec.subject,
      description: spec.description,
      customerId: r.pick(people).id,
      cause: spec.cause ?? null,
    });
    const replied = created + r.int(5, 300) * 60_000;
    const resolved = replied + r.int(2, 60) * HOUR;
    // Most are answered and settled by now; returns stay open (they need the order lines to settle).
    if (spec.type === 'return' || resolved > opts.now.getTime() || r.chance(0.2)) continue;
    await addActivity(at(replied), req.id, { kind: 'reply', body: '您好，我们已收到您的反馈，会尽快为您处理。' });
    await resolveRequest(at(resolved), req.id, { resolution: '已安排处理并与客户确认。', cause: spec.cause ?? null });
    const confirmed = resolved + r.int(4, 30) * HOUR;
    if (confirmed < opts.now.getTime() && r.chance(0.7)) await confirmRequest(at(confirmed), req.id, { satisfaction: r.pick([3, 4, 5, 5]) });
  }
}
