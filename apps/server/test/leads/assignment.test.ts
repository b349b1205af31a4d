import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { newTenant, type TestApp, testApp } from '../helpers.ts';
import { auditOf, capture, disableUser, HANGZHOU, leadsWorld, lockUser, NINGBO, notificationsOf, ok, rule, SHANGHAI } from './leads-world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const MINUTE = 60_000;

describe('assignment rules (LEAD-1)', () => {
  it('store_by_region sends a lead to the store of its city (else its province) and there to the staff member with the fewest open leads', async () => {
    const w = await leadsWorld(t);
    const busy = await w.user(w.shanghai.id, '导购');
    const free = await w.user(w.shanghai.id, '导购');
    const hz = await w.user(w.hangzhou.id, '导购');
    await capture(w.admin, { storeId: w.shanghai.id, assigneeId: busy.user.id });
    await rule(w.admin, { strategy: 'store_by_region' });

    const sh = await capture(w.admin, { ...SHANGHAI, address: '浦东新区世纪大道 100 号' });
    expect(sh.storeId).toBe(w.shanghai.id);
    expect(sh.assigneeId).toBe(free.user.id);
    expect(sh.assignment).toMatchObject({ strategy: 'store_by_region', ruleName: expect.any(String) });

    // No store in 宁波: the province's store (杭州) takes it.
    const nb = await capture(w.admin, NINGBO);
    expect([nb.storeId, nb.assigneeId]).toEqual([w.hangzhou.id, hz.user.id]);

    // A chosen store wins over the address.
    const chosen = await capture(w.admin, { ...SHANGHAI, storeId: w.hangzhou.id });
    expect([chosen.storeId, chosen.assigneeId]).toEqual([w.hangzhou.id, hz.user.id]);
  });

  it('round robin gives the team their turns in order and skips disabled, locked-out and out-of-store users', async () => {
    const w = await leadsWorld(t);
    const [a, b, c, d] = await Promise.all([w.user(w.shanghai.id, '导购'), w.user(w.shanghai.id, '导购'), w.user(w.shanghai.id, '导购'), w.user(w.hangzhou.id, '导购')]);
    await rule(w.admin, { strategy: 'round_robin', userIds: [a.user.id, b.user.id, c.user.id, d.user.id] });
    const next = async (body = {}) => (await capture(w.admin, { storeId: w.shanghai.id, ...body })).assigneeId;

    // d works in 杭州: a 上海 lead never reaches them.
    expect([await next(), await next(), await next(), await next()]).toEqual([a.user.id, b.user.id, c.user.id, a.user.id]);
    await disableUser(w.admin, b.user.id);
    await lockUser(t, c.user.id, new Date(t.clock.now().getTime() + 30 * MINUTE));
    expect([await next(), await next()]).toEqual([a.user.id, a.user.id]);
    // The lock runs out: c's turn comes back.
    t.clock.advance(31 * MINUTE);
    expect([await next(), await next()]).toEqual([c.user.id, a.user.id]);
    // A lead without a store may go to anyone of the team.
    expect(await next({ storeId: null })).toBe(c.user.id);
    expect(await next({ storeId: null })).toBe(d.user.id);
  });

  it('takes turns without duplicates or skips when ten leads arrive at once', async () => {
    const w = await leadsWorld(t);
    const team = await Promise.all([0, 1, 2, 3, 4].map(() => w.user(w.shanghai.id, '导购')));
    await rule(w.admin, { strategy: 'round_robin', userIds: team.map((u) => u.user.id) });
    const leads = await Promise.all(Array.from({ length: 10 }, () => capture(w.admin, { storeId: w.shanghai.id, source: 'website' })));
    const per = new Map<string, number>();
    for (const l of leads) per.set(l.assigneeId!, (per.get(l.assigneeId!) ?? 0) + 1);
    expect([...per.values()]).toEqual([2, 2, 2, 2, 2]);
    // In the order the captures were serialised (their trail rows' order), the turns went round twice in team order.
    const r = await t.deps.db.pool.query("SELECT meta->>'to' AS to FROM audit_log WHERE tenant_id = $1 AND action = 'lead.assigned' ORDER BY id", [w.tenant.id]);
    const ids = team.map((u) => u.user.id);
    expect(r.rows.map((x) => x.to)).toEqual([...ids, ...ids]);
  });

  it('least open picks the fewest open leads; ties go to the one assigned longest ago, then by id; closed leads do not count', async () => {
    const w = await leadsWorld(t);
    const [x, y] = await Promise.all([w.user(w.shanghai.id, '导购'), w.user(w.shanghai.id, '导购')]);
    const [first, second] = [x.user.id, y.user.id].sort();
    await rule(w.admin, { strategy: 'least_open', userIds: [x.user.id, y.user.id] });
    const next = async () => capture(w.admin, { storeId: w.shanghai.id });

    // Nobody has a lead yet: by id.
    const l1 = await next();
    expect(l1.assigneeId).toBe(first);
    t.clock.advance(MINUTE);
    const l2 = await next();
    expect(l2.assigneeId).toBe(second);
    // Both have one: the one assigned longest ago (first).
    t.clock.advance(MINUTE);
    const l3 = await next();
    expect(l3.assigneeId).toBe(first);
    // first has two open, second one; second's lead is lost (closed leads do not count): 2 : 0 → second, twice.
    ok(await w.admin.post(`/api/v1/leads/${l2.id}/status`, { status: 'lost', reason: '已在别家购买' }));
    t.clock.advance(MINUTE);
    expect((await next()).assigneeId).toBe(second);
    t.clock.advance(MINUTE);
    expect((await next()).assigneeId).toBe(second);
    // 2 : 2 — first was assigned longest ago.
    t.clock.advance(MINUTE);
    expect((await next()).assigneeId).toBe(first);
  });

  it('least open over a store’s staff, skipping disabled users', async () => {
    const w = await leadsWorld(t);
    const [p, q] = await Promise.all([w.user(w.hangzhou.id, '导购'), w.user(w.hangzhou.id, '导购')]);
    await w.user(w.shanghai.id, '导购');
    await rule(w.admin, { strategy: 'least_open', poolStoreId: w.hangzhou.id, sources: ['exhibition'] });
    await disableUser(w.admin, p.user.id);
    const l = await capture(w.admin, { source: 'exhibition', sourceDetail: { exhibition: '上海家博会' } });
    expect(l.assigneeId).toBe(q.user.id);
    // The lead takes its assignee's store.
    expect(l.storeId).toBe(w.hangzhou.id);
  });

  it('evaluates rules in order: conditions on source, province/city and chosen store; disabled rules and rules nobody can serve fall through', async () => {
    const w = await leadsWorld(t);
    const [a, b, c] = await Promise.all([w.user(w.shanghai.id, '导购'), w.user(w.hangzhou.id, '导购'), w.user(w.hangzhou.id, '导购')]);
    const off = await rule(w.admin, { strategy: 'round_robin', userIds: [a.user.id], enabled: false });
    const web = await rule(w.admin, { strategy: 'round_robin', userIds: [b.user.id], sources: ['website'], cityCodes: [HANGZHOU.cityCode] });
    const dead = await rule(w.admin, { strategy: 'round_robin', userIds: [a.user.id], storeIds: [w.hangzhou.id] });
    const store = await rule(w.admin, { strategy: 'least_open', userIds: [c.user.id], storeIds: [w.hangzhou.id] });

    expect((await capture(w.admin, { source: 'website', ...HANGZHOU })).assignment.ruleId).toBe(web.id);
    // Same city, other source: no rule but the store rules, which need the chosen store.
    const phone = await capture(w.admin, { source: 'phone', ...HANGZHOU });
    expect([phone.assigneeId, phone.assignment.ruleId]).toEqual([null, null]);
    // Chosen store 杭州: a (上海) cannot serve it, so the next rule does.
    const walkIn = await capture(w.admin, { source: 'store_walk_in', storeId: w.hangzhou.id });
    expect([walkIn.assigneeId, walkIn.assignment.ruleId]).toEqual([c.user.id, store.id]);
    expect([off.id, dead.id]).not.toContain(walkIn.assignment.ruleId);
  });

  it('leaves a lead no rule can place in the queue, with the store found for its address; managers see the queue, 导购 do not', async () => {
    const w = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const guide = await w.user(w.shanghai.id, '导购');
    await disableUser(w.admin, guide.user.id);
    await rule(w.admin, { strategy: 'store_by_region' });
    // The store's only worker besides the manager is disabled; the manager holds leads:edit, so retire the manager too.
    await disableUser(w.admin, manager.user.id);
    const l = await capture(w.admin, { ...SHANGHAI });
    expect(l.assigneeId).toBeNull();
    expect(l.storeId).toBe(w.shanghai.id);
    expect(l.assignment).toEqual({ ruleId: null, ruleName: null, strategy: null });
    expect(await notificationsOf(t, l.id)).toEqual([]);

    const m2 = await w.user(w.shanghai.id, '店长');
    const g2 = await w.user(w.shanghai.id, '导购');
    const queue = ok(await m2.client.get('/api/v1/leads?queue=unassigned'));
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([l.id]);
    expect(ok(await g2.client.get('/api/v1/leads?queue=unassigned')).items).toEqual([]);
    expectErrorBody(await g2.client.get(`/api/v1/leads/${l.id}`), 404, 'not_found');
    // Without any rule at all, too.
    const other = await newTenant(t, '无规则');
    const bare = ok(await other.admin.post('/api/v1/leads', { name: '李先生', phones: ['13600001111'], source: 'phone' }), 201);
    expect([bare.assigneeId, bare.storeId]).toEqual([null, null]);
  });

  it('puts a notification in the assignee’s inbox with the lead’s link, once per assignment; nobody is told about what they did themselves', async () => {
    const w = await leadsWorld(t);
    const g = await w.user(w.shanghai.id, '导购');
    await rule(w.admin, { strategy: 'round_robin', userIds: [g.user.id] });
    const l = await capture(w.admin, { name: '赵女士', storeId: w.shanghai.id, source: 'website' });
    const inbox = await notificationsOf(t, l.id);
    expect(inbox).toEqual([
      { user_id: g.user.id, kind: 'lead.assigned', params: expect.objectContaining({ name: '赵女士', source: 'website', rule: expect.any(String) }), link: `/leads/${l.id}`, dedupe_key: `lead:${l.id}:assignment:1` },
    ]);
    // The unread inbox of the assignee lists it (the notifications routes read the same rows).
    const mine = await t.deps.db.pool.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [g.user.id]);
    expect(mine.rows[0].n).toBe(1);

    // A 导购 capturing for themselves is not notified.
    const own = await capture(g.client, { assigneeId: g.user.id });
    expect(own.assigneeId).toBe(g.user.id);
    expect(await notificationsOf(t, own.id)).toEqual([]);
  });
});

