import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createRole, expectErrorBody } from '../factories.ts';
import { type Client, type TestApp, testApp, userIn } from '../helpers.ts';
import { type Activity, type ActivityWorld, activityWorld, callWithStep, logActivity } from './activities-world.ts';

/** Activities on leads and opportunities (they hear of each activity), and the customer 360 sales timeline. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '2000' });
});
afterAll(async () => {
  await t.app.close();
});

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; [k: string]: unknown };
}

/** A walk-in lead of store A assigned to salesperson A; with customer A's phone it is flagged as that customer's. */
const leadOf = (w: ActivityWorld, phone = '13811112222', name = '陈先生') =>
  ok(w.managerA.client.post('/api/v1/leads', { name, phones: [phone], source: 'store_walk_in', storeId: w.storeA.id, assigneeId: w.salesA.user.id }));
const opportunityOf = (c: Client, customerId: string, name = '王芳-全屋定制') => ok(c.post('/api/v1/opportunities', { customerId, name, amountFen: 12_000_000 }));

describe('activities on leads and opportunities', () => {
  it('logs on a lead the caller sees: it takes the lead’s store, and the lead is contacted (following, last activity)', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const lead = await leadOf(w);
    t.clock.set('2026-11-22T03:00:00.000Z');
    const a = await logActivity(w.salesA.client, { subjectType: 'lead', subjectId: lead.id, kind: 'call', outcome: 'reached', occurredAt: '2026-11-22T02:50:00.000Z' });
    expect(a).toMatchObject({ subjectType: 'lead', subjectName: '陈先生', subjectLink: `/leads/${lead.id}`, storeId: w.storeA.id, ownerId: w.salesA.user.id });
    const after = await ok(w.salesA.client.get(`/api/v1/leads/${lead.id}`), 200);
    expect(after).toMatchObject({ status: 'following', firstContactAt: '2026-11-22T02:50:00.000Z', lastActivityAt: '2026-11-22T02:50:00.000Z' });
    // A later write (the next step planned) keeps the latest activity time.
    await w.salesA.client.patch(`/api/v1/activities/${a.id}`, { nextStep: { text: '发方案', dueAt: '2026-11-23T02:00:00.000Z' } });
    expect((await ok(w.salesA.client.get(`/api/v1/leads/${lead.id}`), 200)).lastActivityAt).toBe('2026-11-22T02:50:00.000Z');
    expect((await w.salesA.client.get(`/api/v1/activities?subjectType=lead&subjectId=${lead.id}`)).json().items.map((x: Activity) => x.id)).toEqual([a.id]);
    expectErrorBody(await w.salesB.client.post('/api/v1/activities', { subjectType: 'lead', subjectId: lead.id, kind: 'call', outcome: 'reached' }), 404, 'not_found');
    expectErrorBody(await w.salesB.client.get(`/api/v1/activities?subjectType=lead&subjectId=${lead.id}`), 404, 'not_found');
  });

  it('logs on an opportunity: the opportunity keeps its last activity (for the stalled list)', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const opp = await opportunityOf(w.salesA.client, w.customerA.id);
    t.clock.set('2026-11-24T02:00:00.000Z');
    const visit = await logActivity(w.salesA.client, { subjectType: 'opportunity', subjectId: opp.id, kind: 'visit', outcome: 'visited', visitType: 'visit', occurredAt: '2026-11-24T01:00:00.000Z' });
    expect(visit).toMatchObject({ subjectType: 'opportunity', subjectName: '王芳-全屋定制', subjectLink: `/opportunities/${opp.id}`, storeId: w.storeA.id });
    expect((await ok(w.salesA.client.get(`/api/v1/opportunities/${opp.id}`), 200)).lastActivityAt).toBe('2026-11-24T01:00:00.000Z');
    const proposal = await logActivity(w.salesA.client, { subjectType: 'opportunity', subjectId: opp.id, kind: 'proposal', title: '方案', occurredAt: '2026-11-24T01:30:00.000Z' });
    t.clock.set('2026-11-25T02:00:00.000Z');
    await w.salesA.client.post(`/api/v1/activities/${proposal.id}/proposal/present`);
    expect((await ok(w.salesA.client.get(`/api/v1/opportunities/${opp.id}`), 200)).lastActivityAt).toBe('2026-11-25T02:00:00.000Z');
  });
});

