import { AGE_BANDS, BUDGET_BANDS, CUSTOMER_SOURCES, DECISION_ROLES, EDUCATIONS, HOME_STAGES, HOUSE_TYPES, INCOME_BANDS, ROOMS, STYLES } from '@jiake/shared';
import type { Rng } from '../../../apps/server/src/demo/random.ts';
import * as N from '../../../apps/server/src/demo/names.ts';
import { normalisePhone } from '../../../apps/server/src/platform/phone.ts';
import { searchColumns } from '../../../apps/server/src/modules/customers/customers.repository.ts';
import { insertRows, pickCumulative, progressMeter, uuidFrom, zipf } from './support.ts';
import type { StorePlan } from './org.ts';
import type { GenContext, Stage } from './stages.ts';

const DAY = 86_400_000;
const FULL_WIDTH = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const LANDLINE_AREAS = ['010', '021', '020', '0755', '0571', '025', '028', '027', '029', '0757', '0512', '023'];

/**
 * A phone as staff type it: mobiles in a dozen spellings (spaces, dashes, +86, 0086, full-width digits), and one in
 * twelve a landline with its area code. The product's own normalisePhone turns it into E.164 and dialling digits.
 */
export function writtenPhone(r: Rng): string {
  if (r.chance(1 / 12)) {
    const area = r.pick(LANDLINE_AREAS);
    const local = String(r.int(20000000, 89999999));
    return r.pick([`(${area}) ${local.slice(0, 4)}-${local.slice(4)}`, `${area}-${local}`, `${area} ${local}`, `+86 ${area.slice(1)} ${local}`]);
  }
  const { digits, written } = N.mobile(r);
  return r.pick([
    written,
    written,
    `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
    `+86-${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
    `(+86) ${digits}`,
    `${digits.slice(0, 3)} ${digits.slice(3)}`,
    FULL_WIDTH(digits),
    `0086 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
  ]);
}

/** Normalised phones (deduplicated) as the product stores them: E.164 on the record, a customer_phones row each. */
function phonesOf(r: Rng, n: number) {
  const out: { e164: string; digits: string }[] = [];
  for (let k = 0; k < n; k++) {
    const p = normalisePhone(writtenPhone(r));
    if (p && !out.some((x) => x.e164 === p.e164)) out.push(p);
  }
  return out;
}

const phoneRow = (tenantId: string, customerId: string, contactId: string | null, p: { e164: string; digits: string }, position: number, id: string) => ({
  id, tenant_id: tenantId, customer_id: customerId, contact_id: contactId, e164: p.e164, digits: p.digits, reversed: [...p.digits].reverse().join(''), position,
});

const iso = (t: number) => new Date(t).toISOString();
const ymd = (t: number) => new Date(t).toISOString().slice(0, 10);

interface Batch {
  customers: Record<string, unknown>[];
  phones: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
}

/** Customers `from..to` (1-based codes), with their phones and contacts, as rows keyed by column name. */
function buildBatch(g: GenContext, r: Rng, ids: Rng, cum: Float64Array, from: number, to: number): Batch {
  const stores = g.org!.stores;
  const b: Batch = { customers: [], phones: [], contacts: [] };
  const asOf = g.asOf.getTime();
  for (let i = from; i <= to; i++) {
    const s: StorePlan = stores[pickCumulative(cum, r.next())];
    const company = r.chance(0.06);
    const kind = company ? 'company' : 'person';
    const name = company ? N.companyName(r, s.city) : N.personName(r);
    const id = uuidFrom(ids);
    const phoneCount = r.chance(0.03) ? 3 : r.chance(0.17) ? 2 : 1;
    const phones = phonesOf(r, phoneCount);
    // Five years of customers, more of them recent (the brand grows).
    const createdAt = asOf - Math.floor((1 - Math.sqrt(r.next())) * 5 * 365 * DAY) - r.int(0, DAY - 1);
    const updatedAt = Math.min(asOf, createdAt + r.int(0, 400) * DAY);
    const lunar = r.chance(0.25);
    const hasBirthday = !company && r.chance(0.7);
    const birthday = hasBirthday ? { calendar: lunar ? 'lunar' : 'solar', year: r.chance(0.6) ? r.int(1955, 2000) : null, month: r.int(1, 12), day: r.int(1, 28) } : null;
    const married = !company && r.chance(0.6);
    const owned = r.chance(0.88);
    const black = r.chance(0.01);
    const other = r.chance(0.15) ? stores[r.int(0, stores.length - 1)] : s;
    b.customers.push({
      id, tenant_id: g.tenantId, code: `C${String(i).padStart(7, '0')}`, kind, name,
      gender: company ? null : r.chance(0.04) ? 'unknown' : r.pick(['male', 'female']),
      birthday, birthday_calendar: birthday?.calendar ?? null, birthday_month: birthday?.month ?? null, birthday_day: birthday?.day ?? null,
      wedding_anniversary: married && r.chance(0.5) ? `${r.int(1985, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : null,
      age_band: company ? null : r.pick(AGE_BANDS), education: company ? null : r.pick(EDUCATIONS),
      occupation: company ? null : r.pick(N.OCCUPATIONS), title: r.chance(0.4) ? r.pick(N.TITLES) : null,
      income_band: company ? null : r.pick(INCOME_BANDS), marital_status: company ? null : married ? 'married' : r.pick(['single', 'single', 'divorced', 'widowed']),
      phones: phones.map((p) => p.e164),
      email: r.chance(0.35) ? `c${i}@example.cn` : null, wechat: r.chance(0.7) ? `wx_${(i * 7919).toString(36)}` : null,
      qq: r.chance(0.15) ? String(r.int(10000000, 999999999)) : null, other_im: null,
      province_code: other.province, city_code: other.cityCode, district_code: other.districtCode,
      address: `${other.city}${other.district}区${r.pick(N.STREETS)}${r.int(1, 999)}号${r.pick(N.COMMUNITIES)}${r.int(1, 30)}栋${r.int(101, 3202)}室`,
      hobbies: r.some(N.HOBBIES, 0, 3), referrer: r.chance(0.12) ? N.personName(r) : null,
      source: r.pick(CUSTOMER_SOURCES), owner_id: owned ? r.pick(s.sales) : null, store_id: s.id,
      tags: r.some(N.TAGS, 0, 3), credit_rating: r.pick(['A', 'B', 'B', 'C', 'D']),
      list_status: black ? 'black' : r.chance(0.01) ? 'white' : 'none', list_reason: black ? '恶意投诉' : null,
      industry: company ? r.pick(['房地产', '酒店', '装饰装修', '物业', '餐饮', '办公']) : null,
      home_profile: company && r.chance(0.5) ? null : {
        houseType: r.pick(HOUSE_TYPES), areaSqm: r.int(45, 450), rooms: r.some(ROOMS, 1, 4), stage: r.pick(HOME_STAGES),
        styles: r.some(STYLES, 1, 2), budgetBand: r.pick(BUDGET_BANDS),
        moveInDate: r.chance(0.3) ? ymd(createdAt + r.int(30, 300) * DAY) : null,
        currentFurniture: r.chance(0.5) ? [{ room: r.pick(ROOMS), item: r.pick(N.FURNITURE), brand: r.pick(N.BRANDS), competitor: r.chance(0.7) }] : [],
      },
      custom_fields: {}, notes: r.chance(0.1) ? `${r.pick(N.FURNITURE)}意向，${r.pick(['周末到店', '需要上门量尺', '等装修完成', '比较三家'])}` : null,
      ...snake(searchColumns(name, kind)),
      last_contact_at: r.chance(0.6) ? iso(Math.min(asOf, createdAt + r.int(0, 300) * DAY)) : null,
      last_touched_at: iso(updatedAt), merged_into_id: null,
      deleted_at: r.chance(0.005) ? iso(updatedAt) : null,
      created_at: iso(createdAt), updated_at: iso(updatedAt),
    });
    phones.forEach((p, pos) => b.phones.push(phoneRow(g.tenantId, id, null, p, pos, uuidFrom(ids))));

    // Companies have two or three contacts with decision roles; one person in ten a family member to call.
    const nContacts = company ? r.int(2, 3) : r.chance(0.1) ? 1 : 0;
    let boss: string | null = null;
    for (let k = 0; k < nContacts; k++) {
      const cid = uuidFrom(ids);
      const cp = phonesOf(r, 1);
      b.contacts.push({
        id: cid, tenant_id: g.tenantId, customer_id: id, name: N.personName(r),
        title: company ? r.pick(N.TITLES) : r.pick(['配偶', '父母', '子女']), phones: cp.map((p) => p.e164),
        email: company && r.chance(0.5) ? `contact${i}_${k}@example.cn` : null,
        decision_role: company ? DECISION_ROLES[k % DECISION_ROLES.length] : r.pick(['decisionMaker', 'influencer']),
        reports_to_id: company && k > 0 ? boss : null, notes: null, created_at: iso(createdAt + k), updated_at: iso(createdAt + k),
      });
      if (k === 0) boss = cid;
      cp.forEach((p, pos) => b.phones.push(phoneRow(g.tenantId, id, cid, p, pos, uuidFrom(ids))));
    }
  }
  return b;
}

const snake = (c: { namePinyin: string; nameInitials: string; nameGrams: string[] }) => ({ name_pinyin: c.namePinyin, name_initials: c.nameInitials, name_grams: c.nameGrams });

/**
 * Customers with home profiles, phones (customer_phones rows exactly as the product writes them) and contacts, spread
 * over the stores by a Zipf-like law. Batches of `g.batchSize` are built while the previous batch is being written.
 */
export const customersStage: Stage = {
  name: 'customers',
  async run(g: GenContext) {
    const r = g.rng('customers');
    const ids = g.idRng('customers');
    const cum = zipf(g.org!.stores.length);
    const meter = progressMeter('customers', g.customers, g.log);
    const inflight: Promise<unknown>[] = [];
    let done = 0;
    let phones = 0;
    let contacts = 0;
    const write = async (b: Batch) => {
      await insertRows(g.pool, 'customers', b.customers);
      await insertRows(g.pool, 'customer_phones', b.phones);
      await insertRows(g.pool, 'customer_contacts', b.contacts);
      done += b.customers.length;
      meter(done);
    };
    for (let from = 1; from <= g.customers; from += g.batchSize) {
      const b = buildBatch(g, r, ids, cum, from, Math.min(g.customers, from + g.batchSize - 1));
      phones += b.phones.length;
      contacts += b.contacts.length;
      // Settle errors into values so a failed write is reported once, not as an unhandled rejection.
      inflight.push(write(b).then(() => null, (err: unknown) => err));
      if (inflight.length >= 2) {
        const err = await inflight.shift();
        if (err) throw err;
      }
    }
    for (const err of await Promise.all(inflight)) if (err) throw err;
    meter(done, true);
    await g.pool.query(
      `INSERT INTO counters (tenant_id, name, value) VALUES ($1, 'customer', $2) ON CONFLICT (tenant_id, name) DO UPDATE SET value = EXCLUDED.value`,
      [g.tenantId, g.customers],
    );
    return { customers: g.customers, phones, contacts };
  },
};
