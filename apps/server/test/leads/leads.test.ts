import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, expectErrorBody, ids, issuePaths } from '../factories.ts';
import { loginAs, type TestApp, testApp } from '../helpers.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { leadBrief, leadsOfCustomer, leadWorkSource, touchLeadActivity } from '../../src/modules/leads/index.ts';
import { buildCtx } from '../../src/platform/http/guard.ts';
import { principalForUser } from '../../src/platform/auth/principal.ts';
import type { Client } from '../helpers.ts';
import { auditOf, capture, freshPhone, leadsWorld, ok, SHANGHAI } from './leads-world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

/** The request context a logged-in client's requests get (to call the module's index as that user). */
async function ctxOf(c: Client) {
  const me = ok(await c.get('/api/v1/auth/me'));
  const p = (await principalForUser(t.deps.db.db, me.user.id))!;
  return buildCtx(t.deps.db.db, p, { id: 'test', ip: '127.0.0.1' }, t.clock.now);
}

const NEEDS = {
  rooms: ['livingRoom', 'bedroom', 'kidsRoom'],
  productTags: ['沙发', '餐桌'],
  currentLayout: '三室两厅，客厅朝南，现有旧布艺沙发',
  houseType: 'apartment',
  areaSqm: 128.5,
  homeStage: 'new_home',
  styles: ['newChinese', 'italianMinimal'],
  budgetBand: '100kTo200k',
  decisionDate: '2026-12-20',
  deliveryDate: '2027-01-15',
};

