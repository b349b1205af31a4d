import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { type Activity, activityWorld, auditOf, logActivity } from './activities-world.ts';

/** Design proposals with versions and the customer's answer; store invitations and whether the customer came. */

let t: TestApp;
beforeAll(async () => {
  // Sessions outlive the days the clock jumps over.
  t = await testApp({ SESSION_TTL_HOURS: '2000' });
});
afterAll(async () => {
  await t.app.close();
});

const NOW = '2026-11-22T06:00:00.000Z';

describe('design proposals (设计方案)', () => {
  it('presents, revises after a rejection and is accepted, keeping every version’s presentation and answer', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const c = w.salesA.client;
    const p = await logActivity(c, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'proposal', title: '全屋方案', summary: 'V1 北欧风', amountFen: 9_800_000 });
    const url = `/api/v1/activities/${p.id}/proposal`;

    t.clock.set('2026-11-23T03:00:00.000Z');
    const presented = (await c.post(`${url}/present`)).json() as Activity;
    expect(presented.proposal).toMatchObject({ status: 'presented', statusAt: '2026-11-23T03:00:00.000Z', versions: [{ number: 1, presentedAt: '2026-11-23T03:00:00.000Z', presentedById: w.salesA.user.id }] });

    const noReason = await c.post(`${url}/reject`, {});
    expect(issuePaths(noReason)).toEqual(['body.reason']);
    t.clock.set('2026-11-24T03:00:00.000Z');
    const rejected = (await c.post(`${url}/reject`, { reason: '预算超了' })).json() as Activity;
    expect(rejected.proposal).toMatchObject({ status: 'rejected', versions: [{ number: 1, answer: 'rejected', rejectReason: '预算超了', answeredAt: '2026-11-24T03:00:00.000Z' }] });

    const v2 = await c.post(`${url}/versions`, { summary: 'V2 换布艺沙发，减配餐边柜', amountFen: 7_200_000 });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json().proposal).toMatchObject({ status: 'draft', versions: [{ number: 1, answer: 'rejected' }, { number: 2, amountFen: 7_200_000, presentedAt: null, answer: null }] });
    await c.post(`${url}/present`);
    const accepted = (await c.post(`${url}/accept`)).json() as Activity;
    expect(accepted.proposal?.status).toBe('accepted');
    expect(accepted.proposal?.versions.map((v) => [v.number, v.answer])).toEqual([[1, 'rejected'], [2, 'accepted']]);

    expect((await auditOf(t, w.tenantId, p.id)).map((r) => [r.action, r.meta])).toEqual([
      ['salesActivity.created', { subjectType: 'customer', subjectId: w.customerA.id, kind: 'proposal' }],
      ['salesActivity.proposalPresented', { version: 1 }],
      ['salesActivity.proposalRejected', { version: 1, reason: '预算超了' }],
      ['salesActivity.proposalVersionAdded', { version: 2, amountFen: 7_200_000 }],
      ['salesActivity.proposalPresented', { version: 2 }],
      ['salesActivity.proposalAccepted', { version: 2 }],
    ]);
  });

  it('answers 409 with the reason to transitions the status does not allow', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const c = w.salesA.client;
    const p = await logActivity(c, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'proposal', title: '卧室方案' });
    const url = `/api/v1/activities/${p.id}/proposal`;
    const reason = (res: Awaited<ReturnType<typeof c.post>>) => expectErrorBody(res, 409, 'conflict').params?.reason;
    expect(reason(await c.post(`${url}/accept`))).toBe('not_presented');
    expect(reason(await c.post(`${url}/reject`, { reason: '不喜欢' }))).toBe('not_presented');
    await c.post(`${url}/present`);
    expect(reason(await c.post(`${url}/present`))).toBe('not_draft');
    // A new version after the presentation is allowed: the presented one keeps its history.
    const v2 = (await c.post(`${url}/versions`, { summary: '调整床头柜' })).json() as Activity;
    expect(v2.proposal?.versions.map((v) => [v.number, !!v.presentedAt])).toEqual([[1, true], [2, false]]);
    await c.post(`${url}/present`);
    await c.post(`${url}/accept`);
    expect(reason(await c.post(`${url}/versions`, { summary: 'V3' }))).toBe('proposal_accepted');
    expect(reason(await c.post(`${url}/reject`, { reason: '反悔' }))).toBe('not_presented');
    const call = await logActivity(c, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' });
    expect(reason(await c.post(`/api/v1/activities/${call.id}/proposal/present`))).toBe('not_a_proposal');
    const versions = await t.deps.db.pool.query('SELECT number FROM sales_proposal_versions WHERE tenant_id = $1 AND activity_id = $2 ORDER BY number', [w.tenantId, p.id]);
    expect(versions.rows.map((r) => r.number)).toEqual([1, 2]);
  });
});

