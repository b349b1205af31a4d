import { z } from 'zod';
import { CleanText, PageQuery } from './common.ts';
import { PAYMENT_METHODS } from './orders.ts';

/**
 * Loyalty — stored value (储值, LOY-6, LOY-8). Must not import from ./loyalty.ts (it imports this file).
 *
 * A stored-value balance belongs to a loyalty account (a family account's cards share it) and is tracked in two
 * parts: principal (本金, what the customer paid, refundable) and bonus (赠送金, given on top-up, never paid out).
 * Stated rules (the server applies them, the tests check them):
 * - Top-up bonus: the largest step whose `minFen` the paid amount reaches applies, once (steps do not add up or
 *   repeat: with 1000 元 → 100 元 and 2000 元 → 300 元, a top-up of 3500 元 gets 300 元). A top-up is ONE entry
 *   with its two parts (principal = paid, bonus = the step's bonus).
 * - Spending is proportional: a spend takes bonus = floor(amount × bonus ÷ balance) and the rest from the principal,
 *   so the two parts keep their ratio (rounding takes the odd fen from the principal).
 * - Refund pays back principal only; the bonus is forfeited in proportion: refunding X of principal P forfeits
 *   ceil(X × bonus ÷ P) of the bonus (all of it when X = P). More than the principal left is refused (409).
 * - A spend can be cancelled once; the cancel restores exactly the parts the spend took.
 * Money is integer fen.
 */

export const STORED_VALUE_ENTRY_KINDS = ['topup', 'spend', 'spend_cancel', 'refund', 'transfer_in', 'transfer_out'] as const;
export type StoredValueEntryKind = (typeof STORED_VALUE_ENTRY_KINDS)[number];
/** How a top-up was paid, or how a refund was paid back (the orders' payment methods). */
export const STORED_VALUE_METHODS = PAYMENT_METHODS;

const ValueFen = z.number().int().min(1).max(10_000_000_000);

/** 充 minFen 送 bonusFen. A bonus is at most the step's own amount (a guard against a slip of a digit). */
export const TopUpBonusStep = z
  .object({ minFen: ValueFen, bonusFen: z.number().int().min(0).max(10_000_000_000) })
  .refine((s) => s.bonusFen <= s.minFen, { message: 'the bonus is at most the top-up amount of its step', path: ['bonusFen'] });
export type TopUpBonusStepDto = z.infer<typeof TopUpBonusStep>;

/** Stored value: bonuses on top-up (the largest step reached applies) and a ceiling on the balance (0: no top-ups). */
export const StoredValueSettings = z.object({
  topUpBonuses: z
    .array(TopUpBonusStep)
    .max(20)
    .superRefine((steps, c) => {
      const seen = new Set<number>();
      steps.forEach((s, i) => {
        if (seen.has(s.minFen)) c.addIssue({ code: 'custom', message: 'two steps with the same amount', path: [i, 'minFen'] });
        seen.add(s.minFen);
      });
    }),
  maxBalanceFen: z.number().int().min(0).max(10_000_000_000),
});
export type StoredValueSettingsDto = z.infer<typeof StoredValueSettings>;
export const DEFAULT_STORED_VALUE_SETTINGS: StoredValueSettingsDto = { topUpBonuses: [], maxBalanceFen: 5_000_000_00 };

/** The bonus a top-up of `amountFen` earns: the step with the largest `minFen` not above it (0 when none). */
export function topUpBonusFor(steps: readonly TopUpBonusStepDto[], amountFen: number): number {
  let best: TopUpBonusStepDto | null = null;
  for (const s of steps) if (s.minFen <= amountFen && (!best || s.minFen > best.minFen)) best = s;
  return best?.bonusFen ?? 0;
}

// ---------- balance and statement ----------

export const StoredValueBalance = z.object({
  accountId: z.uuid(),
  balanceFen: z.number().int(),
  principalFen: z.number().int(),
  bonusFen: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type StoredValueBalanceDto = z.infer<typeof StoredValueBalance>;

export const StoredValueEntry = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  accountId: z.uuid(),
  /** The member (card) it was for. */
  memberId: z.uuid().nullable(),
  memberNumber: z.string().nullable(),
  kind: z.enum(STORED_VALUE_ENTRY_KINDS),
  /** Signed: amount = principal + bonus. */
  amountFen: z.number().int(),
  principalFen: z.number().int(),
  bonusFen: z.number().int(),
  balanceAfterFen: z.number().int(),
  principalAfterFen: z.number().int(),
  bonusAfterFen: z.number().int(),
  /** Top-up: how it was paid; refund: how it was paid back. */
  method: z.enum(STORED_VALUE_METHODS).nullable(),
  reference: z.string().nullable(),
  sourceType: z.string(),
  sourceId: z.string(),
  /** Where it happened (the counter's store). */
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  orderId: z.uuid().nullable(),
  note: z.string().nullable(),
  /** A spend_cancel: the spend it cancels. */
  cancelsEntryId: z.uuid().nullable(),
  /** A spend: the entry that cancelled it, if any. */
  cancelledByEntryId: z.uuid().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.string(),
});
export type StoredValueEntryDto = z.infer<typeof StoredValueEntry>;

