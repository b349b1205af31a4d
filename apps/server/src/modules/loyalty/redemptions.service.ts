import type { z } from 'zod';
import type { MemberRedemptionListQuery, RedemptionDto, RedemptionListQuery } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { lockScoped, updateScoped } from '../../platform/db/scoped.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import { postPoints } from './ledger.ts';
import { memberInTenant } from './members.repository.ts';
import { lockGift, moveStock } from './gifts.repository.ts';
import * as repo from './redemptions.repository.ts';
import { toRedemptionDto } from './loyalty.dto.ts';
import { reverseSettlement } from './settlement.ts';

/**
 * Cancelling a redemption (once) and reading redemptions. A cancellation gives the points back with a
 * `redeem_cancel` entry that restores the lots the redemption consumed (their expiry kept; lots expired meanwhile
 * get a new lot by the programme's policy) and puts a gift back in stock. Redemptions are seen by the store where
 * they happened and the managers above it.
 */

const conflict = (reason: string, message: string) => new AppError('conflict', message, { params: { reason } });

export async function cancelRedemption(ctx: Ctx, id: string, reason: string | null): Promise<RedemptionDto> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockScoped<repo.RedemptionRow>(ctx, tx, repo.redemptionFence, id);
    if (r.status === 'cancelled') throw conflict('already_cancelled', 'the redemption is already cancelled');
    const now = ctx.now();
    if (r.giftId && r.quantity && (await lockGift(tx, ctx.tenantId, r.giftId))) await moveStock(tx, ctx.tenantId, r.giftId, r.quantity, now);
    const posted = await postPoints(ctx, tx, {
      accountId: r.accountId, memberId: r.memberId, kind: 'redeem_cancel', points: r.points, source: { type: 'redemption', id: r.id },
      storeId: r.storeId, orderId: r.orderId, note: reason, breakdown: [{ rule: 'redemption_cancel', redemptionId: r.id }],
      ...(r.entryId ? { restoresEntryId: r.entryId } : {}),
    });
    if (r.entryId) await reverseSettlement(ctx, tx, { entryId: r.entryId, cancelEntryId: posted.entry.id, redemptionId: r.id });
    await updateScoped(ctx, tx, repo.redemptionFence, id, {
      status: 'cancelled', cancelEntryId: posted.entry.id, cancelledById: ctx.actor.kind === 'user' ? ctx.actor.id : null, cancelledAt: now, cancelReason: reason,
    }, { action: 'loyaltyRedemption.cancelled', meta: { points: r.points, giftId: r.giftId, quantity: r.quantity } });
    return toRedemptionDto((await repo.findInTenant(tx, ctx.tenantId, id))!);
  });
}

export async function getRedemption(ctx: Ctx, id: string): Promise<RedemptionDto> {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('loyaltyRedemption');
  return toRedemptionDto(row);
}

/** Redemptions of the tenant the caller's scope reaches (by the store where they happened), newest first. */
export async function listRedemptions(ctx: Ctx, q: z.output<typeof RedemptionListQuery>) {
  const page = await repo.redemptionPage(ctx.db, repo.redemptionListWhere(ctx, q), q.limit, decodeCursor(q.cursor));
  return { items: page.rows.map(toRedemptionDto), nextCursor: page.nextCursor };
}

/** One member's redemptions (any member of the tenant: the account is chain-wide), those of the caller's stores. */
export async function memberRedemptions(ctx: Ctx, memberId: string, q: z.output<typeof MemberRedemptionListQuery>) {
  if (!(await memberInTenant(ctx.db, ctx.tenantId, memberId))) throw notFound('loyaltyMember');
  return listRedemptions(ctx, { ...q, memberId });
}
