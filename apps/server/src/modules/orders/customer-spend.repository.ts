import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';

/** A customer and the instant from which their spend counts. */
export interface SpendSince {
  customerId: string;
  since: Date;
}

/**
 * Paid spend of customers, net of returns: Σ (total − returned) of their orders paid at or after each one's `since`,
 * cancelled orders left out (the basis of member tiers, LOY-5). Whole tenant, no data scope: the caller decides whose
 * spend it may ask for. Customers without such orders answer 0.
 */
export async function paidSpendOfCustomers(db: DbOrTx, tenantId: string, items: readonly SpendSince[]): Promise<Map<string, number>> {
  if (!items.length) return new Map();
  // Array literals: uuids and ISO instants hold no character that needs quoting.
  const ids = `{${items.map((i) => i.customerId).join(',')}}`;
  const since = `{${items.map((i) => i.since.toISOString()).join(',')}}`;
  const r = await db.execute<{ customerId: string; spendFen: string }>(sql`
    SELECT x.customer_id AS "customerId", coalesce(sum(o.total_fen - o.returned_fen), 0)::bigint AS "spendFen"
      FROM unnest(${ids}::uuid[], ${since}::timestamptz[]) AS x(customer_id, since)
      LEFT JOIN orders o
        ON o.tenant_id = ${tenantId} AND o.customer_id = x.customer_id AND o.status <> 'cancelled'
       AND o.paid_at IS NOT NULL AND o.paid_at >= x.since
     GROUP BY x.customer_id`);
  return new Map(r.rows.map((row) => [row.customerId, Number(row.spendFen)]));
}
