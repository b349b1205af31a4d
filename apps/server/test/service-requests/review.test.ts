import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, loginAs, type TestApp, testApp, userIn } from '../helpers.ts';
import { newRequest, ok, requestsWorld, type RequestsWorld } from './requests-world.ts';

/**
 * SVC-4: the periodic review against a hand-built fixture: every number below is worked out by hand from the requests
 * made here (Shanghai wall times, default hours Mon–Sat 09:00–18:00, built-in SLA targets).
 */

let t: TestApp;
let w: RequestsWorld;
let admin: Client;
const PRODUCT = '5f0c8a9e-1d2b-4c3d-8e4f-a1b2c3d4e5f6';

beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-09T10:00:00+08:00');
  w = await requestsWorld(t);
  admin = w.admin;
  await buildFixture();
});
afterAll(async () => {
  await t.app.close();
});

/** Move the clock to a Shanghai wall time and log in again (sessions expire as days pass). */
async function at(wall: string) {
  t.clock.set(`${wall}+08:00`);
  admin = await loginAs(t, w.code, 'admin', 'admin-pass-1');
}
const reply = (id: string) => admin.post(`/api/v1/requests/${id}/activities`, { kind: 'reply', body: '您好' }).then((r) => ok(r));
const resolve = (id: string, cause?: string) => admin.post(`/api/v1/requests/${id}/resolve`, { resolution: '已处理', ...(cause ? { cause } : {}) }).then((r) => ok(r));
const confirm = (id: string, satisfaction: number) => admin.post(`/api/v1/requests/${id}/confirm`, { satisfaction }).then((r) => ok(r));

async function buildFixture() {
  const A = w.store.id;
  const B = w.other.id;
  // Previous period (2026-11-09 … 11-15).
  await at('2026-11-09T10:00:00');
  const p1 = await newRequest(admin, { type: 'consultation', channel: 'phone', storeId: A }); // FR 30, resolution 120, satisfaction 4
  await at('2026-11-09T10:30:00');
  await reply(p1.id);
  await at('2026-11-09T12:00:00');
  await resolve(p1.id);
  await confirm(p1.id, 4);
  await at('2026-11-10T10:00:00');
  const p2 = await newRequest(admin, { type: 'product_complaint', channel: 'phone', storeId: A, productId: PRODUCT }); // FR 5, resolution 60
  await at('2026-11-10T10:05:00');
  await reply(p2.id);
  await at('2026-11-10T11:00:00');
  await resolve(p2.id, '送货延误');

  // Current period (2026-11-16 … 11-22).
  await at('2026-11-16T10:00:00');
  const r1 = await newRequest(admin, { type: 'consultation', channel: 'phone', storeId: A }); // FR 20, resolution 60, satisfaction 5
  await at('2026-11-16T10:20:00');
  await reply(r1.id);
  await at('2026-11-16T11:00:00');
  await resolve(r1.id);
  await confirm(r1.id, 5);
  await at('2026-11-17T10:00:00');
  const r2 = await newRequest(admin, { type: 'product_complaint', channel: 'wechat', storeId: A, productId: PRODUCT }); // FR 300 > 240: breach
  await at('2026-11-17T15:00:00');
  await reply(r2.id);
  await at('2026-11-18T10:00:00');
  await resolve(r2.id, '质量问题'); // 480 + 60 = 540 business minutes
  await confirm(r2.id, 2);
  await at('2026-11-19T10:00:00');
  const r3 = await newRequest(admin, { type: 'product_complaint', channel: 'phone', priority: 'urgent', storeId: B, productId: PRODUCT });
  await at('2026-11-19T10:10:00');
  await reply(r3.id); // FR 10 ≤ 30
  await at('2026-11-19T16:00:00');
  await resolve(r3.id, '质量问题'); // 360 > 240: resolution breach
  await at('2026-11-20T10:00:00');
  await newRequest(admin, { type: 'service_complaint', channel: 'store', storeId: B, cause: '送货延误' }); // never answered: FR breach, still open
  await at('2026-11-21T10:00:00');
  const r5 = await newRequest(admin, { type: 'praise', channel: 'web', storeId: A }); // no SLA
  ok(await admin.post(`/api/v1/requests/${r5.id}/status`, { status: 'cancelled', reason: '重复提交' }));
  // A request after the period does not count.
  await at('2026-11-23T09:30:00');
  await newRequest(admin, { type: 'consultation', channel: 'phone', storeId: A });
  await at('2026-11-23T10:00:00');
}

const review = async (c: Client, q = '') => ok(await c.get(`/api/v1/request-review?from=2026-11-16&to=2026-11-22${q}`));

