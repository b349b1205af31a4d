import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createRole, expectErrorBody, ids, issuePaths } from '../factories.ts';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import type { Ctx } from '../../src/platform/http/context.ts';
import type { Db } from '../../src/platform/db/client.ts';
import { createCustomerInTx } from '../../src/modules/customers/index.ts';
import {
  createOpportunityInTx, isOpportunityVisible, opportunitiesOfCustomer, opportunityBrief,
} from '../../src/modules/opportunities/index.ts';
import { auditOf, customerIn, DAY, move, newOpportunity, notificationsOf, NOV_2, ok, oppWorld, type OppWorld } from './opportunities-world.ts';

/** LEAD-4: opportunities — creation, lists, the board, changes, scope and isolation, and the index contracts. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '8760' });
  t.clock.set(NOV_2);
});
afterAll(async () => {
  await t.app.close();
});

const MINUTE = 60_000;

describe('creating an opportunity', () => {
  it('starts at the first stage in the customer’s store, owned by the creator, with history, audit row and no self-notification', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const sales = await w.user(w.store.id, '导购');
    const c = await customerIn(sales.client, w.store.id, '李先生');
    const o = await newOpportunity(sales.client, { customerId: c.id, name: '全屋定制', amountFen: 3_500_000, expectedCloseDate: '2026-12-20', notes: '三房两厅' });
    expect(o).toMatchObject({
      customerId: c.id, customerName: '李先生', name: '全屋定制', amountFen: 3_500_000, stageKey: 'initial_contact', probability: 10, weightedFen: 350_000,
      expectedCloseDate: '2026-12-20', ownerId: sales.user.id, ownerName: sales.user.displayName, storeId: w.store.id, storeName: w.store.name,
      status: 'open', version: 1, lastActivityAt: NOV_2, idleDays: 0, leadId: null, notes: '三房两厅',
    });
    const audit = await auditOf(t, 'opportunity', o.id);
    expect(audit.map((a) => a.action)).toEqual(['opportunity.created']);
    expect(audit[0].changes).toEqual(expect.arrayContaining([{ field: 'amountFen', before: null, after: 3_500_000 }, { field: 'stageKey', before: null, after: 'initial_contact' }]));
    expect(await notificationsOf(t, sales.user.id)).toEqual([]);
  });

  it('notifies an owner other than the creator (opportunity.assigned), and starts at a chosen open stage', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const sales = await w.user(w.store.id, '导购');
    const c = await customerIn(w.admin, w.store.id, '赵女士');
    const o = await newOpportunity(w.admin, { customerId: c.id, ownerId: sales.user.id, stageKey: 'measurement' });
    expect(o).toMatchObject({ ownerId: sales.user.id, stageKey: 'measurement', probability: 40 });
    expect(await notificationsOf(t, sales.user.id)).toEqual([
      { kind: 'opportunity.assigned', params: { name: '客厅沙发+餐桌', customer: '赵女士', by: '管理员' }, link: `/opportunities/${o.id}`, entity_type: 'opportunity', entity_id: o.id },
    ]);
    // Reassigning notifies the new owner; the salesperson sees it in the list.
    const other = await w.user(w.store.id, '导购');
    ok(await w.admin.patch(`/api/v1/opportunities/${o.id}`, { ownerId: other.user.id }));
    expect((await notificationsOf(t, other.user.id)).map((n) => n.kind)).toEqual(['opportunity.assigned']);
    expect(ids(await other.client.get('/api/v1/opportunities'))).toEqual([o.id]);
    expect(ids(await sales.client.get('/api/v1/opportunities'))).toEqual([]);
  });

  it('refuses bad input (422 with paths) and places nothing outside the caller’s scope', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const bad = await w.admin.post('/api/v1/opportunities', { customerId: 'nope', name: '', amountFen: -1, probability: 101, expectedCloseDate: '2026-13-01' });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.amountFen', 'body.customerId', 'body.expectedCloseDate', 'body.name', 'body.probability']);
    expect(issuePaths(await w.admin.post('/api/v1/opportunities', { customerId: (await customerIn(w.admin, w.store.id)).id, name: '小数', amountFen: 10.5 }))).toEqual(['body.amountFen']);

    const inS = await customerIn(w.admin, w.store.id);
    const inT = await customerIn(w.admin, w.other.id);
    const manager = await w.user(w.store.id, '店长');
    const farUser = await w.user(w.far.id, '导购');
    const try_ = (c: typeof w.admin, body: Record<string, unknown>) => c.post('/api/v1/opportunities', { name: '餐桌', ...body });
    expect(issuePaths(await try_(manager.client, { customerId: inT.id }))).toEqual(['body.customerId']);
    expect(issuePaths(await try_(manager.client, { customerId: inS.id, storeId: w.other.id }))).toEqual(['body.storeId']);
    expect(issuePaths(await try_(w.admin, { customerId: inS.id, ownerId: farUser.user.id }))).toEqual(['body.ownerId']);
    expect(issuePaths(await try_(w.admin, { customerId: inS.id, stageKey: 'won' }))).toEqual(['body.stageKey']);
    const sales = await w.user(w.store.id, '导购');
    const mine = await customerIn(sales.client, w.store.id);
    expect(issuePaths(await try_(sales.client, { customerId: mine.id, ownerId: manager.user.id }))).toEqual(['body.ownerId']);
    const foreign = await oppWorld(t, '别家');
    const theirs = await customerIn(foreign.admin, foreign.store.id);
    expect(issuePaths(await try_(w.admin, { customerId: theirs.id }))).toEqual(['body.customerId']);
    expect(await countRows(t, 'opportunities', w.tenant.id)).toBe(0);
    expect(await countRows(t, 'opportunity_stage_history', w.tenant.id)).toBe(0);
  });
});

/** Opportunities spread over the world: two in S (salesperson's and manager's), one in T, one in U. */
async function spread(w: OppWorld) {
  const sales = await w.user(w.store.id, '导购');
  const manager = await w.user(w.store.id, '店长');
  const cS = await customerIn(w.admin, w.store.id);
  const cT = await customerIn(w.admin, w.other.id);
  const cU = await customerIn(w.admin, w.far.id);
  const mineS = await newOpportunity(w.admin, { customerId: cS.id, ownerId: sales.user.id, name: 'S导购' });
  const managersS = await newOpportunity(w.admin, { customerId: cS.id, ownerId: manager.user.id, name: 'S店长' });
  const inT = await newOpportunity(w.admin, { customerId: cT.id, name: 'T店' });
  const inU = await newOpportunity(w.admin, { customerId: cU.id, name: 'U店' });
  return { sales, manager, cS, mineS, managersS, inT, inU };
}