describe('manual assignment (leads:assign)', () => {
  it('assigns from the queue, reassigns with a reason, sends back to the queue — each trailed with from/to and shown in the history', async () => {
    const w = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const [g1, g2] = await Promise.all([w.user(w.shanghai.id, '导购'), w.user(w.shanghai.id, '导购')]);
    const l = await capture(manager.client, { assigneeId: null });
    expect([l.storeId, l.assigneeId]).toEqual([w.shanghai.id, null]);

    const picker = ok(await manager.client.get(`/api/v1/leads/${l.id}/assignees`));
    expect(picker.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([g1.user.id, g2.user.id, manager.user.id]));

    ok(await manager.client.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: g1.user.id }));
    const noReason = await manager.client.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: g2.user.id });
    expectErrorBody(noReason, 422, 'validation_failed');
    expect(issuePaths(noReason)).toEqual(['body.reason']);
    const moved = ok(await manager.client.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: g2.user.id, reason: '客户要求换人' }));
    expect(moved.assigneeId).toBe(g2.user.id);
    ok(await manager.client.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: null, reason: '休假' }));

    const trail = (await auditOf(t, l.id)).filter((r) => r.action !== 'lead.created');
    expect(trail.map((r) => r.action)).toEqual(['lead.assigned', 'lead.reassigned', 'lead.unassigned']);
    expect(trail[1].meta).toMatchObject({ from: g1.user.id, fromName: g1.user.displayName, to: g2.user.id, toName: g2.user.displayName, strategy: 'manual', reason: '客户要求换人' });
    expect(trail[1].changes).toContainEqual({ field: 'assigneeId', before: g1.user.id, after: g2.user.id });
    expect(trail[2].meta).toMatchObject({ from: g2.user.id, to: null, reason: '休假' });

    const inbox = await notificationsOf(t, l.id);
    expect(inbox.map((n) => [n.user_id, n.kind])).toEqual([
      [g1.user.id, 'lead.assigned'],
      [g2.user.id, 'lead.reassigned'],
    ]);
    expect(inbox[1].params).toMatchObject({ from: g1.user.displayName, reason: '客户要求换人' });

    const history = ok(await manager.client.get(`/api/v1/leads/${l.id}/history`));
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['lead.unassigned', 'lead.reassigned', 'lead.assigned', 'lead.created']);
  });

  it('trails the rule’s assignment at capture with the rule’s name', async () => {
    const w = await leadsWorld(t);
    const g = await w.user(w.shanghai.id, '导购');
    const r = await rule(w.admin, { name: '官网线索轮流', strategy: 'round_robin', userIds: [g.user.id] });
    const l = await capture(w.admin, { storeId: w.shanghai.id });
    const rows = await auditOf(t, l.id);
    expect(rows.map((x) => x.action)).toEqual(['lead.created', 'lead.assigned']);
    expect(rows[1].meta).toMatchObject({ from: null, to: g.user.id, toName: g.user.displayName, rule: '官网线索轮流', ruleId: r.id, strategy: 'round_robin' });
  });

  it('refuses assignees who cannot take the lead, closed leads, and callers without leads:assign', async () => {
    const w = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const [g, far, gone] = await Promise.all([w.user(w.shanghai.id, '导购'), w.user(w.hangzhou.id, '导购'), w.user(w.shanghai.id, '导购')]);
    await disableUser(w.admin, gone.user.id);
    const l = await capture(manager.client, { assigneeId: g.user.id });

    for (const who of [far.user.id, gone.user.id]) {
      const res = await manager.client.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: who, reason: '调整' });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(['body.assigneeId']);
    }
    // Moving to 杭州 is outside a 上海 manager's scope.
    const move = await manager.client.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: far.user.id, storeId: w.hangzhou.id, reason: '调店' });
    expect(issuePaths(move)).toEqual(['body.storeId']);
    // The administrator may move it, with a 杭州 assignee.
    const moved = ok(await w.admin.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: far.user.id, storeId: w.hangzhou.id, reason: '客户在杭州' }));
    expect([moved.storeId, moved.assigneeId]).toEqual([w.hangzhou.id, far.user.id]);

    expectErrorBody(await g.client.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: g.user.id }), 403, 'forbidden');
    // Assigning someone else at capture needs leads:assign as well; oneself is fine.
    expectErrorBody(await g.client.post('/api/v1/leads', { name: '孙先生', phones: ['13700002222'], source: 'phone', assigneeId: manager.user.id }), 403, 'forbidden');

    ok(await w.admin.post(`/api/v1/leads/${l.id}/status`, { status: 'invalid', reason: '空号' }));
    const closed = await w.admin.post(`/api/v1/leads/${l.id}/assign`, { assigneeId: null, reason: 'x' });
    expectErrorBody(closed, 409, 'conflict');
  });
});

