import { topUpBonusFor, type StoredValueEntryKind, type StoredValueSettingsDto } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { insertScoped } from '../../platform/db/scoped.ts';
import * as repo from './stored-value.repository.ts';

/**
 * The stored-value ledger (储值, LOY-6, LOY-8). `postValue` is the one way stored value moves: under the account's
 * balance-row lock it appends one entry (idempotent by its source) with signed principal and bonus parts and the
 * balance after it, and updates the cached balance in the same transaction. Neither part may go below zero.
 * The rules that decide the parts of a top-up, a spend and a refund live here too (stated in loyalty-value.ts).
 */

export interface Parts {
  principalFen: number;
  bonusFen: number;
}

export interface ValuePosting {
  accountId: string;
  /** The member (card) it is for. */
  memberId: string | null;
  kind: StoredValueEntryKind;
  /** What caused it; (account, kind, source) is unique, so the same source posts once. */
  source: { type: string; id: string };
  /** Signed parts, or a rule deciding them from the locked balance (it may refuse with a 409). */
  parts: Parts | ((balance: repo.BalanceRow) => Parts);
  /** Where it happened; by default the caller's unit (none for the system). */
  storeId?: string | null;
  orderId?: string | null;
  method?: string | null;
  reference?: string | null;
  note?: string | null;
  cancelsEntryId?: string | null;
  audit: { action: string; meta?: Record<string, unknown> };
}

export interface ValuePostResult {
  entry: repo.ValueEntryRow;
  balance: repo.BalanceRow;
  /** True when the source had posted before: nothing changed, the first entry is answered. */
  replayed: boolean;
}

const ADDS: Record<StoredValueEntryKind, boolean> = { topup: true, spend_cancel: true, transfer_in: true, spend: false, refund: false, transfer_out: false };

export const valueConflict = (reason: string, message: string, params: Record<string, unknown> = {}) => new AppError('conflict', message, { params: { reason, ...params } });

/** The caller's store for the entries it makes: the actor's unit; the system acts from nowhere. */
export const counterStore = (ctx: Ctx): string | null => (ctx.actor.kind === 'system' ? null : ctx.actor.unitId);

/**
 * Lock the stored-value balance of an account (created at zero on first use) until the end of the transaction;
 * 404 when the account is not the tenant's.
 */
export async function lockValueBalance(ctx: Ctx, tx: Tx, accountId: string): Promise<repo.BalanceRow> {
  const row = await repo.lockBalanceRow(tx, ctx.tenantId, accountId, ctx.now());
  if (!row) throw notFound('loyaltyAccount');
  return row;
}

function checkParts(kind: StoredValueEntryKind, p: Parts) {
  const { principalFen: a, bonusFen: b } = p;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a + b === 0) throw new Error(`postValue: parts must be integers moving something (got ${a}, ${b})`);
  if (ADDS[kind] ? a < 0 || b < 0 : a > 0 || b > 0) throw new Error(`postValue: ${kind} ${ADDS[kind] ? 'adds' : 'takes'} value`);
}