describe('the customer 360 sales timeline', () => {
  it('merges the customer’s activities, leads and opportunities and their activities, newest first, in keyset pages', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const w = await activityWorld(t);
    const lead = await leadOf(w, '13900001111', '王女士'); // customer A's phone: the lead is hers
    t.clock.set('2026-11-20T03:00:00.000Z');
    const call = await logActivity(w.salesA.client, { subjectType: 'lead', subjectId: lead.id, kind: 'call', outcome: 'reached' });
    t.clock.set('2026-11-21T02:00:00.000Z');
    const opp = await opportunityOf(w.salesA.client, w.customerA.id);
    t.clock.set('2026-11-21T05:00:00.000Z');
    const visit = await logActivity(w.salesA.client, { subjectType: 'opportunity', subjectId: opp.id, kind: 'visit', outcome: 'visited', visitType: 'visit' });
    t.clock.set('2026-11-22T02:00:00.000Z');
    const msg = await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'message', channel: 'wechat' });
    await logActivity(w.salesB.client, { subjectType: 'customer', subjectId: w.customerB.id, kind: 'call', outcome: 'reached' });

    const url = `/api/v1/customers/${w.customerA.id}/sales-timeline`;
    const all = (await w.salesA.client.get(url)).json();
    expect(all.items.map((e: { type: string; id: string }) => [e.type, e.id])).toEqual([
      ['activity', msg.id],
      ['activity', visit.id],
      ['opportunity', opp.id],
      ['activity', call.id],
      ['lead', lead.id],
    ]);
    expect(all.items[1]).toMatchObject({ at: '2026-11-21T05:00:00.000Z', activity: { kind: 'visit', subjectType: 'opportunity' } });
    expect(all.items[2]).toMatchObject({ at: '2026-11-21T02:00:00.000Z', opportunity: { name: '王芳-全屋定制', amountFen: 12_000_000, status: 'open' } });
    expect(all.items[4]).toMatchObject({ lead: { name: '王女士', status: 'following' } });
    expect(all.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await w.salesA.client.get(`${url}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e: { id: string }) => e.id));

    // Without leads:view or opportunities:view, those entries (not the activities) are left out.
    const role = await createRole(w.a.admin, { permissions: ['customers:view', 'activities:view'], dataScope: 'unit' });
    const viewer = await userIn(t, w.a.admin, w.a.code, w.storeA.id, role.name);
    expect((await viewer.client.get(url)).json().items.map((e: { type: string }) => e.type)).toEqual(['activity']);
    expectErrorBody(await w.salesB.client.get(url), 404, 'not_found');
  });

  it('keeps the activities of a merged customer on the surviving customer’s timeline', async () => {
    t.clock.set('2026-11-22T02:00:00.000Z');
    const w = await activityWorld(t);
    const dup = await createCustomer(w.a.admin, { name: '王芳(重复)', storeId: w.storeA.id, ownerId: w.salesA.user.id });
    const a = await logActivity(w.salesA.client, callWithStep(dup.id, '2026-11-23T02:00:00.000Z'));
    const merged = await w.a.admin.post('/api/v1/customers/merge', { survivorId: w.customerA.id, mergedIds: [dup.id] });
    expect(merged.statusCode, merged.body).toBe(200);
    const timeline = (await w.salesA.client.get(`/api/v1/activities?subjectType=customer&subjectId=${w.customerA.id}`)).json();
    expect(timeline.items.map((x: Activity) => [x.id, x.subjectName])).toEqual([[a.id, '王芳']]);
    const audit = await t.deps.db.pool.query("SELECT changes FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'salesActivity.customerMerged'", [w.tenantId, a.id]);
    expect(audit.rows.map((r) => r.changes)).toEqual([[{ field: 'subjectId', before: dup.id, after: w.customerA.id }]]);
  });
});
