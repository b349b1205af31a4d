import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp, userIn } from '../helpers.ts';
import {
  cancelled,
  delivered,
  deliveryScheduled,
  emitOrderEvent,
  followupWorld,
  newOrder,
  paid,
  payOrder,
  returned,
  stepsOf,
} from './followups-world.ts';

/**
 * ORD-2: each paid order gets its follow-up steps, from the order's events; due times are counted in Asia/Shanghai
 * from the injected clock's instants; delivery and delivered anchors fill in later; cancellation and a full return
 * skip what is pending.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  // 2026-11-22 15:30 in Shanghai.
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

const KEYS = ['confirm', 'thanks', 'delivery_appointment', 'delivery_reminder', 'installation', 'post_delivery_visit'];

async function stepCount(tenantId: string, orderId: string) {
  const r = await t.deps.db.pool.query('SELECT count(*)::int AS n FROM followup_steps WHERE tenant_id = $1 AND order_id = $2', [tenantId, orderId]);
  return r.rows[0].n as number;
}

describe('steps generated from order.paid', () => {
  it('makes the six default steps with due times in Asia/Shanghai, owned by the salesperson, with their messages', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, '2026-11-22T07:30:00.000Z');
    const steps = await stepsOf(w.a.admin, o.orderId);
    expect(Object.keys(steps).sort()).toEqual([...KEYS].sort());
    // Paid on 2026-11-22 (Shanghai): confirm that day, thank the next, book the delivery the day after — each by the end of its day.
    expect(steps.confirm).toMatchObject({ stepName: '订单确认', dueAt: '2026-11-22T15:59:59.000Z', allDay: true, status: 'pending', overdue: false });
    expect(steps.thanks).toMatchObject({ stepName: '订单答谢', dueAt: '2026-11-23T15:59:59.000Z', allDay: true });
    expect(steps.delivery_appointment).toMatchObject({ stepName: '送货预约', dueAt: '2026-11-24T15:59:59.000Z' });
    // No delivery date yet, not delivered yet.
    expect(steps.delivery_reminder).toMatchObject({ stepName: '送货提醒', dueAt: null, allDay: false });
    expect(steps.installation).toMatchObject({ stepName: '安装', dueAt: null, message: null });
    expect(steps.post_delivery_visit).toMatchObject({ stepName: '送货回访', dueAt: null, needsSatisfaction: true });
    for (const s of Object.values(steps)) {
      expect(s).toMatchObject({ ownerId: w.sales.user.id, ownerName: w.sales.user.displayName, orderNo: o.orderNo, customerName: '王芳', storeId: w.store.id, storeName: w.store.name });
    }
    expect(steps.confirm.message).toBe(`王芳您好，您在${w.store.name}的订单${o.orderNo}已确认，我们会尽快为您安排生产和送货。如有任何问题请随时联系我。`);
    expect(steps.delivery_reminder.message).toBe(`王芳您好，您的订单${o.orderNo}将于待定送货上门，请预留时间并保持电话畅通。`);

    // Each step's creation is in the audit trail, by the system, with the event that caused it.
    const created = await t.deps.db.pool.query(
      "SELECT actor_kind, entity_id, meta FROM audit_log WHERE tenant_id = $1 AND action = 'followupStep.created' ORDER BY id",
      [w.tenantId],
    );
    expect(created.rows).toHaveLength(6);
    expect(new Set(created.rows.map((r) => r.entity_id))).toEqual(new Set(Object.values(steps).map((s) => s.id)));
    for (const r of created.rows) expect(r).toMatchObject({ actor_kind: 'system', meta: { event: 'order.paid' } });
  });

  it('counts days from the payment’s date in Shanghai, not in UTC', async () => {
    const w = await followupWorld(t);
    // 17:30 UTC on the 22nd is 01:30 on the 23rd in Shanghai.
    const o = await payOrder(t, w, '2026-11-22T17:30:00.000Z');
    const steps = await stepsOf(w.a.admin, o.orderId);
    expect(steps.confirm.dueAt).toBe('2026-11-23T15:59:59.000Z');
    expect(steps.thanks.dueAt).toBe('2026-11-24T15:59:59.000Z');
  });

  it('schedules the delivery steps at once when the payment already carries the delivery date', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, '2026-11-22T07:30:00.000Z', {}, '2026-12-05');
    const steps = await stepsOf(w.a.admin, o.orderId);
    // The day before at 10:00 Shanghai (02:00 UTC); installation on the day.
    expect(steps.delivery_reminder).toMatchObject({ dueAt: '2026-12-04T02:00:00.000Z', allDay: false });
    expect(steps.installation).toMatchObject({ dueAt: '2026-12-05T15:59:59.000Z', allDay: true });
    expect(steps.delivery_reminder.message).toContain('将于2026年12月5日送货上门');
  });

  it('falls back to the store lead when there is no salesperson, or the salesperson cannot work follow-ups', async () => {
    const w = await followupWorld(t);
    const none = await payOrder(t, w, '2026-11-22T07:30:00.000Z', { salespersonId: null });
    expect(Object.values(await stepsOf(w.a.admin, none.orderId)).map((s) => s.ownerId)).toEqual(Array(6).fill(w.manager.user.id));

    // A salesperson who left (disabled) and one of another store both give way to the store manager.
    const leaver = await userIn(t, w.a.admin, w.a.code, w.store.id, '导购');
    expect((await w.a.admin.patch(`/api/v1/users/${leaver.user.id}`, { status: 'disabled' })).statusCode).toBe(200);
    const byLeaver = await payOrder(t, w, '2026-11-22T07:30:00.000Z', { salespersonId: leaver.user.id });
    expect(new Set(Object.values(await stepsOf(w.a.admin, byLeaver.orderId)).map((s) => s.ownerId))).toEqual(new Set([w.manager.user.id]));
  });
});

describe('delivery and delivered anchors', () => {
  it('gives the delivery reminder its due time when the date is agreed, moves it when the date changes, and leaves done steps alone', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, '2026-11-22T07:30:00.000Z');
    await emitOrderEvent(t, w.tenantId, 'order.deliveryScheduled', deliveryScheduled(o, '2026-12-05'));
    await t.deps.jobs.drain(w.tenantId);
    let steps = await stepsOf(w.a.admin, o.orderId);
    expect(steps.delivery_reminder.dueAt).toBe('2026-12-04T02:00:00.000Z');
    expect(steps.installation.dueAt).toBe('2026-12-05T15:59:59.000Z');
    expect(steps.delivery_reminder.message).toContain('2026年12月5日');
    // Steps anchored on the payment do not move.
    expect(steps.thanks.dueAt).toBe('2026-11-23T15:59:59.000Z');

    // The installation was done early; then the date moves to 7 December.
    expect((await w.sales.client.post(`/api/v1/followup-steps/${steps.installation.id}/complete`, { outcome: '提前安装' })).statusCode).toBe(200);
    t.clock.advance(60_000);
    await emitOrderEvent(t, w.tenantId, 'order.deliveryScheduled', deliveryScheduled(o, '2026-12-07', '2026-12-05'));
    await t.deps.jobs.drain(w.tenantId);
    steps = await stepsOf(w.a.admin, o.orderId);
    expect(steps.delivery_reminder.dueAt).toBe('2026-12-06T02:00:00.000Z');
    expect(steps.delivery_reminder.message).toContain('2026年12月7日');
    expect(steps.installation).toMatchObject({ status: 'done', dueAt: '2026-12-05T15:59:59.000Z' });

    // The move is in the step's history, with the dates.
    const hist = (await w.a.admin.get(`/api/v1/followup-steps/${steps.delivery_reminder.id}/history`)).json().items;
    const moves = hist.filter((h: { action: string }) => h.action === 'followupStep.dueMoved');
    expect(moves).toHaveLength(2);
    expect(moves[0].meta).toMatchObject({ event: 'order.deliveryScheduled', deliveryDate: '2026-12-07', previousDate: '2026-12-05' });
    expect(moves[0].changes).toContainEqual({ field: 'dueAt', before: '2026-12-04T02:00:00.000Z', after: '2026-12-06T02:00:00.000Z' });

    // An older date change arriving late (written before the last one) changes nothing.
    const latest = t.clock.now();
    t.clock.set(new Date(latest.getTime() - 30_000));
    await emitOrderEvent(t, w.tenantId, 'order.deliveryScheduled', deliveryScheduled(o, '2026-12-09', '2026-12-05'));
    t.clock.set(latest);
    await t.deps.jobs.drain(w.tenantId);
    expect((await stepsOf(w.a.admin, o.orderId)).delivery_reminder.dueAt).toBe('2026-12-06T02:00:00.000Z');
    t.clock.set('2026-11-22T07:30:00.000Z');
  });

  it('schedules the post-delivery visit three days after the delivery (Shanghai days)', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, '2026-11-22T07:30:00.000Z', {}, '2026-12-05');
    // Delivered 5 December 17:00 in Shanghai.
    await emitOrderEvent(t, w.tenantId, 'order.delivered', delivered(o, '2026-12-05T09:00:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    const steps = await stepsOf(w.a.admin, o.orderId);
    expect(steps.post_delivery_visit).toMatchObject({ dueAt: '2026-12-08T15:59:59.000Z', allDay: true, status: 'pending' });
    // The delivery itself does not move the delivery-date steps.
    expect(steps.installation.dueAt).toBe('2026-12-05T15:59:59.000Z');
  });

  it('takes the day of delivery as the delivery date when none was agreed', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, '2026-11-22T07:30:00.000Z');
    // 2026-12-01 23:30 UTC is 2 December in Shanghai.
    await emitOrderEvent(t, w.tenantId, 'order.delivered', delivered(o, '2026-12-01T23:30:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    const steps = await stepsOf(w.a.admin, o.orderId);
    expect(steps.installation.dueAt).toBe('2026-12-02T15:59:59.000Z');
    expect(steps.post_delivery_visit.dueAt).toBe('2026-12-05T15:59:59.000Z');
  });

  it('applies a delivery date that arrived before the payment event', async () => {
    const w = await followupWorld(t);
    const o = newOrder(w);
    await emitOrderEvent(t, w.tenantId, 'order.deliveryScheduled', deliveryScheduled(o, '2026-12-10'));
    await t.deps.jobs.drain(w.tenantId);
    await emitOrderEvent(t, w.tenantId, 'order.paid', paid(o, '2026-11-22T07:30:00.000Z', null));
    await t.deps.jobs.drain(w.tenantId);
    expect((await stepsOf(w.a.admin, o.orderId)).delivery_reminder.dueAt).toBe('2026-12-09T02:00:00.000Z');
  });
});

describe('cancellation and returns', () => {
  it('skips the pending steps of a cancelled order with the reason, keeps the done ones, and refuses to reopen them', async () => {
    const w = await followupWorld(t);
    const o = await payOrder(t, w, '2026-11-22T07:30:00.000Z');
    const before = await stepsOf(w.a.admin, o.orderId);
    expect((await w.sales.client.post(`/api/v1/followup-steps/${before.confirm.id}/complete`, { outcome: '已电话确认' })).statusCode).toBe(200);
    await emitOrderEvent(t, w.tenantId, 'order.cancelled', cancelled(o, '客户改变主意', '2026-11-22T08:00:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    const steps = await stepsOf(w.a.admin, o.orderId);
    expect(steps.confirm).toMatchObject({ status: 'done', outcome: '已电话确认' });
    for (const k of KEYS.filter((k) => k !== 'confirm')) {
      expect(steps[k]).toMatchObject({ status: 'skipped', skipReason: '订单已取消：客户改变主意', skippedAt: '2026-11-22T07:30:00.000Z' });
    }
    const skipped = await t.deps.db.pool.query("SELECT actor_kind, meta FROM audit_log WHERE tenant_id = $1 AND action = 'followupStep.skipped'", [w.tenantId]);
    expect(skipped.rows).toHaveLength(5);
    for (const r of skipped.rows) expect(r).toMatchObject({ actor_kind: 'system', meta: { event: 'order.cancelled' } });

    // A later delivery date changes nothing on skipped steps; they cannot be reopened.
    await emitOrderEvent(t, w.tenantId, 'order.deliveryScheduled', deliveryScheduled(o, '2026-12-05'));
    await t.deps.jobs.drain(w.tenantId);
    expect((await stepsOf(w.a.admin, o.orderId)).delivery_reminder).toMatchObject({ status: 'skipped', dueAt: null });
    const reopen = await w.a.admin.post(`/api/v1/followup-steps/${steps.thanks.id}/reopen`, { reason: '误操作' });
    expect(reopen.statusCode).toBe(409);
  });

  it('makes no steps for an order whose cancellation was delivered before its payment', async () => {
    const w = await followupWorld(t);
    const o = newOrder(w);
    await emitOrderEvent(t, w.tenantId, 'order.cancelled', cancelled(o, '重复下单', '2026-11-22T07:00:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    await emitOrderEvent(t, w.tenantId, 'order.paid', paid(o, '2026-11-22T06:00:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    expect(await stepCount(w.tenantId, o.orderId)).toBe(0);
    expect((await w.a.admin.get(`/api/v1/orders/${o.orderId}/followup-steps`)).statusCode).toBe(404);
  });

  it('skips pending steps on a full return, and leaves them on a partial one', async () => {
    const w = await followupWorld(t);
    const partial = await payOrder(t, w, '2026-11-22T07:30:00.000Z');
    const full = await payOrder(t, w, '2026-11-22T07:30:00.000Z');
    await emitOrderEvent(t, w.tenantId, 'order.returned', returned(partial, 'partial', '2026-11-22T07:30:00.000Z'));
    await emitOrderEvent(t, w.tenantId, 'order.returned', returned(full, 'full', '2026-11-22T07:30:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    expect(Object.values(await stepsOf(w.a.admin, partial.orderId)).every((s) => s.status === 'pending')).toBe(true);
    expect(Object.values(await stepsOf(w.a.admin, full.orderId)).map((s) => [s.status, s.skipReason])).toEqual(Array(6).fill(['skipped', '整单退货']));
  });
});

describe('idempotency', () => {
  it('makes one set of steps when the order is reported paid twice, and when one event is delivered again', async () => {
    const w = await followupWorld(t);
    const o = newOrder(w);
    await emitOrderEvent(t, w.tenantId, 'order.paid', paid(o, '2026-11-22T07:30:00.000Z'));
    await emitOrderEvent(t, w.tenantId, 'order.paid', paid(o, '2026-11-22T07:31:00.000Z'));
    await t.deps.jobs.drain(w.tenantId);
    expect(await stepCount(w.tenantId, o.orderId)).toBe(6);
    expect((await stepsOf(w.a.admin, o.orderId)).confirm.dueAt).toBe('2026-11-22T15:59:59.000Z');

    // At-least-once delivery: the same event handed to the subscriber again changes nothing.
    await t.deps.db.pool.query(
      "UPDATE event_deliveries SET status = 'pending', delivered_at = NULL WHERE tenant_id = $1 AND subscriber = 'followups.generateSteps'",
      [w.tenantId],
    );
    expect(await t.deps.jobs.drain(w.tenantId)).toBe(2);
    expect(await stepCount(w.tenantId, o.orderId)).toBe(6);
    const created = await t.deps.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'followupStep.created'", [w.tenantId]);
    expect(created.rows[0].n).toBe(6);
  });

  it('generates the whole set when a delivery that failed half-way is retried', async () => {
    const w = await followupWorld(t);
    const o = newOrder(w);
    // A real failure in the database, for this tenant only: the third step's insert raises.
    const fn = `followup_fail_${w.tenantId.replace(/-/g, '')}`;
    await t.deps.db.pool.query(`
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.tenant_id = '${w.tenantId}' AND NEW.step_key = 'delivery_appointment' THEN RAISE EXCEPTION 'disk hiccup'; END IF;
        RETURN NEW;
      END $$`);
    await t.deps.db.pool.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON followup_steps FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await emitOrderEvent(t, w.tenantId, 'order.paid', paid(o, '2026-11-22T07:30:00.000Z'));
      await t.deps.jobs.drain(w.tenantId);
    } finally {
      await t.deps.db.pool.query(`DROP TRIGGER ${fn} ON followup_steps`);
      await t.deps.db.pool.query(`DROP FUNCTION ${fn}()`);
    }
    // Nothing half-made; the delivery waits to be retried.
    expect(await stepCount(w.tenantId, o.orderId)).toBe(0);
    const d1 = (await t.deps.db.pool.query("SELECT status, attempts, last_error FROM event_deliveries WHERE tenant_id = $1 AND subscriber = 'followups.generateSteps'", [w.tenantId])).rows[0];
    expect(d1).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d1.last_error).toContain('insert into "followup_steps"');

    t.clock.advance(10 * 60_000);
    await t.deps.jobs.drain(w.tenantId);
    t.clock.set('2026-11-22T07:30:00.000Z');
    expect(await stepCount(w.tenantId, o.orderId)).toBe(6);
    const d2 = (await t.deps.db.pool.query("SELECT status, attempts FROM event_deliveries WHERE tenant_id = $1 AND subscriber = 'followups.generateSteps'", [w.tenantId])).rows[0];
    expect(d2).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
