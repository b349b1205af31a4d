import { sql } from 'drizzle-orm';
import { AGE_BANDS, BUDGET_BANDS, CUSTOMER_SOURCES, EDUCATIONS, HOME_STAGES, HOUSE_TYPES, INCOME_BANDS, MARITAL_STATUSES, ROOMS, STYLES, DECISION_ROLES } from '@jiake/shared';
import type { Db, DbOrTx } from '../platform/db/client.ts';
import { orgUnits, roles, userRoles, users, counters } from '../platform/tenancy/tenancy.tables.ts';
import { createTenant } from '../platform/tenancy/tenancy.service.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { normalisePhone } from '../platform/phone.ts';
import { contacts, customerPhones, customers } from '../modules/customers/customers.tables.ts';
import { searchColumns } from '../modules/customers/customers.repository.ts';
import { Rng } from './random.ts';
import * as N from './names.ts';
import { seedDemoOrders } from './orders.ts';
import { seedDemoService } from './service.ts';
import { seedDemoSales } from './sales.ts';
import { seedDemoBonusRules, seedDemoLoyalty } from './loyalty.ts';
import { seedDemoMemberCards } from './loyalty-cards.ts';

interface StoreSpec { code: string; name: string; kind: 'direct' | 'franchise' | 'dealer'; city: string; province: string; cityCode: string; district: string }
interface RegionSpec { code: string; name: string; stores: StoreSpec[] }
interface BrandSpec { code: string; name: string; seed: number; customers: number; regions: RegionSpec[] }

const DEMO: BrandSpec[] = [
  {
    code: 'demo', name: '雅居家具', seed: 20261122, customers: 2000,
    regions: [
      { code: 'EAST', name: '华东大区', stores: [
        { code: 'SH-XH', name: '上海徐汇直营店', kind: 'direct', city: '上海', province: '310000', cityCode: '310100', district: '310104' },
        { code: 'HZ-XH', name: '杭州西湖加盟店', kind: 'franchise', city: '杭州', province: '330000', cityCode: '330100', district: '330106' },
        { code: 'NJ-JY', name: '南京建邺经销商', kind: 'dealer', city: '南京', province: '320000', cityCode: '320100', district: '320105' },
      ] },
      { code: 'SOUTH', name: '华南大区', stores: [
        { code: 'GZ-TH', name: '广州天河直营店', kind: 'direct', city: '广州', province: '440000', cityCode: '440100', district: '440106' },
        { code: 'SZ-NS', name: '深圳南山加盟店', kind: 'franchise', city: '深圳', province: '440000', cityCode: '440300', district: '440305' },
        { code: 'FS-SD', name: '佛山顺德经销商', kind: 'dealer', city: '佛山', province: '440000', cityCode: '440600', district: '440606' },
      ] },
      { code: 'WEST', name: '西南大区', stores: [
        { code: 'CD-GX', name: '成都高新直营店', kind: 'direct', city: '成都', province: '510000', cityCode: '510100', district: '510107' },
      ] },
    ],
  },
  {
    code: 'demo2', name: '森木家居', seed: 7, customers: 200,
    regions: [
      { code: 'NORTH', name: '华北大区', stores: [
        { code: 'BJ-CY', name: '北京朝阳直营店', kind: 'direct', city: '北京', province: '110000', cityCode: '110100', district: '110105' },
        { code: 'TJ-HP', name: '天津和平加盟店', kind: 'franchise', city: '天津', province: '120000', cityCode: '120100', district: '120101' },
      ] },
    ],
  },
];

export const DEMO_PASSWORD = 'demo1234';

/** Load the demo brands into an empty database (deterministic: the same data on every machine). */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const existing = await db.execute(sql`SELECT 1 FROM tenants LIMIT 1`);
  if (existing.rows.length) return false;
  for (const brand of DEMO) await seedBrand(db, brand);
  return true;
}