describe('store invitations (到店邀约)', () => {
  const invite = (w: Awaited<ReturnType<typeof activityWorld>>, invitedFor = '2026-11-29T02:00:00.000Z') =>
    logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'invitation', invitedFor, outcome: 'confirmed' });

  it('records the arrival, when and who received the customer; then the invitation is closed', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const inv = await invite(w);
    t.clock.set('2026-11-29T02:40:00.000Z');
    const url = `/api/v1/activities/${inv.id}/invitation`;
    const future = await w.salesA.client.post(`${url}/arrived`, { arrivedAt: '2026-11-29T04:00:00.000Z' });
    expect(future.json().error.issues).toEqual([expect.objectContaining({ path: 'body.arrivedAt', code: 'in_future' })]);
    const stranger = await w.salesA.client.post(`${url}/arrived`, { receivedById: w.a.tenant.id });
    expect(stranger.json().error.issues).toEqual([expect.objectContaining({ path: 'body.receivedById', code: 'not_found' })]);
    const arrived = await w.salesA.client.post(`${url}/arrived`, { arrivedAt: '2026-11-29T02:20:00.000Z', receivedById: w.managerA.user.id });
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json().invitation).toMatchObject({
      status: 'arrived', statusAt: '2026-11-29T02:40:00.000Z', arrivedAt: '2026-11-29T02:20:00.000Z', receivedById: w.managerA.user.id, receivedByName: w.managerA.user.displayName,
    });
    expect(expectErrorBody(await w.salesA.client.post(`${url}/no-show`), 409, 'conflict').params).toEqual({ reason: 'invitation_closed', status: 'arrived' });
    expect(expectErrorBody(await w.salesA.client.post(`${url}/cancel`, {}), 409, 'conflict').params?.reason).toBe('invitation_closed');
    expect(expectErrorBody(await w.salesA.client.patch(`/api/v1/activities/${inv.id}`, { invitedFor: '2026-12-01T02:00:00.000Z' }), 409, 'conflict').params?.reason).toBe('invitation_closed');
    // Its notes can still be completed; the same time and store sent back are no move.
    const noted = await w.salesA.client.patch(`/api/v1/activities/${inv.id}`, { notes: '看中了岩板餐桌', invitedFor: '2026-11-29T02:00:00.000Z', invitedStoreId: w.storeA.id });
    expect(noted.statusCode, noted.body).toBe(200);
    expect((await auditOf(t, w.tenantId, inv.id)).map((r) => r.action)).toEqual(['salesActivity.created', 'salesActivity.invitationArrived', 'salesActivity.updated']);
  });

  it('takes the caller as the receiver and now as the time by default', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const inv = await invite(w);
    t.clock.set('2026-11-29T01:50:00.000Z');
    const arrived = (await w.managerA.client.post(`/api/v1/activities/${inv.id}/invitation/arrived`, {})).json() as Activity;
    expect(arrived.invitation).toMatchObject({ status: 'arrived', arrivedAt: '2026-11-29T01:50:00.000Z', receivedById: w.managerA.user.id });
  });

  it('marks a no-show only once the invited time has passed, and cancels with a reason', async () => {
    t.clock.set(NOW);
    const w = await activityWorld(t);
    const inv = await invite(w);
    const url = `/api/v1/activities/${inv.id}/invitation`;
    t.clock.set('2026-11-29T01:59:00.000Z');
    expect(expectErrorBody(await w.salesA.client.post(`${url}/no-show`), 409, 'conflict').params).toEqual({ reason: 'not_yet', invitedFor: '2026-11-29T02:00:00.000Z' });
    t.clock.set('2026-11-29T05:00:00.000Z');
    expect((await w.salesA.client.post(`${url}/no-show`)).json().invitation).toMatchObject({ status: 'no_show', statusAt: '2026-11-29T05:00:00.000Z' });

    const other = await invite(w, '2026-12-06T02:00:00.000Z');
    // Moved while open, then cancelled.
    const moved = await w.salesA.client.patch(`/api/v1/activities/${other.id}`, { invitedFor: '2026-12-07T02:00:00.000Z', invitedStoreId: w.storeB.id });
    expect(moved.json().invitation).toMatchObject({ invitedFor: '2026-12-07T02:00:00.000Z', storeId: w.storeB.id });
    const cancelled = await w.salesA.client.post(`/api/v1/activities/${other.id}/invitation/cancel`, { reason: '客户出差' });
    expect(cancelled.json().invitation).toMatchObject({ status: 'cancelled', cancelReason: '客户出差' });
    const call = await logActivity(w.salesA.client, { subjectType: 'customer', subjectId: w.customerA.id, kind: 'call', outcome: 'reached' });
    expect(expectErrorBody(await w.salesA.client.post(`/api/v1/activities/${call.id}/invitation/arrived`, {}), 409, 'conflict').params?.reason).toBe('not_an_invitation');
  });
});
