import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { auditOf, ok, put, setTarget, targetsWorld, type TargetOut } from './targets-world.ts';

/** STAFF-1: setting targets per user, store, region and company and period, within the caller's scope; audited. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-10T04:00:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

describe('setting targets', () => {
  it('lets a store manager set its store’s and its staff’s targets, and answers 404 for anything outside the store', async () => {
    const w = await targetsWorld(t);
    const store = await setTarget(t, w.managerA.client, 'unit', w.storeA.id, 60_000_000, '2026-11', { wonCount: 12 });
    expect(store).toMatchObject({ subjectType: 'unit', subjectId: w.storeA.id, subjectName: w.storeA.name, unitId: w.storeA.id, period: '2026-11', periodKind: 'month', amountFen: 60_000_000, wonCount: 12 });
    const person = await setTarget(t, w.managerA.client, 'user', w.sales1.user.id, 30_000_000, '2026-Q4');
    expect(person).toMatchObject({ subjectName: w.sales1.user.displayName, unitId: w.storeA.id, periodKind: 'quarter', wonCount: null });
    for (const [type, id] of [['unit', w.storeB.id], ['unit', w.east.id], ['unit', w.hq.id], ['user', w.salesB.user.id], ['user', w.regional.user.id]] as const) {
      expectErrorBody(await put(t, w.managerA.client, '/api/v1/targets', { subjectType: type, subjectId: id, period: '2026-11', amountFen: 1 }), 404, 'not_found');
    }
    expect(await t.deps.db.pool.query('SELECT count(*)::int AS n FROM sales_targets WHERE tenant_id = $1', [w.tenant.id]).then((r) => r.rows[0].n)).toBe(2);
  });

  it('lets a regional manager set its region, the stores and the people below it, but not a sibling region or the company', async () => {
    const w = await targetsWorld(t);
    await setTarget(t, w.regional.client, 'unit', w.east.id, 200_000_000, '2026');
    await setTarget(t, w.regional.client, 'unit', w.storeB.id, 90_000_000, '2026');
    await setTarget(t, w.regional.client, 'user', w.salesB.user.id, 45_000_000, '2026');
    expectErrorBody(await put(t, w.regional.client, '/api/v1/targets', { subjectType: 'unit', subjectId: w.south.id, period: '2026', amountFen: 1 }), 404, 'not_found');
    expectErrorBody(await put(t, w.regional.client, '/api/v1/targets', { subjectType: 'unit', subjectId: w.storeC.id, period: '2026', amountFen: 1 }), 404, 'not_found');
    expectErrorBody(await put(t, w.regional.client, '/api/v1/targets', { subjectType: 'unit', subjectId: w.hq.id, period: '2026', amountFen: 1 }), 404, 'not_found');
    // The company's target is the head office's: the administrator sets it.
    expect(await setTarget(t, w.admin, 'unit', w.hq.id, 900_000_000, '2026')).toMatchObject({ subjectName: w.hq.name, periodKind: 'year' });
  });

  it('refuses salespeople, who may only look (403)', async () => {
    const w = await targetsWorld(t);
    expectErrorBody(await put(t, w.sales1.client, '/api/v1/targets', { subjectType: 'user', subjectId: w.sales1.user.id, period: '2026-11', amountFen: 1 }), 403, 'forbidden');
    expect((await w.sales1.client.get('/api/v1/targets')).statusCode).toBe(200);
  });

  it('changes an existing target in place (one per subject and period), keeping an unsent won count, audited field by field', async () => {
    const w = await targetsWorld(t);
    const first = await setTarget(t, w.managerA.client, 'user', w.sales1.user.id, 10_000_000, '2026-11', { wonCount: 3 });
    const again = await setTarget(t, w.managerA.client, 'user', w.sales1.user.id, 12_500_000);
    expect(again).toMatchObject({ id: first.id, amountFen: 12_500_000, wonCount: 3 });
    const patched = ok(await w.managerA.client.patch(`/api/v1/targets/${first.id}`, { wonCount: null }));
    expect(patched).toMatchObject({ amountFen: 12_500_000, wonCount: null });
    const trail = await auditOf(t, first.id);
    expect(trail.map((r) => r.action)).toEqual(['salesTarget.created', 'salesTarget.updated', 'salesTarget.updated']);
    expect(trail[1].changes).toContainEqual({ field: 'amountFen', before: 10_000_000, after: 12_500_000 });
    expect(trail[2].changes).toContainEqual({ field: 'wonCount', before: 3, after: null });
    expect(ok(await w.managerA.client.get(`/api/v1/targets/${first.id}/history`)).items.map((r: { action: string }) => r.action)).toEqual([
      'salesTarget.updated', 'salesTarget.updated', 'salesTarget.created',
    ]);

    ok(await w.managerA.client.delete(`/api/v1/targets/${first.id}`));
    expect((await w.managerA.client.get(`/api/v1/targets/${first.id}`)).statusCode).toBe(404);
    expect((await auditOf(t, first.id)).at(-1)).toMatchObject({ action: 'salesTarget.deleted' });
  });

  it('answers 404 to a manager of another store for a target by id, and changes nothing', async () => {
    const w = await targetsWorld(t);
    const target = await setTarget(t, w.managerA.client, 'unit', w.storeA.id, 60_000_000);
    for (const res of [
      await w.managerB.client.get(`/api/v1/targets/${target.id}`),
      await w.managerB.client.patch(`/api/v1/targets/${target.id}`, { amountFen: 1 }),
      await w.managerB.client.delete(`/api/v1/targets/${target.id}`),
      await w.sales1.client.get(`/api/v1/targets/${target.id}`), // own scope: only their own target
    ]) expectErrorBody(res, 404, 'not_found');
    expect(ok(await w.regional.client.get(`/api/v1/targets/${target.id}`)).amountFen).toBe(60_000_000);
  });

  it('refuses bad input with 422 and the field: period format, negative or fractional amounts, unknown subject type', async () => {
    const w = await targetsWorld(t);
    const base = { subjectType: 'unit', subjectId: w.storeA.id, period: '2026-11', amountFen: 100 };
    const paths = async (body: Record<string, unknown>) => issuePaths(await put(t, w.managerA.client, '/api/v1/targets', { ...base, ...body }));
    for (const period of ['2026-13', '2026-00', '2026-Q5', '2026-q4', '26-11', '2026-1', '2026/11', 'abcd']) expect(await paths({ period })).toEqual(['body.period']);
    expect(await paths({ amountFen: -1 })).toEqual(['body.amountFen']);
    expect(await paths({ amountFen: 10.5 })).toEqual(['body.amountFen']);
    expect(await paths({ amountFen: '100' })).toEqual(['body.amountFen']);
    expect(await paths({ wonCount: -2 })).toEqual(['body.wonCount']);
    expect(await paths({ subjectType: 'team' })).toEqual(['body.subjectType']);
    expect(await paths({ subjectId: 'x' })).toEqual(['body.subjectId']);
    expect(issuePaths(await w.managerA.client.get('/api/v1/targets?period=2026-Q0'))).toEqual(['query.period']);
    expect(issuePaths(await w.managerA.client.get('/api/v1/targets/progress?period=November'))).toEqual(['query.period']);
    expect(issuePaths(await w.managerA.client.get('/api/v1/targets/progress'))).toEqual(['query.period']);
    const target = await setTarget(t, w.managerA.client, 'unit', w.storeA.id, 100);
    expect(issuePaths(await w.managerA.client.patch(`/api/v1/targets/${target.id}`, { amountFen: -5 }))).toEqual(['body.amountFen']);
  });
});

describe('listing targets', () => {
  it('lists the targets in the caller’s scope, newest first in keyset pages, filtered by period, type and unit', async () => {
    const w = await targetsWorld(t);
    const storeA = await setTarget(t, w.regional.client, 'unit', w.storeA.id, 60_000_000);
    t.clock.advance(1000);
    const s1 = await setTarget(t, w.regional.client, 'user', w.sales1.user.id, 30_000_000);
    t.clock.advance(1000);
    const s2 = await setTarget(t, w.regional.client, 'user', w.sales2.user.id, 30_000_000);
    t.clock.advance(1000);
    const storeB = await setTarget(t, w.regional.client, 'unit', w.storeB.id, 40_000_000);
    t.clock.advance(1000);
    const region = await setTarget(t, w.regional.client, 'unit', w.east.id, 100_000_000);
    const q4 = await setTarget(t, w.regional.client, 'unit', w.east.id, 300_000_000, '2026-Q4');
    const idsOf = (items: TargetOut[]) => items.map((i) => i.id);

    const page1 = ok(await w.regional.client.get('/api/v1/targets?period=2026-11&limit=3'));
    expect(idsOf(page1.items)).toEqual([region.id, storeB.id, s2.id]);
    const page2 = ok(await w.regional.client.get(`/api/v1/targets?period=2026-11&limit=3&cursor=${page1.nextCursor}`));
    expect(idsOf(page2.items)).toEqual([s1.id, storeA.id]);
    expect(page2.nextCursor).toBeNull();
    expect(idsOf(ok(await w.regional.client.get('/api/v1/targets?period=2026-Q4')).items)).toEqual([q4.id]);
    expect(idsOf(ok(await w.regional.client.get(`/api/v1/targets?period=2026-11&unitId=${w.storeA.id}`)).items)).toEqual([s2.id, s1.id, storeA.id]);
    expect(idsOf(ok(await w.regional.client.get('/api/v1/targets?period=2026-11&subjectType=user')).items)).toEqual([s2.id, s1.id]);
    // Store A's manager: the store and its people; a salesperson: their own only.
    expect(idsOf(ok(await w.managerA.client.get('/api/v1/targets?period=2026-11')).items)).toEqual([s2.id, s1.id, storeA.id]);
    expect(idsOf(ok(await w.sales1.client.get('/api/v1/targets')).items)).toEqual([s1.id]);
    expect(idsOf(ok(await w.managerB.client.get('/api/v1/targets')).items)).toEqual([storeB.id]);
  });

  it('keeps tenants apart: another brand’s administrator neither sees nor sets this brand’s targets', async () => {
    const w = await targetsWorld(t);
    const target = await setTarget(t, w.admin, 'unit', w.storeA.id, 60_000_000);
    const other = await targetsWorld(t);
    expect(ok(await other.admin.get('/api/v1/targets')).items).toEqual([]);
    expectErrorBody(await other.admin.get(`/api/v1/targets/${target.id}`), 404, 'not_found');
    expectErrorBody(await put(t, other.admin, '/api/v1/targets', { subjectType: 'unit', subjectId: w.storeA.id, period: '2026-11', amountFen: 1 }), 404, 'not_found');
    expectErrorBody(await put(t, other.admin, '/api/v1/targets', { subjectType: 'user', subjectId: w.sales1.user.id, period: '2026-11', amountFen: 1 }), 404, 'not_found');
    expectErrorBody(await other.admin.get(`/api/v1/targets/progress?period=2026-11&unitId=${w.storeA.id}`), 404, 'not_found');
    expect(ok(await w.admin.get(`/api/v1/targets/${target.id}`)).amountFen).toBe(60_000_000);
  });
});
