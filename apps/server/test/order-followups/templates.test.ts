import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { delivered, emitOrderEvent, followupWorld, payOrder, put, stepsOf } from './followups-world.ts';

/** Step templates per tenant: defaults until customised; changes apply to steps generated afterwards (followups:admin). */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.app.close();
});

const NOW = '2026-11-22T07:30:00.000Z';

interface Template {
  key: string;
  name: string;
  anchor: string;
  offsetDays: number;
  timeOfDay: string | null;
  ownerRule: string;
  ownerUserId: string | null;
  message: string | null;
  needsSatisfaction: boolean;
  enabled: boolean;
  [k: string]: unknown;
}
const editable = ({ position: _p, ownerUserName: _n, ...t }: Template) => t;

describe('step templates', () => {
  it('lists the six default steps until the tenant customises them', async () => {
    const w = await followupWorld(t);
    const res = await w.sales.client.get('/api/v1/followup-templates');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.customised).toBe(false);
    expect(body.items.map((x: Template) => [x.name, x.anchor, x.offsetDays, x.timeOfDay, x.needsSatisfaction])).toEqual([
      ['订单确认', 'paid', 0, null, false],
      ['订单答谢', 'paid', 1, null, false],
      ['送货预约', 'paid', 2, null, false],
      ['送货提醒', 'deliveryDate', -1, '10:00', false],
      ['安装', 'deliveryDate', 0, null, false],
      ['送货回访', 'delivered', 3, null, true],
    ]);
  });

  it('applies a changed list to orders paid afterwards, leaves earlier orders alone, and resets to the defaults', async () => {
    const w = await followupWorld(t);
    const other = await newTenant(t, '别家');
    const earlier = await payOrder(t, w, NOW);
    const items: Template[] = (await w.a.admin.get('/api/v1/followup-templates')).json().items.map(editable);
    const thanks = items.find((x) => x.key === 'thanks')!;
    Object.assign(thanks, { offsetDays: 2, timeOfDay: '19:30', message: '{客户姓名}，谢谢您！订单{订单号}' });
    items.find((x) => x.key === 'installation')!.enabled = false;
    items.push({
      key: 'care_call',
      name: '保养回访',
      anchor: 'delivered',
      offsetDays: 30,
      timeOfDay: '10:30',
      ownerRule: 'user',
      ownerUserId: w.manager.user.id,
      message: '{客户姓名}您好，{门店}提醒您：家具使用一个月了，需要上门保养吗？',
      needsSatisfaction: false,
      enabled: true,
    });
    const saved = await put(t, w.a.admin, '/api/v1/followup-templates', { items });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().customised).toBe(true);
    expect(saved.json().items.find((x: Template) => x.key === 'care_call')).toMatchObject({ position: 7, ownerUserName: w.manager.user.displayName });

    const later = await payOrder(t, w, NOW);
    await emitOrderEvent(t, w.tenantId, 'order.delivered', delivered(later, '2026-12-01T04:00:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    const steps = await stepsOf(w.a.admin, later.orderId);
    expect(Object.keys(steps).sort()).toEqual(['care_call', 'confirm', 'delivery_appointment', 'delivery_reminder', 'post_delivery_visit', 'thanks']);
    // Paid 22 Nov: thank-you on the 24th at 19:30 Shanghai (11:30 UTC).
    expect(steps.thanks).toMatchObject({ dueAt: '2026-11-24T11:30:00.000Z', allDay: false, message: `王芳，谢谢您！订单${later.orderNo}` });
    // Delivered 1 Dec: the care call on 31 Dec at 10:30 Shanghai, owned by the named user.
    expect(steps.care_call).toMatchObject({ stepName: '保养回访', dueAt: '2026-12-31T02:30:00.000Z', ownerId: w.manager.user.id });
    expect(steps.care_call.message).toBe(`王芳您好，${w.store.name}提醒您：家具使用一个月了，需要上门保养吗？`);
    // The order paid before the change keeps its steps as they were made.
    const old = await stepsOf(w.a.admin, earlier.orderId);
    expect(Object.keys(old)).toHaveLength(6);
    expect(old.thanks).toMatchObject({ dueAt: '2026-11-23T15:59:59.000Z', allDay: true });
    // Another tenant still has the defaults.
    expect((await other.admin.get('/api/v1/followup-templates')).json().customised).toBe(false);

    const audit = await t.deps.db.pool.query("SELECT actor_kind, changes FROM audit_log WHERE tenant_id = $1 AND action = 'followupTemplates.updated'", [w.tenantId]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].changes[0]).toMatchObject({ field: 'items' });
    expect(audit.rows[0].changes[0].after).toHaveLength(7);
    expect(audit.rows[0].changes[0].before).toHaveLength(6);

    const reset = await w.a.admin.post('/api/v1/followup-templates/reset');
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ customised: false });
    expect(reset.json().items).toHaveLength(6);
    expect((await t.deps.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'followupTemplates.reset'", [w.tenantId])).rows[0].n).toBe(1);
  });

  it('gives a step whose named owner left to the store lead', async () => {
    const w = await followupWorld(t);
    const installer = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    const items: Template[] = (await w.a.admin.get('/api/v1/followup-templates')).json().items.map(editable);
    Object.assign(items.find((x) => x.key === 'installation')!, { ownerRule: 'user', ownerUserId: installer.user.id });
    expect((await put(t, w.a.admin, '/api/v1/followup-templates', { items })).statusCode).toBe(200);
    const first = await payOrder(t, w, NOW);
    expect((await stepsOf(w.a.admin, first.orderId)).installation.ownerId).toBe(installer.user.id);
    await w.a.admin.patch(`/api/v1/users/${installer.user.id}`, { status: 'disabled' });
    const second = await payOrder(t, w, NOW);
    expect((await stepsOf(w.a.admin, second.orderId)).installation.ownerId).toBe(w.manager.user.id);
  });

  it('refuses bad lists with the path of each problem, and changes nothing', async () => {
    const w = await followupWorld(t);
    const other = await newTenant(t, '别家');
    const otherAdminId = (await other.admin.get('/api/v1/auth/me')).json().user.id;
    const base: Template[] = (await w.a.admin.get('/api/v1/followup-templates')).json().items.map(editable);
    const withItem = (i: number, patch: Partial<Template>) => ({ items: base.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
    const cases: [unknown, string[]][] = [
      [{ items: [] }, ['body.items']],
      [{ items: [...base, base[0]] }, ['body.items.6.key']],
      [withItem(0, { key: 'Bad Key' }), ['body.items.0.key']],
      [withItem(0, { name: '' }), ['body.items.0.name']],
      [withItem(1, { anchor: 'shipped' }), ['body.items.1.anchor']],
      [withItem(1, { offsetDays: 1.5 }), ['body.items.1.offsetDays']],
      [withItem(1, { offsetDays: 400 }), ['body.items.1.offsetDays']],
      [withItem(3, { timeOfDay: '25:00' }), ['body.items.3.timeOfDay']],
      [withItem(2, { message: '{客户名字}您好' }), ['body.items.2.message']],
      [withItem(2, { ownerRule: 'user', ownerUserId: null }), ['body.items.2.ownerUserId']],
      [withItem(2, { ownerRule: 'user', ownerUserId: otherAdminId }), ['body.items.2.ownerUserId']],
      [{ items: base.map((x) => ({ ...x, enabled: false })) }, ['body.items']],
    ];
    for (const [body, paths] of cases) {
      const res = await put(t, w.a.admin, '/api/v1/followup-templates', body);
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res), JSON.stringify(body).slice(0, 120)).toEqual(paths);
    }
    expect((await w.a.admin.get('/api/v1/followup-templates')).json().customised).toBe(false);
  });

  it('is for followups:admin only', async () => {
    const w = await followupWorld(t);
    const items = (await w.manager.client.get('/api/v1/followup-templates')).json().items.map(editable);
    expectErrorBody(await put(t, w.manager.client, '/api/v1/followup-templates', { items }), 403, 'forbidden');
    expectErrorBody(await w.sales.client.post('/api/v1/followup-templates/reset'), 403, 'forbidden');
    expect((await w.a.admin.get('/api/v1/followup-templates')).json().customised).toBe(false);
  });
});