async function seedBrand(db: Db, b: BrandSpec) {
  const r = new Rng(b.seed);
  const now = new Date();
  const { tenant, hq, roles: roleRows } = await createTenant(db, {
    code: b.code, name: b.name, admin: { username: 'admin', password: DEMO_PASSWORD, displayName: '系统管理员' },
  });
  const role = (name: string) => roleRows.find((x) => x.name === name)!.id;
  const pw = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const stores: (StoreSpec & { id: string; sales: string[] })[] = [];
    const addUser = async (unitId: string, username: string, displayName: string, roleName: string, supervisorId: string | null = null) => {
      const [u] = await tx.insert(users).values({
        tenantId: tenant.id, unitId, username, displayName, passwordHash: pw, supervisorId,
        phone: `+86${N.mobile(r).digits}`, email: `${username}@${b.code}.example.cn`,
      }).returning();
      await tx.insert(userRoles).values({ tenantId: tenant.id, userId: u.id, roleId: role(roleName) });
      return u.id;
    };
    for (const reg of b.regions) {
      const regionId = crypto.randomUUID();
      await tx.insert(orgUnits).values({ id: regionId, tenantId: tenant.id, parentId: hq.id, kind: 'region', code: reg.code, name: reg.name, path: `${hq.path}${regionId}/` });
      const mgr = await addUser(regionId, `${reg.code.toLowerCase()}_mgr`, `${N.personName(r)}`, '区域经理');
      for (const s of reg.stores) {
        const id = crypto.randomUUID();
        await tx.insert(orgUnits).values({ id, tenantId: tenant.id, parentId: regionId, kind: 'store', storeKind: s.kind, code: s.code, name: s.name, path: `${hq.path}${regionId}/${id}/`, provinceCode: s.province, cityCode: s.cityCode });
        const slug = s.code.toLowerCase().replace('-', '');
        const managerRole = s.kind === 'direct' ? '店长' : '加盟商';
        const storeMgr = await addUser(id, `${slug}_mgr`, N.personName(r), managerRole, mgr);
        const sales = [await addUser(id, `${slug}_sales1`, N.personName(r), '导购', storeMgr), await addUser(id, `${slug}_sales2`, N.personName(r), '导购', storeMgr)];
        stores.push({ ...s, id, sales });
      }
    }
    await seedCustomers(tx, r, tenant.id, stores, b.customers, now);
  });
  await seedDemoLoyalty(db, tenant.id, { seed: b.seed, share: b.code === 'demo' ? 0.3 : 0.25, now });
  await seedDemoOrders(db, tenant.id, { seed: b.seed, count: b.code === 'demo' ? 240 : 30, now });
  await seedDemoBonusRules(db, tenant.id, { now });
  await seedDemoMemberCards(db, tenant.id, { seed: b.seed, now });
  await seedDemoService(db, tenant.id, { seed: b.seed, requests: b.code === 'demo' ? 24 : 4, now });
  await seedDemoSales(db, tenant.id, { seed: b.seed, leads: b.code === 'demo' ? 40 : 6, now });
  // A read-only auditor role shows field rules at work: phones hidden, audit visible.
  await db.insert(roles).values({ tenantId: tenant.id, name: '审计员', description: '审计员：只读查看全公司客户和审计日志，号码和邮箱隐藏', permissions: ['customers:view', 'audit:view', 'org:view', 'users:view'], dataScope: 'tenant', fieldRules: { 'customer.phones': 'hidden', 'customer.email': 'hidden' } });
}