describe('capturing leads (LEAD-1, LEAD-2)', () => {
  it('captures a lead with its person, normalised phones, source detail, address and needs profile, and audits it', async () => {
    const w = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const referrer = await createCustomer(manager.client, { name: '老客户周先生', storeId: w.shanghai.id, phones: ['13500001234'] });
    const l = ok(
      await manager.client.post('/api/v1/leads', {
        name: '王女士', gender: 'female', title: '女士', phones: ['138 1234 5678', '+86-138-1234-5678', '021-6552-1234'], wechat: 'wang_home',
        source: 'customer_referral', sourceDetail: { referrerName: '周先生', referrerPhone: '135 0000 1234', referringCustomerId: referrer.id },
        ...SHANGHAI, districtCode: '310115', address: '世纪大道 100 号 12 楼', needs: NEEDS, notes: '周末方便上门',
      }),
      201,
    );
    expect(l).toMatchObject({
      name: '王女士', gender: 'female', title: '女士', phones: ['+8613812345678', '+862165521234'], wechat: 'wang_home', source: 'customer_referral',
      sourceDetail: { referrerName: '周先生', referrerPhone: '+8613500001234', referringCustomerId: referrer.id, formId: null, campaign: null },
      storeId: w.shanghai.id, status: 'new', provinceCode: '310000', cityCode: '310100', districtCode: '310115', needs: { ...NEEDS, categoryIds: [] },
      createdById: manager.user.id, duplicates: [], duplicateCount: 0,
    });
    const got = ok(await manager.client.get(`/api/v1/leads/${l.id}`));
    expect(got.needs).toEqual({ ...NEEDS, categoryIds: [] });
    const audit = await auditOf(t, l.id);
    expect(audit[0]).toMatchObject({ action: 'lead.created', actor_kind: 'user' });
    expect(audit[0].changes).toContainEqual({ field: 'name', before: null, after: '王女士' });
  });

  it('flags customers and open leads with the same phone at capture, without refusing; out-of-scope ones are told without identity', async () => {
    const w = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const phone = freshPhone();
    const mine = await createCustomer(manager.client, { name: '钱先生', storeId: w.shanghai.id, phones: [phone] });
    const theirs = await createCustomer(w.admin, { name: '钱太太', storeId: w.hangzhou.id, phones: [phone] });
    const first = await capture(manager.client, { name: '钱先生', phones: [phone] });
    expect(first.duplicates).toEqual(
      expect.arrayContaining([
        { kind: 'customer', id: mine.id, name: '钱先生', phone: `+86${phone}` },
        { kind: 'customer', id: null, name: null, phone: `+86${phone}` },
      ]),
    );
    expect(first.duplicates).toHaveLength(2);
    // The administrator sees both customers by name; a second lead also names the first lead.
    const second = await capture(w.admin, { name: '钱先生', phones: [phone], storeId: w.hangzhou.id });
    expect(second.duplicates).toEqual(
      expect.arrayContaining([
        { kind: 'customer', id: theirs.id, name: '钱太太', phone: `+86${phone}` },
        { kind: 'lead', id: first.id, name: '钱先生', phone: `+86${phone}` },
      ]),
    );
    expect(ok(await w.admin.get(`/api/v1/leads/${second.id}`)).duplicateCount).toBe(3);
    // A closed lead is no longer a duplicate.
    ok(await manager.client.post(`/api/v1/leads/${first.id}/status`, { status: 'invalid' }));
    expect((await capture(w.admin, { phones: [phone] })).duplicates.filter((d: { kind: string }) => d.kind === 'lead').map((d: { id: string }) => d.id)).toEqual([second.id]);
    // Changing the phones checks again.
    const fresh = ok(await w.admin.patch(`/api/v1/leads/${second.id}`, { phones: [freshPhone()] }));
    expect(fresh.duplicates).toEqual([]);
  });

  it('answers 422 with the paths of bad input', async () => {
    const w = await leadsWorld(t);
    const other = await leadsWorld(t);
    const bad = async (body: Record<string, unknown>, paths: string[]) => {
      const res = await w.admin.post('/api/v1/leads', { name: '周女士', phones: [freshPhone()], source: 'phone', ...body });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res).sort()).toEqual(paths.sort());
    };
    await bad({ name: '' }, ['body.name']);
    await bad({ source: 'tiktok' }, ['body.source']);
    await bad({ phones: [], wechat: null }, ['body.phones']);
    await bad({ phones: ['12345'] }, ['body.phones.0']);
    await bad({ phones: ['13800000000', '13800000000'] }, ['body.phones']);
    await bad({ needs: { rooms: ['garage'], styles: ['baroque'], areaSqm: -3, decisionDate: '2026-13-01', budgetBand: 'lots' } }, [
      'body.needs.rooms.0', 'body.needs.styles.0', 'body.needs.areaSqm', 'body.needs.decisionDate', 'body.needs.budgetBand',
    ]);
    await bad({ cityCode: '3101' }, ['body.cityCode']);
    await bad({ storeId: other.shanghai.id }, ['body.storeId']);
    await bad({ assigneeId: (await other.user(other.shanghai.id, '导购')).user.id }, ['body.assigneeId']);
    await bad({ sourceDetail: { referringCustomerId: (await createCustomer(other.admin, { name: '别家客户' })).id } }, ['body.sourceDetail.referringCustomerId']);
    await bad({ sourceDetail: { referrerPhone: '123' } }, ['body.sourceDetail.referrerPhone']);
    const l = await capture(w.admin);
    const patch = await w.admin.patch(`/api/v1/leads/${l.id}`, { needs: { homeStage: 'castle' }, status: 'converted' });
    expectErrorBody(patch, 422, 'validation_failed');
    const lost = await w.admin.post(`/api/v1/leads/${l.id}/status`, { status: 'lost' });
    expect(issuePaths(lost)).toEqual(['body.reason']);
    expect(issuePaths(await w.admin.get('/api/v1/leads?createdFrom=2026-11-30&createdTo=2026-11-01'))).toEqual(['query.createdTo']);
    expect(issuePaths(await w.admin.get('/api/v1/leads?status=maybe'))).toEqual(['query.status']);
  });

  it('needs the permission of each action (403)', async () => {
    const w = await leadsWorld(t);
    const role = ok(await w.admin.post('/api/v1/roles', { name: '只看线索', permissions: ['leads:view'], dataScope: 'tenant' }), 201);
    ok(await w.admin.post('/api/v1/users', { username: 'viewer1', displayName: '观察员', password: 'viewer-pass-1', unitId: w.hq.id, roleIds: [role.id] }), 201);
    const v = await loginAs(t, w.code, 'viewer1', 'viewer-pass-1');
    const l = await capture(w.admin);
    expect(ok(await v.get(`/api/v1/leads/${l.id}`)).id).toBe(l.id);
    expectErrorBody(await v.post('/api/v1/leads', { name: '甲', phones: [freshPhone()], source: 'phone' }), 403, 'forbidden');
    expectErrorBody(await v.patch(`/api/v1/leads/${l.id}`, { notes: 'x' }), 403, 'forbidden');
    expectErrorBody(await v.post(`/api/v1/leads/${l.id}/status`, { status: 'invalid' }), 403, 'forbidden');
    expectErrorBody(await v.post(`/api/v1/leads/${l.id}/convert`, {}), 403, 'forbidden');
    expectErrorBody(await v.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: null }), 403, 'forbidden');
    expectErrorBody(await v.get('/api/v1/lead-forms'), 403, 'forbidden');
  });
});

