/**
 * Domain events of orders (written to the outbox with the change; see platform/events/outbox.ts).
 * Payloads are the contract other modules (follow-ups, loyalty, designer commission) rely on: add fields, never
 * rename or remove them. Dates are ISO strings; `deliveryDate` is a calendar date 'YYYY-MM-DD' (Asia/Shanghai).
 */
export const ORDER_EVENTS = {
  paid: 'order.paid',
  deliveryScheduled: 'order.deliveryScheduled',
  delivered: 'order.delivered',
  completed: 'order.completed',
  cancelled: 'order.cancelled',
  returned: 'order.returned',
} as const;

export interface OrderLineRef {
  lineId: string;
  productId: string | null;
  sku: string | null;
  categoryId: string | null;
  seriesId: string | null;
  quantity: number;
  /** What the customer paid for the line after discount, in fen. */
  amountFen: number;
}

interface OrderRef {
  [key: string]: unknown;
  orderId: string;
  orderNo: string;
  customerId: string;
  storeId: string;
  salespersonId: string | null;
}

/** The order reached "paid" (fully paid, or the deposit rule of the tenant was met). Emitted once per order. */
export interface OrderPaidPayload extends OrderRef {
  designerId: string | null;
  campaignId: string | null;
  totalFen: number;
  paidFen: number;
  paidAt: string;
  deliveryDate: string | null;
  lines: OrderLineRef[];
}

/** The agreed delivery date was set or changed. `previousDate` is null the first time. */
export interface OrderDeliveryScheduledPayload extends OrderRef {
  deliveryDate: string;
  previousDate: string | null;
}

export interface OrderDeliveredPayload extends OrderRef {
  deliveredAt: string;
}

export interface OrderCompletedPayload extends OrderRef {
  completedAt: string;
}

export interface OrderCancelledPayload extends OrderRef {
  reason: string;
  cancelledAt: string;
}

/** Some or all lines came back. `returnId` identifies this return (one event per return). */
export interface OrderReturnedPayload extends OrderRef {
  returnId: string;
  kind: 'partial' | 'full';
  requestId: string | null;
  refundFen: number;
  lines: OrderLineRef[];
  returnedAt: string;
}