describe('scope', () => {
  it('shows a store user their store, a salesperson their own, a region manager the region (404 outside, everywhere)', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const s = await spread(w);
    const regional = await w.user(w.region.id, '区域经理');
    const sorted = (xs: string[]) => [...xs].sort();
    expect(sorted(ids(await s.manager.client.get('/api/v1/opportunities')))).toEqual(sorted([s.mineS.id, s.managersS.id]));
    expect(ids(await s.sales.client.get('/api/v1/opportunities'))).toEqual([s.mineS.id]);
    expect(sorted(ids(await regional.client.get('/api/v1/opportunities')))).toEqual(sorted([s.mineS.id, s.managersS.id, s.inT.id]));
    expect(ids(await w.admin.get('/api/v1/opportunities'))).toHaveLength(4);

    expectErrorBody(await s.manager.client.get(`/api/v1/opportunities/${s.inT.id}`), 404, 'not_found');
    expectErrorBody(await s.sales.client.get(`/api/v1/opportunities/${s.managersS.id}`), 404, 'not_found');
    expectErrorBody(await regional.client.get(`/api/v1/opportunities/${s.inU.id}`), 404, 'not_found');
    expectErrorBody(await s.sales.client.patch(`/api/v1/opportunities/${s.managersS.id}`, { name: '抢单' }), 404, 'not_found');
    ok(await regional.client.get(`/api/v1/opportunities/${s.inT.id}`));
    // The audit trail of opportunities follows the same scope (a region manager holds audit:view).
    const trail = ok(await regional.client.get('/api/v1/audit?entityType=opportunity&limit=100')).items.map((r: { entityId: string }) => r.entityId);
    expect(sorted([...new Set(trail as string[])])).toEqual(sorted([s.mineS.id, s.managersS.id, s.inT.id]));

    const boardCount = async (c: typeof w.admin) => ok(await c.get('/api/v1/opportunities/board')).columns[0].count;
    expect([await boardCount(s.sales.client), await boardCount(s.manager.client), await boardCount(regional.client), await boardCount(w.admin)]).toEqual([1, 2, 3, 4]);
    // The customer 360 view through the index applies the same scope.
    const salesCtx = await userCtx(w, s.sales.user.id, 'own', w.store.id);
    expect((await opportunitiesOfCustomer(salesCtx, s.cS.id)).map((o) => o.id)).toEqual([s.mineS.id]);
  });

  it('lets a salesperson keep only what they own: no reassigning away (422); a manager reassigns within the store', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const s = await spread(w);
    expect(issuePaths(await s.sales.client.patch(`/api/v1/opportunities/${s.mineS.id}`, { ownerId: s.manager.user.id }))).toEqual(['body.ownerId']);
    expect(issuePaths(await s.manager.client.patch(`/api/v1/opportunities/${s.mineS.id}`, { storeId: w.other.id }))).toEqual(['body.storeId']);
    const moved = ok(await s.manager.client.patch(`/api/v1/opportunities/${s.mineS.id}`, { ownerId: s.manager.user.id, amountFen: 4_200_000, expectedCloseDate: '2027-01-10' }));
    expect(moved).toMatchObject({ ownerId: s.manager.user.id, amountFen: 4_200_000, expectedCloseDate: '2027-01-10', version: 2 });
    const audit = await auditOf(t, 'opportunity', s.mineS.id);
    expect(audit.at(-1)?.action).toBe('opportunity.updated');
    expect(audit.at(-1)?.changes).toEqual(expect.arrayContaining([{ field: 'ownerId', before: s.sales.user.id, after: s.manager.user.id }, { field: 'amountFen', before: 1_000_000, after: 4_200_000 }]));
    const owners = ok(await s.manager.client.get(`/api/v1/opportunity-owners?storeId=${w.store.id}`)).items.map((u: { id: string }) => u.id);
    expect(owners).toEqual(expect.arrayContaining([s.sales.user.id, s.manager.user.id, w.adminId]));
    expectErrorBody(await s.manager.client.get(`/api/v1/opportunity-owners?storeId=${w.other.id}`), 422, 'validation_failed');
    expect(ok(await s.sales.client.get('/api/v1/opportunity-owners')).items.map((u: { id: string }) => u.id)).toEqual([s.sales.user.id]);
  });

  it('answers 403 without the permission; deleting needs opportunities:admin and takes the history along', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const s = await spread(w);
    const role = await createRole(w.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const nobody = (await userIn(t, w.admin, w.code, w.hq.id, role.name)).client;
    expectErrorBody(await nobody.get('/api/v1/opportunities'), 403, 'forbidden');
    expectErrorBody(await nobody.get('/api/v1/opportunities/board'), 403, 'forbidden');
    expectErrorBody(await nobody.get(`/api/v1/opportunities/${s.inT.id}`), 403, 'forbidden');
    expectErrorBody(await nobody.post('/api/v1/opportunities', { customerId: s.cS.id, name: 'x' }), 403, 'forbidden');
    expectErrorBody(await nobody.get('/api/v1/pipeline/funnel'), 403, 'forbidden');
    expectErrorBody(await nobody.get('/api/v1/pipeline/forecast'), 403, 'forbidden');
    expectErrorBody(await s.manager.client.delete(`/api/v1/opportunities/${s.managersS.id}`), 403, 'forbidden');
    ok(await w.admin.delete(`/api/v1/opportunities/${s.managersS.id}`));
    expectErrorBody(await w.admin.get(`/api/v1/opportunities/${s.managersS.id}`), 404, 'not_found');
    const left = await t.deps.db.pool.query('SELECT count(*)::int AS n FROM opportunity_stage_history WHERE opportunity_id = $1', [s.managersS.id]);
    expect(left.rows[0].n).toBe(0);
    const audit = await auditOf(t, 'opportunity', s.managersS.id);
    expect(audit.at(-1)).toMatchObject({ action: 'opportunity.deleted' });
    expect(audit.at(-1)?.changes).toEqual(expect.arrayContaining([{ field: 'name', before: 'S店长', after: null }]));
  });
});

