import { z } from 'zod';
import { CleanText, NameText, PageQuery } from './common.ts';
import { Fen, Sku } from './catalogue.ts';

/** Orders (ORD-1, ORD-3): lines, payments, status machine, change requests, returns and the ERP upsert. All money in fen. */

export const ORDER_STATUSES = ['draft', 'confirmed', 'paid', 'delivered', 'completed', 'cancelled', 'partially_returned', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** What an order in each status can still take (the server enforces these; the web app shows its buttons by them). */
export const ORDER_STATUS_RULES = {
  /** Items, address and delivery date change directly (PATCH). */
  editable: ['draft'],
  /** A change of items, address or date may be requested or applied (before delivery). */
  changeable: ['draft', 'confirmed', 'paid'],
  /** Deposits and payments may be recorded. */
  takesPayments: ['draft', 'confirmed', 'paid', 'delivered', 'completed', 'partially_returned'],
  /** Goods may come back. */
  takesReturns: ['delivered', 'completed', 'partially_returned'],
  /** The order may be cancelled. */
  cancellable: ['draft', 'confirmed', 'paid'],
  /** Orders that count as sales (customer stats). */
  sales: ['confirmed', 'paid', 'delivered', 'completed', 'partially_returned', 'returned'],
} as const satisfies Record<string, readonly OrderStatus[]>;
export const PAYMENT_KINDS = ['deposit', 'payment', 'refund'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_METHODS = ['cash', 'card', 'wechat', 'alipay', 'transfer', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const CHANGE_STATUSES = ['requested', 'approved', 'refused'] as const;
export const ORDER_SOURCES = ['manual', 'erp'] as const;

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
/** A quantity of pieces: whole, positive. */
export const Quantity = z.number().int().min(1).max(100_000);

/** One line as entered: a product of the catalogue; price defaults to the catalogue price; `id` keeps an existing line. */
export const OrderLineInput = z.object({
  id: z.uuid().optional(),
  productId: z.uuid(),
  quantity: Quantity,
  unitPriceFen: Fen.optional(),
  /** Discount on the whole line (not per piece), in fen; at most quantity × unit price. */
  discountFen: Fen.default(0),
  notes: CleanText(200).nullable().optional(),
});
export type OrderLineInputDto = z.infer<typeof OrderLineInput>;
const Lines = z.array(OrderLineInput).max(200);

const attribution = {
  salespersonId: z.uuid().nullable().optional(),
  designerId: z.uuid().nullable().optional(),
  campaignId: z.uuid().nullable().optional(),
  leadId: z.uuid().nullable().optional(),
  opportunityId: z.uuid().nullable().optional(),
};

export const CreateOrder = z.object({
  customerId: z.uuid(),
  /** The store (org unit of kind store); defaults to the caller's store. */
  storeId: z.uuid().optional(),
  ...attribution,
  lines: Lines.default([]),
  deliveryAddress: CleanText(300).nullable().optional(),
  deliveryDate: IsoDate.nullable().optional(),
  notes: CleanText(2000).nullable().optional(),
});
export type CreateOrderInput = z.infer<typeof CreateOrder>;

/** Lines, customer, store, address and date change freely in a draft only; later, through a change request. */
export const UpdateOrder = z
  .object({
    customerId: z.uuid().optional(),
    storeId: z.uuid().optional(),
    ...attribution,
    lines: Lines.optional(),
    deliveryAddress: CleanText(300).nullable().optional(),
    deliveryDate: IsoDate.nullable().optional(),
    notes: CleanText(2000).nullable().optional(),
  })
  .strict();
export type UpdateOrderInput = z.infer<typeof UpdateOrder>;

export const OrderLine = z.object({
  id: z.string(),
  position: z.number().int(),
  productId: z.string().nullable(),
  categoryId: z.string().nullable(),
  seriesId: z.string().nullable(),
  seriesName: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  discountFen: z.number().int(),
  amountFen: z.number().int(),
  returnedQuantity: z.number().int(),
  returnedFen: z.number().int(),
  notes: z.string().nullable(),
});
export type OrderLineDto = z.infer<typeof OrderLine>;

export const Payment = z.object({
  id: z.string(),
  kind: z.enum(PAYMENT_KINDS),
  method: z.enum(PAYMENT_METHODS),
  amountFen: z.number().int(),
  paidAt: z.string(),
  reference: z.string().nullable(),
  returnId: z.string().nullable(),
  notes: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type PaymentDto = z.infer<typeof Payment>;
export const AddPayment = z.object({
  kind: z.enum(PAYMENT_KINDS),
  method: z.enum(PAYMENT_METHODS),
  amountFen: Fen.pipe(z.number().min(1)),
  paidAt: IsoDateTime.optional(),
  /** Receipt, transaction or voucher number; unique per order when given. */
  reference: CleanText(100).pipe(z.string().min(1)).nullable().optional(),
  notes: CleanText(500).nullable().optional(),
});
export type AddPaymentInput = z.infer<typeof AddPayment>;

const orderHeader = {
  id: z.string(),
  orderNo: z.string(),
  externalId: z.string().nullable(),
  source: z.enum(ORDER_SOURCES),
  status: z.enum(ORDER_STATUSES),
  customerId: z.string(),
  customerName: z.string(),
  storeId: z.string(),
  storeName: z.string().nullable(),
  salespersonId: z.string().nullable(),
  salespersonName: z.string().nullable(),
  designerId: z.string().nullable(),
  campaignId: z.string().nullable(),
  leadId: z.string().nullable(),
  opportunityId: z.string().nullable(),
  /** Σ quantity × unit price. */
  listFen: z.number().int(),
  /** Σ line discounts. */
  discountFen: z.number().int(),
  /** What the customer owes for the order: Σ line amounts. */
  totalFen: z.number().int(),
  /** Deposits and payments received. */
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
  /** Value of the lines returned. */
  returnedFen: z.number().int(),
  /** Still to pay: total − returned − (paid − refunded); negative means money is owed to the customer. */
  balanceFen: z.number().int(),
  deliveryAddress: z.string().nullable(),
  deliveryDate: z.string().nullable(),
  orderedAt: z.string(),
  confirmedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const OrderSummary = z.object({ ...orderHeader, lineCount: z.number().int() });
export type OrderSummaryDto = z.infer<typeof OrderSummary>;

export const ChangeRequest = z.object({
  id: z.string(),
  orderId: z.string(),
  status: z.enum(CHANGE_STATUSES),
  /** What the change asks for; a field left out is not changed. */
  lines: z.array(OrderLine.omit({ id: true, returnedQuantity: true, returnedFen: true }).extend({ id: z.string().nullable() })).nullable(),
  deliveryAddress: z.string().nullable(),
  changesAddress: z.boolean(),
  deliveryDate: z.string().nullable(),
  changesDate: z.boolean(),
  /** Order total before and after the requested item change. */
  totalBeforeFen: z.number().int(),
  totalAfterFen: z.number().int(),
  reason: z.string(),
  requestedById: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedById: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type ChangeRequestDto = z.infer<typeof ChangeRequest>;
export const CreateChangeRequest = z
  .object({
    lines: Lines.min(1).optional(),
    deliveryAddress: CleanText(300).pipe(z.string().min(1)).optional(),
    deliveryDate: IsoDate.optional(),
    reason: NameText(500),
  })
  .refine((c) => c.lines !== undefined || c.deliveryAddress !== undefined || c.deliveryDate !== undefined, {
    path: ['lines'],
    message: 'ask for at least one change: lines, delivery address or delivery date',
  });
export type CreateChangeRequestInput = z.infer<typeof CreateChangeRequest>;
export const ApproveChange = z.object({ reason: CleanText(500).nullable().optional() });
export const RefuseChange = z.object({ reason: NameText(500) });

export const ReturnLineInput = z.object({ lineId: z.uuid(), quantity: Quantity });
export const CreateReturn = z.object({
  lines: z.array(ReturnLineInput).min(1).max(200),
  /** Money given back; defaults to the value of the returned lines (at most what was received). */
  refundFen: Fen.optional(),
  refundMethod: z.enum(PAYMENT_METHODS).optional(),
  reason: NameText(500),
  /** The customer request (return/exchange) this return settles; one return per request. */
  requestId: z.uuid().nullable().optional(),
});
export type CreateReturnInput = z.infer<typeof CreateReturn>;
export const OrderReturn = z.object({
  id: z.string(),
  orderId: z.string(),
  kind: z.enum(['partial', 'full']),
  requestId: z.string().nullable(),
  reason: z.string(),
  refundFen: z.number().int(),
  paymentId: z.string().nullable(),
  lines: z.array(z.object({ lineId: z.string(), sku: z.string().nullable(), name: z.string(), quantity: z.number().int(), amountFen: z.number().int() })),
  createdByName: z.string().nullable(),
  returnedAt: z.string(),
});
export type OrderReturnDto = z.infer<typeof OrderReturn>;

export const Order = z.object({
  ...orderHeader,
  lines: z.array(OrderLine),
  payments: z.array(Payment),
  returns: z.array(OrderReturn),
  changes: z.array(ChangeRequest),
});
export type OrderDto = z.infer<typeof Order>;

export const OrderListQuery = PageQuery.extend({
  /** Order number (prefix), customer name (any part) or phone digits. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  storeId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  salespersonId: z.uuid().optional(),
  /** Order date range (Asia/Shanghai calendar days, inclusive). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  withTotal: z.enum(['true', 'false']).optional(),
});
export const CustomerOrderStats = z.object({
  /** Orders that count as sales: confirmed and later, not cancelled. */
  orderCount: z.number().int(),
  /** Money received for those orders, net of refunds. */
  totalSpentFen: z.number().int(),
  lastOrderAt: z.string().nullable(),
});

export const ConfirmOrder = z.object({}).strict();
export const DeliverOrder = z.object({ deliveredAt: IsoDateTime.optional() });
export const CancelOrder = z.object({ reason: NameText(500) });
export const ScheduleDelivery = z.object({
  deliveryDate: IsoDate,
  deliveryAddress: CleanText(300).pipe(z.string().min(1)).optional(),
});

// ---------- ERP upsert ----------

export const ErpOrderLine = z.object({
  sku: Sku,
  quantity: Quantity,
  unitPriceFen: Fen.optional(),
  discountFen: Fen.default(0),
  notes: CleanText(200).nullable().optional(),
});
export const ErpPayment = z.object({
  /** The ERP's id of the payment: the key that makes a replay add nothing. */
  reference: CleanText(100).pipe(z.string().min(1)),
  kind: z.enum(PAYMENT_KINDS),
  method: z.enum(PAYMENT_METHODS),
  amountFen: Fen.pipe(z.number().min(1)),
  paidAt: IsoDateTime,
});
export const ErpCustomer = z
  .object({
    id: z.uuid().optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    /** Needed when the customer is new (found neither by id nor by phone). */
    name: NameText(100).optional(),
  })
  .refine((c) => c.id || c.phone, { path: ['phone'], message: 'give the customer id or a phone number' });
export const ErpOrder = z.object({
  /** Org-unit code of the store. */
  storeCode: z.string().trim().min(1).max(32),
  customer: ErpCustomer,
  /** Username of the salesperson in Jiake (optional). */
  salespersonUsername: z.string().trim().min(1).max(64).nullable().optional(),
  designerId: z.uuid().nullable().optional(),
  campaignId: z.uuid().nullable().optional(),
  leadId: z.uuid().nullable().optional(),
  opportunityId: z.uuid().nullable().optional(),
  orderedAt: IsoDateTime.optional(),
  status: z.enum(['draft', 'confirmed', 'paid', 'delivered', 'completed', 'cancelled']),
  lines: z.array(ErpOrderLine).max(200),
  payments: z.array(ErpPayment).max(200).default([]),
  deliveryAddress: CleanText(300).nullable().optional(),
  deliveryDate: IsoDate.nullable().optional(),
  deliveredAt: IsoDateTime.nullable().optional(),
  cancelReason: CleanText(500).nullable().optional(),
  notes: CleanText(2000).nullable().optional(),
});
export type ErpOrderInput = z.infer<typeof ErpOrder>;
export const ErpUpsertResult = z.object({
  created: z.boolean(),
  changed: z.boolean(),
  order: Order,
});
