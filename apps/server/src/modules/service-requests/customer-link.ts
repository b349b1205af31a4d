import { fieldAccess, type Ctx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { customerNamesByIds, getCustomer } from '../customers/index.ts';

/** What requests need to know about customers, through the customers module's public surface. */

/** The customer as the caller sees it (its store), or null when the caller cannot see it. */
export async function visibleCustomer(ctx: Ctx, customerId: string): Promise<{ id: string; storeId: string | null } | null> {
  try {
    const c = await getCustomer(ctx, customerId);
    return { id: c.id, storeId: c.storeId };
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
