import { drizzle } from 'drizzle-orm/node-postgres';
import type { RequestChannel, RequestPriority, RequestType } from '@jiake/shared';
import type { Db } from '../../../apps/server/src/platform/db/client.ts';
import type { Rng } from '../../../apps/server/src/demo/random.ts';
import { loadSettings, targetsFor, type SlaTargets } from '../../../apps/server/src/modules/service-requests/sla.service.ts';
import { insertRows, progressMeter, uuidFrom } from './support.ts';
import { life, type LifeContext, type RequestSpec, type Row, type Staff, type Texts } from './requests-life.ts';
import type { GenContext, Stage } from './stages.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/**
 * The SLA sweep did not run in the last week before the data set's "today" (the job runner was down): the breaches of
 * that week wait for the next sweep, at "today" — the backlog P14 measures. Before it the cron's escalations are there.
 */
export const SWEEP_DOWN_DAYS = 7;
/** Requests per delivered order (repairs, complaints, exchanges, care questions), and per returned order (the return itself). */
const AFTER_SALES_PER_ORDER = 0.025;
const SECOND_AFTER_SALES = 0.15;
const RETURN_REQUEST_SHARE = 0.35;
/** Requests per customer that are not about an order: enquiries before buying, and feedback. */
const ENQUIRIES_PER_CUSTOMER = 0.05;
const FEEDBACK_PER_CUSTOMER = 0.02;

const AFTER_SALES: [RequestType, number][] = [['service_request', 0.45], ['product_complaint', 0.25], ['service_complaint', 0.15], ['exchange', 0.08], ['consultation', 0.07]];
const CHANNELS: [RequestChannel, number][] = [['phone', 0.3], ['store', 0.25], ['wechat', 0.25], ['web', 0.06], ['self_service', 0.1], ['email', 0.04]];
const PRIORITIES: Record<RequestType, [RequestPriority, number][]> = {
  product_complaint: [['normal', 0.5], ['high', 0.4], ['urgent', 0.1]],
  service_complaint: [['normal', 0.5], ['high', 0.4], ['urgent', 0.1]],
  return: [['normal', 0.7], ['high', 0.3]],
  exchange: [['normal', 0.7], ['high', 0.3]],
  service_request: [['low', 0.1], ['normal', 0.7], ['high', 0.17], ['urgent', 0.03]],
  consultation: [['low', 0.4], ['normal', 0.6]],
  price_inquiry: [['low', 0.4], ['normal', 0.6]],
  praise: [['low', 0.7], ['normal', 0.3]],
  suggestion: [['low', 0.7], ['normal', 0.3]],
};