/** Post one movement of stored value. See the module comment; a part that would go below zero is a 409 `insufficient_value`. */
export async function postValue(ctx: Ctx, tx: Tx, p: ValuePosting): Promise<ValuePostResult> {
  const now = ctx.now();
  const balance = await lockValueBalance(ctx, tx, p.accountId);
  const prior = await repo.entryBySource(tx, ctx.tenantId, p.accountId, p.kind, p.source);
  if (prior) return { entry: prior, balance, replayed: true };
  const parts = typeof p.parts === 'function' ? p.parts(balance) : p.parts;
  checkParts(p.kind, parts);
  const principalFen = balance.principalFen + parts.principalFen;
  const bonusFen = balance.bonusFen + parts.bonusFen;
  if (principalFen < 0 || bonusFen < 0) {
    throw valueConflict('insufficient_value', `the account holds ${balance.balanceFen} fen`, { balanceFen: balance.balanceFen, amountFen: -(parts.principalFen + parts.bonusFen) });
  }
  const next = { balanceFen: principalFen + bonusFen, principalFen, bonusFen };
  const entry = await insertScoped<repo.ValueEntryRow>(
    ctx,
    tx,
    repo.valueEntryFence,
    {
      accountId: p.accountId,
      memberId: p.memberId,
      kind: p.kind,
      amountFen: parts.principalFen + parts.bonusFen,
      principalFen: parts.principalFen,
      bonusFen: parts.bonusFen,
      balanceAfterFen: next.balanceFen,
      principalAfterFen: next.principalFen,
      bonusAfterFen: next.bonusFen,
      method: p.method ?? null,
      reference: p.reference ?? null,
      sourceType: p.source.type,
      sourceId: p.source.id,
      storeId: p.storeId !== undefined ? p.storeId : counterStore(ctx),
      orderId: p.orderId ?? null,
      note: p.note ?? null,
      cancelsEntryId: p.cancelsEntryId ?? null,
      createdById: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      createdAt: now,
    },
    { action: p.audit.action, meta: { ...p.audit.meta, balanceBeforeFen: balance.balanceFen } },
  );
  await repo.setBalance(tx, balance.id, next, now);
  return { entry, balance: { ...balance, ...next, updatedAt: now }, replayed: false };
}

// ---------- the rules of the parts ----------

/**
 * A top-up: the paid amount is principal, the bonus comes from the largest step reached; the balance after it must
 * stay within `maxBalanceFen` (409 `balance_limit_exceeded`, bonus included).
 */
export function topUpParts(settings: StoredValueSettingsDto, b: repo.BalanceRow, amountFen: number): Parts {
  const bonusFen = topUpBonusFor(settings.topUpBonuses, amountFen);
  if (b.balanceFen + amountFen + bonusFen > settings.maxBalanceFen) {
    throw valueConflict('balance_limit_exceeded', `the balance may hold at most ${settings.maxBalanceFen} fen`, {
      balanceFen: b.balanceFen, amountFen, bonusFen, maxBalanceFen: settings.maxBalanceFen,
    });
  }
  return { principalFen: amountFen, bonusFen };
}

/**
 * A spend takes from both parts in proportion: bonus = floor(amount × bonus ÷ balance), principal = the rest (so the
 * odd fen comes from the principal, and spending the whole balance takes both parts whole). More than the balance is
 * a 409 `insufficient_value`. BigInt keeps the product exact beyond 2^53.
 */
export function spendParts(b: Pick<repo.BalanceRow, 'balanceFen' | 'bonusFen'>, amountFen: number): Parts {
  if (amountFen > b.balanceFen) throw valueConflict('insufficient_value', `the account holds ${b.balanceFen} fen, ${amountFen} asked`, { balanceFen: b.balanceFen, amountFen });
  const bonus = Number((BigInt(amountFen) * BigInt(b.bonusFen)) / BigInt(b.balanceFen));
  return { principalFen: -(amountFen - bonus), bonusFen: -bonus };
}

/**
 * A refund pays back `amountFen` of principal (409 `refund_exceeds_principal` when more than is left) and forfeits
 * the bonus in proportion, rounded up: ceil(amount × bonus ÷ principal), all of it when the whole principal goes.
 */
export function refundParts(b: Pick<repo.BalanceRow, 'principalFen' | 'bonusFen'>, amountFen: number): Parts {
  if (amountFen > b.principalFen) {
    throw valueConflict('refund_exceeds_principal', `${b.principalFen} fen of principal left, ${amountFen} asked`, { principalFen: b.principalFen, amountFen });
  }
  const p = BigInt(b.principalFen);
  const forfeit = Number((BigInt(amountFen) * BigInt(b.bonusFen) + p - 1n) / p);
  return { principalFen: -amountFen, bonusFen: -forfeit };
}
