import pg from 'pg';
import type { OrderPaidPayload } from '../../../apps/server/src/modules/orders/index.ts';
import type { Db } from '../../../apps/server/src/platform/db/client.ts';
import { openDatabase } from '../../../apps/server/src/platform/db/client.ts';
import { emit } from '../../../apps/server/src/platform/events/outbox.ts';
import { JobRunner } from '../../../apps/server/src/platform/jobs/runner.ts';
import { systemCtx } from '../../../apps/server/src/platform/jobs/system-ctx.ts';

export interface FollowupGeneration {
  orders: number;
  /** Orders per second: `order.paid` delivered to the follow-ups subscriber by the product's worker. */
  productPerS: number;
  /** Orders per second: the same rows (order reference + steps) written by raw SQL, one transaction per order. */
  rawPerS: number;
  stepsPerOrder: number;
}

/** Paid orders of the data set that have no follow-up steps yet (each run uses fresh ones). */
async function freshPaidOrders(pool: pg.Pool, tenantId: string, n: number) {
  const r = await pool.query<{ id: string }>(
    `SELECT o.id FROM orders o
      WHERE o.tenant_id = $1 AND o.status IN ('paid', 'delivered', 'completed')
        AND NOT EXISTS (SELECT 1 FROM followup_order_refs f WHERE f.tenant_id = o.tenant_id AND f.order_id = o.id)
      ORDER BY o.id LIMIT $2`,
    [tenantId, n],
  );
  return r.rows.map((x) => x.id);
}

/** The `order.paid` payloads of some orders, as the orders module writes them. */
async function paidPayloads(pool: pg.Pool, tenantId: string, ids: string[]): Promise<OrderPaidPayload[]> {
  const r = await pool.query(
    `SELECT o.id, o.order_no, o.customer_id, o.store_id, o.salesperson_id, o.designer_id, o.campaign_id, o.total_fen, o.paid_fen,
            o.paid_at, o.delivery_date::text AS delivery_date,
            coalesce((SELECT json_agg(json_build_object('lineId', l.id, 'productId', l.product_id, 'sku', l.sku, 'categoryId', l.category_id,
                                                        'seriesId', l.series_id, 'quantity', l.quantity, 'amountFen', l.amount_fen) ORDER BY l.position)
                        FROM order_lines l WHERE l.order_id = o.id), '[]') AS lines
       FROM orders o WHERE o.tenant_id = $1 AND o.id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return r.rows.map((o) => ({
    orderId: o.id, orderNo: o.order_no, customerId: o.customer_id, storeId: o.store_id, salespersonId: o.salesperson_id,
    designerId: o.designer_id, campaignId: o.campaign_id, totalFen: Number(o.total_fen), paidFen: Number(o.paid_fen),
    paidAt: new Date(o.paid_at).toISOString(), deliveryDate: o.delivery_date, lines: o.lines,
  }));
}

const columnsOf = async (pool: pg.Pool, table: string) =>
  (await pool.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position', [table])).rows.map((c) => c.column_name);

/**
 * P13: follow-up generation. The product: `order.paid` events for `n` paid orders are written to the outbox, then the
 * worker delivers them (`JobRunner.drain`: per event a locked delivery, the subscriber in a savepoint, its audit rows,
 * "delivered" — one transaction each); timed is the drain. The baseline: for `n` other orders the rows the subscriber
 * made for one order (its reference row and steps) are written again by raw SQL through node-postgres, one transaction
 * per order — the floor for that work. Both sequential on one connection.
 */
export async function measureFollowupGeneration(url: string, tenantId: string, n: number): Promise<FollowupGeneration> {
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'jiake-bench-followups' });
  pool.on('error', () => {});
  const database = openDatabase(url, 'server', 2);
  try {
    const ids = await freshPaidOrders(pool, tenantId, 2 * n);
    if (ids.length < 2 * n) throw new Error(`P13 needs ${2 * n} paid orders without follow-up steps; the data set has ${ids.length} left`);
    const [productIds, rawIds] = [ids.slice(0, n), ids.slice(n)];
    const now = () => new Date();
    const db: Db = database.db;
    const payloads = await paidPayloads(pool, tenantId, productIds);
    for (let i = 0; i < payloads.length; i += 100) {
      await db.transaction(async (tx) => {
        const ctx = systemCtx(tx as unknown as Db, tenantId, now, 'bench-p13');
        for (const p of payloads.slice(i, i + 100)) await emit(ctx, tx, { type: 'order.paid', aggregateType: 'order', aggregateId: p.orderId, payload: p });
      });
    }
    const runner = new JobRunner(db, now, { onlyTenants: () => [tenantId], scope: `bench-p13-${process.pid}` });
    let t = performance.now();
    await runner.drain(tenantId);
    const productS = (performance.now() - t) / 1000;
    const steps = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM followup_steps WHERE tenant_id = $1 AND order_id = ANY($2::uuid[])', [tenantId, productIds]);
    if (!steps.rows[0].n) throw new Error('P13: the product made no follow-up steps');

    // The rows one order got, cloned for each baseline order with its own ids.
    const template = productIds[0];
    const refCols = await columnsOf(pool, 'followup_order_refs');
    const stepCols = await columnsOf(pool, 'followup_steps');
    const subst: Record<string, string> = { id: 'gen_random_uuid()', order_id: '$2', order_no: '$3', customer_id: '$4', store_id: '$5' };
    const select = (cols: string[]) => cols.map((c) => subst[c] ?? `"${c}"`).join(', ');
    const insertRef = `INSERT INTO followup_order_refs (${refCols.map((c) => `"${c}"`).join(', ')}) SELECT ${select(refCols)} FROM followup_order_refs WHERE tenant_id = $6 AND order_id = $1`;
    const insertSteps = `INSERT INTO followup_steps (${stepCols.map((c) => `"${c}"`).join(', ')}) SELECT ${select(stepCols)} FROM followup_steps WHERE tenant_id = $6 AND order_id = $1`;
    const targets = (await pool.query('SELECT id, order_no, customer_id, store_id FROM orders WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, rawIds])).rows;
    const client = await pool.connect();
    try {
      t = performance.now();
      for (const o of targets) {
        const values = [template, o.id, o.order_no, o.customer_id, o.store_id, tenantId];
        await client.query('BEGIN');
        await client.query(insertRef, values);
        await client.query(insertSteps, values);
        await client.query('COMMIT');
      }
    } finally {
      client.release();
    }
    const rawS = (performance.now() - t) / 1000;
    return { orders: n, productPerS: n / productS, rawPerS: n / rawS, stepsPerOrder: steps.rows[0].n / n };
  } finally {
    await database.close();
    await pool.end();
  }
}
