import { and } from 'drizzle-orm';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import { toCustomerDto, type CustomerRow } from './customers.dto.ts';
import { customerFence, findVisible, live } from './customers.repository.ts';
import { getPoolSettings, inPool, inPoolReach, owned, savePoolSettings } from './pool.repository.ts';

/**
 * The shared pool (公海, CUS-6): a live customer without an owner. Who sees it follows one rule, declared on the
 * customer fence (`sharedWhenUnowned`): an own-scope user sees its own customers and the pool of its unit; wider
 * scopes see the pool of the units they see anyway.
 */

const isNotFound = (e: unknown) => e instanceof AppError && e.code === 'not_found';

/**
 * Take a pool customer (owner = caller, fresh idle period). Concurrency-safe: the row is locked and re-checked, so of
 * two callers at once one wins and the other answers 409.
 */
export async function claimCustomer(ctx: Ctx, id: string) {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'only a user can own customers');
  return ctx.db.transaction(async (tx) => {
    try {
      const { after } = await updateScoped<CustomerRow>(ctx, tx, customerFence, id, { ownerId: ctx.actor.id, lastTouchedAt: ctx.now() }, {
        action: 'customer.claimed',
        extra: and(live(), inPool()),
      });
      return toCustomerDto((await findVisible(ctx, tx, id)) ?? after);
    } catch (e) {
      if (isNotFound(e) && (await inPoolReach(ctx, tx, id))) throw new AppError('conflict', 'the customer already has an owner');
      throw e;
    }
  });
}

/** Give a customer back to the pool, with an optional reason; 409 when it is already there. */
export async function releaseCustomer(ctx: Ctx, id: string, reason?: string) {
  return ctx.db.transaction(async (tx) => {
    try {
      const { after } = await updateScoped<CustomerRow>(ctx, tx, customerFence, id, { ownerId: null }, {
        action: 'customer.released',
        meta: reason ? { reason } : {},
        extra: and(live(), owned()),
      });
      return toCustomerDto((await findVisible(ctx, tx, id)) ?? after);
    } catch (e) {
      if (isNotFound(e) && (await findVisible(ctx, tx, id))) throw new AppError('conflict', 'the customer is already in the pool');
      throw e;
    }
  });
}

export const poolSettingsOf = (ctx: Ctx) => getPoolSettings(ctx.db, ctx.tenantId);

export async function updatePoolSettings(ctx: Ctx, input: { idleDays: number; enabled: boolean }) {
  return ctx.db.transaction(async (tx) => {
    const before = await getPoolSettings(tx, ctx.tenantId);
    await savePoolSettings(tx, ctx.tenantId, input, ctx.now());
    await ctx.audit.record(tx, { action: 'customerPool.settings_updated', entityType: 'customerPoolSettings', changes: diff(before, input) });
    return { idleDays: input.idleDays, enabled: input.enabled };
  });
}
