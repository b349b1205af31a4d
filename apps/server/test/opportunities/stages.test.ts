import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { auditOf, customerIn, move, newOpportunity, NOV_2, ok, oppWorld } from './opportunities-world.ts';

/** LEAD-4: the tenant's pipeline stages, loss reasons and settings. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOV_2);
});
afterAll(async () => {
  await t.app.close();
});

const stagesOf = async (w: { admin: { get(u: string): Promise<any> } }) => ok(await w.admin.get('/api/v1/opportunity-stages')).items as any[];

describe('default stages and loss reasons', () => {
  it('gives a tenant the furniture pipeline and loss reasons on first use', async () => {
    const w = await oppWorld(t);
    const stages = await stagesOf(w);
    expect(stages.map((s) => [s.key, s.name, s.probability, s.kind, s.enabled])).toEqual([
      ['initial_contact', '初步接洽', 10, 'open', true],
      ['needs_confirmed', '需求确认', 20, 'open', true],
      ['measurement', '上门量尺', 40, 'open', true],
      ['design', '方案设计', 60, 'open', true],
      ['store_visit', '到店体验', 70, 'open', true],
      ['negotiation', '报价谈判', 80, 'open', true],
      ['won', '赢单', 100, 'won', true],
      ['lost', '输单', 0, 'lost', true],
    ]);
    const reasons = ok(await w.admin.get('/api/v1/opportunity-loss-reasons')).items;
    expect(reasons.map((r: { code: string; label: string }) => `${r.code}:${r.label}`)).toEqual([
      'price:价格', 'competitor:竞品', 'style_mismatch:款式不合适', 'delivery_time:交期', 'budget_cancelled:预算取消', 'no_response:无回应', 'other:其他',
    ]);
    expect(ok(await w.admin.get('/api/v1/opportunity-settings'))).toEqual({ stalledDays: 14 });
  });

  it('makes the defaults exactly once when several first uses race', async () => {
    const w = await oppWorld(t);
    const results = await Promise.all([
      w.admin.get('/api/v1/opportunity-stages'),
      w.admin.get('/api/v1/opportunity-loss-reasons'),
      w.admin.get('/api/v1/opportunity-stages'),
      w.admin.get('/api/v1/opportunities/board'),
      w.admin.get('/api/v1/opportunity-settings'),
    ]);
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const counts = await t.deps.db.pool.query(
      `SELECT (SELECT count(*) FROM opportunity_stages WHERE tenant_id = $1)::int AS stages,
              (SELECT count(*) FROM opportunity_loss_reasons WHERE tenant_id = $1)::int AS reasons,
              (SELECT count(*) FROM opportunity_settings WHERE tenant_id = $1)::int AS settings`,
      [w.tenant.id],
    );
    expect(counts.rows[0]).toEqual({ stages: 8, reasons: 7, settings: 1 });
  });
});

describe('configuring stages (opportunities:admin)', () => {
  it('adds, renames, re-weighs, reorders and disables open stages, with audit rows', async () => {
    const w = await oppWorld(t);
    const added = ok(await w.admin.post('/api/v1/opportunity-stages', { key: 'deposit', name: '交定金', probability: 90 }), 201);
    expect(added).toMatchObject({ key: 'deposit', kind: 'open', probability: 90, position: 70, enabled: true });
    const auto = ok(await w.admin.post('/api/v1/opportunity-stages', { name: '复尺', probability: 50, position: 35 }), 201);
    expect(auto.key).toBe('stage_1');
    let stages = await stagesOf(w);
    expect(stages.map((s) => s.key)).toEqual(['initial_contact', 'needs_confirmed', 'measurement', 'stage_1', 'design', 'store_visit', 'negotiation', 'deposit', 'won', 'lost']);

    const design = stages.find((s) => s.key === 'design');
    ok(await w.admin.patch(`/api/v1/opportunity-stages/${design.id}`, { name: '效果图设计', probability: 55 }));
    const open = stages.filter((s) => s.kind === 'open');
    const order = [open[1], open[0], ...open.slice(2)].map((s) => s.id);
    const reordered = ok(await w.admin.post('/api/v1/opportunity-stages/reorder', { ids: order })).items;
    expect(reordered.map((s: { key: string; position: number }) => `${s.key}@${s.position}`)).toEqual([
      'needs_confirmed@10', 'initial_contact@20', 'measurement@30', 'stage_1@40', 'design@50', 'store_visit@60', 'negotiation@70', 'deposit@80', 'won@900', 'lost@910',
    ]);
    ok(await w.admin.patch(`/api/v1/opportunity-stages/${auto.id}`, { enabled: false }));
    stages = await stagesOf(w);
    expect(stages.find((s) => s.key === 'stage_1').enabled).toBe(false);
    expect(stages.find((s) => s.key === 'design')).toMatchObject({ name: '效果图设计', probability: 55 });
    // The board shows enabled open stages only.
    const board = ok(await w.admin.get('/api/v1/opportunities/board'));
    expect(board.columns.map((c: { stage: { key: string } }) => c.stage.key)).toEqual(['needs_confirmed', 'initial_contact', 'measurement', 'design', 'store_visit', 'negotiation', 'deposit']);

    const audit = await auditOf(t, 'opportunityStage', design.id);
    expect(audit.map((a) => a.action)).toEqual(['opportunityStage.updated']);
    expect(audit[0].changes).toEqual(expect.arrayContaining([{ field: 'name', before: '方案设计', after: '效果图设计' }, { field: 'probability', before: 60, after: 55 }]));
    const reorder = (await auditOf(t, 'opportunityStage', null, w.tenant.id)).find((a) => a.action === 'opportunityStage.reordered');
    expect(reorder?.changes[0]).toMatchObject({ field: 'order', after: ['needs_confirmed', 'initial_contact', 'measurement', 'stage_1', 'design', 'store_visit', 'negotiation', 'deposit'] });
  });

  it('deletes an unused stage, but refuses (409) to delete one an opportunity is or was in: it can only be disabled', async () => {
    const w = await oppWorld(t);
    const spare = ok(await w.admin.post('/api/v1/opportunity-stages', { key: 'spare', name: '备用', probability: 30 }), 201);
    ok(await w.admin.delete(`/api/v1/opportunity-stages/${spare.id}`));
    expect((await stagesOf(w)).some((s) => s.key === 'spare')).toBe(false);
    expect((await auditOf(t, 'opportunityStage', spare.id)).map((a) => a.action)).toEqual(['opportunityStage.created', 'opportunityStage.deleted']);

    const c = await customerIn(w.admin, w.store.id);
    const o = await newOpportunity(w.admin, { customerId: c.id });
    const stages = await stagesOf(w);
    const first = stages.find((s) => s.key === 'initial_contact');
    const second = stages.find((s) => s.key === 'needs_confirmed');
    const err = expectErrorBody(await w.admin.delete(`/api/v1/opportunity-stages/${first.id}`), 409, 'conflict');
    expect(err.params).toMatchObject({ reason: 'stage_in_use' });
    // Once moved on, the stage it was in still has history: still 409.
    await move(w.admin, o, 'needs_confirmed');
    expectErrorBody(await w.admin.delete(`/api/v1/opportunity-stages/${first.id}`), 409, 'conflict');
    ok(await w.admin.patch(`/api/v1/opportunity-stages/${first.id}`, { enabled: false }));
    // A disabled stage is no longer a target.
    const now = ok(await w.admin.get(`/api/v1/opportunities/${o.id}`));
    const refused = expectErrorBody(await w.admin.post(`/api/v1/opportunities/${o.id}/stage`, { stageKey: 'initial_contact', version: now.version }), 409, 'conflict');
    expect(refused.params).toMatchObject({ reason: 'stage_disabled' });
    // Disabling the stage it left does not move the opportunity, and the stage it is in stays a target.
    expect(now.stageKey).toBe('needs_confirmed');
    expect(second.enabled).toBe(true);
  });

  it('keeps the won and lost stages: name only, never disabled or deleted (409)', async () => {
    const w = await oppWorld(t);
    const stages = await stagesOf(w);
    const won = stages.find((s) => s.kind === 'won');
    const lost = stages.find((s) => s.kind === 'lost');
    ok(await w.admin.patch(`/api/v1/opportunity-stages/${won.id}`, { name: '签单' }));
    expect(expectErrorBody(await w.admin.patch(`/api/v1/opportunity-stages/${won.id}`, { probability: 90 }), 409, 'conflict').params).toMatchObject({ reason: 'closing_stage' });
    expectErrorBody(await w.admin.patch(`/api/v1/opportunity-stages/${lost.id}`, { enabled: false }), 409, 'conflict');
    expectErrorBody(await w.admin.delete(`/api/v1/opportunity-stages/${lost.id}`), 409, 'conflict');
    expect((await stagesOf(w)).find((s) => s.kind === 'won')).toMatchObject({ name: '签单', probability: 100, enabled: true });
  });

  it('keeps at least one open stage enabled (409)', async () => {
    const w = await oppWorld(t);
    const open = (await stagesOf(w)).filter((s) => s.kind === 'open');
    for (const s of open.slice(1)) ok(await w.admin.patch(`/api/v1/opportunity-stages/${s.id}`, { enabled: false }));
    expect(expectErrorBody(await w.admin.patch(`/api/v1/opportunity-stages/${open[0].id}`, { enabled: false }), 409, 'conflict').params).toMatchObject({ reason: 'last_open_stage' });
  });

  it('refuses bad input with field paths (422)', async () => {
    const w = await oppWorld(t);
    const bad = await w.admin.post('/api/v1/opportunity-stages', { key: 'Bad Key', name: '', probability: 120 });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.key', 'body.name', 'body.probability']);
    expect(issuePaths(await w.admin.post('/api/v1/opportunity-stages', { key: 'design', name: '重复', probability: 50 }))).toEqual(['body.key']);
    expect(issuePaths(await w.admin.patch(`/api/v1/opportunity-stages/${(await stagesOf(w))[0].id}`, { probability: 12.5 }))).toEqual(['body.probability']);
    const open = (await stagesOf(w)).filter((s) => s.kind === 'open');
    const missing = await w.admin.post('/api/v1/opportunity-stages/reorder', { ids: open.slice(1).map((s) => s.id) });
    expect(issuePaths(missing)).toEqual(['body.ids']);
    const twice = await w.admin.post('/api/v1/opportunity-stages/reorder', { ids: [open[0].id, open[0].id, ...open.slice(2).map((s) => s.id)] });
    expect(issuePaths(twice)).toEqual(['body.ids.1']);
    const won = (await stagesOf(w)).find((s) => s.kind === 'won');
    expect(issuePaths(await w.admin.post('/api/v1/opportunity-stages/reorder', { ids: [...open.map((s) => s.id), won.id] }))).toEqual(['body.ids.6']);
    expect(issuePaths(await w.admin.patch('/api/v1/opportunity-settings', { stalledDays: 0 }))).toEqual(['body.stalledDays']);
  });

  it('answers 403 to users without opportunities:admin, and 404 for another tenant’s stage', async () => {
    const w = await oppWorld(t);
    const manager = (await w.user(w.store.id, '店长')).client;
    expect(ok(await manager.get('/api/v1/opportunity-stages')).items).toHaveLength(8);
    expectErrorBody(await manager.post('/api/v1/opportunity-stages', { name: '新阶段', probability: 50 }), 403, 'forbidden');
    const stage = (await stagesOf(w))[0];
    expectErrorBody(await manager.patch(`/api/v1/opportunity-stages/${stage.id}`, { name: '改名' }), 403, 'forbidden');
    expectErrorBody(await manager.patch('/api/v1/opportunity-settings', { stalledDays: 3 }), 403, 'forbidden');
    expectErrorBody(await manager.post('/api/v1/opportunity-loss-reasons', { label: '风水' }), 403, 'forbidden');
    const other = await oppWorld(t, '别家');
    expectErrorBody(await other.admin.patch(`/api/v1/opportunity-stages/${stage.id}`, { name: '越权' }), 404, 'not_found');
    expectErrorBody(await other.admin.delete(`/api/v1/opportunity-stages/${stage.id}`), 404, 'not_found');
    expect((await stagesOf(w))[0].name).toBe('初步接洽');
  });
});

describe('loss reasons and settings', () => {
  it('adds, relabels and disables reasons; a reason in use is not deleted (409); settings change with an audit row', async () => {
    const w = await oppWorld(t);
    const fengshui = ok(await w.admin.post('/api/v1/opportunity-loss-reasons', { label: '风水不合' }), 201);
    expect(fengshui).toMatchObject({ code: 'reason_1', label: '风水不合', position: 80, enabled: true });
    ok(await w.admin.patch(`/api/v1/opportunity-loss-reasons/${fengshui.id}`, { label: '风水' }));
    const c = await customerIn(w.admin, w.store.id);
    const o = await newOpportunity(w.admin, { customerId: c.id });
    await move(w.admin, o, 'lost', { lossReason: 'reason_1', lossNote: '朝向不好' });
    expect(expectErrorBody(await w.admin.delete(`/api/v1/opportunity-loss-reasons/${fengshui.id}`), 409, 'conflict').params).toMatchObject({ reason: 'reason_in_use' });
    const unused = ok(await w.admin.get('/api/v1/opportunity-loss-reasons')).items.find((r: { code: string }) => r.code === 'other');
    ok(await w.admin.delete(`/api/v1/opportunity-loss-reasons/${unused.id}`));
    ok(await w.admin.patch(`/api/v1/opportunity-loss-reasons/${fengshui.id}`, { enabled: false }));
    // A disabled reason is no longer offered when losing.
    const o2 = await newOpportunity(w.admin, { customerId: c.id });
    expect(issuePaths(await w.admin.post(`/api/v1/opportunities/${o2.id}/stage`, { stageKey: 'lost', version: o2.version, lossReason: 'reason_1' }))).toEqual(['body.lossReason']);

    expect(ok(await w.admin.patch('/api/v1/opportunity-settings', { stalledDays: 21 }))).toEqual({ stalledDays: 21 });
    const audit = await auditOf(t, 'opportunitySettings', null, w.tenant.id);
    expect(audit.map((a) => [a.action, a.changes])).toEqual([['opportunitySettings.updated', [{ field: 'stalledDays', before: 14, after: 21 }]]]);
  });
});