const SUBJECTS: Record<RequestType, [string, string][]> = {
  service_request: [
    ['衣柜门需要调整', '衣柜门关不严，请安排师傅上门调整。'], ['床架异响', '床架翻身时有吱呀声，想请师傅上门检查加固。'], ['沙发需要上门保养', '真皮沙发用了一年，想预约一次上门清洁保养。'],
    ['餐桌桌腿松动', '餐桌一条腿有些晃，麻烦上门紧固。'], ['书柜层板变形', '书柜中间层板压弯了，请安排更换层板。'], ['电视柜抽屉滑轨坏了', '抽屉拉不动，滑轨好像脱落了。'],
    ['预约拆装搬家', '下月搬新家，想请师傅拆装衣柜和床。'],
  ],
  product_complaint: [
    ['沙发坐垫塌陷', '使用三个月，沙发左侧坐垫明显塌陷。'], ['餐桌表面开裂', '实木餐桌桌面出现一条裂缝。'], ['床垫中间下陷', '床垫睡了半年中间凹下去了。'],
    ['衣柜有异味', '新衣柜打开有很重的味道，散了一个月还在。'], ['岩板台面有划痕', '收货时没注意，岩板茶几表面有几道划痕。'], ['皮面起皮脱色', '沙发扶手处皮面起皮、颜色变浅。'],
  ],
  service_complaint: [
    ['送货迟到两小时', '约定上午送货，下午一点才到，也没有提前通知。'], ['安装师傅态度不好', '安装时师傅不耐烦，走后地上都是包装垃圾。'], ['售后电话一直没人回', '上周报修到现在没人联系我。'],
    ['送货磕坏了墙面', '搬运时把楼道和家里墙角磕坏了。'], ['承诺的赠品没有给', '下单时说送靠枕，送货时没有。'],
  ],
  return: [
    ['茶几颜色与样品不符', '收到的茶几颜色比店里样品深很多，想退货。'], ['尺寸不合适想退', '餐椅比预想的高，和餐桌不搭，想退掉。'], ['床头柜有质量问题退货', '床头柜抽屉歪了，想直接退货。'],
    ['不想要了申请退货', '家里装修计划有变，想退掉还没用过的书桌。'],
  ],
  exchange: [
    ['床垫想换硬一点的', '睡着太软，想换一款偏硬的。'], ['沙发颜色想换', '灰色和家里不搭，想换成米白色。'], ['餐椅换个款式', '想把餐椅换成带扶手的款。'],
  ],
  consultation: [
    ['餐桌能否定制尺寸', '想要 1.6 米的岩板餐桌，是否可以定制？'], ['实木家具怎么保养', '北方冬天有暖气，实木家具需要注意什么？'], ['全屋定制流程咨询', '新房想做全屋定制，想了解一下流程和周期。'],
    ['能否上门量尺', '想约设计师上门量尺寸，需要收费吗？'], ['送货安装要多久', '现在下单大概多久能送货安装？'],
  ],
  price_inquiry: [
    ['床垫活动价格', '双十一的床垫活动价格还有效吗？'], ['沙发组合报价', '想要一套三人位加贵妃位的沙发，麻烦报个价。'], ['老客户有没有优惠', '之前买过你们家的床，这次买餐桌有优惠吗？'],
    ['分期付款咨询', '可以分期付款吗？有没有手续费？'],
  ],
  praise: [['安装师傅很专业', '安装师傅认真负责，还帮忙把旧家具搬下楼。'], ['导购服务很贴心', '导购耐心帮我们搭配，推荐的都很合适。'], ['送货很准时', '送货准时，师傅还给家具做了保护。']],
  suggestion: [['希望增加晚间送货', '工作日白天家里没人，希望能安排晚上送货。'], ['小程序希望能查物流', '希望在小程序里能看到送货进度。'], ['样品间希望多些搭配', '门店样品间希望多展示几种风格的搭配。']],
};
const CAUSES: Partial<Record<RequestType, string[]>> = {
  product_complaint: ['质量问题', '材料问题', '工艺问题', '色差', '使用不当'],
  service_complaint: ['送货延误', '安装问题', '服务态度', '沟通不及时', '承诺未兑现'],
  return: ['色差', '尺寸不符', '质量问题', '客户原因'],
  exchange: ['客户原因', '尺寸不符', '色差'],
};
const RESOLUTIONS: Partial<Record<RequestType, string[]>> = {
  service_request: ['师傅已上门处理完毕，客户现场确认。', '已更换配件并调试正常。', '已上门紧固并做了保养。'],
  product_complaint: ['已安排更换新品。', '已上门维修，并赠送一次保养服务。', '经检测为质量问题，已补发部件。'],
  service_complaint: ['已向客户致歉，并对相关人员进行了培训。', '已补偿优惠券并致歉。', '已安排专人回访，问题已处理。'],
  return: ['已办理退货退款。'],
  exchange: ['已安排换货，新品已送达。'],
};
const TEXTS: Omit<Texts, 'resolution' | 'cause'> = {
  reply: ['您好，我们已收到您的反馈，会尽快为您处理。', '您好，已为您登记，售后同事会尽快与您联系。', '您好，感谢反馈，我们马上核实情况。', '您好，已安排师傅，稍后电话与您确认上门时间。'],
  pause: ['已与客户约定上门时间，等待客户确认。', '请客户补充照片，等待回复。', '等待客户确认处理方案。'],
  customerReply: ['照片已经发过去了。', '周六上午可以上门。', '方案可以，按这个办吧。'],
  comment: ['处理很及时，谢谢！', '师傅很专业。', '满意。', '问题解决了，服务不错。'],
  reopen: ['问题又出现了。', '处理后还是不行。', '换来的还是有问题。'],
  cancel: ['客户自行解决，取消请求。', '客户表示不需要了。', '重复提交，取消。'],
};