describe('the request review', () => {
  it('counts, times, breaches and satisfaction for the period and the previous one', async () => {
    const r = await review(admin);
    expect(r.period).toEqual({ from: '2026-11-16', to: '2026-11-22', days: 7 });
    expect(r.previousPeriod).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(r.current).toEqual({
      total: 5, open: 1, resolved: 1, closed: 2, cancelled: 1,
      firstResponseAvg: 110, firstResponseP90: 244, resolutionAvg: 320, resolutionP90: 504,
      firstResponseWithSla: 4, firstResponseBreaches: 2, firstResponseBreachRate: 0.5,
      resolutionWithSla: 4, resolutionBreaches: 1, resolutionBreachRate: 0.25,
      satisfactionAvg: 3.5, satisfactionCount: 2, escalated: 0,
    });
    expect(r.previous).toEqual({
      total: 2, open: 0, resolved: 1, closed: 1, cancelled: 0,
      firstResponseAvg: 17.5, firstResponseP90: 27.5, resolutionAvg: 90, resolutionP90: 114,
      firstResponseWithSla: 2, firstResponseBreaches: 0, firstResponseBreachRate: 0,
      resolutionWithSla: 2, resolutionBreaches: 0, resolutionBreachRate: 0,
      satisfactionAvg: 4, satisfactionCount: 1, escalated: 0,
    });
    const counts = (rows: { key: string; current: { total: number }; previous: { total: number } }[]) => Object.fromEntries(rows.map((x) => [x.key, [x.current.total, x.previous.total]]));
    expect(counts(r.byType)).toEqual({ consultation: [1, 1], product_complaint: [2, 1], service_complaint: [1, 0], praise: [1, 0] });
    expect(counts(r.byChannel)).toEqual({ phone: [2, 2], wechat: [1, 0], store: [1, 0], web: [1, 0] });
    expect(counts(r.byStatus)).toEqual({ new: [1, 0], resolved: [1, 1], closed: [2, 1], cancelled: [1, 0] });
    const complaints = r.byType.find((x: { key: string }) => x.key === 'product_complaint');
    expect(complaints.current).toMatchObject({ firstResponseAvg: 155, resolutionAvg: 450, firstResponseBreaches: 1, resolutionBreaches: 1 });
    expect(r.daily).toEqual([
      { date: '2026-11-16', count: 1, breaches: 0 },
      { date: '2026-11-17', count: 1, breaches: 1 },
      { date: '2026-11-18', count: 0, breaches: 0 },
      { date: '2026-11-19', count: 1, breaches: 1 },
      { date: '2026-11-20', count: 1, breaches: 1 },
      { date: '2026-11-21', count: 1, breaches: 0 },
      { date: '2026-11-22', count: 0, breaches: 0 },
    ]);
  });

  it('ranks the top causes overall and by store, type and product, with the previous period’s counts', async () => {
    const { topCauses } = await review(admin);
    expect(topCauses.overall).toEqual([
      { cause: '质量问题', current: 2, previous: 0 },
      { cause: '送货延误', current: 1, previous: 1 },
    ]);
    expect(topCauses.byStore.map((c: { cause: string; storeName: string; current: number }) => [c.cause, c.storeName, c.current]).sort()).toEqual(
      [['质量问题', w.store.name, 1], ['质量问题', w.other.name, 1], ['送货延误', w.other.name, 1]].sort(),
    );
    expect(topCauses.byType).toEqual([
      { cause: '质量问题', type: 'product_complaint', current: 2, previous: 0 },
      { cause: '送货延误', type: 'service_complaint', current: 1, previous: 0 },
    ]);
    expect(topCauses.byProduct).toEqual([{ cause: '质量问题', productId: PRODUCT, current: 2, previous: 0 }]);
  });

  it('filters by store, region and type, and keeps a store manager to their store', async () => {
    expect((await review(admin, `&storeId=${w.other.id}`)).current.total).toBe(2);
    expect((await review(admin, `&regionId=${w.region.id}`)).current.total).toBe(5);
    expect((await review(admin, '&type=product_complaint')).current).toMatchObject({ total: 2, firstResponseBreaches: 1, resolutionBreaches: 1 });
    const manager = await userIn(t, admin, w.code, w.store.id, '店长', w.roles);
    const mine = await review(manager.client);
    expect(mine.current).toMatchObject({ total: 3, closed: 2, cancelled: 1 });
    expect(mine.previous.total).toBe(2);
    expect(mine.topCauses.overall).toEqual([{ cause: '质量问题', current: 1, previous: 0 }]);
    // Another store's filter within a store manager's review finds nothing of the other store.
    expect((await review(manager.client, `&storeId=${w.other.id}`)).current.total).toBe(0);
  });

  it('refuses a period that ends before it starts, too long a period and unknown units (422)', async () => {
    const bad = await admin.get('/api/v1/request-review?from=2026-11-22&to=2026-11-16');
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad)).toEqual(['query.to']);
    expect(issuePaths(await admin.get('/api/v1/request-review?from=2020-01-01&to=2026-11-16'))).toEqual(['query.to']);
    expect(issuePaths(await admin.get('/api/v1/request-review?from=2026-11-01&to=2026-11-16&storeId=5f0c8a9e-1d2b-4c3d-8e4f-a1b2c3d4e5f6'))).toEqual(['query.storeId']);
    expect(issuePaths(await admin.get('/api/v1/request-review?from=2026-11-31&to=x'))).toEqual(['query.from', 'query.to']);
  });
});
