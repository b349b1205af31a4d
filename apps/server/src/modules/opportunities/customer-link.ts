import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { fieldAccess, type Ctx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { customerNamesByIds, getCustomer } from '../customers/index.ts';

/** What opportunities need to know about customers, through the customers module's public surface. */

/**
 * The customer as the caller sees it (its store and name), or null when the caller cannot see it. Read through `db`,
 * so a customer made earlier in the caller's transaction (lead conversion) is found.
 */
export async function visibleCustomer(ctx: Ctx, db: DbOrTx, customerId: string): Promise<{ id: string; storeId: string | null; name: string } | null> {
  try {
    const c = await getCustomer({ ...ctx, db: db as Db }, customerId);
    return { id: c.id, storeId: c.storeId, name: c.name };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

/** Customer names by id, unless the caller's field rules hide customer names. */
export async function customerNames(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, string>> {
  if (fieldAccess(ctx, 'customer', 'name') === 'hidden') return new Map();
  return customerNamesByIds(ctx.db, ctx.tenantId, ids);
}
