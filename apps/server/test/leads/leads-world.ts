import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Client, newTenant, type TestApp, uniq, userIn } from '../helpers.ts';

/** Region codes (GB/T 2260) used by the tests: 上海市 / 上海市辖区, 浙江省 / 杭州市 / 宁波市. */
export const SHANGHAI = { provinceCode: '310000', cityCode: '310100' };
export const HANGZHOU = { provinceCode: '330000', cityCode: '330100' };
export const NINGBO = { provinceCode: '330000', cityCode: '330200' };

export type Role = '店长' | '导购' | '区域经理' | '加盟商' | '系统管理员';

/** A tenant with a region (华东) and two stores (上海, 杭州) whose regions are known; users are made on demand. */
export async function leadsWorld(t: TestApp) {
  const a = await newTenant(t, '线索家具');
  const roles = (await a.admin.get('/api/v1/roles')).json().items as { id: string; name: string }[];
  const unit = async (parentId: string, kind: 'region' | 'store', region: { provinceCode?: string; cityCode?: string } = {}) => {
    const code = uniq('U');
    const res = await a.admin.post('/api/v1/org/units', { parentId, kind, storeKind: kind === 'store' ? 'direct' : undefined, code, name: `${kind === 'store' ? '门店' : '大区'}${code.slice(-5)}`, ...region });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string; name: string };
  };
  const region = await unit(a.hq.id, 'region');
  const shanghai = await unit(region.id, 'store', SHANGHAI);
  const hangzhou = await unit(region.id, 'store', HANGZHOU);
  const user = (unitId: string, role: Role) => userIn(t, a.admin, a.code, unitId, role, roles);
  return { ...a, t, roles, region, shanghai, hangzhou, unit, user };
}
export type LeadsWorld = Awaited<ReturnType<typeof leadsWorld>>;

export function ok<T = any>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

let phoneSeq = 0;
/** A fresh mainland mobile number for this test process. */
export const freshPhone = () => `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq++ % 10000).padStart(4, '0')}`;

export interface LeadBody {
  name?: string;
  phones?: string[];
  source?: string;
  [k: string]: unknown;
}

/** Capture a lead (201) and answer it. */
export async function capture(c: Client, body: LeadBody = {}) {
  const res = await c.post('/api/v1/leads', { name: '王女士', phones: [freshPhone()], source: 'phone', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Record<string, any> & { id: string; assigneeId: string | null; storeId: string | null; status: string };
}

export async function rule(admin: Client, body: Record<string, unknown>) {
  return ok<{ id: string; name: string }>(await admin.post('/api/v1/lead-assignment-rules', { name: uniq('规则'), ...body }), 201);
}

/** Audit rows of one lead, oldest first. */
export async function auditOf(t: TestApp, id: string) {
  const r = await t.deps.db.pool.query("SELECT action, changes, meta, actor_kind, actor_name FROM audit_log WHERE entity_type = 'lead' AND entity_id = $1 ORDER BY id", [id]);
  return r.rows as { action: string; changes: { field: string; before: unknown; after: unknown }[]; meta: Record<string, any>; actor_kind: string; actor_name: string }[];
}

/** Inbox rows about one lead. */
export async function notificationsOf(t: TestApp, leadId: string) {
  const r = await t.deps.db.pool.query('SELECT user_id, kind, params, link, dedupe_key FROM notifications WHERE entity_id = $1 ORDER BY created_at, dedupe_key', [leadId]);
  return r.rows as { user_id: string; kind: string; params: Record<string, any>; link: string; dedupe_key: string }[];
}

export async function disableUser(admin: Client, id: string) {
  ok(await admin.patch(`/api/v1/users/${id}`, { status: 'disabled' }));
}

export async function lockUser(t: TestApp, id: string, until: Date) {
  await t.deps.db.pool.query('UPDATE users SET locked_until = $2 WHERE id = $1', [id, until]);
}
