import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomer, expectErrorBody, issuePaths } from '../factories.ts';
import { newTenant, type TestApp, testApp } from '../helpers.ts';
import { publicCall, startSmtp, verifiedVisitor } from './helpers.ts';

/** SVC-6: a verified visitor files requests through the requests module and follows their progress. */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp(smtp.env);
});
afterAll(async () => {
  await t.app.close();
  await smtp.close();
});

const complaint = { type: 'product_complaint', subject: '沙发扶手开裂', description: '买了三个月的真皮沙发，左侧扶手皮面开裂。' };

describe('submitting a request', () => {
  it('makes a customer in the head-office pool for an unknown phone, and files the request for it (channel self_service)', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '138 0013 8000', '+8613800138000');
    const noName = await v.post('/requests', complaint);
    expectErrorBody(noName, 422, 'validation_failed');
    expect(issuePaths(noName)).toEqual(['body.name']);
    expect(await countRows(t, 'customers', a.tenant.id)).toBe(0);

    const res = await v.post('/requests', { ...complaint, name: '赵敏' });
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json();
    expect(filed).toMatchObject({ type: 'product_complaint', subject: '沙发扶手开裂', canConfirm: false });
    expect(['new', 'assigned']).toContain(filed.status);
    expect(filed.messages[0]).toMatchObject({ kind: 'created' });

    const customer = (await t.deps.db.pool.query('SELECT id, name, phones, store_id, owner_id, source FROM customers WHERE tenant_id = $1', [a.tenant.id])).rows;
    expect(customer).toEqual([{ id: expect.any(String), name: '赵敏', phones: ['+8613800138000'], store_id: null, owner_id: null, source: 'website' }]);
    const staff = await a.admin.get(`/api/v1/requests/${filed.id}`);
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json()).toMatchObject({ channel: 'self_service', customerId: customer[0].id, customerName: '赵敏', contactName: '赵敏', description: complaint.description });
    expect((await v.get('/session')).json().known).toBe(true);

    // Audited as the verified visitor (a system actor naming the masked phone).
    const audit = (await t.deps.db.pool.query("SELECT action, actor_kind, actor_name FROM audit_log WHERE tenant_id = $1 AND entity_type IN ('customer', 'serviceRequest') ORDER BY id", [a.tenant.id])).rows;
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['customer.created', 'serviceRequest.created']));
    for (const r of audit) expect(r).toMatchObject({ actor_kind: 'system', actor_name: 'self-service 138****8000' });

    // A second request reuses the customer.
    expect((await v.post('/requests', { type: 'consultation', subject: '保养咨询', description: '怎么保养？' })).statusCode).toBe(201);
    expect(await countRows(t, 'customers', a.tenant.id)).toBe(1);
    expect((await v.get('/requests')).json().items).toHaveLength(2);
  });

  it('links the request to the existing customer of the phone or e-mail', async () => {
    const a = await newTenant(t);
    const c = await createCustomer(a.admin, { name: '钱多多', phones: ['13900139000'], email: 'qian@example.cn' });
    const bySms = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '+86 139 0013 9000', '+8613900139000');
    const one = (await bySms.post('/requests', complaint)).json();
    const byMail = await verifiedVisitor(t, a.code, a.tenant.id, 'email', 'QIAN@example.cn', 'qian@example.cn');
    const two = (await byMail.post('/requests', { type: 'praise', subject: '送货师傅很专业', description: '安装很仔细。' })).json();
    for (const id of [one.id, two.id]) expect((await a.admin.get(`/api/v1/requests/${id}`)).json().customerId).toBe(c.id);
    expect(await countRows(t, 'customers', a.tenant.id)).toBe(1);
    // Both visitors follow the same customer's requests.
    expect((await byMail.get('/requests')).json().items.map((r: { id: string }) => r.id).sort()).toEqual([one.id, two.id].sort());
  });

  it('links to the customer staff give the phone to after verification', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13800138999', '+8613800138999');
    expect((await v.get('/session')).json().known).toBe(false);
    const c = await createCustomer(a.admin, { name: '后来建档', phones: ['13800138999'] });
    expect((await v.get('/session')).json().known).toBe(true);
    const filed = (await v.post('/requests', complaint)).json();
    expect((await a.admin.get(`/api/v1/requests/${filed.id}`)).json().customerId).toBe(c.id);
    // The number moves to another customer: the visitor now follows that customer's requests.
    await a.admin.patch(`/api/v1/customers/${c.id}`, { phones: ['13800138998'] });
    const d = await createCustomer(a.admin, { name: '新机主', phones: ['13800138999'] });
    expect((await v.get('/requests')).json().items).toEqual([]);
    const next = (await v.post('/requests', { type: 'consultation', subject: '新机主的问题', description: '你好' })).json();
    expect((await a.admin.get(`/api/v1/requests/${next.id}`)).json().customerId).toBe(d.id);
  });

  it('refuses bad input with field paths and files nothing', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13700137000', '+8613700137000');
    const cases: [unknown, string[]][] = [
      [{ ...complaint, type: 'refund_now' }, ['body.type']],
      [{ ...complaint, subject: '' }, ['body.subject']],
      [{ ...complaint, description: '   ' }, ['body.description']],
      [{ ...complaint, description: 'x'.repeat(5001) }, ['body.description']],
      [{ ...complaint, name: 'a'.repeat(101) }, ['body.name']],
    ];
    for (const [body, paths] of cases) {
      const res = await v.post('/requests', body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(paths);
    }
    expect(await countRows(t, 'service_requests', a.tenant.id)).toBe(0);
  });

  it('limits a customer to five requests an hour (429 with Retry-After)', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13600136000', '+8613600136000');
    for (let i = 0; i < 5; i++) {
      expect((await v.post('/requests', { type: 'consultation', subject: `问题${i}`, description: '请回复', name: '孙悟' })).statusCode).toBe(201);
      t.clock.advance(60_000);
    }
    const sixth = await v.post('/requests', { type: 'consultation', subject: '问题6', description: '请回复' });
    expectErrorBody(sixth, 429, 'rate_limited');
    expect(Number(sixth.headers['retry-after'])).toBe(55 * 60);
    expect(await countRows(t, 'service_requests', a.tenant.id)).toBe(5);
  });
});