function weighted<T>(r: Rng, items: [T, number][]): T {
  let u = r.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of items) if ((u -= w) < 0) return x;
  return items[items.length - 1][0];
}

/** A moment of a day customers reach the brand: store hours for phone and store, also evenings for online channels. */
function timeOfDay(r: Rng, channel: RequestChannel): number {
  const online = channel === 'wechat' || channel === 'web' || channel === 'self_service' || channel === 'email';
  const hour = online && r.chance(0.3) ? r.pick([7, 8, 21, 22, 23]) : r.int(10, 20);
  return hour * HOUR + r.int(0, 59) * 60_000 + r.int(0, 59) * 1000;
}

/** Local (Shanghai) midnight of the day of `t`, as an instant. */
const shanghaiMidnight = (t: number) => Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR;

interface Customer {
  id: string;
  code: string;
  name: string;
  phone: string | null;
  store_id: string;
  owner_id: string | null;
  created_at: Date;
}

interface Order {
  id: string;
  customer_id: string;
  store_id: string;
  delivered_at: Date | null;
  returned_fen: string;
  product_id: string | null;
  category_id: string | null;
  returned: { lineId: string; quantity: number }[] | null;
}

/** The org tree in memory: who serves a store, and the product's escalation rule (escalation.service.ts targetFor). */
async function loadStaff(g: GenContext): Promise<Staff> {
  const units = await g.pool.query<{ id: string; parent_id: string | null }>('SELECT id, parent_id FROM org_units WHERE tenant_id = $1', [g.tenantId]);
  const parent = new Map(units.rows.map((u) => [u.id, u.parent_id]));
  const root = units.rows.find((u) => !u.parent_id)!.id;
  const users = await g.pool.query<{ id: string; unit_id: string; supervisor_id: string | null; status: string; display_name: string; reviewer: boolean }>(
    `SELECT u.id, u.unit_id, u.supervisor_id, u.status, u.display_name,
            EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'requests:review' = ANY (r.permissions)) AS reviewer
       FROM users u WHERE u.tenant_id = $1 ORDER BY u.id`,
    [g.tenantId],
  );
  const byId = new Map(users.rows.map((u) => [u.id, u]));
  const reviewers = new Map<string, string[]>();
  for (const u of users.rows) if (u.reviewer && u.status === 'active') reviewers.set(u.unit_id, [...(reviewers.get(u.unit_id) ?? []), u.id]);
  const stores = new Map(g.org!.stores.map((s) => [s.id, s]));
  const reviewerUp = (unitId: string | null, exclude: (string | null)[]) => {
    for (let at = unitId; at; at = parent.get(at) ?? null) {
      const pick = (reviewers.get(at) ?? []).find((id) => !exclude.includes(id));
      if (pick) return { userId: pick, unitId: at };
    }
    return { userId: null, unitId: null };
  };
  return {
    salesOf: (storeId) => stores.get(storeId)?.sales ?? [],
    managerOf: (storeId) => reviewers.get(storeId)?.[0] ?? null,
    nameOf: (id) => byId.get(id)?.display_name ?? 'system',
    escalationTarget(level, storeId, assigneeId, previous) {
      const store = storeId ?? root;
      if (level === 1) {
        const boss = assigneeId ? byId.get(byId.get(assigneeId)?.supervisor_id ?? '') : undefined;
        if (boss && boss.status === 'active') return { userId: boss.id, unitId: boss.unit_id };
        return reviewerUp(store, [assigneeId]);
      }
      const up = parent.get(store) ?? store;
      const first = reviewerUp(up, [assigneeId, previous]);
      return first.userId ? first : reviewerUp(up, [assigneeId]);
    },
  };
}

