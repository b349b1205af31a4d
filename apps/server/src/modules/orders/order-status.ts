import { ORDER_STATUS_RULES, type OrderStatus } from '@jiake/shared';
import { AppError } from '../../platform/http/errors.ts';

/**
 * The order status machine (ORD-1):
 *   draft → confirmed → paid → delivered → completed
 *   draft | confirmed | paid → cancelled
 *   delivered | completed | partially_returned → partially_returned | returned
 *   partially_returned → completed (the rest is kept)
 * `paid` is reached by payments covering the total, never set by hand.
 */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ['confirmed', 'cancelled'],
  confirmed: ['paid', 'cancelled'],
  paid: ['delivered', 'cancelled'],
  delivered: ['completed', 'partially_returned', 'returned'],
  completed: ['partially_returned', 'returned'],
  partially_returned: ['completed', 'partially_returned', 'returned'],
  returned: [],
  cancelled: [],
};

export const canMove = (from: OrderStatus, to: OrderStatus) => NEXT[from].includes(to);

/** 409 with a message that says what was tried and why it cannot be done now. */
export function refuse(action: string, status: OrderStatus, why?: string): AppError {
  return new AppError('conflict', why ? `cannot ${action}: ${why}` : `cannot ${action} an order that is ${status}`, { params: { action, status } });
}

export function assertMove(from: OrderStatus, to: OrderStatus, action: string) {
  if (!canMove(from, to)) throw refuse(action, from);
}

const rule = (k: keyof typeof ORDER_STATUS_RULES): readonly OrderStatus[] => ORDER_STATUS_RULES[k];
/** Statuses in which items, address and date may change by change request (before delivery). */
export const CHANGEABLE_ITEMS = rule('changeable');
export const CHANGEABLE_DELIVERY = rule('changeable');
/** … money may be received. */
export const TAKES_PAYMENTS = rule('takesPayments');
/** … goods may come back. */
export const TAKES_RETURNS = rule('takesReturns');
/** Orders that count as sales (customer stats, recent orders). */
export const SALES_STATUSES = rule('sales');

/** The path from a status to a later one along the main line (for the ERP upsert); null if it is not ahead. */
export function pathTo(from: OrderStatus, to: OrderStatus): OrderStatus[] | null {
  const line: OrderStatus[] = ['draft', 'confirmed', 'paid', 'delivered', 'completed'];
  if (to === 'cancelled') return canMove(from, 'cancelled') ? ['cancelled'] : from === 'cancelled' ? [] : null;
  const i = line.indexOf(from);
  const j = line.indexOf(to);
  if (i < 0 || j < 0) return null;
  return j >= i ? line.slice(i + 1, j + 1) : null;
}
