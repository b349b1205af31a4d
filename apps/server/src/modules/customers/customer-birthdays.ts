import { and, eq } from 'drizzle-orm';
import type { BirthdayValue } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import { customers } from './customers.tables.ts';

/**
 * A customer's birthday as entered (solar or lunar, leap month flagged), within one tenant, for other modules' rules
 * (loyalty's birthday-month bonus). Not scope-checked: callers act for the tenant (an award) or have checked that the
 * caller may see the customer.
 */
export async function customerBirthday(db: DbOrTx, tenantId: string, customerId: string): Promise<BirthdayValue | null> {
  const rows = await db.select({ birthday: customers.birthday }).from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  return rows[0]?.birthday ?? null;
}