describe('scope and isolation', () => {
  it('shows a store user only its store’s leads, a 导购 only their own, a region manager the region; other ids answer 404', async () => {
    const w = await leadsWorld(t);
    const shManager = await w.user(w.shanghai.id, '店长');
    const hzManager = await w.user(w.hangzhou.id, '店长');
    const regional = await w.user(w.region.id, '区域经理');
    const [g1, g2] = await Promise.all([w.user(w.shanghai.id, '导购'), w.user(w.shanghai.id, '导购')]);
    const a = await capture(w.admin, { storeId: w.shanghai.id, assigneeId: g1.user.id });
    const b = await capture(w.admin, { storeId: w.shanghai.id, assigneeId: g2.user.id });
    const queued = await capture(w.admin, { storeId: w.shanghai.id, assigneeId: null });
    const hz = await capture(w.admin, { storeId: w.hangzhou.id, assigneeId: null });
    const hq = await capture(w.admin, { storeId: null, assigneeId: null });

    expect(ids(await shManager.client.get('/api/v1/leads')).sort()).toEqual([a.id, b.id, queued.id].sort());
    expect(ids(await hzManager.client.get('/api/v1/leads'))).toEqual([hz.id]);
    expect(ids(await regional.client.get('/api/v1/leads')).sort()).toEqual([a.id, b.id, queued.id, hz.id].sort());
    expect(ids(await g1.client.get('/api/v1/leads'))).toEqual([a.id]);
    expect(ids(await w.admin.get('/api/v1/leads?queue=unassigned')).sort()).toEqual([queued.id, hz.id, hq.id].sort());
    expect(ids(await shManager.client.get('/api/v1/leads?queue=unassigned'))).toEqual([queued.id]);

    for (const [c, id] of [
      [g1.client, b.id],
      [g1.client, queued.id],
      [hzManager.client, a.id],
      [regional.client, hq.id],
    ] as const) {
      expectErrorBody(await c.get(`/api/v1/leads/${id}`), 404, 'not_found');
      expectErrorBody(await c.patch(`/api/v1/leads/${id}`, { notes: '越权' }), 404, 'not_found');
      expectErrorBody(await c.get(`/api/v1/leads/${id}/history`), 404, 'not_found');
    }
    // The audit trail of a region manager lists the trail of the region's leads only.
    const audit = ok(await regional.client.get('/api/v1/audit?entityType=lead&limit=100'));
    expect([...new Set(audit.items.map((r: { entityId: string }) => r.entityId))].sort()).toEqual([a.id, b.id, queued.id, hz.id].sort());
  });

  it('keeps tenants apart: another tenant’s leads answer 404 and never appear in lists', async () => {
    const w = await leadsWorld(t);
    const other = await leadsWorld(t);
    const l = await capture(w.admin, { storeId: w.shanghai.id });
    expect(ids(await other.admin.get('/api/v1/leads'))).toEqual([]);
    expectErrorBody(await other.admin.get(`/api/v1/leads/${l.id}`), 404, 'not_found');
    expectErrorBody(await other.admin.post(`/api/v1/leads/${l.id}/status`, { status: 'invalid' }), 404, 'not_found');
    expectErrorBody(await other.admin.post(`/api/v1/leads/${l.id}/convert`, { ignoreDuplicates: true }), 404, 'not_found');
    expect(ok(await w.admin.get(`/api/v1/leads/${l.id}`)).status).toBe('new');
  });
});