describe('following my requests', () => {
  it('shows replies and status changes but never internal notes, and the customer confirms with a score', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13500135000', '+8613500135000');
    const filed = (await v.post('/requests', { type: 'consultation', subject: '床垫尺寸', description: '1.8 米床配多大床垫？', name: '周芷' })).json();

    const note = await a.admin.post(`/api/v1/requests/${filed.id}/activities`, { kind: 'note', body: '内部备注：老客户，注意态度' });
    expect(note.statusCode, note.body).toBe(200);
    await a.admin.post(`/api/v1/requests/${filed.id}/activities`, { kind: 'reply', body: '您好，1.8 米床配 180×200 床垫。' });
    const resolved = await a.admin.post(`/api/v1/requests/${filed.id}/resolve`, { resolution: '已答复尺寸' });
    expect(resolved.statusCode, resolved.body).toBe(200);

    const mine = (await v.get(`/requests/${filed.id}`)).json();
    expect(mine).toMatchObject({ status: 'resolved', canConfirm: true, resolution: '已答复尺寸' });
    const text = JSON.stringify(mine);
    expect(text).toContain('180×200');
    expect(text).not.toContain('内部备注');
    expect(text).not.toContain('管理员');
    expect((await v.get('/requests?open=true')).json().items).toEqual([]);

    expectErrorBody(await v.post(`/requests/${filed.id}/confirm`, { satisfaction: 6 }), 422, 'validation_failed');
    const confirmed = await v.post(`/requests/${filed.id}/confirm`, { satisfaction: 5, comment: '很满意' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'closed', satisfaction: 5, canConfirm: false });
    expect((await a.admin.get(`/api/v1/requests/${filed.id}`)).json()).toMatchObject({ status: 'closed', satisfaction: 5 });
    expectErrorBody(await v.post(`/requests/${filed.id}/confirm`, { satisfaction: 4 }), 409, 'conflict');
  });

  it('lets the customer write to an open request and reopen a resolved one', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13500135001', '+8613500135001');
    const filed = (await v.post('/requests', { type: 'service_request', subject: '预约上门', description: '周六可以吗？', name: '吴邪' })).json();
    const msg = await v.post(`/requests/${filed.id}/messages`, { body: '周日也可以' });
    expect(msg.statusCode, msg.body).toBe(200);
    expect(msg.json().messages.at(-1)).toMatchObject({ from: 'customer', body: '周日也可以' });
    await a.admin.post(`/api/v1/requests/${filed.id}/resolve`, { resolution: '已预约周六' });
    const reopened = await v.post(`/requests/${filed.id}/reopen`, { reason: '师傅没来' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(['new', 'in_progress']).toContain(reopened.json().status);
  });

  it('keeps customers apart: another visitor’s request, or one of another tenant, is not found', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const alice = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13400134000', '+8613400134000');
    const bob = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13400134001', '+8613400134001');
    const stranger = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13400134002', '+8613400134002');
    const other = await verifiedVisitor(t, b.code, b.tenant.id, 'sms', '13400134000', '+8613400134000');
    const filed = (await alice.post('/requests', { ...complaint, name: '爱丽丝' })).json();
    await bob.post('/requests', { ...complaint, name: '鲍勃' });
    for (const v of [bob, stranger]) {
      expectErrorBody(await v.get(`/requests/${filed.id}`), 404, 'not_found');
      expectErrorBody(await v.post(`/requests/${filed.id}/confirm`, { satisfaction: 1 }), 404, 'not_found');
      expectErrorBody(await v.post(`/requests/${filed.id}/messages`, { body: '冒充' }), 404, 'not_found');
      expect((await v.get('/requests')).json().items.map((r: { id: string }) => r.id)).not.toContain(filed.id);
    }
    // The same phone at another brand is another customer.
    expectErrorBody(await other.get(`/requests/${filed.id}`), 404, 'not_found');
    expect((await other.get('/requests')).json().items).toEqual([]);
    // And a session of brand A on brand B's address is no session.
    expectErrorBody(await publicCall(t, 'GET', b.code, `/requests/${filed.id}`, { headers: alice.headers }), 401, 'unauthenticated');
    expect(JSON.stringify((await a.admin.get(`/api/v1/requests/${filed.id}`)).json())).not.toContain('冒充');
  });
});
