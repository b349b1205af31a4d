import { BUDGET_BANDS, HOUSE_TYPES, ROOMS, STYLES } from '../../../packages/shared/src/enums.ts';
import { personName, mobile } from '../../../apps/server/src/demo/names.ts';
import { normalisePhone } from '../../../apps/server/src/platform/phone.ts';
import { nameGrams } from '../../../apps/server/src/modules/customers/customers.search.ts';
import { loadStages } from '../../../apps/server/src/modules/opportunities/stages.repository.ts';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from '../../../apps/server/src/platform/db/client.ts';
import type { Rng } from '../../../apps/server/src/demo/random.ts';
import { insertRows, progressMeter, uuidFrom } from './support.ts';
import type { GenContext, Stage } from './stages.ts';

const DAY = 86_400_000;
/** Leads per customer over the last two years, and opportunities per customer (issue 6: leads and activities in proportion). */
export const LEADS_PER_CUSTOMER = 0.5;
export const OPPORTUNITIES_PER_CUSTOMER = 0.3;
const SOURCES = ['store_walk_in', 'store_walk_in', 'store_walk_in', 'phone', 'website', 'website', 'designer_referral', 'partner_referral', 'campaign', 'exhibition', 'customer_referral'];
const LOSS = ['price', 'competitor', 'style_mismatch', 'delivery_time', 'budget_cancelled', 'no_response', 'other'];

interface Owner {
  storeId: string;
  ownerId: string;
}

const iso = (t: number) => new Date(t).toISOString();

function needs(r: Rng, at: number) {
  return {
    rooms: r.some(ROOMS, 1, 3), productTags: r.some(['沙发', '床', '餐桌', '衣柜', '书柜', '茶几', '床垫'], 1, 3), categoryIds: [],
    currentLayout: null, houseType: r.pick(HOUSE_TYPES), areaSqm: r.int(50, 260), homeStage: r.pick(['new_home', 'new_home', 'addition', 'replacement']),
    styles: r.some(STYLES, 1, 2), budgetBand: r.pick(BUDGET_BANDS),
    decisionDate: new Date(at + r.int(15, 90) * DAY).toISOString().slice(0, 10), deliveryDate: null,
  };
}

/** An activity row with every column the table has, so one batch keeps one column list. */
function activity(g: GenContext, ids: Rng, a: { subjectType: string; subjectId: string; subjectName: string; o: Owner; kind: string; at: number; outcome: string; next?: number | null; done?: boolean }) {
  return {
    id: uuidFrom(ids), tenant_id: g.tenantId, subject_type: a.subjectType, subject_id: a.subjectId, subject_name: a.subjectName, store_id: a.o.storeId,
    owner_id: a.o.ownerId, kind: a.kind, occurred_at: iso(a.at), outcome: a.outcome, notes: null, channel: a.kind === 'message' ? 'wechat' : null,
    visit_type: a.kind === 'visit' ? 'measure' : null, rooms: [], furniture_seen: [],
    next_step_text: a.next ? '再次回访' : null, next_step_due_at: a.next ? iso(a.next) : null,
    next_step_done_at: a.next && a.done ? iso(a.next) : null, created_by_id: a.o.ownerId, created_at: iso(a.at), updated_at: iso(a.at),
  };
}

/**
 * Leads (about LEADS_PER_CUSTOMER per customer over the two years before `asOf`: old ones converted, lost or invalid,
 * recent ones new or being followed), opportunities of customers walked through the default stages with their stage
 * history (won, lost or still open by age), and the calls, messages and home visits that moved them.
 */
