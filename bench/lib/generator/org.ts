import * as N from '../../../apps/server/src/demo/names.ts';
import { insertRows, uuidFrom } from './support.ts';
import type { GenContext, Stage } from './stages.ts';

/** Cities with their GB/T 2260 codes (province, city, one district), grouped by sales region. */
interface City { city: string; district: string; province: string; cityCode: string; districtCode: string }
const REGIONS: { code: string; name: string; cities: City[] }[] = [
  { code: 'EAST', name: '华东大区', cities: [
    { city: '上海', district: '徐汇', province: '310000', cityCode: '310100', districtCode: '310104' },
    { city: '上海', district: '浦东', province: '310000', cityCode: '310100', districtCode: '310115' },
    { city: '杭州', district: '西湖', province: '330000', cityCode: '330100', districtCode: '330106' },
    { city: '南京', district: '建邺', province: '320000', cityCode: '320100', districtCode: '320105' },
    { city: '苏州', district: '姑苏', province: '320000', cityCode: '320500', districtCode: '320508' },
    { city: '宁波', district: '鄞州', province: '330000', cityCode: '330200', districtCode: '330212' },
    { city: '合肥', district: '蜀山', province: '340000', cityCode: '340100', districtCode: '340104' },
  ] },
  { code: 'SOUTH', name: '华南大区', cities: [
    { city: '广州', district: '天河', province: '440000', cityCode: '440100', districtCode: '440106' },
    { city: '深圳', district: '南山', province: '440000', cityCode: '440300', districtCode: '440305' },
    { city: '佛山', district: '顺德', province: '440000', cityCode: '440600', districtCode: '440606' },
    { city: '东莞', district: '南城', province: '440000', cityCode: '441900', districtCode: '441900' },
    { city: '厦门', district: '思明', province: '350000', cityCode: '350200', districtCode: '350203' },
    { city: '福州', district: '鼓楼', province: '350000', cityCode: '350100', districtCode: '350102' },
  ] },
  { code: 'NORTH', name: '华北大区', cities: [
    { city: '北京', district: '朝阳', province: '110000', cityCode: '110100', districtCode: '110105' },
    { city: '北京', district: '海淀', province: '110000', cityCode: '110100', districtCode: '110108' },
    { city: '天津', district: '和平', province: '120000', cityCode: '120100', districtCode: '120101' },
    { city: '济南', district: '历下', province: '370000', cityCode: '370100', districtCode: '370102' },
    { city: '青岛', district: '市南', province: '370000', cityCode: '370200', districtCode: '370202' },
    { city: '石家庄', district: '长安', province: '130000', cityCode: '130100', districtCode: '130102' },
  ] },
  { code: 'CENTRAL', name: '华中大区', cities: [
    { city: '武汉', district: '江汉', province: '420000', cityCode: '420100', districtCode: '420103' },
    { city: '长沙', district: '岳麓', province: '430000', cityCode: '430100', districtCode: '430104' },
    { city: '郑州', district: '金水', province: '410000', cityCode: '410100', districtCode: '410105' },
    { city: '南昌', district: '东湖', province: '360000', cityCode: '360100', districtCode: '360102' },
  ] },
  { code: 'WEST', name: '西南大区', cities: [
    { city: '成都', district: '武侯', province: '510000', cityCode: '510100', districtCode: '510107' },
    { city: '重庆', district: '渝北', province: '500000', cityCode: '500100', districtCode: '500112' },
    { city: '昆明', district: '五华', province: '530000', cityCode: '530100', districtCode: '530102' },
    { city: '贵阳', district: '云岩', province: '520000', cityCode: '520100', districtCode: '520103' },
  ] },
  { code: 'NORTHWEST', name: '西北大区', cities: [
    { city: '西安', district: '雁塔', province: '610000', cityCode: '610100', districtCode: '610113' },
    { city: '兰州', district: '城关', province: '620000', cityCode: '620100', districtCode: '620102' },
  ] },
  { code: 'NORTHEAST', name: '东北大区', cities: [
    { city: '沈阳', district: '和平', province: '210000', cityCode: '210100', districtCode: '210102' },
    { city: '大连', district: '中山', province: '210000', cityCode: '210200', districtCode: '210202' },
    { city: '哈尔滨', district: '南岗', province: '230000', cityCode: '230100', districtCode: '230103' },
  ] },
];
const ORDINALS = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const KIND_LABEL = { direct: '直营', franchise: '加盟', dealer: '经销' } as const;

export interface StorePlan extends City {
  id: string;
  code: string;
  name: string;
  kind: 'direct' | 'franchise' | 'dealer';
  /** Sales staff (导购) who own the store's customers. */
  sales: string[];
}

