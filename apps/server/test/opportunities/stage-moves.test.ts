import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import { auditOf, customerIn, DAY, move, newOpportunity, NOV_2, ok, oppWorld } from './opportunities-world.ts';

/** LEAD-4: moving opportunities through the stages; every move in the stage history with its time. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ SESSION_TTL_HOURS: '8760' });
});
afterAll(async () => {
  await t.app.close();
});

const HOUR = 3_600_000;

describe('stage history and time in stage', () => {
  it('records every move with its time and author, and counts the days in each stage on the injected clock', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const c = await customerIn(w.admin, w.store.id);
    let o = await newOpportunity(w.admin, { customerId: c.id, amountFen: 2_000_000 });
    expect(o).toMatchObject({ stageKey: 'initial_contact', stageName: '初步接洽', probability: 10, weightedFen: 200_000, status: 'open', version: 1 });
    expect(o.history).toEqual([expect.objectContaining({ fromStageKey: null, toStageKey: 'initial_contact', at: NOV_2, byId: w.adminId, days: 0 })]);

    t.clock.advance(3 * DAY);
    o = await move(w.admin, o, 'needs_confirmed');
    expect(o).toMatchObject({ stageKey: 'needs_confirmed', probability: 20, version: 2, stageEnteredAt: new Date(Date.parse(NOV_2) + 3 * DAY).toISOString() });
    t.clock.advance(2.5 * DAY);
    o = await move(w.admin, o, 'measurement');
    t.clock.advance(1 * DAY);
    o = await move(w.admin, o, 'needs_confirmed');
    t.clock.advance(2 * DAY);
    const now = ok(await w.admin.get(`/api/v1/opportunities/${o.id}`));
    expect(now.history.map((h: { fromStageKey: string | null; toStageKey: string; days: number }) => [h.fromStageKey, h.toStageKey, h.days])).toEqual([
      [null, 'initial_contact', 3],
      ['initial_contact', 'needs_confirmed', 2.5],
      ['needs_confirmed', 'measurement', 1],
      // The current stage counts up to now.
      ['measurement', 'needs_confirmed', 2],
    ]);
    expect(now.daysInStages).toEqual([
      { stageKey: 'initial_contact', days: 3 },
      { stageKey: 'needs_confirmed', days: 4.5 },
      { stageKey: 'measurement', days: 1 },
    ]);

    // Winning closes the clock: time passing afterwards adds nothing.
    const won = await move(w.admin, now, 'won');
    expect(won).toMatchObject({ status: 'won', probability: 100, weightedFen: 2_000_000, wonAt: new Date(Date.parse(NOV_2) + 8.5 * DAY).toISOString() });
    t.clock.advance(10 * DAY);
    const later = ok(await w.admin.get(`/api/v1/opportunities/${o.id}`));
    expect(later.history.at(-1)).toMatchObject({ fromStageKey: 'needs_confirmed', toStageKey: 'won', days: null });
    expect(later.daysInStages).toEqual([
      { stageKey: 'initial_contact', days: 3 },
      { stageKey: 'needs_confirmed', days: 4.5 },
      { stageKey: 'measurement', days: 1 },
    ]);

    const audit = await auditOf(t, 'opportunity', o.id);
    expect(audit.map((a) => a.action)).toEqual(['opportunity.created', 'opportunity.stage_changed', 'opportunity.stage_changed', 'opportunity.stage_changed', 'opportunity.won']);
    expect(audit[1].meta).toMatchObject({ from: 'initial_contact', to: 'needs_confirmed' });
    expect(audit[1].changes).toEqual(expect.arrayContaining([{ field: 'stageKey', before: 'initial_contact', after: 'needs_confirmed' }, { field: 'probability', before: 10, after: 20 }]));
  });

  it('ends a probability override with the next move', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const c = await customerIn(w.admin, w.store.id);
    let o = await newOpportunity(w.admin, { customerId: c.id, amountFen: 1_000_000, probability: 35 });
    expect(o).toMatchObject({ probability: 35, probabilityOverridden: true, weightedFen: 350_000 });
    o = await move(w.admin, o, 'design');
    expect(o).toMatchObject({ probability: 60, probabilityOverridden: false });
    o = ok(await w.admin.patch(`/api/v1/opportunities/${o.id}`, { probability: 75 }));
    expect(o).toMatchObject({ probability: 75, probabilityOverridden: true, version: 3 });
    o = ok(await w.admin.patch(`/api/v1/opportunities/${o.id}`, { probability: null }));
    expect(o).toMatchObject({ probability: 60, probabilityOverridden: false });
  });
});

describe('the rules of a move', () => {
  it('needs a loss reason to lose, and reopens a closed opportunity only explicitly and to an open stage', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const c = await customerIn(w.admin, w.store.id);
    let o = await newOpportunity(w.admin, { customerId: c.id });
    const noReason = await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'lost', version: o.version });
    expectErrorBody(noReason, 422, 'validation_failed');
    expect(issuePaths(noReason)).toEqual(['body.lossReason']);
    expect(issuePaths(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'lost', version: o.version, lossReason: 'feng_shui' }))).toEqual(['body.lossReason']);
    expect(issuePaths(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design', version: o.version, lossReason: 'price' }))).toEqual(['body.lossReason']);
    expect(issuePaths(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'nowhere', version: o.version }))).toEqual(['body.stageKey']);
    expect(issuePaths(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design' }))).toEqual(['body.version']);

    t.clock.advance(HOUR);
    o = await move(w.admin, o, 'lost', { lossReason: 'competitor', lossNote: '选了隔壁品牌' });
    expect(o).toMatchObject({ status: 'lost', probability: 0, lossReason: 'competitor', lossNote: '选了隔壁品牌', lostAt: new Date(Date.parse(NOV_2) + HOUR).toISOString(), wonAt: null });

    const closed = expectErrorBody(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design', version: o.version }), 409, 'conflict');
    expect(closed.params).toMatchObject({ reason: 'closed' });
    expectErrorBody(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'won', version: o.version, reopen: true }), 409, 'conflict');
    o = await move(w.admin, o, 'design', { reopen: true });
    expect(o).toMatchObject({ status: 'open', stageKey: 'design', lossReason: null, lossNote: null, lostAt: null, probability: 60 });
    const notClosed = expectErrorBody(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'negotiation', version: o.version, reopen: true }), 409, 'conflict');
    expect(notClosed.params).toMatchObject({ reason: 'not_closed' });
    const same = expectErrorBody(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design', version: o.version }), 409, 'conflict');
    expect(same.params).toMatchObject({ reason: 'same_stage' });
    expect((await auditOf(t, 'opportunity', o.id)).map((a) => a.action)).toEqual(['opportunity.created', 'opportunity.lost', 'opportunity.reopened']);
  });

  it('lets one of two concurrent drags of the same card win; the other gets 409 version_conflict and changes nothing', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const c = await customerIn(w.admin, w.store.id);
    const o = await newOpportunity(w.admin, { customerId: c.id });
    const manager = (await w.user(w.store.id, '店长')).client;
    const [a, b] = await Promise.all([
      w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'measurement', version: 1 }),
      manager.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design', version: 1 }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(expectErrorBody(loser, 409, 'conflict').params).toMatchObject({ reason: 'version_conflict', version: 2, stageKey: winner.json().stageKey });
    const now = ok(await w.admin.get(`/api/v1/opportunities/${o.id}`));
    expect(now).toMatchObject({ version: 2, stageKey: winner.json().stageKey });
    expect(now.history).toHaveLength(2);
    // A stale edit is refused the same way.
    expect(expectErrorBody(await w.admin.patch(`/api/v1/opportunities/${o.id}`, { amountFen: 5, version: 1 }), 409, 'conflict').params).toMatchObject({ reason: 'version_conflict' });
  });

  it('answers 403 without opportunities:edit and 404 for an opportunity out of reach', async () => {
    t.clock.set(NOV_2);
    const w = await oppWorld(t);
    const c = await customerIn(w.admin, w.other.id);
    const o = await newOpportunity(w.admin, { customerId: c.id });
    const role = ok(await w.admin.post('/api/v1/roles', { name: '只读商机', permissions: ['opportunities:view'], dataScope: 'tenant', fieldRules: {} }), 201);
    const viewer = (await userIn(t, w.admin, w.code, w.hq.id, role.name)).client;
    ok(await viewer.get(`/api/v1/opportunities/${o.id}`));
    expectErrorBody(await viewer.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design', version: 1 }), 403, 'forbidden');
    const manager = (await w.user(w.store.id, '店长')).client;
    expectErrorBody(await manager.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design', version: 1 }), 404, 'not_found');
    const b = await oppWorld(t, '别家');
    expectErrorBody(await b.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'design', version: 1 }), 404, 'not_found');
    expect(ok(await w.admin.get(`/api/v1/opportunities/${o.id}`))).toMatchObject({ stageKey: 'initial_contact', version: 1 });
  });
});