export const pipelineStage: Stage = {
  name: 'pipeline',
  async run(g: GenContext) {
    const r = g.rng('pipeline');
    const ids = g.idRng('pipeline');
    const asOf = g.asOf.getTime();
    // The product's own default stages for the tenant.
    const db = drizzle(g.pool, { casing: 'snake_case' }) as unknown as Db;
    const stages = (await loadStages(db, g.tenantId, g.asOf)).filter((s) => s.enabled);
    const open = stages.filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position);
    const target = Math.round(g.customers * (LEADS_PER_CUSTOMER + OPPORTUNITIES_PER_CUSTOMER));
    const meter = progressMeter('pipeline', target, g.log);
    let nLeads = 0;
    let nOpps = 0;
    let nHistory = 0;
    let nActivities = 0;
    let after = '';
    for (;;) {
      const page = await g.pool.query<{ id: string; code: string; name: string; store_id: string; owner_id: string | null; created_at: Date }>(
        `SELECT id, code, name, store_id, owner_id, created_at FROM customers WHERE tenant_id = $1 AND code > $2 AND deleted_at IS NULL ORDER BY code LIMIT $3`,
        [g.tenantId, after, g.batchSize],
      );
      if (!page.rows.length) break;
      after = page.rows.at(-1)!.code;
      const leads: Record<string, unknown>[] = [];
      const phones: Record<string, unknown>[] = [];
      const opps: Record<string, unknown>[] = [];
      const history: Record<string, unknown>[] = [];
      const acts: Record<string, unknown>[] = [];
      const storeStaff = (storeId: string) => g.org!.stores.find((s) => s.id === storeId)?.sales ?? [];
      for (const c of page.rows) {
        const staff = storeStaff(c.store_id);
        const o: Owner = { storeId: c.store_id, ownerId: c.owner_id ?? (staff.length ? r.pick(staff) : '') };
        if (!o.ownerId) continue;
        // ---- a lead (half of the customers came in as one; most of those converted) ----
        if (r.chance(LEADS_PER_CUSTOMER)) {
          const at = asOf - r.int(0, 730) * DAY - r.int(0, DAY - 1);
          const age = (asOf - at) / DAY;
          const status = age < 14 ? r.pick(['new', 'following', 'following']) : age < 60 ? r.pick(['following', 'converted', 'lost']) : r.pick(['converted', 'converted', 'converted', 'lost', 'invalid']);
          const converted = status === 'converted';
          const name = converted ? c.name : personName(r);
          const m = normalisePhone(mobile(r).written);
          const id = uuidFrom(ids);
          const contacted = status !== 'new';
          leads.push({
            id, tenant_id: g.tenantId, name, phones: m ? [m.e164] : [], source: r.pick(SOURCES), source_detail: {}, store_id: o.storeId, assignee_id: status === 'new' && r.chance(0.2) ? null : o.ownerId,
            status, needs: needs(r, at), duplicate_of: [], name_grams: nameGrams(name), assigned_at: iso(at), assignment_seq: 1,
            first_contact_at: contacted ? iso(at + DAY) : null, last_activity_at: contacted ? iso(at + 3 * DAY) : null,
            lost_reason: status === 'lost' ? r.pick(['预算不足', '已在别家购买', '联系不上']) : null, closed_at: ['lost', 'invalid'].includes(status) ? iso(at + 20 * DAY) : null,
            converted_customer_id: converted ? c.id : null, converted_at: converted ? iso(at + 10 * DAY) : null, created_at: iso(at), updated_at: iso(at + 3 * DAY),
          });
          if (m) phones.push({ id: uuidFrom(ids), tenant_id: g.tenantId, lead_id: id, e164: m.e164, digits: m.digits, reversed: [...m.digits].reverse().join('') });
          if (contacted) {
            acts.push(activity(g, ids, { subjectType: 'lead', subjectId: id, subjectName: name, o, kind: 'call', at: at + DAY, outcome: 'reached', next: at + 3 * DAY, done: true }));
            acts.push(activity(g, ids, { subjectType: 'lead', subjectId: id, subjectName: name, o, kind: r.pick(['message', 'visit']), at: at + 3 * DAY, outcome: 'reached', next: status === 'following' ? at + r.int(4, 20) * DAY : null }));
          }
          nLeads++;
        }
        // ---- an opportunity, walked through the stages ----
        if (r.chance(OPPORTUNITIES_PER_CUSTOMER)) {
          const id = uuidFrom(ids);
          let t = Math.max(new Date(c.created_at).getTime(), asOf - 730 * DAY) + r.int(0, 30) * DAY;
          if (t > asOf - DAY) t = asOf - r.int(1, 60) * DAY;
          const created = t;
          const reach = r.int(0, open.length - 1);
          let from: string | null = null;
          for (let k = 0; k <= reach && t < asOf; k++) {
            history.push({ id: uuidFrom(ids), tenant_id: g.tenantId, opportunity_id: id, from_stage_key: from, to_stage_key: open[k].key, at: iso(t), by_id: o.ownerId, by_name: null });
            acts.push(activity(g, ids, { subjectType: 'opportunity', subjectId: id, subjectName: c.name, o, kind: r.pick(['call', 'visit', 'message']), at: t, outcome: 'reached' }));
            from = open[k].key;
            t += r.int(2, 15) * DAY;
          }
          let stage = open.find((s) => s.key === from)!;
          let status: 'open' | 'won' | 'lost' = 'open';
          if (t < asOf - 30 * DAY && r.chance(0.8)) {
            status = r.chance(0.35 + reach * 0.08) ? 'won' : 'lost';
            stage = stages.find((s) => s.kind === status)!;
            history.push({ id: uuidFrom(ids), tenant_id: g.tenantId, opportunity_id: id, from_stage_key: from, to_stage_key: stage.key, at: iso(t), by_id: o.ownerId, by_name: null });
          } else t = Math.min(t, asOf);
          const entered = status === 'open' ? Math.min(t - r.int(2, 15) * DAY, asOf) : t;
          opps.push({
            id, tenant_id: g.tenantId, customer_id: c.id, lead_id: null, name: `${c.name}的${r.pick(['全屋定制', '客厅家具', '卧室套装', '餐厅家具', '书房家具'])}`,
            amount_fen: r.int(2, 60) * 1_000_000, stage_key: stage.key, probability: stage.probability, probability_overridden: false,
            expected_close_date: new Date(Math.max(t, asOf - 30 * DAY) + r.int(5, 120) * DAY).toISOString().slice(0, 10), owner_id: o.ownerId, store_id: o.storeId, status,
            won_at: status === 'won' ? iso(t) : null, lost_at: status === 'lost' ? iso(t) : null, loss_reason: status === 'lost' ? r.pick(LOSS) : null,
            last_activity_at: iso(Math.max(created, entered)), stage_entered_at: iso(Math.max(created, entered)), version: 1, created_by_id: o.ownerId,
            created_at: iso(created), updated_at: iso(Math.min(t, asOf)),
          });
          nOpps++;
        }
      }
      await insertRows(g.pool, 'leads', leads);
      await insertRows(g.pool, 'lead_phones', phones);
      await insertRows(g.pool, 'opportunities', opps);
      await insertRows(g.pool, 'opportunity_stage_history', history);
      await insertRows(g.pool, 'sales_activities', acts);
      nHistory += history.length;
      nActivities += acts.length;
      meter(Math.min(nLeads + nOpps, target));
    }
    meter(Math.min(nLeads + nOpps, target), true);
    g.log(`pipeline: ${nLeads.toLocaleString('en-US')} leads, ${nOpps.toLocaleString('en-US')} opportunities, ${nActivities.toLocaleString('en-US')} activities`);
    return { leads: nLeads, opportunities: nOpps, stageChanges: nHistory, activities: nActivities };
  },
};
