import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { ChangeLeadStatus, ConvertLead, CreateActivity, CreateLeadAssignmentRule, CreateLeadForm, MoveOpportunityStage, type CreateActivityInput, type LeadSource } from '@jiake/shared';
import type { Db } from '../platform/db/client.ts';
import type { Ctx } from '../platform/http/context.ts';
import { systemCtx } from '../platform/jobs/system-ctx.ts';
import { orgUnits, users } from '../platform/tenancy/tenancy.tables.ts';
import { customers } from '../modules/customers/customers.tables.ts';
import { captureLead } from '../modules/leads/capture-lead.ts';
import { changeStatus } from '../modules/leads/leads.service.ts';
import { convertLead } from '../modules/leads/convert-lead.ts';
import { createRule } from '../modules/leads/assignment-rules.service.ts';
import { createForm } from '../modules/leads/lead-forms.service.ts';
import { createActivity } from '../modules/sales-activities/activities.service.ts';
import { answerProposal, presentProposal } from '../modules/sales-activities/proposals.service.ts';
import { markArrived } from '../modules/sales-activities/invitations.service.ts';
import { createOpportunity, getOpportunity } from '../modules/opportunities/opportunities.service.ts';
import { moveStage } from '../modules/opportunities/move-stage.service.ts';
import { listStages } from '../modules/opportunities/stages.service.ts';
import { setTarget } from '../modules/sales-targets/set-target.service.ts';
import * as N from './names.ts';
import { as, storeStaff } from './staff.ts';
import { Rng } from './random.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An activity as logged, without its subject (distributed over the kinds). */
type ActivityBody = CreateActivityInput extends infer U ? (U extends unknown ? Omit<U, 'subjectType' | 'subjectId'> : never) : never;

const NEEDS = [
  { rooms: ['livingRoom', 'diningRoom'], productTags: ['沙发', '茶几', '餐桌'], styles: ['modernMinimal'], houseType: 'apartment', homeStage: 'new_home', budgetBand: '50kTo100k', areaSqm: 98 },
  { rooms: ['bedroom', 'kidsRoom'], productTags: ['床', '床垫', '衣柜'], styles: ['nordic'], houseType: 'apartment', homeStage: 'addition', budgetBand: 'under50k', areaSqm: 76 },
  { rooms: ['livingRoom', 'bedroom', 'study'], productTags: ['全屋家具'], styles: ['newChinese'], houseType: 'villa', homeStage: 'new_home', budgetBand: '200kTo500k', areaSqm: 260 },
  { rooms: ['study', 'office'], productTags: ['书桌', '书柜', '办公椅'], styles: ['italianMinimal'], houseType: 'duplex', homeStage: 'replacement', budgetBand: '50kTo100k', areaSqm: 140 },
  { rooms: ['livingRoom'], productTags: ['真皮沙发'], styles: ['lightLuxury'], houseType: 'apartment', homeStage: 'replacement', budgetBand: '100kTo200k', areaSqm: 120 },
] as const;
const SOURCES: LeadSource[] = ['store_walk_in', 'store_walk_in', 'phone', 'website', 'designer_referral', 'partner_referral', 'campaign', 'exhibition', 'customer_referral'];

/**
 * The sales pipeline of the demo (LEAD-1…6, STAFF-1), made through the modules' own services as the stores'
 * salespeople at past times, so stage history, activity times, audit rows and the funnel are what daily use would
 * leave: assignment rules and a website form, leads over the last two months at every step of the furniture follow-up
 * (calls, home visits with measurements and competitor furniture, design proposals, store invitations), conversions
 * into customers and opportunities walked through the stages (won, lost, open), and this month's targets.
 */