/**
 * Customer requests (issue 6): after-sales requests for delivered orders (repairs, complaints, exchanges, care
 * questions; AFTER_SALES_PER_ORDER each), return requests for a share of the returned orders (with the lines that came
 * back), enquiries before buying and feedback — about 0.25 per customer over the years, at the store of the order or
 * the customer. SLA targets and due times come from the product (`targetsFor`, `dueTimes`, business hours of the
 * tenant's calendar); each request lives its life by the product's rules (requests-life.ts) up to the data set's
 * today: old ones closed, resolved or cancelled, recent and long-running ones still open. Escalations are the cron's,
 * except in the SWEEP_DOWN_DAYS before today. Numbers SR<date><seq> with the daily counters set after them.
 */
export const requestsStage: Stage = {
  name: 'requests',
  async run(g: GenContext) {
    const r = g.rng('requests');
    const ids = g.idRng('requests');
    const db = drizzle(g.pool, { casing: 'snake_case' }) as unknown as Db;
    // Freshly written tables have no statistics yet: without them the planner joins order lines by scanning them per order.
    await g.pool.query('ANALYZE customers, orders, order_lines');
    const settings = await loadSettings(db, g.tenantId);
    const cal = { weekdays: settings.weekdays, openTime: settings.openTime, closeTime: settings.closeTime, holidays: settings.holidays, extraWorkdays: settings.extraWorkdays };
    const targetCache = new Map<string, SlaTargets | null>();
    const targets = async (type: RequestType, priority: RequestPriority) => {
      const key = `${type}/${priority}`;
      if (!targetCache.has(key)) targetCache.set(key, await targetsFor(db, g.tenantId, type, priority));
      return targetCache.get(key)!;
    };
    const asOf = g.asOf.getTime();
    const ctx: LifeContext = {
      tenantId: g.tenantId, r, ids, cal, asOf, sweepDownFrom: asOf - SWEEP_DOWN_DAYS * DAY, staff: await loadStaff(g),
      texts: { ...TEXTS, resolution: (type) => (RESOLUTIONS[type] ? r.pick(RESOLUTIONS[type]!) : '已答复客户。'), cause: (type) => (CAUSES[type] ? r.pick(CAUSES[type]!) : null) },
    };
    const perDay = new Map<string, number>();
    const numberFor = (t: number) => {
      const day = new Date(t + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
      const seq = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, seq);
      return `SR${day}${String(seq).padStart(4, '0')}`;
    };
    /** A moment on the day of `t` (or the next, when the day's moment has passed), before today. */
    const onDayOf = (t: number, channel: RequestChannel) => {
      let at = shanghaiMidnight(t) + timeOfDay(r, channel);
      if (at < t) at += DAY;
      return at < asOf ? at : null;
    };

    const totals = { serviceRequests: 0, openRequests: 0, requestActivities: 0, requestEscalations: 0 };
    const meter = progressMeter('requests: customers', g.customers, g.log);
    let seen = 0;
    let after = '';
    for (;;) {
      const page = await g.pool.query<Customer>(
        `SELECT id, code, name, phones[1] AS phone, store_id, owner_id, created_at FROM customers
          WHERE tenant_id = $1 AND code > $2 AND deleted_at IS NULL ORDER BY code LIMIT $3`,
        [g.tenantId, after, g.batchSize],
      );
      if (!page.rows.length) break;
      after = page.rows.at(-1)!.code;
      const orders = await g.pool.query<Order>(
        `SELECT o.id, o.customer_id, o.store_id, o.delivered_at, o.returned_fen, l.product_id, l.category_id,
                CASE WHEN o.returned_fen > 0 THEN (SELECT json_agg(json_build_object('lineId', x.id, 'quantity', x.returned_quantity) ORDER BY x.position)
                                                     FROM order_lines x WHERE x.tenant_id = o.tenant_id AND x.order_id = o.id AND x.returned_quantity > 0) END AS returned
           FROM orders o LEFT JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id AND l.position = 0
          WHERE o.tenant_id = $1 AND o.customer_id = ANY($2::uuid[]) AND o.delivered_at IS NOT NULL ORDER BY o.customer_id, o.ordered_at, o.id`,
        [g.tenantId, page.rows.map((c) => c.id)],
      );
      const byCustomer = new Map<string, Order[]>();
      for (const o of orders.rows) byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), o]);

      const specs: Omit<RequestSpec, 'id' | 'number'>[] = [];
      for (const c of page.rows) {
        const customer = { id: c.id, name: c.name, phone: c.phone, ownerId: c.owner_id };
        const created = new Date(c.created_at).getTime();
        const spec = (type: RequestType, at: number | null, o: Order | null, extra: Partial<RequestSpec> = {}) => {
          if (at === null) return;
          const [subject, description] = r.pick(SUBJECTS[type]);
          specs.push({
            type, channel: extra.channel!, priority: weighted(r, PRIORITIES[type]), createdAt: at, subject, description, customer, storeId: o?.store_id ?? c.store_id,
            orderId: o?.id ?? null, productId: o?.product_id ?? null, categoryId: o?.category_id ?? null, returnLines: null, refundFen: null, ...extra,
          });
        };
        for (const o of byCustomer.get(c.id) ?? []) {
          const delivered = new Date(o.delivered_at!).getTime();
          if (Number(o.returned_fen) > 0 && o.returned && r.chance(RETURN_REQUEST_SHARE)) {
            const channel = weighted(r, CHANNELS);
            spec('return', onDayOf(delivered + r.int(1, 6) * DAY, channel), o, { channel, returnLines: o.returned, refundFen: Number(o.returned_fen) });
          }
          for (let k = 0; r.chance(k === 0 ? AFTER_SALES_PER_ORDER : SECOND_AFTER_SALES) && k < 3; k++) {
            // Installation and delivery issues soon after delivery; wear and defects over the following months and years.
            const u = r.next();
            const days = u < 0.5 ? r.int(1, 14) : u < 0.85 ? r.int(15, 180) : r.int(181, 720);
            const channel = weighted(r, CHANNELS);
            spec(weighted(r, AFTER_SALES), onDayOf(delivered + days * DAY, channel), o, { channel });
          }
        }
        if (r.chance(ENQUIRIES_PER_CUSTOMER)) {
          const channel = weighted(r, CHANNELS);
          spec(r.chance(0.6) ? 'consultation' : 'price_inquiry', onDayOf(created + r.int(0, Math.max(0, Math.floor((asOf - created) / DAY) - 1)) * DAY, channel), null, { channel });
        }
        if (r.chance(FEEDBACK_PER_CUSTOMER)) {
          const channel = weighted(r, CHANNELS);
          spec(r.chance(0.6) ? 'praise' : 'suggestion', onDayOf(created + r.int(1, Math.max(1, Math.floor((asOf - created) / DAY) - 1)) * DAY, channel), null, { channel });
        }
      }

      const requests: Row[] = [];
      const activities: Row[] = [];
      const escalations: Row[] = [];
      for (const s of specs.sort((a, b) => a.createdAt - b.createdAt)) {
        const lived = life(ctx, { ...s, id: uuidFrom(ids), number: numberFor(s.createdAt) }, await targets(s.type, s.priority));
        requests.push(lived.request);
        activities.push(...lived.activities);
        escalations.push(...lived.escalations);
        if (lived.open) totals.openRequests++;
      }
      await insertRows(g.pool, 'service_requests', requests);
      for (let i = 0; i < activities.length; i += 2000) await insertRows(g.pool, 'service_request_activities', activities.slice(i, i + 2000));
      await insertRows(g.pool, 'service_request_escalations', escalations);
      totals.serviceRequests += requests.length;
      totals.requestActivities += activities.length;
      totals.requestEscalations += escalations.length;
      seen += page.rows.length;
      meter(Math.min(seen, g.customers));
    }
    meter(g.customers, true);
    // The daily number counters stand after the numbers handed out (nextRequestNumber).
    const counters = [...perDay].map(([day, value]) => ({ tenant_id: g.tenantId, name: `service_request:${day}`, value }));
    for (let i = 0; i < counters.length; i += 1000) await insertRows(g.pool, 'counters', counters.slice(i, i + 1000));
    g.log(`requests: ${totals.serviceRequests.toLocaleString('en-US')} (${(totals.serviceRequests / g.customers).toFixed(2)} per customer), ${totals.openRequests.toLocaleString('en-US')} open, ${totals.requestEscalations.toLocaleString('en-US')} escalations`);
    return totals;
  },
};
