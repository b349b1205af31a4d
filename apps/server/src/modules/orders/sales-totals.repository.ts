import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';

/** Signed sales of a salesperson in a store over a period: paid orders, net of what came back. */
export interface PaidOrderTotal {
  salespersonId: string | null;
  storeId: string;
  /** Σ (total − returned) of the orders paid in the range. */
  amountFen: number;
  orders: number;
}

/**
 * Paid orders per salesperson and store whose payment completed within [from, to] (Shanghai calendar dates, both
 * inclusive), cancelled ones left out, amounts net of returns. Whole tenant: the caller applies its own scope to the
 * rows (sales targets attribute them to the units and users it may see).
 */
export async function paidOrderTotals(db: DbOrTx, tenantId: string, range: { from: string; to: string }): Promise<PaidOrderTotal[]> {
  const r = await db.execute<{ salespersonId: string | null; storeId: string; amountFen: number; orders: number }>(sql`
    SELECT salesperson_id AS "salespersonId", store_id AS "storeId",
           sum(total_fen - returned_fen)::bigint AS "amountFen", count(*)::int AS "orders"
      FROM orders
     WHERE tenant_id = ${tenantId} AND status <> 'cancelled' AND paid_at IS NOT NULL
       AND paid_at >= (${range.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
       AND paid_at < ((${range.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
     GROUP BY salesperson_id, store_id`);
  return r.rows;
}