describe('lists and the kanban board', () => {
  it('filters by stage, status, owner, store, region, expected close, stalled days and name, in keyset pages', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const s = await spread(w);
    let a = await newOpportunity(w.admin, { customerId: s.cS.id, name: '主卧衣柜', expectedCloseDate: '2026-11-20' });
    a = await move(w.admin, a, 'design');
    const b = await newOpportunity(w.admin, { customerId: s.cS.id, name: '书房书柜', expectedCloseDate: '2026-12-20' });
    await move(w.admin, b, 'lost', { lossReason: 'price' });
    t.clock.advance(20 * DAY);
    const q = async (query: string) => ids(await w.admin.get(`/api/v1/opportunities?${query}`));
    expect(await q('stageKey=design')).toEqual([a.id]);
    expect(await q('status=lost')).toEqual([b.id]);
    expect(await q(`ownerId=${s.sales.user.id}`)).toEqual([s.mineS.id]);
    expect((await q(`storeId=${w.other.id}`))).toEqual([s.inT.id]);
    expect((await q(`regionId=${w.region2.id}`))).toEqual([s.inU.id]);
    expect(await q('expectedFrom=2026-11-01&expectedTo=2026-11-30')).toEqual([a.id]);
    expect(await q('q=衣柜')).toEqual([a.id]);
    // Stalled: open and idle for at least N days (all were created or moved 20 days ago; the lost one is not open).
    expect((await q('stalled=20')).length).toBe(5);
    expect(await q('stalled=21')).toEqual([]);
    expect(issuePaths(await w.admin.get('/api/v1/opportunities?status=maybe&stalled=0&expectedFrom=soon')).sort()).toEqual(['query.expectedFrom', 'query.stalled', 'query.status']);

    // Keyset pages, newest first, no row twice, with a capped total.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null; total?: number } = ok(await w.admin.get(`/api/v1/opportunities?limit=2&withTotal=true${cursor ? `&cursor=${cursor}` : ''}`));
      expect(page.total).toBe(6);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(6);
    expect(issuePaths(await w.admin.get('/api/v1/opportunities?cursor=garbage'))).toEqual(['query.cursor']);

    // Soonest expected close first, undated last, in pages that neither skip nor repeat.
    const bySoonest: string[] = [];
    cursor = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = ok(await w.admin.get(`/api/v1/opportunities?sort=expectedClose&limit=4${cursor ? `&cursor=${cursor}` : ''}`));
      bySoonest.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(bySoonest.slice(0, 2)).toEqual([a.id, b.id]);
    expect(new Set(bySoonest).size).toBe(6);
    // A cursor of another order does not fit this one.
    const createdCursor = ok(await w.admin.get('/api/v1/opportunities?limit=1')).nextCursor;
    expect(issuePaths(await w.admin.get(`/api/v1/opportunities?sort=expectedClose&cursor=${createdCursor}`))).toEqual(['query.cursor']);
  });

  it('gives each enabled open stage a column with count, amount, weighted amount and its first cards (last moved first), paged per column', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const c = await customerIn(w.admin, w.store.id);
    const made = [];
    for (const [i, amount] of [1_000_000, 2_000_000, 3_000_000, 500_005].entries()) {
      t.clock.advance(MINUTE);
      made.push(await newOpportunity(w.admin, { customerId: c.id, name: `卡片${i}`, amountFen: amount }));
    }
    t.clock.advance(MINUTE);
    const d1 = await move(w.admin, made[0], 'design');
    t.clock.advance(MINUTE);
    const d2 = await move(w.admin, made[1], 'design');
    const lost = await newOpportunity(w.admin, { customerId: c.id, name: '不显示', amountFen: 9 });
    await move(w.admin, lost, 'lost', { lossReason: 'no_response' });

    const board = ok(await w.admin.get('/api/v1/opportunities/board?limit=1'));
    expect(board.columns.map((col: any) => [col.stage.key, col.count, col.amountFen, col.weightedFen, col.cards.map((x: { id: string }) => x.id)])).toEqual([
      // 500,005 × 10% = 50,000.5 → 50,001 (per card, half up); 3,000,000 × 10% = 300,000.
      ['initial_contact', 2, 3_500_005, 350_001, [made[3].id]],
      ['needs_confirmed', 0, 0, 0, []],
      ['measurement', 0, 0, 0, []],
      ['design', 2, 3_000_000, 1_800_000, [d2.id]],
      ['store_visit', 0, 0, 0, []],
      ['negotiation', 0, 0, 0, []],
    ]);
    const design = board.columns[3];
    expect(design.nextCursor).toEqual(expect.any(String));
    expect(board.columns[1].nextCursor).toBeNull();
    const rest = ok(await w.admin.get(`/api/v1/opportunities?stageKey=design&status=open&sort=stageEntered&limit=1&cursor=${design.nextCursor}`));
    expect(rest.items.map((x: { id: string }) => x.id)).toEqual([d1.id]);
    expect(rest.nextCursor).toBeNull();
    // A disabled stage keeps its column while it holds opportunities; an empty one disappears.
    const stages = ok(await w.admin.get('/api/v1/opportunity-stages')).items as { id: string; key: string }[];
    for (const key of ['design', 'store_visit']) ok(await w.admin.patch(`/api/v1/opportunity-stages/${stages.find((s) => s.key === key)!.id}`, { enabled: false }));
    const after = ok(await w.admin.get('/api/v1/opportunities/board'));
    expect(after.columns.map((col: any) => [col.stage.key, col.stage.enabled, col.count])).toEqual([
      ['initial_contact', true, 2], ['needs_confirmed', true, 0], ['measurement', true, 0], ['design', false, 2], ['negotiation', true, 0],
    ]);
    // Filters apply to the board too.
    const none = ok(await w.admin.get(`/api/v1/opportunities/board?storeId=${w.other.id}`));
    expect(none.columns.every((col: { count: number }) => col.count === 0)).toBe(true);
  });
});