describe('assignment rule settings (leads:admin)', () => {
  it('keeps the rules in order: added last, reordered, disabled; audited', async () => {
    const w = await leadsWorld(t);
    const g = await w.user(w.shanghai.id, '导购');
    const r1 = await rule(w.admin, { name: '按区域', strategy: 'store_by_region' });
    const r2 = await rule(w.admin, { name: '官网轮流', strategy: 'round_robin', userIds: [g.user.id], sources: ['website'] });
    let list = ok(await w.admin.get('/api/v1/lead-assignment-rules'));
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([r1.id, r2.id]);
    expect(list.items[1].users).toEqual([{ id: g.user.id, displayName: g.user.displayName, status: 'active' }]);

    list = ok(await w.admin.post('/api/v1/lead-assignment-rules/reorder', { ids: [r2.id, r1.id] }));
    expect(list.items.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([
      [r2.id, 10],
      [r1.id, 20],
    ]);
    const off = ok(await w.admin.patch(`/api/v1/lead-assignment-rules/${r2.id}`, { enabled: false }));
    expect(off.enabled).toBe(false);
    const audit = await t.deps.db.pool.query("SELECT action FROM audit_log WHERE entity_type = 'leadAssignmentRule' AND entity_id = $1 ORDER BY id", [r2.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['leadAssignmentRule.created', 'leadAssignmentRule.reordered', 'leadAssignmentRule.updated']);
    ok(await w.admin.delete(`/api/v1/lead-assignment-rules/${r1.id}`));
    expect(ok(await w.admin.get('/api/v1/lead-assignment-rules')).items).toHaveLength(1);
  });

  it('refuses rules that do not fit their strategy or name users and stores of another tenant (422), and callers without leads:admin (403)', async () => {
    const w = await leadsWorld(t);
    const other = await leadsWorld(t);
    const stranger = await other.user(other.shanghai.id, '导购');
    const bad = async (body: Record<string, unknown>, paths: string[]) => {
      const res = await w.admin.post('/api/v1/lead-assignment-rules', { name: '坏规则', ...body });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(paths);
    };
    await bad({ strategy: 'round_robin' }, ['body.userIds']);
    await bad({ strategy: 'least_open' }, ['body.userIds']);
    await bad({ strategy: 'round_robin', userIds: [stranger.user.id] }, ['body.userIds.0']);
    await bad({ strategy: 'store_by_region', storeIds: [other.shanghai.id] }, ['body.storeIds.0']);
    await bad({ strategy: 'round_robin', userIds: [], poolStoreId: w.shanghai.id }, ['body.userIds', 'body.poolStoreId']);
    await bad({ strategy: 'teleport' }, ['body.strategy']);
    await bad({ strategy: 'store_by_region', cityCodes: ['3301'] }, ['body.cityCodes.0']);
    const r = await rule(w.admin, { strategy: 'store_by_region' });
    const reorder = await w.admin.post('/api/v1/lead-assignment-rules/reorder', { ids: [r.id, other.region.id] });
    expect(issuePaths(reorder)).toEqual(['body.ids.1']);

    const manager = await w.user(w.shanghai.id, '店长');
    expectErrorBody(await manager.client.get('/api/v1/lead-assignment-rules'), 403, 'forbidden');
    expectErrorBody(await manager.client.post('/api/v1/lead-assignment-rules', { name: 'x', strategy: 'store_by_region' }), 403, 'forbidden');
    // Another tenant's administrator cannot reach the rule.
    expectErrorBody(await other.admin.patch(`/api/v1/lead-assignment-rules/${r.id}`, { enabled: false }), 404, 'not_found');
  });
});
