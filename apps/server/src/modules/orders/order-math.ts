import type { FieldIssue } from '@jiake/shared';
import { issue } from '../../platform/http/errors.ts';

/**
 * Fen arithmetic of orders: whole numbers only. Products of quantity and money go through BigInt, so no amount is
 * ever rounded by a float; every result is checked to stay a safe integer.
 */

/** Largest amount an order may reach (100 billion yuan): far below 2^53 fen, so sums of amounts stay exact. */
export const MAX_ORDER_FEN = 10_000_000_000_000;

export interface PricedLine {
  quantity: number;
  unitPriceFen: number;
  discountFen: number;
}

/** quantity × unit price − discount; issues when the discount is larger than the line or the line too large. */
export function lineAmount(l: PricedLine, path: string): { amountFen: number; issues: FieldIssue[] } {
  const gross = BigInt(l.quantity) * BigInt(l.unitPriceFen);
  if (gross > BigInt(MAX_ORDER_FEN)) return { amountFen: 0, issues: [issue(`${path}.quantity`, 'too_large', 'the line amount is too large')] };
  if (BigInt(l.discountFen) > gross) return { amountFen: 0, issues: [issue(`${path}.discountFen`, 'too_large', 'the discount is larger than the line amount')] };
  return { amountFen: Number(gross - BigInt(l.discountFen)), issues: [] };
}

export interface Totals {
  listFen: number;
  discountFen: number;
  totalFen: number;
}

export function totalsOf(lines: (PricedLine & { amountFen: number })[]): Totals {
  let list = 0n;
  let discount = 0n;
  let total = 0n;
  for (const l of lines) {
    list += BigInt(l.quantity) * BigInt(l.unitPriceFen);
    discount += BigInt(l.discountFen);
    total += BigInt(l.amountFen);
  }
  return { listFen: Number(list), discountFen: Number(discount), totalFen: Number(total) };
}

/**
 * The share of a line's amount for `quantity` more pieces returned, after `returnedBefore` pieces: the difference of
 * floor(amount × returned / bought) before and after. Shares are exact in fen and add up to the line amount when
 * every piece is back, whatever the order and size of the returns (¥100.00 for 3 pieces: 33.33 + 33.33 + 33.34).
 */
export function returnShare(amountFen: number, bought: number, returnedBefore: number, quantity: number): number {
  const a = BigInt(amountFen);
  const n = BigInt(bought);
  const upTo = (k: number) => (a * BigInt(k)) / n;
  return Number(upTo(returnedBefore + quantity) - upTo(returnedBefore));
}

/** Money received and kept: deposits and payments minus refunds. */
export const netReceived = (o: { paidFen: number; refundedFen: number }) => o.paidFen - o.refundedFen;

/** Still to pay (negative: owed to the customer). */
export const balanceOf = (o: { totalFen: number; returnedFen: number; paidFen: number; refundedFen: number }) => o.totalFen - o.returnedFen - netReceived(o);

/** Whether what was received covers what is owed. */
export const isCovered = (o: { totalFen: number; returnedFen: number; paidFen: number; refundedFen: number }) => balanceOf(o) <= 0;