export async function seedDemoSales(db: Db, tenantId: string, opts: { seed: number; leads: number; now: Date }) {
  const r = new Rng(opts.seed + 3);
  const now = opts.now.getTime();
  const admin = systemCtx(db, tenantId, () => opts.now, 'demo-sales');
  const { stores, sellersOf } = await storeStaff(db, tenantId);

  // Website and phone leads go to the store of their city; walk-ins stay with whoever received them.
  await createRule(admin, CreateLeadAssignmentRule.parse({ name: '官网/电话线索按城市分到门店', sources: ['website', 'phone'], strategy: 'store_by_region' }));
  await createForm(admin, CreateLeadForm.parse({ name: '官网预约量尺', defaultStoreId: stores[0]?.id ?? null }));

  const stageKeys = (await listStages(admin)).items?.filter?.((s: { kind: string; enabled: boolean }) => s.kind === 'open' && s.enabled).map((s: { key: string }) => s.key) ?? [];
  for (let i = 0; i < opts.leads && stores.length; i++) {
    const store = stores[i % stores.length];
    const sellers = sellersOf(store.id);
    if (!sellers.length) continue;
    const seller = sellers[i % sellers.length];
    let t = now - r.int(1, 60) * DAY - r.int(0, 8) * HOUR;
    const name = N.personName(r);
    const need = NEEDS[i % NEEDS.length];
    const lead = await captureLead(as(db, tenantId, seller, t), {
      name, phones: [N.mobile(r).written], source: SOURCES[i % SOURCES.length], sourceDetail: {}, storeId: store.id, assigneeId: seller.id,
      provinceCode: store.provinceCode, cityCode: store.cityCode, address: `${r.pick(['锦绣', '翠湖', '滨江', '天元', '御景'])}${r.pick(['花园', '华府', '名邸'])}${r.int(1, 30)}栋`,
      needs: { ...need, rooms: [...need.rooms], productTags: [...need.productTags], styles: [...need.styles], decisionDate: new Date(t + r.int(20, 60) * DAY).toISOString().slice(0, 10) },
    });
    const leadId = (lead as { id?: string; lead?: { id: string } }).lead?.id ?? (lead as { id: string }).id;
    // How far this lead has got: 0 new … 5 converted and moved on.
    const depth = Math.min(5, Math.floor(((now - t) / DAY) / 8) + r.int(0, 1));
    /** Log an activity a few days after the last one (never in the future), with a next step `next.days` after it. */
    const act = async (input: ActivityBody | ((at: number) => ActivityBody), subject: { type: 'lead' | 'opportunity'; id: string }, next?: { text: string; days: number }) => {
      t += r.int(1, 4) * DAY + r.int(1, 6) * HOUR;
      if (t > now) return null;
      const nextStep = next ? { text: next.text, dueAt: new Date(t + next.days * DAY).toISOString() } : null;
      return createActivity(as(db, tenantId, seller, t), CreateActivity.parse({ ...(typeof input === 'function' ? input(t) : input), subjectType: subject.type, subjectId: subject.id, occurredAt: new Date(t).toISOString(), nextStep }));
    };
    const onLead = { type: 'lead' as const, id: leadId };
    if (depth === 0) continue;
    await act({ kind: 'call', outcome: 'reached', notes: '电话沟通需求，约上门量尺' }, onLead, { text: '上门量尺', days: 3 });
    if (depth === 1) {
      if (r.chance(0.3)) await changeStatus(as(db, tenantId, seller, Math.min(t + DAY, now)), leadId, ChangeLeadStatus.parse({ status: 'lost', reason: '预算不足，暂不考虑' }));
      continue;
    }
    await act({ kind: 'visit', outcome: 'measured', visitType: 'measure', rooms: [{ room: 'livingRoom', lengthCm: r.int(420, 680), widthCm: r.int(360, 520), heightCm: 280 }, { room: 'bedroom', lengthCm: r.int(330, 420), widthCm: r.int(300, 380), heightCm: 280 }], furnitureSeen: [{ category: 'sofa', brand: r.pick(['顾家家居', '芝华仕', '林氏木业']), ownership: 'competitor', condition: 'worn', room: 'livingRoom' }], notes: '客厅朝南，采光好；旧沙发准备换掉' }, onLead);
    if (depth === 2) continue;
    const proposal = await act({ kind: 'proposal', title: `${name}家${need.productTags[0]}设计方案`, summary: '按量尺数据出两套配色方案', amountFen: r.int(3, 40) * 1_000_000 }, onLead);
    if (proposal) await presentProposal(as(db, tenantId, seller, Math.min(t + DAY, now)), proposal.id);
    if (depth === 3) continue;
    const inv = await act((at) => ({ kind: 'invitation', outcome: 'confirmed', invitedFor: new Date(Math.max(at, Math.min(at + 2 * DAY, now))).toISOString() }), onLead);
    if (inv && t + 2 * DAY < now) await markArrived(as(db, tenantId, seller, t + 2 * DAY + HOUR), inv.id, { arrivedAt: new Date(t + 2 * DAY).toISOString(), receivedById: seller.id });
    if (proposal && t + 3 * DAY < now) await answerProposal(as(db, tenantId, seller, t + 3 * DAY), proposal.id, 'accepted', null);
    t = Math.min(t + 3 * DAY, now);
    const converted = await convertLead(as(db, tenantId, seller, t), leadId, ConvertLead.parse({ ignoreDuplicates: true, opportunity: { name: `${name}家${need.productTags[0]}`, amountFen: r.int(3, 40) * 1_000_000, expectedCloseDate: new Date(now + r.int(5, 60) * DAY).toISOString().slice(0, 10) } }));
    const oppId = (converted as { opportunityId: string | null }).opportunityId;
    if (!oppId) continue;
    // The opportunity moves through the stages at the pace of the follow-up, and ends won, lost or still open.
    const reach = Math.min(stageKeys.length - 1, 1 + r.int(0, stageKeys.length - 2));
    for (let k = 1; k <= reach; k++) {
      t += r.int(1, 4) * DAY;
      if (t > now) break;
      const o = await getOpportunity(as(db, tenantId, seller, t), oppId);
      await moveStage(as(db, tenantId, seller, t), oppId, MoveOpportunityStage.parse({ stageKey: stageKeys[k], version: o.version }));
    }
    if (depth >= 5 && t + 2 * DAY < now && r.chance(0.7)) {
      const o = await getOpportunity(as(db, tenantId, seller, t + 2 * DAY), oppId);
      const won = r.chance(0.6);
      await moveStage(as(db, tenantId, seller, t + 2 * DAY), oppId, MoveOpportunityStage.parse(won ? { stageKey: 'won', version: o.version } : { stageKey: 'lost', version: o.version, lossReason: r.pick(['price', 'competitor', 'style_mismatch']), lossNote: '客户选择了别家' }));
    }
  }

  // Opportunities of existing customers (repeat buyers adding furniture), open at different stages.
  const regulars = await db.select({ id: customers.id, name: customers.name, storeId: customers.storeId, ownerId: customers.ownerId }).from(customers)
    .where(and(eq(customers.tenantId, tenantId), isNull(customers.deletedAt))).orderBy(asc(customers.code)).limit(Math.ceil(opts.leads / 3));
  for (const c of regulars) {
    if (!c.storeId) continue;
    const sellers = sellersOf(c.storeId);
    const seller = sellers.find((s) => s.id === c.ownerId) ?? sellers[0];
    if (!seller) continue;
    const t0 = now - r.int(3, 40) * DAY;
    const o = await createOpportunity(as(db, tenantId, seller, t0), { customerId: c.id, name: `${c.name}添置${r.pick(['餐桌椅', '床垫', '书柜', '电视柜'])}`, amountFen: r.int(1, 12) * 1_000_000, expectedCloseDate: new Date(now + r.int(3, 45) * DAY).toISOString().slice(0, 10), ownerId: seller.id });
    const k = r.int(0, Math.min(3, stageKeys.length - 1));
    if (k > 0) await moveStage(as(db, tenantId, seller, t0 + r.int(1, 3) * DAY), o.id, MoveOpportunityStage.parse({ stageKey: stageKeys[k], version: o.version }));
  }

  // This month's targets: the company, each region and store, and each salesperson.
  const month = new Date(now + 8 * HOUR).toISOString().slice(0, 7);
  const regions = [...new Set(stores.map((s) => s.parentId).filter((x): x is string => !!x))];
  const company = stores[0]?.path.split('/').filter(Boolean)[0];
  if (company) await setTarget(admin, { subjectType: 'unit', subjectId: company, period: month, amountFen: stores.length * 60_000_000 });
  for (const reg of regions) await setTarget(admin, { subjectType: 'unit', subjectId: reg, period: month, amountFen: stores.filter((s) => s.parentId === reg).length * 60_000_000 });
  for (const s of stores) {
    await setTarget(admin, { subjectType: 'unit', subjectId: s.id, period: month, amountFen: 60_000_000 });
    for (const u of sellersOf(s.id)) await setTarget(admin, { subjectType: 'user', subjectId: u.id, period: month, amountFen: 25_000_000, wonCount: 3 });
  }
}
