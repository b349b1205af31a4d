import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS } from '../../src/platform/events/dispatcher.ts';
import { emit, subscribe } from '../../src/platform/events/outbox.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { expectErrorBody } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';

/**
 * The outbox (issue 4): events are written with the change that caused them, delivered to each subscriber at least
 * once, and a subscriber's effects commit with its delivery — exactly once in effect, also with two workers.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

/** Failures to inject per aggregate id: the subscriber throws (after writing its effect) while this is > 0. */
const failures = new Map<string, number>();
subscribe('test.happened', 'test.recorder', async (ctx, tx, event) => {
  await ctx.audit.record(tx, { action: 'test.reacted', entityType: 'test', entityId: event.aggregateId, meta: { eventId: event.id } });
  const left = failures.get(event.aggregateId!) ?? 0;
  if (left > 0) {
    failures.set(event.aggregateId!, left - 1);
    throw new Error('subscriber hiccup');
  }
});
subscribe('test.happened', 'test.second', async () => {});

const reactions = async (tenantId: string, aggregateId?: string) =>
  (
    await t.deps.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = 'test.reacted' ${aggregateId ? 'AND entity_id = $2' : ''}`,
      aggregateId ? [tenantId, aggregateId] : [tenantId],
    )
  ).rows[0].n as number;

async function happen(tenantId: string, aggregateId = crypto.randomUUID()) {
  const ctx = systemCtx(t.deps.db.db, tenantId, t.clock.now, 'test');
  const id = await t.deps.db.db.transaction((tx) => emit(ctx, tx, { type: 'test.happened', aggregateType: 'test', aggregateId, payload: { n: 1 } }));
  return { id, aggregateId };
}

describe('outbox', () => {
  it('writes nothing when the change rolls back, and one delivery per subscriber when it commits', async () => {
    const { tenant } = await newTenant(t);
    const ctx = systemCtx(t.deps.db.db, tenant.id, t.clock.now, 'test');
    await expect(
      t.deps.db.db.transaction(async (tx) => {
        await emit(ctx, tx, { type: 'test.happened', aggregateType: 'test', payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await t.deps.db.pool.query('SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = $1', [tenant.id])).rows[0].n).toBe(0);

    const { id } = await happen(tenant.id);
    const ds = await t.deps.db.pool.query('SELECT subscriber, status FROM event_deliveries WHERE event_id = $1 ORDER BY subscriber', [id]);
    expect(ds.rows).toEqual([
      { subscriber: 'test.recorder', status: 'pending' },
      { subscriber: 'test.second', status: 'pending' },
    ]);
    // A type nobody listens to leaves no deliveries.
    const lonely = await t.deps.db.db.transaction((tx) => emit(ctx, tx, { type: 'test.unheard', aggregateType: 'test', payload: {} }));
    expect((await t.deps.db.pool.query('SELECT count(*)::int AS n FROM event_deliveries WHERE event_id = $1', [lonely])).rows[0].n).toBe(0);
  });

  it('rolls a failed subscriber’s effects back, retries with back-off, and applies them once', async () => {
    const { tenant } = await newTenant(t);
    const agg = crypto.randomUUID();
    failures.set(agg, 2);
    const { id } = await happen(tenant.id, agg);
    await t.deps.jobs.drain(tenant.id);
    const row = async () =>
      (await t.deps.db.pool.query("SELECT status, attempts, last_error FROM event_deliveries WHERE event_id = $1 AND subscriber = 'test.recorder'", [id])).rows[0];
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, last_error: 'subscriber hiccup' });
    expect(await reactions(tenant.id, agg)).toBe(0);
    t.clock.advance(5_000);
    await t.deps.jobs.drain(tenant.id);
    expect(await row()).toMatchObject({ status: 'pending', attempts: 2 });
    t.clock.advance(10_000);
    await t.deps.jobs.drain(tenant.id);
    expect(await row()).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    expect(await reactions(tenant.id, agg)).toBe(1);
    // Draining again changes nothing.
    t.clock.advance(3_600_000);
    await t.deps.jobs.drain(tenant.id);
    expect(await reactions(tenant.id, agg)).toBe(1);
  });

  it('delivers each event once in effect while two workers drain together', async () => {
    const { tenant } = await newTenant(t);
    for (let i = 0; i < 40; i++) await happen(tenant.id);
    const worker = () => new JobRunner(t.deps.db.db, t.clock.now, { onlyTenants: () => [tenant.id] });
    await Promise.all([worker().drain(), worker().drain(), t.deps.jobs.drain(tenant.id)]);
    expect(await reactions(tenant.id)).toBe(40);
    const left = await t.deps.db.pool.query("SELECT count(*)::int AS n FROM event_deliveries WHERE tenant_id = $1 AND status <> 'delivered'", [tenant.id]);
    expect(left.rows[0].n).toBe(0);
  });

  it('parks a delivery that keeps failing as dead; an administrator sees it and retries it, audited', async () => {
    const { tenant, admin, hq, code } = await newTenant(t);
    const agg = crypto.randomUUID();
    failures.set(agg, MAX_DELIVERY_ATTEMPTS);
    const { id } = await happen(tenant.id, agg);
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await t.deps.jobs.drain(tenant.id);
      t.clock.advance(3_600_000);
    }
    const dead = await admin.get('/api/v1/events?status=dead');
    expect(dead.statusCode).toBe(200);
    const ev = dead.json().items.find((e: { id: string }) => e.id === id);
    const delivery = ev.deliveries.find((d: { subscriber: string }) => d.subscriber === 'test.recorder');
    expect(delivery).toMatchObject({ status: 'dead', attempts: MAX_DELIVERY_ATTEMPTS, lastError: 'subscriber hiccup' });
    expect(await reactions(tenant.id, agg)).toBe(0);

    // A store user may not look at the outbox.
    const store = await makeStore(admin, hq.id);
    const { client: clerk } = await userIn(t, admin, code, store.id, '店长');
    expectErrorBody(await clerk.get('/api/v1/events'), 403, 'forbidden');
    expectErrorBody(await clerk.post(`/api/v1/event-deliveries/${delivery.id}/retry`), 403, 'forbidden');

    failures.set(agg, 0);
    const retry = await admin.post(`/api/v1/event-deliveries/${delivery.id}/retry`);
    expect(retry.json()).toEqual({ retried: 1 });
    await t.deps.jobs.drain(tenant.id);
    expect(await reactions(tenant.id, agg)).toBe(1);
    // Retrying a delivered one does nothing.
    expect((await admin.post(`/api/v1/event-deliveries/${delivery.id}/retry`)).json()).toEqual({ retried: 0 });
    const audit = await t.deps.db.pool.query("SELECT entity_id FROM audit_log WHERE tenant_id = $1 AND action = 'eventDelivery.retried'", [tenant.id]);
    expect(audit.rows).toEqual([{ entity_id: delivery.id }]);
    expectErrorBody(await admin.get('/api/v1/events?status=lost'), 422, 'validation_failed');
  });
});