describe('the lead list', () => {
  it('filters by status, source, store, assignee, creation days and text (name or phone suffix), in keyset pages with a capped total', async () => {
    const w = await leadsWorld(t);
    const g = await w.user(w.shanghai.id, '导购');
    t.clock.set('2026-11-20T02:00:00Z');
    const a = await capture(w.admin, { name: '欧阳娜娜', phones: ['13911112222'], source: 'website', storeId: w.shanghai.id, assigneeId: g.user.id });
    t.clock.set('2026-11-21T15:30:00Z'); // 11-21 23:30 in Shanghai
    const b = await capture(w.admin, { name: '欧阳修', phones: ['13933334444'], source: 'exhibition', storeId: w.hangzhou.id });
    t.clock.set('2026-11-21T16:30:00Z'); // 11-22 00:30 in Shanghai
    const c = await capture(w.admin, { name: '李娜', phones: ['13955556666'], source: 'website', storeId: w.shanghai.id });
    ok(await w.admin.post(`/api/v1/leads/${c.id}/status`, { status: 'lost', reason: '预算不够' }));

    const q = async (s: string) => ids(await w.admin.get(`/api/v1/leads?${s}`));
    expect(await q('')).toEqual([c.id, b.id, a.id]);
    expect(await q('status=open')).toEqual([b.id, a.id]);
    expect(await q('status=lost')).toEqual([c.id]);
    expect(await q('source=website')).toEqual([c.id, a.id]);
    expect(await q(`storeId=${w.shanghai.id}`)).toEqual([c.id, a.id]);
    expect(await q(`assigneeId=${g.user.id}`)).toEqual([a.id]);
    expect(await q('createdFrom=2026-11-21&createdTo=2026-11-21')).toEqual([b.id]);
    expect(await q('createdFrom=2026-11-22')).toEqual([c.id]);
    expect(await q(`q=${encodeURIComponent('欧阳')}`)).toEqual([b.id, a.id]);
    expect(await q(`q=${encodeURIComponent('娜')}`)).toEqual([c.id, a.id]);
    expect(await q('q=4444')).toEqual([b.id]);
    expect(await q('q=5556666')).toEqual([c.id]);
    expect(ids(await g.client.get('/api/v1/leads?queue=mine'))).toEqual([a.id]);

    const p1 = ok(await w.admin.get('/api/v1/leads?limit=2&withTotal=true'));
    expect([p1.items.map((i: { id: string }) => i.id), p1.total, p1.totalIsEstimate]).toEqual([[c.id, b.id], 3, false]);
    const p2 = ok(await w.admin.get(`/api/v1/leads?limit=2&cursor=${p1.nextCursor}`));
    expect([p2.items.map((i: { id: string }) => i.id), p2.nextCursor]).toEqual([[a.id], null]);
  });
});

describe('working a lead', () => {
  it('edits details and merges needs key by key; trails every change; a converted lead is final', async () => {
    const w = await leadsWorld(t);
    const l = await capture(w.admin, { needs: { rooms: ['bedroom'], budgetBand: 'under50k' } });
    const after = ok(await w.admin.patch(`/api/v1/leads/${l.id}`, { name: '王丽', needs: { styles: ['nordic'], areaSqm: 90 } }));
    expect(after.name).toBe('王丽');
    expect(after.needs).toMatchObject({ rooms: ['bedroom'], budgetBand: 'under50k', styles: ['nordic'], areaSqm: 90 });
    const row = (await auditOf(t, l.id)).at(-1)!;
    expect(row.action).toBe('lead.updated');
    expect(row.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['name', 'needs']));
    expect(row.changes).toContainEqual(expect.objectContaining({ field: 'name', before: '王女士', after: '王丽' }));
    const noContact = await w.admin.patch(`/api/v1/leads/${l.id}`, { phones: [] });
    expect(issuePaths(noContact)).toEqual(['body.phones']);
    await t.deps.db.pool.query("UPDATE leads SET status = 'converted' WHERE id = $1", [l.id]);
    const final = await w.admin.patch(`/api/v1/leads/${l.id}`, { notes: '改' });
    expectErrorBody(final, 409, 'conflict');
    expect(final.json().error.params).toEqual({ reason: 'converted' });
  });

  it('moves through following, lost (with a reason), reopened and invalid, trailed with from/to', async () => {
    const w = await leadsWorld(t);
    const l = await capture(w.admin);
    t.clock.advance(3_600_000);
    const at = t.clock.now().toISOString();
    const following = ok(await w.admin.post(`/api/v1/leads/${l.id}/status`, { status: 'following' }));
    expect([following.status, following.firstContactAt]).toEqual(['following', at]);
    const lost = ok(await w.admin.post(`/api/v1/leads/${l.id}/status`, { status: 'lost', reason: '选了别的品牌' }));
    expect([lost.status, lost.lostReason, lost.closedAt]).toEqual(['lost', '选了别的品牌', at]);
    const back = ok(await w.admin.post(`/api/v1/leads/${l.id}/status`, { status: 'following' }));
    expect([back.status, back.lostReason, back.closedAt]).toEqual(['following', null, null]);
    ok(await w.admin.post(`/api/v1/leads/${l.id}/status`, { status: 'invalid', reason: '空号' }));
    expect((await auditOf(t, l.id)).map((r) => r.action)).toEqual(['lead.created', 'lead.following', 'lead.lost', 'lead.reopened', 'lead.invalidated']);
    expect((await auditOf(t, l.id))[2].meta).toEqual({ from: 'following', to: 'lost', reason: '选了别的品牌' });
  });
});

