import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Refund, Spend, StoredValueMovementDto, TopUp } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { isOrderVisible } from '../orders/index.ts';
import { checkCardUse } from './card-use.ts';
import { idempotent, type Outcome } from './idempotency.ts';
import { findVisible as findVisibleMember, memberInTenant, type MemberRow } from './members.repository.ts';
import { loadSettings } from './program.service.ts';
import * as repo from './stored-value.repository.ts';
import { lockValueBalance, postValue, refundParts, spendParts, topUpParts, valueConflict, type ValuePostResult } from './stored-value-ledger.ts';
import { toBalanceDto, toValueEntryDto } from './stored-value.dto.ts';

/**
 * Stored-value movements at the counter (LOY-6, LOY-7): top-up and spend at any store of the brand for any member of
 * the tenant (the account is chain-wide; the entry records the caller's store), refund of principal by the member's
 * own stores (the join store and the managers above it), and the cancellation of a spend by the store where it
 * happened. Top-up, spend and refund take an Idempotency-Key (a replay answers the first result; the same key with
 * another body is a 409 `idempotency_key_reused`).
 */

const ROUTE = '/api/v1/loyalty/members/:id/stored-value';

/** The entries of an HTTP request are keyed by its Idempotency-Key, or by a fresh id without one. */
const requestSource = (key: string | undefined) => ({ type: 'request', id: key ?? randomUUID() });

async function answer(ctx: Ctx, tx: Tx, r: ValuePostResult): Promise<StoredValueMovementDto> {
  const view = await repo.entryView(tx, ctx.tenantId, r.entry.id);
  return { entry: toValueEntryDto(view!), balance: toBalanceDto(r.balance.accountId, r.balance) };
}

/** Any member of the tenant (404 otherwise) who is active (409 `member_not_active`). */
async function activeMember(ctx: Ctx, tx: Tx, memberId: string): Promise<MemberRow> {
  const member = await memberInTenant(tx, ctx.tenantId, memberId);
  if (!member) throw notFound('loyaltyMember');
  if (member.status !== 'active') throw valueConflict('member_not_active', `the member is ${member.status}`, { status: member.status });
  return member;
}

/** Top up: the paid amount plus the bonus of the largest step reached, within the ceiling on the balance. */
export async function topUp(ctx: Ctx, memberId: string, input: z.output<typeof TopUp>, key?: string): Promise<Outcome<StoredValueMovementDto>> {
  return idempotent(ctx, key, { route: `POST ${ROUTE}/top-ups`, body: { memberId, ...input } }, 201, async (tx) => {
    const member = await activeMember(ctx, tx, memberId);
    const { storedValue } = await loadSettings(tx, ctx.tenantId);
    const r = await postValue(ctx, tx, {
      accountId: member.accountId, memberId: member.id, kind: 'topup', source: requestSource(key),
      parts: (b) => topUpParts(storedValue, b, input.amountFen),
      method: input.method, reference: input.reference ?? null, note: input.note ?? null,
      audit: { action: 'storedValueEntry.toppedUp', meta: { memberNumber: member.number } },
    });
    return answer(ctx, tx, r);
  });
}

/**
 * Spend: under the balance lock, the card presented and a sub card's limits are checked (`checkCardUse`), then the
 * amount is taken from both parts in proportion; never more than the balance (409 `insufficient_value`).
 */
export async function spend(ctx: Ctx, memberId: string, input: z.output<typeof Spend>, key?: string): Promise<Outcome<StoredValueMovementDto>> {
  return idempotent(ctx, key, { route: `POST ${ROUTE}/spends`, body: { memberId, ...input } }, 201, async (tx) => {
    const member = await activeMember(ctx, tx, memberId);
    if (input.orderId && !(await isOrderVisible(ctx, input.orderId))) throw invalid([issue('body.orderId', 'not_found', 'order not found')]);
    // Lock order: the balance, then whatever the card check locks; a sub card's spend-so-far is read under the lock.
    await lockValueBalance(ctx, tx, member.accountId);
    await checkCardUse(ctx, tx, { memberId: member.id, cardNumber: input.cardNumber ?? null, valueFen: input.amountFen });
    const r = await postValue(ctx, tx, {
      accountId: member.accountId, memberId: member.id, kind: 'spend', source: requestSource(key),
      parts: (b) => spendParts(b, input.amountFen),
      orderId: input.orderId ?? null, note: input.note ?? null,
      audit: { action: 'storedValueEntry.spent', meta: { memberNumber: member.number, orderId: input.orderId ?? null } },
    });
    return answer(ctx, tx, r);
  });
}

/**
 * Refund principal to the customer (a correction: loyalty:adjust, with a reason), whatever the member's status, by the
 * member's own stores. The bonus is forfeited in proportion; more than the principal left is a 409.
 */
export async function refund(ctx: Ctx, memberId: string, input: z.output<typeof Refund>, key?: string): Promise<Outcome<StoredValueMovementDto>> {
  return idempotent(ctx, key, { route: `POST ${ROUTE}/refunds`, body: { memberId, ...input } }, 201, async (tx) => {
    const member = await findVisibleMember(ctx, tx, memberId);
    if (!member) throw notFound('loyaltyMember');
    const r = await postValue(ctx, tx, {
      accountId: member.accountId, memberId: member.id, kind: 'refund', source: requestSource(key),
      parts: (b) => refundParts(b, input.amountFen),
      method: input.method, reference: input.reference ?? null, note: input.reason,
      audit: { action: 'storedValueEntry.refunded', meta: { memberNumber: member.number, reason: input.reason } },
    });
    return answer(ctx, tx, r);
  });
}

/**
 * Cancel a spend once (loyalty:adjust), by the store where it happened (and the managers above): a `spend_cancel`
 * entry gives back exactly the principal and bonus the spend took, to the account it took them from (as a cancelled
 * redemption gives points back to its own account), booked at the spend's store, by the caller.
 */
export async function cancelSpend(ctx: Ctx, spendId: string, reason: string | null): Promise<StoredValueMovementDto> {
  return ctx.db.transaction(async (tx) => {
    // The spend's row lock serialises two cancels of it whatever account they credit.
    const s = await repo.visibleSpend(ctx, tx, spendId, { lock: true });
    if (!s) throw notFound('storedValueSpend');
    if (await repo.cancelOf(tx, ctx.tenantId, s.id)) throw valueConflict('already_cancelled', 'the spend is already cancelled');
    const r = await postValue(ctx, tx, {
      accountId: s.accountId, memberId: s.memberId, kind: 'spend_cancel', source: { type: 'spend', id: s.id },
      parts: { principalFen: -s.principalFen, bonusFen: -s.bonusFen },
      storeId: s.storeId, orderId: s.orderId, note: reason, cancelsEntryId: s.id,
      audit: { action: 'storedValueEntry.spendCancelled', meta: { spendId: s.id, amountFen: -s.amountFen, reason } },
    });
    return answer(ctx, tx, r);
  });
}
