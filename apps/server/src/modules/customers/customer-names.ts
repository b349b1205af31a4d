import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { customers } from './customers.tables.ts';

/**
 * Names of customers by id within one tenant, for other modules' lists and messages (a request list, a follow-up
 * message's {客户姓名}). Not scope-checked: callers show names next to records the caller may already see, and apply
 * the caller's field rule for `customer.name` themselves.
 */
export async function customerNamesByIds(db: DbOrTx, tenantId: string, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Phones (E.164, primary first) of customers by id within one tenant, for messages other modules send on their own
 * schedule (a loyalty member told of points expiring). Not scope-checked: system work, no caller to show them to.
 */
export async function customerPhonesByIds(db: DbOrTx, tenantId: string, ids: readonly (string | null)[]): Promise<Map<string, string[]>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: customers.id, phones: customers.phones })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.phones]));
}