export const StoredValueQuery = PageQuery.extend({ kind: z.enum(STORED_VALUE_ENTRY_KINDS).optional() });

/**
 * A member's stored value: the account's balance with its parts, and a page of entries, newest first. `statement`
 * says which entries: `account` (the caller's scope reaches the member: every entry of the account) or `own_stores`
 * (a counter of another store: the entries that happened in the caller's stores).
 */
export const MemberStoredValue = z.object({
  memberId: z.uuid(),
  balance: StoredValueBalance,
  statement: z.enum(['account', 'own_stores']),
  items: z.array(StoredValueEntry),
  nextCursor: z.string().nullable(),
});
export type MemberStoredValueDto = z.infer<typeof MemberStoredValue>;

// ---------- movements ----------

export const TopUp = z.object({
  /** What the customer paid (principal); the bonus is added by the programme's steps. */
  amountFen: ValueFen,
  method: z.enum(STORED_VALUE_METHODS),
  /** The payment's reference (a WeChat Pay transaction number, a POS slip). */
  reference: CleanText(100).nullable().optional(),
  note: CleanText(500).nullable().optional(),
});
export type TopUpInput = z.input<typeof TopUp>;

export const Spend = z.object({
  amountFen: ValueFen,
  /** An order the caller can see, when the spend pays (part of) one. */
  orderId: z.uuid().nullable().optional(),
  /** The card presented at the counter (a lost or cancelled card is refused). */
  cardNumber: z.string().trim().min(1).max(40).nullable().optional(),
  note: CleanText(500).nullable().optional(),
});
export type SpendInput = z.input<typeof Spend>;

export const Refund = z.object({
  /** Principal paid back to the customer (at most the principal left); the bonus is forfeited in proportion. */
  amountFen: ValueFen,
  method: z.enum(STORED_VALUE_METHODS),
  reason: CleanText(500).pipe(z.string().min(1)),
  reference: CleanText(100).nullable().optional(),
});
export type RefundInput = z.input<typeof Refund>;

export const CancelSpend = z.object({ reason: CleanText(500).nullable().optional() });

/** What a movement answers: the entry and the balance after it. */
export const StoredValueMovement = z.object({ entry: StoredValueEntry, balance: StoredValueBalance });
export type StoredValueMovementDto = z.infer<typeof StoredValueMovement>;

// ---------- summary and verification ----------

/** Period in Shanghai calendar days; by default this month up to today. */
export const StoredValueSummaryQuery = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] });

const PeriodTotals = z.object({
  topUps: z.number().int(),
  topUpFen: z.number().int(),
  bonusFen: z.number().int(),
  spends: z.number().int(),
  spendFen: z.number().int(),
  cancelledFen: z.number().int(),
  refunds: z.number().int(),
  refundFen: z.number().int(),
  forfeitedBonusFen: z.number().int(),
});

/**
 * The liability (what the accounts of the caller's members hold, by their primary member's join store) and the
 * period's movements at the caller's stores (where they happened), in total and per store.
 */
export const StoredValueSummary = z.object({
  from: z.string(),
  to: z.string(),
  liability: z.object({ accounts: z.number().int(), balanceFen: z.number().int(), principalFen: z.number().int(), bonusFen: z.number().int() }),
  period: PeriodTotals,
  byStore: z.array(PeriodTotals.extend({ storeId: z.uuid().nullable(), storeName: z.string().nullable() })),
});
export type StoredValueSummaryDto = z.infer<typeof StoredValueSummary>;

export const STORED_VALUE_PROBLEMS = [
  'balance_differs',
  'principal_differs',
  'bonus_differs',
  'balance_after_differs',
  'principal_after_differs',
  'bonus_after_differs',
  'parts_do_not_add_up',
  'part_negative',
  'cancel_differs',
] as const;

export const StoredValueMismatch = z.object({
  accountId: z.uuid(),
  problem: z.enum(STORED_VALUE_PROBLEMS),
  expected: z.number().int(),
  found: z.number().int(),
  entryId: z.uuid().nullable(),
});
export const VerifyStoredValueResult = z.object({
  accounts: z.number().int(),
  entries: z.number().int(),
  mismatches: z.array(StoredValueMismatch),
  checkedAt: z.string(),
});
export type VerifyStoredValueResultDto = z.infer<typeof VerifyStoredValueResult>;