async function seedCustomers(tx: DbOrTx, r: Rng, tenantId: string, stores: (StoreSpec & { id: string; sales: string[] })[], count: number, now: Date) {
  const rows: (typeof customers.$inferInsert)[] = [];
  const phoneRows: (typeof customerPhones.$inferInsert)[] = [];
  const contactRows: (typeof contacts.$inferInsert)[] = [];
  for (let i = 1; i <= count; i++) {
    const s = r.pick(stores);
    const company = r.chance(0.06);
    const name = company ? N.companyName(r, s.city) : N.personName(r);
    const id = crypto.randomUUID();
    const phones = Array.from({ length: r.chance(0.2) ? 2 : 1 }, () => N.mobile(r));
    const e164s = [...new Set(phones.map((p) => normalisePhone(p.written)!.e164))];
    const createdAt = new Date(now.getTime() - r.int(0, 3 * 365) * 86400_000 - r.int(0, 86400_000));
    const lunar = r.chance(0.25);
    const gender = company ? null : r.pick(['male', 'female'] as const);
    const married = r.chance(0.6);
    rows.push({
      id, tenantId, code: `C${String(i).padStart(7, '0')}`, kind: company ? 'company' : 'person', name, gender,
      birthday: company ? null : { calendar: lunar ? 'lunar' : 'solar', year: r.int(1960, 2000), month: r.int(1, 12), day: r.int(1, lunar ? 30 : 28) },
      birthdayCalendar: company ? null : lunar ? 'lunar' : 'solar',
      ageBand: company ? null : r.pick(AGE_BANDS), education: company ? null : r.pick(EDUCATIONS),
      occupation: company ? null : r.pick(N.OCCUPATIONS), title: r.chance(0.5) ? r.pick(N.TITLES) : null,
      incomeBand: company ? null : r.pick(INCOME_BANDS), maritalStatus: company ? null : married ? 'married' : r.pick(MARITAL_STATUSES),
      weddingAnniversary: !company && married && r.chance(0.5) ? `${r.int(1990, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : null,
      phones: e164s, email: r.chance(0.4) ? `user${i}@example.cn` : null, wechat: r.chance(0.7) ? `wx_${(i * 7919).toString(36)}` : null,
      qq: r.chance(0.2) ? String(r.int(10000000, 999999999)) : null,
      provinceCode: s.province, cityCode: s.cityCode, districtCode: s.district,
      address: `${s.city}${r.pick(N.STREETS)}${r.int(1, 999)}号${r.pick(N.COMMUNITIES)}${r.int(1, 30)}栋${r.int(101, 3202)}室`,
      hobbies: r.some(N.HOBBIES, 0, 3), referrer: r.chance(0.15) ? N.personName(r) : null, source: r.pick(CUSTOMER_SOURCES.filter((x) => x !== 'import')),
      ownerId: r.chance(0.1) ? null : r.pick(s.sales), storeId: s.id, tags: r.some(N.TAGS, 0, 3),
      creditRating: r.pick(['A', 'B', 'B', 'C']), listStatus: r.chance(0.01) ? 'black' : 'none', industry: company ? r.pick(['房地产', '酒店', '装饰装修', '物业']) : null,
      homeProfile: {
        houseType: r.pick(HOUSE_TYPES), areaSqm: r.int(60, 400), rooms: r.some(ROOMS, 1, 4), stage: r.pick(HOME_STAGES), styles: r.some(STYLES, 1, 2), budgetBand: r.pick(BUDGET_BANDS),
        currentFurniture: r.chance(0.5) ? [{ room: 'livingRoom', item: r.pick(N.FURNITURE), brand: r.pick(N.BRANDS), competitor: true }] : [],
      },
      customFields: {}, createdAt, updatedAt: createdAt, lastTouchedAt: new Date(createdAt.getTime() + r.int(0, 200) * 86400_000),
      ...searchColumns(name, company ? 'company' : 'person'),
    });
    e164s.forEach((e, pos) => {
      const n = normalisePhone(e)!;
      phoneRows.push({ tenantId, customerId: id, e164: n.e164, digits: n.digits, reversed: [...n.digits].reverse().join(''), position: pos });
    });
    if (company) {
      const roleList = [...DECISION_ROLES];
      for (let k = 0; k < 2; k++) {
        const m = N.mobile(r);
        const cid = crypto.randomUUID();
        contactRows.push({ id: cid, tenantId, customerId: id, name: N.personName(r), title: r.pick(N.TITLES), phones: [`+86${m.digits}`], decisionRole: roleList[k], reportsToId: k === 1 ? contactRows[contactRows.length - 1].id : null });
        phoneRows.push({ tenantId, customerId: id, contactId: cid, e164: `+86${m.digits}`, digits: m.digits, reversed: [...m.digits].reverse().join(''), position: 0 });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(customers).values(rows.slice(i, i + 500));
  for (let i = 0; i < phoneRows.length; i += 1000) await tx.insert(customerPhones).values(phoneRows.slice(i, i + 1000));
  if (contactRows.length) await tx.insert(contacts).values(contactRows);
  await tx.insert(counters).values({ tenantId, name: 'customer', value: count });
}
