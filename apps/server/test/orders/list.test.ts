import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, ids, issuePaths } from '../factories.ts';
import { makeStore, type TestApp, testApp } from '../helpers.ts';
import { expectStatus, newOrder, orderWorld, paidOrder } from './fixtures.ts';

/** The order list: newest first in keyset pages, search by order no., customer name or phone, filters. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  t.clock.set(new Date());
  await t.app.close();
});

describe('order list', () => {
  it('pages newest first and filters by status, store, customer, order day and search', async () => {
    const w = await orderWorld(t);
    const other = await makeStore(w.a.admin, w.region.id);
    const li = await createCustomer(w.a.admin, { name: '李秀英', storeId: other.id, phones: ['13912345678'] });
    t.clock.set('2026-11-01T02:00:00Z');
    const a = await newOrder(w.a.admin, w);
    t.clock.set('2026-11-10T15:30:00Z'); // 23:30 on 10 November in Shanghai
    const b = await paidOrder(w.a.admin, w);
    t.clock.set('2026-11-10T16:30:00Z'); // 00:30 on 11 November in Shanghai
    const c = await newOrder(w.a.admin, w, { customerId: li.id, storeId: other.id });
    const list = (q = '') => w.a.admin.get(`/api/v1/orders${q}`);

    const p1 = expectStatus(await list('?limit=2'), 200);
    expect(p1.items.map((o: { id: string }) => o.id)).toEqual([c.id, b.id]);
    const p2 = expectStatus(await list(`?limit=2&cursor=${p1.nextCursor}`), 200);
    expect([p2.items.map((o: { id: string }) => o.id), p2.nextCursor]).toEqual([[a.id], null]);
    expect(expectStatus(await list('?withTotal=true&limit=1'), 200).total).toBe(3);

    expect(ids(await list('?status=paid'))).toEqual([b.id]);
    expect(ids(await list(`?storeId=${other.id}`))).toEqual([c.id]);
    expect(ids(await list(`?customerId=${w.customer.id}`))).toEqual([b.id, a.id]);
    expect(ids(await list('?from=2026-11-10&to=2026-11-10'))).toEqual([b.id]);
    expect(ids(await list('?from=2026-11-11'))).toEqual([c.id]);
    expect(ids(await list(`?q=${b.orderNo}`))).toEqual([b.id]);
    expect(ids(await list('?q=so20261101'))).toEqual([a.id]);
    expect(ids(await list(`?q=${encodeURIComponent('秀英')}`))).toEqual([c.id]);
    expect(ids(await list('?q=1391234'))).toEqual([c.id]);
    expect(ids(await list(`?q=${encodeURIComponent('100%_')}`))).toEqual([]);

    expect(issuePaths(await list('?cursor=nonsense'))).toEqual(['query.cursor']);
    expect(issuePaths(await list('?from=2026-11-12&to=2026-11-01'))).toEqual(['query.to']);
    expect(issuePaths(await list('?status=lost&from=yesterday')).sort()).toEqual(['query.from', 'query.status']);
    const summary = p1.items[1];
    expect(summary).toMatchObject({ orderNo: b.orderNo, status: 'paid', lineCount: 2, storeName: w.store.name, totalFen: b.totalFen, balanceFen: 0 });
  });
});
