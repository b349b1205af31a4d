import { randomUUID } from 'node:crypto';
import { emit } from '../../src/platform/events/outbox.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { customerOf, type Factory, once, type World } from './world.ts';

/**
 * Records of the order-followups module for the generated isolation walker: the steps of an order of store A, made
 * the way production makes them (an `order.paid` event delivered to the module's subscriber).
 */
async function stepOf(w: World) {
  return once(w, 'followupStep', async () => {
    const customer = await customerOf(w);
    const orderId = randomUUID();
    const ctx = systemCtx(w.t.deps.db.db, w.a.tenant.id, w.t.clock.now, 'isolation');
    await w.t.deps.db.db.transaction((tx) =>
      emit(ctx, tx, {
        type: 'order.paid',
        aggregateType: 'order',
        aggregateId: orderId,
        payload: {
          orderId, orderNo: 'SO-ISO-1', customerId: customer.params.id, storeId: w.storeA.id, salespersonId: null, designerId: null,
          campaignId: null, totalFen: 100_000, paidFen: 100_000, paidAt: w.t.clock.now().toISOString(), deliveryDate: null, lines: [],
        },
      }),
    );
    await w.t.deps.jobs.drain(w.a.tenant.id);
    const r = await w.t.deps.db.pool.query("SELECT id FROM followup_steps WHERE tenant_id = $1 AND order_id = $2 AND step_key = 'confirm'", [w.a.tenant.id, orderId]);
    if (!r.rows[0]) throw new Error('no follow-up step was generated for the isolation order');
    const id = r.rows[0].id as string;
    return { params: { id, orderId }, rows: [['followup_steps', id] as [string, string]] };
  });
}

export const FACTORIES: Factory[] = [
  { name: 'follow-up step', match: /^\/api\/v1\/followup-steps\/:id(\/|$)/, customerOwned: true, build: stepOf },
  { name: 'follow-up steps of an order', match: /^\/api\/v1\/orders\/:orderId\/followup-steps$/, customerOwned: true, build: stepOf },
];
/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'POST /api/v1/followup-steps/:id/complete': { outcome: '越权完成', satisfaction: 5 },
  'POST /api/v1/followup-steps/:id/skip': { reason: '越权跳过' },
  // A valid new date (a month ahead of the walker's clock, which starts at the real time).
  'POST /api/v1/followup-steps/:id/reschedule': { dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), reason: '越权改期' },
  'POST /api/v1/followup-steps/:id/reassign': { ownerId: '00000000-0000-4000-8000-000000000001' },
  'POST /api/v1/followup-steps/:id/reopen': { reason: '越权重开' },
};
