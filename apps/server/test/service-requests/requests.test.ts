import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp, uniq, userIn } from '../helpers.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { addCustomerReply, confirmByCustomer, createRequest, isRequestVisible, reopenByCustomer, requestProgressForCustomer, requestsOfCustomer } from '../../src/modules/service-requests/index.ts';
import { auditOf, customerIn, eventsOf, MINUTE, MONDAY_10, newRequest, ok, requestsWorld } from './requests-world.ts';

/** SVC-1 and SVC-3: requests, their timeline, statuses, confirmation and satisfaction; scope, permissions, bad input. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(MONDAY_10);
});
afterAll(async () => {
  await t.app.close();
});

const at = (iso: string | null) => (iso ? new Date(iso).toISOString() : null);

describe('creating a request', () => {
  it('numbers it by day, puts it in the customer’s store queue, starts its SLA clocks, and records audit, timeline and event', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const customer = await customerIn(w.admin, w.store.id);
    const r = await newRequest(w.admin, { customerId: customer.id, type: 'product_complaint', priority: 'high', description: '沙发扶手开裂' });
    expect(r.number).toBe('SR202611230001');
    expect(r).toMatchObject({ status: 'new', storeId: w.store.id, storeName: w.store.name, assigneeId: null, customerName: '张先生', priority: 'high' });
    // Built-in targets for high priority: 60 / 540 business minutes (Mon–Sat 09:00–18:00).
    expect(r.sla.firstResponseTargetMinutes).toBe(60);
    expect(at(r.sla.firstResponseDueAt)).toBe('2026-11-23T03:00:00.000Z');
    expect(at(r.sla.resolutionDueAt)).toBe('2026-11-24T02:00:00.000Z');
    expect(r.sla.firstResponseBreached).toBe(false);
    const second = await newRequest(w.admin, { customerId: customer.id });
    expect(second.number).toBe('SR202611230002');

    const audit = await auditOf(t, r.id);
    expect(audit[0].action).toBe('serviceRequest.created');
    expect(audit[0].changes.find((c) => c.field === 'subject')?.after).toBe('沙发保养咨询');
    const events = await eventsOf(t, r.id);
    expect(events.map((e) => e.type)).toEqual(['request.created']);
    expect(events[0].payload).toMatchObject({ requestId: r.id, requestNo: r.number, type: 'product_complaint', customerId: customer.id, storeId: w.store.id, orderId: null });
    const detail = ok(await w.admin.get(`/api/v1/requests/${r.id}`));
    expect(detail.activities.map((a: { kind: string }) => a.kind)).toEqual(['created']);
  });

  it('defaults the store to the creator’s store, and feedback has no SLA by default', async () => {
    const w = await requestsWorld(t);
    const manager = await w.user(w.store.id, '店长');
    const praise = await newRequest(manager.client, { type: 'praise', channel: 'store', subject: '送货师傅很专业' });
    expect(praise.storeId).toBe(w.store.id);
    expect(praise.sla).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, firstResponseBreached: false });
    const fromHq = await newRequest(w.admin);
    expect(fromHq.storeId).toBeNull();
  });

  it('refuses bad input with the field paths (422) and changes nothing', async () => {
    const w = await requestsWorld(t);
    const bad = await w.admin.post('/api/v1/requests', { type: 'rumour', channel: 'fax', subject: '', priority: 'now' });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.channel', 'body.priority', 'body.subject', 'body.type']);

    const other = await requestsWorld(t);
    const foreign = await customerIn(other.admin, other.store.id);
    const res = await w.admin.post('/api/v1/requests', { type: 'consultation', channel: 'phone', subject: '咨询', customerId: foreign.id });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.customerId']);

    // A store user may not file into another store, nor see another store's customer.
    const manager = await w.user(w.store.id, '店长');
    const elsewhere = await customerIn(w.admin, w.other.id, '李女士');
    expect(issuePaths(await manager.client.post('/api/v1/requests', { type: 'consultation', channel: 'phone', subject: '咨询', storeId: w.other.id }))).toEqual(['body.storeId']);
    expect(issuePaths(await manager.client.post('/api/v1/requests', { type: 'consultation', channel: 'phone', subject: '咨询', customerId: elsewhere.id }))).toEqual(['body.customerId']);
    // An assignee who cannot serve the store (a sibling store's user) is refused.
    const sibling = await w.user(w.other.id, '导购');
    const wrong = await w.admin.post('/api/v1/requests', { type: 'consultation', channel: 'phone', subject: '咨询', storeId: w.store.id, assigneeId: sibling.user.id });
    expect(issuePaths(wrong)).toEqual(['body.assigneeId']);
    const count = await t.deps.db.pool.query('SELECT count(*)::int AS n FROM service_requests WHERE tenant_id = $1', [w.tenant.id]);
    expect(count.rows[0].n).toBe(0);
  });

  it('is available to other modules as createRequest(ctx, input), with the same validation', async () => {
    const w = await requestsWorld(t);
    const customer = await customerIn(w.admin, w.store.id);
    const ctx = systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'self-service');
    const r = await createRequest(ctx, { type: 'service_complaint', channel: 'self_service', subject: '安装师傅迟到', customerId: customer.id });
    expect(r).toMatchObject({ storeId: w.store.id, status: 'new', createdById: null });
    await expect(createRequest(ctx, { type: 'x', channel: 'web', subject: 'y' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('permissions and scope', () => {
  it('answers 403 without the permission', async () => {
    const w = await requestsWorld(t);
    const role = await createRole(w.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const nobody = (await userIn(t, w.admin, w.code, w.hq.id, role.name)).client;
    const r = await newRequest(w.admin);
    expectErrorBody(await nobody.get('/api/v1/requests'), 403, 'forbidden');
    expectErrorBody(await nobody.get(`/api/v1/requests/${r.id}`), 403, 'forbidden');
    expectErrorBody(await nobody.post('/api/v1/requests', { type: 'consultation', channel: 'phone', subject: 'x' }), 403, 'forbidden');
    expectErrorBody(await nobody.get('/api/v1/request-review?from=2026-11-01&to=2026-11-30'), 403, 'forbidden');
    // A salesperson works requests but does not administer routing or SLA, nor review.
    const sales = (await w.user(w.store.id, '导购')).client;
    expectErrorBody(await sales.get('/api/v1/request-routing-rules'), 403, 'forbidden');
    expectErrorBody(await sales.post('/api/v1/request-sla-policies', { firstResponseMinutes: 10, resolutionMinutes: 60 }), 403, 'forbidden');
    expectErrorBody(await sales.patch('/api/v1/request-settings', { causes: ['x'] }), 403, 'forbidden');
    expectErrorBody(await sales.get('/api/v1/request-review?from=2026-11-01&to=2026-11-30'), 403, 'forbidden');
    // Viewers without requests:edit cannot act on a request.
    const viewerRole = await createRole(w.admin, { permissions: ['requests:view'], dataScope: 'tenant' });
    const viewer = (await userIn(t, w.admin, w.code, w.hq.id, viewerRole.name)).client;
    ok(await viewer.get(`/api/v1/requests/${r.id}`));
    expectErrorBody(await viewer.post(`/api/v1/requests/${r.id}/activities`, { kind: 'note', body: '看看' }), 403, 'forbidden');
  });

  it('shows a store user only their store’s requests (404 otherwise); a salesperson sees their own and the store queue', async () => {
    const w = await requestsWorld(t);
    const manager = await w.user(w.store.id, '店长');
    const sales = await w.user(w.store.id, '导购');
    const colleague = await w.user(w.store.id, '导购');
    const mine = await newRequest(w.admin, { storeId: w.store.id, assigneeId: sales.user.id, subject: '我的' });
    const queued = await newRequest(w.admin, { storeId: w.store.id, subject: '门店队列' });
    const theirs = await newRequest(w.admin, { storeId: w.store.id, assigneeId: colleague.user.id, subject: '同事的' });
    const elsewhere = await newRequest(w.admin, { storeId: w.other.id, subject: '别店' });

    const listed = (c: typeof w.admin, q = '') => c.get(`/api/v1/requests${q}`).then((r) => ok(r).items.map((i: { id: string }) => i.id).sort());
    expect(await listed(manager.client)).toEqual([mine.id, queued.id, theirs.id].sort());
    expect(await listed(sales.client)).toEqual([mine.id, queued.id].sort());
    expect(await listed(sales.client, '?queue=mine')).toEqual([mine.id]);
    expect(await listed(sales.client, '?queue=store')).toEqual([queued.id]);
    expectErrorBody(await manager.client.get(`/api/v1/requests/${elsewhere.id}`), 404, 'not_found');
    expectErrorBody(await sales.client.get(`/api/v1/requests/${theirs.id}`), 404, 'not_found');
    expectErrorBody(await sales.client.post(`/api/v1/requests/${theirs.id}/activities`, { kind: 'reply', body: '越权回复' }), 404, 'not_found');
    const regional = await w.user(w.region.id, '区域经理');
    expect(await listed(regional.client)).toEqual([mine.id, queued.id, theirs.id, elsewhere.id].sort());

    const ctxOf = (id: string, unitId: string, kind: 'unit' | 'own') => ({ ...systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'x'), scope: { kind, userId: id, unitId, unitPath: '' } });
    expect(await isRequestVisible(ctxOf(sales.user.id, w.store.id, 'own'), theirs.id)).toBe(false);
    expect(await isRequestVisible(ctxOf(sales.user.id, w.store.id, 'own'), mine.id)).toBe(true);
  });

  it('filters by status, type, priority, breach and text, and pages by cursor', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await newRequest(w.admin, { subject: `咨询${i}`, priority: i === 0 ? 'urgent' : 'normal', type: i === 1 ? 'price_inquiry' : 'consultation' }));
      t.clock.advance(1000);
    }
    t.clock.advance(45 * MINUTE); // the urgent one's 30-minute first response has run out
    const ids = async (q: string) => ok(await w.admin.get(`/api/v1/requests${q}`)).items.map((i: { id: string }) => i.id);
    expect(await ids('?breached=true')).toEqual([made[0].id]);
    expect(await ids('?type=price_inquiry')).toEqual([made[1].id]);
    expect(await ids('?priority=urgent')).toEqual([made[0].id]);
    expect(await ids(`?q=${made[3].number.toLowerCase()}`)).toEqual([made[3].id]);
    expect(await ids(`?q=${encodeURIComponent('咨询4')}`)).toEqual([made[4].id]);
    expect((await ids('?status=open')).length).toBe(5);
    const p1 = ok(await w.admin.get('/api/v1/requests?limit=2&withTotal=true'));
    expect(p1.total).toBe(5);
    const p2 = ok(await w.admin.get(`/api/v1/requests?limit=2&cursor=${p1.nextCursor}`));
    const p3 = ok(await w.admin.get(`/api/v1/requests?limit=2&cursor=${p2.nextCursor}`));
    expect([...p1.items, ...p2.items, ...p3.items].map((i: { id: string }) => i.id)).toEqual(made.map((m) => m.id).reverse());
    expect(p3.nextCursor).toBeNull();
    expectErrorBody(await w.admin.get('/api/v1/requests?cursor=bogus'), 422, 'validation_failed');
  });
});

describe('working a request', () => {
  it('takes a request from the queue, replies (first response), notes internally, waits for the customer with the clock paused, resolves, confirms and closes', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const customer = await customerIn(w.admin, w.store.id);
    const agent = await w.user(w.store.id, '导购');
    const r = await newRequest(w.admin, { customerId: customer.id, type: 'service_complaint', priority: 'normal' });
    expect(r.status).toBe('new');

    // Taking it: the caller becomes the assignee.
    let d = ok(await agent.client.post(`/api/v1/requests/${r.id}/status`, { status: 'in_progress' }));
    expect(d).toMatchObject({ status: 'in_progress', assigneeId: agent.user.id });

    t.clock.advance(30 * MINUTE);
    d = ok(await agent.client.post(`/api/v1/requests/${r.id}/activities`, { kind: 'note', body: '客户情绪激动，先安抚' }));
    expect(d.sla.firstResponseAt).toBeNull();
    d = ok(await agent.client.post(`/api/v1/requests/${r.id}/activities`, { kind: 'reply', body: '您好，我们已安排师傅明天上门' }));
    expect(d.sla.firstResponseMinutes).toBe(30);
    expect(at(d.sla.firstResponseAt)).toBe(new Date(Date.parse(MONDAY_10) + 30 * MINUTE).toISOString());
    t.clock.advance(10 * MINUTE);
    d = ok(await agent.client.post(`/api/v1/requests/${r.id}/activities`, { kind: 'reply', body: '补充：师傅上午到' }));
    expect(d.sla.firstResponseMinutes).toBe(30);

    // Waiting for the customer pauses the resolution clock: 2 business hours of waiting push the due time by 120 minutes.
    const dueBefore = Date.parse(d.sla.resolutionDueAt);
    d = ok(await agent.client.post(`/api/v1/requests/${r.id}/status`, { status: 'awaiting_customer' }));
    expect(d.sla.pausedAt).not.toBeNull();
    t.clock.advance(120 * MINUTE);
    d = ok(await agent.client.post(`/api/v1/requests/${r.id}/status`, { status: 'in_progress' }));
    expect(d.sla.pausedAt).toBeNull();
    expect(Date.parse(d.sla.resolutionDueAt) - dueBefore).toBe(120 * MINUTE);

    // A complaint is resolved with its cause.
    const noCause = await agent.client.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '已上门处理' });
    expectErrorBody(noCause, 422, 'validation_failed');
    expect(issuePaths(noCause)).toEqual(['body.cause']);
    t.clock.advance(20 * MINUTE);
    d = ok(await agent.client.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '已上门处理', cause: '安装不规范' }));
    expect(d).toMatchObject({ status: 'resolved', cause: '安装不规范', resolution: '已上门处理' });
    // 30 + 10 + 120 (paused, left out) + 20 business minutes since creation: 60.
    expect(d.sla.resolutionMinutes).toBe(60);

    expectErrorBody(await agent.client.post(`/api/v1/requests/${r.id}/confirm`, { satisfaction: 6 }), 422, 'validation_failed');
    d = ok(await agent.client.post(`/api/v1/requests/${r.id}/confirm`, { satisfaction: 4, comment: '处理及时' }));
    expect(d).toMatchObject({ status: 'closed', satisfaction: 4, customerComment: '处理及时' });
    expect(d.closedAt).not.toBeNull();
    expectErrorBody(await agent.client.post(`/api/v1/requests/${r.id}/reopen`, { reason: '又坏了' }), 409, 'conflict');
    expectErrorBody(await agent.client.post(`/api/v1/requests/${r.id}/activities`, { kind: 'reply', body: '还在吗' }), 409, 'conflict');

    const kinds = d.activities.map((a: { kind: string; public: boolean }) => `${a.kind}${a.public ? '' : '(internal)'}`);
    expect(kinds).toEqual(['created', 'status_change', 'note(internal)', 'reply', 'reply', 'status_change', 'status_change', 'status_change', 'confirmation']);
    const statuses = d.activities.filter((a: { toStatus: string | null }) => a.toStatus).map((a: { toStatus: string }) => a.toStatus);
    expect(statuses).toEqual(['new', 'in_progress', 'awaiting_customer', 'in_progress', 'resolved', 'closed']);

    const events = (await eventsOf(t, r.id)).map((e) => e.type).sort();
    expect(events).toEqual(['request.closed', 'request.created', 'request.resolved']);
    const actions = (await auditOf(t, r.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['serviceRequest.created', 'serviceRequest.in_progress', 'serviceRequest.noted', 'serviceRequest.replied', 'serviceRequest.awaiting_customer', 'serviceRequest.resolved', 'serviceRequest.closed']));
  });

  it('reopens a resolved request with a new resolution clock, and cancels only with a reason', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const agent = await w.user(w.store.id, '店长');
    const r = await newRequest(w.admin, { storeId: w.store.id, assigneeId: agent.user.id });
    expect(r.status).toBe('assigned');
    ok(await agent.client.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '已电话答复' }));
    t.clock.advance(60 * MINUTE);
    const d = ok(await agent.client.post(`/api/v1/requests/${r.id}/reopen`, { reason: '客户还有疑问' }));
    expect(d).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null });
    // Normal priority: 1620 business minutes from the reopening (Mon 11:00) → Thursday 11:00.
    expect(at(d.sla.resolutionDueAt)).toBe('2026-11-26T03:00:00.000Z');
    expectErrorBody(await agent.client.post(`/api/v1/requests/${r.id}/reopen`, { reason: '再开' }), 409, 'conflict');

    const missing = await agent.client.post(`/api/v1/requests/${r.id}/status`, { status: 'cancelled' });
    expect(issuePaths(missing)).toEqual(['body.reason']);
    const c = ok(await agent.client.post(`/api/v1/requests/${r.id}/status`, { status: 'cancelled', reason: '客户撤回' }));
    expect(c.status).toBe('cancelled');
    expectErrorBody(await agent.client.patch(`/api/v1/requests/${r.id}`, { subject: '改' }), 409, 'conflict');
  });

  it('assigns and unassigns by hand, refusing users who cannot serve the store, and recomputes SLA on a priority change', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const agent = await w.user(w.store.id, '导购');
    const sibling = await w.user(w.other.id, '导购');
    const regional = await w.user(w.region.id, '区域经理');
    const r = await newRequest(w.admin, { storeId: w.store.id });
    const candidates = ok(await w.admin.get(`/api/v1/requests/${r.id}/assignees`)).items.map((u: { id: string }) => u.id);
    expect(candidates).toContain(agent.user.id);
    expect(candidates).toContain(regional.user.id);
    expect(candidates).not.toContain(sibling.user.id);

    expect(issuePaths(await w.admin.post(`/api/v1/requests/${r.id}/assign`, { assigneeId: sibling.user.id }))).toEqual(['body.assigneeId']);
    let d = ok(await w.admin.post(`/api/v1/requests/${r.id}/assign`, { assigneeId: agent.user.id, note: '你跟进' }));
    expect(d).toMatchObject({ status: 'assigned', assigneeId: agent.user.id });
    d = ok(await w.admin.post(`/api/v1/requests/${r.id}/assign`, { assigneeId: null }));
    expect(d).toMatchObject({ status: 'new', assigneeId: null });
    const assigned = (await eventsOf(t, r.id)).filter((e) => e.type === 'request.assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0].payload).toMatchObject({ assigneeId: agent.user.id, fromAssigneeId: null });

    d = ok(await w.admin.patch(`/api/v1/requests/${r.id}`, { priority: 'urgent' }));
    expect(at(d.sla.firstResponseDueAt)).toBe(new Date(Date.parse(MONDAY_10) + 30 * MINUTE).toISOString());
    expect(d.sla.resolutionTargetMinutes).toBe(240);
    const changes = (await auditOf(t, r.id)).flatMap((a) => a.changes.map((c) => c.field));
    expect(changes).toEqual(expect.arrayContaining(['priority', 'firstResponseDueAt', 'resolutionDueAt']));
  });
});

describe('the customer’s side (self-service exports)', () => {
  it('shows a customer their requests without internal notes, takes their messages and their confirmation', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const customer = await customerIn(w.admin, w.store.id);
    const stranger = await customerIn(w.admin, w.store.id, '路人');
    const r = await newRequest(w.admin, { customerId: customer.id, storeId: w.store.id });
    ok(await w.admin.post(`/api/v1/requests/${r.id}/activities`, { kind: 'note', body: '内部：此客户曾投诉' }));
    ok(await w.admin.post(`/api/v1/requests/${r.id}/activities`, { kind: 'reply', body: '已收到，正在处理' }));
    ok(await w.admin.post(`/api/v1/requests/${r.id}/status`, { status: 'awaiting_customer' }));

    const ctx = systemCtx(t.deps.db.db, w.tenant.id, t.clock.now, 'self-service');
    await expect(addCustomerReply(ctx, stranger.id, r.id, { body: '我来插一句' })).rejects.toMatchObject({ code: 'not_found' });
    await addCustomerReply(ctx, customer.id, r.id, { body: '好的，周六在家' });
    let progress = await requestProgressForCustomer(t.deps.db.db, w.tenant.id, customer.id);
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ number: r.number, status: 'in_progress', canConfirm: false });
    expect(JSON.stringify(progress)).not.toContain('内部');
    expect(progress[0].messages.map((m) => `${m.from}:${m.kind}`)).toEqual(['staff:created', 'staff:reply', 'staff:status', 'customer:reply']);
    expect(progress[0].messages.filter((m) => m.from === 'customer').map((m) => m.body)).toEqual(['好的，周六在家']);

    ok(await w.admin.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '周六上门处理完毕' }));
    await reopenByCustomer(ctx, customer.id, r.id, { reason: '没修好' });
    ok(await w.admin.post(`/api/v1/requests/${r.id}/resolve`, { resolution: '更换配件' }));
    await expect(confirmByCustomer(ctx, customer.id, r.id, { satisfaction: 0 })).rejects.toMatchObject({ code: 'validation_failed' });
    await confirmByCustomer(ctx, customer.id, r.id, { satisfaction: 5, comment: '满意' });
    progress = await requestProgressForCustomer(t.deps.db.db, w.tenant.id, customer.id);
    expect(progress[0]).toMatchObject({ status: 'closed', satisfaction: 5, resolution: '更换配件' });
    const closed = (await eventsOf(t, r.id)).find((e) => e.type === 'request.closed');
    expect(closed?.payload).toMatchObject({ satisfaction: 5, byCustomer: true });

    expect((await requestsOfCustomer(ctx, customer.id)).map((x) => x.id)).toEqual([r.id]);
    expect(await requestsOfCustomer(ctx, customer.id, { open: true })).toEqual([]);
    const sibling = { ...ctx, scope: { kind: 'unit' as const, userId: ctx.actor.id, unitId: w.other.id, unitPath: '' } };
    expect(await requestsOfCustomer(sibling, customer.id)).toEqual([]);
  });
});

describe('settings', () => {
  it('keeps business hours, holidays and causes, refusing impossible hours', async () => {
    const w = await requestsWorld(t);
    const s = ok(await w.admin.get('/api/v1/request-settings'));
    expect(s).toMatchObject({ weekdays: [1, 2, 3, 4, 5, 6], openTime: '09:00', closeTime: '18:00', reassignOnEscalation: false });
    const bad = await w.admin.patch('/api/v1/request-settings', { openTime: '19:00' });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad)).toEqual(['body.openTime']);
    expect(issuePaths(await w.admin.patch('/api/v1/request-settings', { holidays: ['2026-10-01'], extraWorkdays: ['2026-10-01'] }))).toEqual(['body.extraWorkdays']);
    expect(issuePaths(await w.admin.patch('/api/v1/request-settings', { weekdays: [], holidays: ['2026-13-01'] })).sort()).toEqual(['body.holidays.0', 'body.weekdays']);
    const causes = [uniq('质量'), '送货延误', '安装不规范'];
    const after = ok(await w.admin.patch('/api/v1/request-settings', { weekdays: [1, 2, 3, 4, 5], closeTime: '17:30', causes }));
    expect(after).toMatchObject({ weekdays: [1, 2, 3, 4, 5], closeTime: '17:30', causes });
    const audit = await t.deps.db.pool.query("SELECT changes FROM audit_log WHERE tenant_id = $1 AND action = 'requestSettings.updated'", [w.tenant.id]);
    expect(audit.rows[0].changes.map((c: { field: string }) => c.field).sort()).toEqual(['causes', 'closeTime', 'weekdays']);
  });

  it('applies the most specific SLA policy and refuses duplicates and inverted targets', async () => {
    t.clock.set(MONDAY_10);
    const w = await requestsWorld(t);
    const any = ok(await w.admin.post('/api/v1/request-sla-policies', { firstResponseMinutes: 100, resolutionMinutes: 1000 }), 201);
    ok(await w.admin.post('/api/v1/request-sla-policies', { type: 'return', firstResponseMinutes: 20, resolutionMinutes: 200 }), 201);
    ok(await w.admin.post('/api/v1/request-sla-policies', { type: 'return', priority: 'urgent', firstResponseMinutes: 5, resolutionMinutes: 50 }), 201);
    expectErrorBody(await w.admin.post('/api/v1/request-sla-policies', { type: 'return', firstResponseMinutes: 1, resolutionMinutes: 2 }), 409, 'conflict');
    expect(issuePaths(await w.admin.post('/api/v1/request-sla-policies', { type: 'exchange', firstResponseMinutes: 60, resolutionMinutes: 30 }))).toEqual(['body.resolutionMinutes']);
    const targets = async (body: Record<string, unknown>) => (await newRequest(w.admin, body)).sla.firstResponseTargetMinutes;
    expect(await targets({ type: 'return', priority: 'urgent' })).toBe(5);
    expect(await targets({ type: 'return', priority: 'low' })).toBe(20);
    expect(await targets({ type: 'consultation' })).toBe(100);
    expect(await targets({ type: 'praise' })).toBe(100);
    ok(await w.admin.patch(`/api/v1/request-sla-policies/${any.id}`, { enabled: false }));
    expect(await targets({ type: 'consultation', priority: 'urgent' })).toBe(30);
    expect(await targets({ type: 'praise' })).toBeNull();
    const list = ok(await w.admin.get('/api/v1/request-sla-policies'));
    expect(list.items).toHaveLength(3);
    expect(list.defaults.find((d: { priority: string }) => d.priority === 'normal')).toMatchObject({ firstResponseMinutes: 240, resolutionMinutes: 1620 });
    ok(await w.admin.delete(`/api/v1/request-sla-policies/${any.id}`));
    expect(ok(await w.admin.get('/api/v1/request-sla-policies')).items).toHaveLength(2);
  });
});
