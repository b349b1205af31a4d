import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CreateRedemption, RedemptionDto } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { insertScoped } from '../../platform/db/scoped.ts';
import { isOrderVisible } from '../orders/index.ts';
import { lockAccount, postPoints } from './ledger.ts';
import { memberInTenant } from './members.repository.ts';
import { loadSettings } from './program.service.ts';
import { pointsForCash } from './program.ts';
import { lockGift, moveStock } from './gifts.repository.ts';
import * as repo from './redemptions.repository.ts';
import { toRedemptionDto } from './loyalty.dto.ts';
import { idempotent, type Outcome } from './idempotency.ts';
import { checkCardUse } from './card-use.ts';
import { settleRedemption } from './settlement.ts';

/**
 * Redemption at the counter (LOY-3, LOY-7): any store of the brand redeems for any member of the tenant (the account
 * is chain-wide); the redemption and its `redeem` entry record the caller's store. A gift costs quantity × its
 * price and takes stock under the gift's row lock (409 `out_of_stock`, never below zero); a cash deduction in fen
 * costs ceil(fen × pointsPerYuan ÷ 100) points. Under the account's lock the points must be there (409
 * `insufficient_points`) and leave the programme's minimum balance (409 `below_minimum_balance`).
 */

type Input = z.output<typeof CreateRedemption>;
const conflict = (reason: string, message: string, params: Record<string, unknown> = {}) => new AppError('conflict', message, { params: { reason, ...params } });

/** What the redemption costs, with the gift it takes from (locked) when it is one. */
async function priceOf(ctx: Ctx, tx: Tx, input: Input) {
  if (input.kind === 'cash') {
    const { redemption } = await loadSettings(tx, ctx.tenantId);
    const points = pointsForCash(input.cashFen, redemption.pointsPerYuan);
    return { points, gift: null, breakdown: { rule: 'cash', cashFen: input.cashFen, pointsPerYuan: redemption.pointsPerYuan, rounding: 'ceil' } };
  }
  const gift = await lockGift(tx, ctx.tenantId, input.giftId);
  if (!gift) throw invalid([issue('body.giftId', 'not_found', 'gift not found')]);
  if (!gift.active) throw conflict('gift_inactive', 'the gift is not offered any more');
  if (gift.stock !== null && gift.stock < input.quantity) throw conflict('out_of_stock', `${gift.stock} left, ${input.quantity} asked`, { stock: gift.stock, quantity: input.quantity });
  return { points: gift.pointsPrice * input.quantity, gift, breakdown: { rule: 'gift', giftId: gift.id, quantity: input.quantity, pointsPrice: gift.pointsPrice } };
}

export async function redeem(ctx: Ctx, memberId: string, input: Input, idempotencyKey?: string): Promise<Outcome<RedemptionDto>> {
  return idempotent(ctx, idempotencyKey, { route: 'POST /api/v1/loyalty/members/:id/redemptions', body: { memberId, ...input } }, 201, async (tx) => {
    const member = await memberInTenant(tx, ctx.tenantId, memberId);
    if (!member) throw notFound('loyaltyMember');
    if (member.status !== 'active') throw conflict('member_not_active', `the member is ${member.status}`, { status: member.status });
    if (input.orderId && !(await isOrderVisible(ctx, input.orderId))) throw invalid([issue('body.orderId', 'not_found', 'order not found')]);

    // Lock order: the gift (in priceOf), then the account; a cancellation takes its redemption, the gift, the account.
    const { points, gift, breakdown } = await priceOf(ctx, tx, input);
    const account = await lockAccount(tx, ctx.tenantId, member.accountId);
    const { redemption: rules } = await loadSettings(tx, ctx.tenantId);
    await checkCardUse(ctx, tx, { memberId: member.id, cardNumber: input.cardNumber ?? null, points });
    if (points > Math.max(account.balance, 0)) throw conflict('insufficient_points', `the account holds ${account.balance} points, ${points} asked`, { balance: account.balance, points });
    if (account.balance - points < rules.minBalance) {
      throw conflict('below_minimum_balance', `a redemption must leave ${rules.minBalance} points`, { balance: account.balance, points, minBalance: rules.minBalance });
    }

    const now = ctx.now();
    const storeId = ctx.actor.unitId || null;
    // The id is made here so that the redemption is written after its entry, already pointing at it.
    const id = randomUUID();
    const posted = await postPoints(ctx, tx, {
      accountId: member.accountId, memberId: member.id, kind: 'redeem', points: -points, source: { type: 'redemption', id }, freshSource: true, lockedAccount: account,
      storeId, orderId: input.orderId ?? null, note: input.note ?? gift?.name ?? null, breakdown: [{ ...breakdown, redemptionId: id }],
    });
    const r = await insertScoped<repo.RedemptionRow>(ctx, tx, repo.redemptionFence, {
      id, entryId: posted.entry.id, memberId: member.id, accountId: member.accountId, storeId, kind: input.kind,
      giftId: gift?.id ?? null, giftName: gift?.name ?? null, quantity: input.kind === 'gift' ? input.quantity : null, cashFen: input.kind === 'cash' ? input.cashFen : null,
      points, orderId: input.orderId ?? null, note: input.note ?? null, status: 'redeemed',
      redeemedById: ctx.actor.kind === 'user' ? ctx.actor.id : null, redeemedAt: now, createdAt: now, updatedAt: now,
    }, { action: 'loyaltyRedemption.redeemed', meta: { memberNumber: member.number, points, balanceBefore: account.balance } });
    await settleRedemption(ctx, tx, { entryId: posted.entry.id, storeId, redemptionId: r.id });
    if (gift && input.kind === 'gift') await moveStock(tx, ctx.tenantId, gift.id, -input.quantity, now);
    return toRedemptionDto((await repo.findInTenant(tx, ctx.tenantId, r.id))!);
  });
}
