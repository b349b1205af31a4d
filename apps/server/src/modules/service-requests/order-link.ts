import type { FieldIssue } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isOrderVisible, orderSummaryForRequests, returnOrderLines, type OrderSummaryForRequests } from '../orders/index.ts';

/** What requests need from orders, through the orders module's public surface only. */
export { isOrderVisible as orderVisible, orderSummaryForRequests as orderForRequest, type OrderSummaryForRequests };

export interface ReturnArgs {
  orderId: string;
  lines: { lineId: string; quantity: number }[];
  /** Undefined: the value of the returned lines, at most what was received (the orders module decides). */
  refundFen?: number;
  reason: string;
  requestId: string;
}

/**
 * Return order lines in the caller's transaction (the orders module emits order.returned; one return per request).
 * Its field issues name the resolve form's fields (body.lines.* → body.returnLines.*).
 */
export async function returnLines(ctx: Ctx, tx: Tx, args: ReturnArgs): Promise<{ returnId: string; refundFen: number }> {
  try {
    const ret = await returnOrderLines(ctx, tx, { orderId: args.orderId, lines: args.lines, refundFen: args.refundFen, reason: args.reason.slice(0, 500), requestId: args.requestId });
    return { returnId: ret.id, refundFen: ret.refundFen };
  } catch (err) {
    if (err instanceof AppError && err.extra.issues) {
      const issues: FieldIssue[] = err.extra.issues.map((i) => ({ ...i, path: i.path.replace(/^body\.lines\b/, 'body.returnLines') }));
      throw new AppError(err.code, err.message, { ...err.extra, issues });
    }
    throw err;
  }
}