describe('the index contracts', () => {
  it('creates an opportunity inside the caller’s transaction, for a customer made earlier in it, and rolls back with it', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const sales = await w.user(w.store.id, '导购');
    const ctx = systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'lead-conversion');
    const made = await t.deps.db.db.transaction(async (tx) => {
      const txCtx = { ...ctx, db: tx as unknown as Db };
      const customer = await createCustomerInTx(txCtx, tx, { kind: 'person', name: '转化客户', storeId: w.store.id, phones: [], ignoreDuplicates: true } as never);
      return createOpportunityInTx(txCtx, tx, { customerId: customer.id, name: '线索转商机', amountFen: 880_000, ownerId: sales.user.id, leadId: '00000000-0000-4000-8000-000000000001' });
    });
    const brief = await opportunityBrief(ctx, t.deps.db.db, made.id);
    expect(brief).toMatchObject({ id: made.id, name: '线索转商机', storeId: w.store.id, ownerId: sales.user.id, stageKey: 'initial_contact', status: 'open', amountFen: 880_000, expectedCloseDate: null });
    expect((await notificationsOf(t, sales.user.id)).map((n) => n.kind)).toEqual(['opportunity.assigned']);
    expect((await auditOf(t, 'opportunity', made.id))[0]).toMatchObject({ action: 'opportunity.created', actor_kind: 'system' });

    const before = await countRows(t, 'opportunities', w.tenant.id);
    await expect(
      t.deps.db.db.transaction(async (tx) => {
        const txCtx = { ...ctx, db: tx as unknown as Db };
        const customer = await createCustomerInTx(txCtx, tx, { kind: 'person', name: '回滚客户', storeId: w.store.id, phones: [], ignoreDuplicates: true } as never);
        await createOpportunityInTx(txCtx, tx, { customerId: customer.id, name: '回滚', ownerId: sales.user.id });
        throw new Error('conversion failed later');
      }),
    ).rejects.toThrow('conversion failed later');
    expect(await countRows(t, 'opportunities', w.tenant.id)).toBe(before);
    await expect(createOpportunityInTx(ctx, t.deps.db.db, { customerId: made.id, name: '无此客户' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('answers brief and visibility in the caller’s scope', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const s = await spread(w);
    const managerCtx = await userCtx(w, s.manager.user.id, 'unit', w.store.id);
    expect(await isOpportunityVisible(managerCtx, s.managersS.id)).toBe(true);
    expect(await isOpportunityVisible(managerCtx, s.inT.id)).toBe(false);
    expect(await opportunityBrief(managerCtx, t.deps.db.db, s.inT.id)).toBeNull();
    const other = await oppWorld(t, '别家');
    const otherCtx = systemCtx(t.deps.db.db, other.tenant.id, t.clock.now, 'probe');
    expect(await isOpportunityVisible(otherCtx, s.inT.id)).toBe(false);
  });

  it('follows a customer merge to the surviving customer, with an audit row', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const keep = await customerIn(w.admin, w.store.id, '合并后');
    const gone = await customerIn(w.admin, w.store.id, '被合并');
    const o = await newOpportunity(w.admin, { customerId: gone.id });
    ok(await w.admin.post('/api/v1/customers/merge', { survivorId: keep.id, mergedIds: [gone.id] }));
    expect(ok(await w.admin.get(`/api/v1/opportunities/${o.id}`))).toMatchObject({ customerId: keep.id, customerName: '合并后' });
    expect((await auditOf(t, 'opportunity', o.id)).at(-1)).toMatchObject({ action: 'opportunity.customer_merged', changes: [{ field: 'customerId', before: gone.id, after: keep.id }] });
  });
});

/** A request-like context of a user, for calling the index as another module would. */
async function userCtx(w: OppWorld, userId: string, kind: 'own' | 'unit' | 'subtree', unitId: string): Promise<Ctx> {
  const path = (await t.deps.db.pool.query('SELECT path FROM org_units WHERE id = $1', [unitId])).rows[0].path as string;
  const base = systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'probe');
  return { ...base, actor: { kind: 'user', id: userId, name: 'u', unitId, unitPath: path }, scope: { kind, userId, unitId, unitPath: path } };
}