export interface OrgPlan {
  regions: { id: string; code: string; name: string }[];
  /** Largest first: customers are spread over stores by a Zipf-like law in this order. */
  stores: StorePlan[];
  users: number;
}

/** Stores grow with the customer base: 6 for 1,000 customers, 63 for 100,000, 200 for 1,000,000. */
export const storeCount = (customers: number) => Math.max(3, Math.round(Math.sqrt(customers) / 5));

/** HQ → regions → stores, with a regional manager per region, a manager and sales staff per store. */
export const orgStage: Stage = {
  name: 'org',
  async run(g: GenContext) {
    const r = g.rng('org');
    const ids = g.idRng('org');
    const nStores = storeCount(g.customers);
    const regionsUsed = REGIONS.slice(0, Math.min(REGIONS.length, Math.max(1, Math.ceil(nStores / 3))));
    const regions = regionsUsed.map((x) => ({ ...x, id: uuidFrom(ids) }));
    const units: Record<string, unknown>[] = [];
    const unit = (id: string, parentId: string | null, path: string, kind: string, storeKind: string | null, code: string, name: string, c?: City) =>
      units.push({ id, tenant_id: g.tenantId, parent_id: parentId, kind, store_kind: storeKind, code, name, path, status: 'active', province_code: c?.province ?? null, city_code: c?.cityCode ?? null, created_at: g.asOf.toISOString(), updated_at: g.asOf.toISOString() });
    for (const reg of regions) unit(reg.id, g.hq.id, `${g.hq.path}${reg.id}/`, 'region', null, reg.code, reg.name);

    const stores: StorePlan[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < nStores; i++) {
      const reg = regions[i % regions.length];
      const c = reg.cities[Math.floor(i / regions.length) % reg.cities.length];
      const kind = i < 3 ? 'direct' : r.pick(['direct', 'direct', 'franchise', 'franchise', 'dealer'] as const);
      const base = `${c.city}${c.district}${KIND_LABEL[kind]}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      // 上海徐汇直营店, 上海徐汇直营二店 …
      const name = `${base}${n === 0 ? '' : (ORDINALS[n] ?? String(n + 1))}店`;
      const store: StorePlan = { ...c, id: uuidFrom(ids), code: `ST${String(i + 1).padStart(4, '0')}`, name, kind, sales: [] };
      unit(store.id, reg.id, `${g.hq.path}${reg.id}/${store.id}/`, 'store', kind, store.code, name, c);
      stores.push(store);
    }
    await insertRows(g.pool, 'org_units', units);

    // Staff: a regional manager, then per store a manager (店长, or 加盟商 outside direct stores) and sales staff
    // in proportion to the store's share of customers.
    const users: Record<string, unknown>[] = [];
    const userRoles: Record<string, unknown>[] = [];
    const addUser = (unitId: string, username: string, roleName: string, supervisorId: string | null) => {
      const id = uuidFrom(ids);
      users.push({
        id, tenant_id: g.tenantId, unit_id: unitId, username, display_name: N.personName(r), password_hash: g.passwordHash, status: 'active',
        phone: `+86${N.mobile(r).digits}`, email: `${username}@bench.example.cn`, supervisor_id: supervisorId, locale: 'zh-CN',
        failed_logins: 0, created_at: g.asOf.toISOString(), updated_at: g.asOf.toISOString(),
      });
      userRoles.push({ tenant_id: g.tenantId, user_id: id, role_id: g.roleId(roleName) });
      return id;
    };
    const managers = new Map(regions.map((reg) => [reg.id, addUser(reg.id, `${reg.code.toLowerCase()}_mgr`, '区域经理', null)]));
    let harmonic = 0;
    for (let i = 0; i < nStores; i++) harmonic += 1 / (i + 1);
    stores.forEach((s, i) => {
      const regionId = regions[i % regions.length].id;
      const slug = s.code.toLowerCase();
      const mgr = addUser(s.id, `${slug}_mgr`, s.kind === 'direct' ? '店长' : '加盟商', managers.get(regionId)!);
      const share = 1 / (i + 1) / harmonic;
      const nSales = Math.min(30, Math.max(2, Math.round(2 + (share * g.customers) / 1500)));
      for (let k = 1; k <= nSales; k++) s.sales.push(addUser(s.id, `${slug}_sales${k}`, '导购', mgr));
    });
    for (let i = 0; i < users.length; i += 1000) await insertRows(g.pool, 'users', users.slice(i, i + 1000));
    for (let i = 0; i < userRoles.length; i += 1000) await insertRows(g.pool, 'user_roles', userRoles.slice(i, i + 1000));
    g.org = { regions: regions.map(({ id, code, name }) => ({ id, code, name })), stores, users: users.length + 1 };
    return { regions: regions.length, stores: stores.length, users: users.length + 1 };
  },
};