describe('what other modules see (index.ts)', () => {
  it('touchLeadActivity records the first contact once, moves the last activity forward and a new lead to following', async () => {
    const w = await leadsWorld(t);
    const l = await capture(w.admin);
    await touchLeadActivity(t.deps.db.db, w.tenant.id, l.id, new Date('2026-11-23T02:00:00Z'));
    await touchLeadActivity(t.deps.db.db, w.tenant.id, l.id, new Date('2026-11-22T02:00:00Z'));
    const got = ok(await w.admin.get(`/api/v1/leads/${l.id}`));
    expect([got.status, got.firstContactAt, got.lastActivityAt]).toEqual(['following', '2026-11-23T02:00:00.000Z', '2026-11-23T02:00:00.000Z']);
    await touchLeadActivity(t.deps.db.db, w.tenant.id, l.id, new Date('2026-11-25T02:00:00Z'));
    const later = ok(await w.admin.get(`/api/v1/leads/${l.id}`));
    expect([later.firstContactAt, later.lastActivityAt]).toEqual(['2026-11-23T02:00:00.000Z', '2026-11-25T02:00:00.000Z']);
  });

  it('leadBrief answers what the caller may see; the work source lists my new uncontacted leads, oldest first', async () => {
    const w = await leadsWorld(t);
    const [g, other] = await Promise.all([w.user(w.shanghai.id, '导购'), w.user(w.shanghai.id, '导购')]);
    t.clock.set('2026-11-20T02:00:00Z');
    const old = await capture(w.admin, { name: '早来的', storeId: w.shanghai.id, assigneeId: g.user.id });
    t.clock.set('2026-11-21T02:00:00Z');
    const recent = await capture(w.admin, { name: '晚来的', storeId: w.shanghai.id, assigneeId: g.user.id });
    const contacted = await capture(w.admin, { storeId: w.shanghai.id, assigneeId: g.user.id });
    await touchLeadActivity(t.deps.db.db, w.tenant.id, contacted.id, t.clock.now());
    const notMine = await capture(w.admin, { storeId: w.shanghai.id, assigneeId: other.user.id });

    const ctx = await ctxOf(g.client);
    expect(await leadBrief(ctx, ctx.db, old.id)).toEqual({ id: old.id, name: '早来的', storeId: w.shanghai.id, assigneeId: g.user.id, customerId: null, status: 'new' });
    expect(await leadBrief(ctx, ctx.db, notMine.id)).toBeNull();
    const items = await leadWorkSource(ctx, { now: t.clock.now(), endOfToday: t.clock.now(), limit: 10 });
    expect(items.map((i) => [i.id, i.kind, i.title, i.link])).toEqual([
      [old.id, 'lead.new', '早来的', `/leads/${old.id}`],
      [recent.id, 'lead.new', '晚来的', `/leads/${recent.id}`],
    ]);
    expect(await leadWorkSource(systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'x'), { now: t.clock.now(), endOfToday: t.clock.now(), limit: 10 })).toEqual([]);
  });

  it('leadsOfCustomer lists the leads flagged with the customer’s phone that the caller may see', async () => {
    const w = await leadsWorld(t);
    const g = await w.user(w.shanghai.id, '导购');
    const phone = freshPhone();
    const c = await createCustomer(w.admin, { name: '冯先生', storeId: w.shanghai.id, phones: [phone] });
    const mine = await capture(w.admin, { phones: [phone], storeId: w.shanghai.id, assigneeId: g.user.id });
    t.clock.advance(1000);
    const hidden = await capture(w.admin, { phones: [phone], storeId: w.hangzhou.id });
    await capture(w.admin, { storeId: w.shanghai.id });
    const admin = await ctxOf(w.admin);
    expect((await leadsOfCustomer(admin, c.id)).map((l) => l.id)).toEqual([hidden.id, mine.id]);
    expect((await leadsOfCustomer(await ctxOf(g.client), c.id)).map((l) => l.id)).toEqual([mine.id]);
  });
});
