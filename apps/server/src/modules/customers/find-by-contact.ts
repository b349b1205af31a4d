import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { customerPhones, customers } from './customers.tables.ts';
import { live } from './customers.repository.ts';

export interface CustomerByContact {
  id: string;
  name: string;
  storeId: string | null;
  ownerId: string | null;
}

/**
 * Live customers of the tenant reached at exactly this phone (E.164, their own or a contact's number) or e-mail
 * (case-insensitive), most recently changed first. Tenant-wide, no data scope: for system work such as the
 * self-service page linking a verified phone or e-mail to its customer. Staff searches use `listCustomers`.
 */
export async function customersByContact(db: DbOrTx, tenantId: string, c: { e164?: string; email?: string }, limit = 5): Promise<CustomerByContact[]> {
  const cols = { id: customers.id, name: customers.name, storeId: customers.storeId, ownerId: customers.ownerId };
  if (c.e164) {
    const ids = db.select({ id: customerPhones.customerId }).from(customerPhones).where(and(eq(customerPhones.tenantId, tenantId), eq(customerPhones.e164, c.e164)));
    return db.select(cols).from(customers).where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids), live())).orderBy(desc(customers.updatedAt)).limit(limit);
  }
  if (c.email) {
    return db
      .select(cols)
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), sql`lower(${customers.email}) = ${c.email.toLowerCase()}`, live()))
      .orderBy(desc(customers.updatedAt))
      .limit(limit);
  }
  return [];
}
