/** Tables of the orders module. Orders, payments, changes, returns and the ERP upsert (ORD-1, ORD-3, ORD-4). */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ORDER_STATUSES, PAYMENT_KINDS, PAYMENT_METHODS } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/** One customer order of a store. Money in fen; totals are kept in step with lines, payments and returns by the service. */
export const orders = pgTable(
  'orders',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Readable number, unique per tenant: SO + order day (Asia/Shanghai) + sequence, e.g. SO202611220001. */
    orderNo: text('order_no').notNull(),
    /** The ERP's id of the order (PUT /orders/external/{externalId}); unique per tenant. */
    externalId: text('external_id'),
    source: text('source', { enum: ['manual', 'erp'] }).notNull().default('manual'),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('draft'),
    customerId: uuid('customer_id').notNull(),
    /** The customer's name and phone (E.164) when the order was made or last re-pointed: search and display. */
    customerName: text('customer_name').notNull(),
    customerPhone: text('customer_phone'),
    /** The store (org unit) the order belongs to: the data-scope unit. */
    storeId: uuid('store_id').notNull(),
    /** The responsible salesperson (导购): the data-scope owner. */
    salespersonId: uuid('salesperson_id'),
    /** Links to modules that come later (designers, campaigns, leads, opportunities): plain ids. */
    designerId: uuid('designer_id'),
    campaignId: uuid('campaign_id'),
    leadId: uuid('lead_id'),
    opportunityId: uuid('opportunity_id'),
    listFen: bigint('list_fen', { mode: 'number' }).notNull().default(0),
    discountFen: bigint('discount_fen', { mode: 'number' }).notNull().default(0),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    refundedFen: bigint('refunded_fen', { mode: 'number' }).notNull().default(0),
    returnedFen: bigint('returned_fen', { mode: 'number' }).notNull().default(0),
    deliveryAddress: text('delivery_address'),
    /** Agreed delivery day (calendar date, Asia/Shanghai). */
    deliveryDate: date('delivery_date', { mode: 'string' }),
    orderedAt: ts('ordered_at').notNull(),
    confirmedAt: ts('confirmed_at'),
    /** When payments first covered the total; set once, with the one `order.paid` event. */
    paidAt: ts('paid_at'),
    deliveredAt: ts('delivered_at'),
    completedAt: ts('completed_at'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('orders_tenant_no').on(t.tenantId, t.orderNo),
    uniqueIndex('orders_tenant_external').on(t.tenantId, t.externalId).where(sql`${t.externalId} IS NOT NULL`),
    index('orders_tenant_ordered').on(t.tenantId, t.orderedAt, t.id),
    index('orders_tenant_store_ordered').on(t.tenantId, t.storeId, t.orderedAt, t.id),
    index('orders_tenant_sales_ordered').on(t.tenantId, t.salespersonId, t.orderedAt),
    index('orders_tenant_customer').on(t.tenantId, t.customerId, t.orderedAt),
    index('orders_tenant_status').on(t.tenantId, t.status, t.orderedAt),
    // Signed sales by payment date (sales targets' progress).
    index('orders_tenant_paid').on(t.tenantId, t.paidAt).where(sql`${t.paidAt} IS NOT NULL`),
    index('orders_no_pattern').on(t.tenantId, sql`${t.orderNo} text_pattern_ops`),
    index('orders_customer_name_trgm').using('gin', sql`${t.customerName} gin_trgm_ops`),
    index('orders_customer_phone_trgm').using('gin', sql`${t.customerPhone} gin_trgm_ops`),
    check('orders_amounts', sql`${t.totalFen} >= 0 AND ${t.paidFen} >= 0 AND ${t.refundedFen} >= 0 AND ${t.returnedFen} >= 0 AND ${t.returnedFen} <= ${t.totalFen}`),
  ],
);

/** Lines with a snapshot of the product as sold (SKU, name, price): the catalogue may change later. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id'),
    categoryId: uuid('category_id'),
    seriesId: uuid('series_id'),
    seriesName: text('series_name'),
    sku: text('sku'),
    name: text('name').notNull(),
    unit: text('unit').notNull().default('件'),
    quantity: integer('quantity').notNull(),
    unitPriceFen: bigint('unit_price_fen', { mode: 'number' }).notNull(),
    /** Discount on the whole line. */
    discountFen: bigint('discount_fen', { mode: 'number' }).notNull().default(0),
    /** quantity × unit price − discount. */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    returnedQuantity: integer('returned_quantity').notNull().default(0),
    returnedFen: bigint('returned_fen', { mode: 'number' }).notNull().default(0),
    notes: text('notes'),
  },
  (t) => [
    index('order_lines_order').on(t.tenantId, t.orderId, t.position),
    index('order_lines_product').on(t.tenantId, t.productId),
    check(
      'order_lines_amounts',
      sql`${t.quantity} > 0 AND ${t.unitPriceFen} >= 0 AND ${t.discountFen} >= 0 AND ${t.amountFen} = ${t.quantity} * ${t.unitPriceFen} - ${t.discountFen} AND ${t.amountFen} >= 0`,
    ),
    // Never more back than was bought (the service checks first; this is the last line of defence).
    check('order_lines_returned', sql`${t.returnedQuantity} >= 0 AND ${t.returnedQuantity} <= ${t.quantity} AND ${t.returnedFen} <= ${t.amountFen}`),
  ],
);

export const orderPayments = pgTable(
  'order_payments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    orderId: uuid('order_id').notNull(),
    kind: text('kind', { enum: PAYMENT_KINDS }).notNull(),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidAt: ts('paid_at').notNull(),
    /** Receipt or transaction number; the ERP's payment id for ERP orders. Unique per order. */
    reference: text('reference'),
    /** The return this refund belongs to. */
    returnId: uuid('return_id'),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('order_payments_order').on(t.tenantId, t.orderId, t.paidAt),
    uniqueIndex('order_payments_reference').on(t.tenantId, t.orderId, t.reference).where(sql`${t.reference} IS NOT NULL`),
    check('order_payments_amount', sql`${t.amountFen} > 0`),
  ],
);

/** A proposed line of a change request, resolved (prices, snapshot) when it was asked for. */
export interface ProposedLine {
  id: string | null;
  position: number;
  productId: string | null;
  categoryId: string | null;
  seriesId: string | null;
  seriesName: string | null;
  sku: string | null;
  name: string;
  unit: string;
  quantity: number;
  unitPriceFen: number;
  discountFen: number;
  amountFen: number;
  notes: string | null;
}

/** Change requests (ORD-3): items, address and/or delivery date; requested, then approved (applied) or refused. */
export const orderChanges = pgTable(
  'order_changes',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    orderId: uuid('order_id').notNull(),
    status: text('status', { enum: ['requested', 'approved', 'refused'] }).notNull().default('requested'),
    lines: jsonb('lines').$type<ProposedLine[] | null>(),
    changesAddress: boolean('changes_address').notNull().default(false),
    deliveryAddress: text('delivery_address'),
    changesDate: boolean('changes_date').notNull().default(false),
    deliveryDate: date('delivery_date', { mode: 'string' }),
    totalBeforeFen: bigint('total_before_fen', { mode: 'number' }).notNull(),
    totalAfterFen: bigint('total_after_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by'),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('order_changes_order').on(t.tenantId, t.orderId, t.requestedAt),
    // One open request per order: a second waits until the first is decided.
    uniqueIndex('order_changes_one_open').on(t.tenantId, t.orderId).where(sql`${t.status} = 'requested'`),
  ],
);

/** Returns: lines (and quantities) that came back, with the refund paid for them. */
export const orderReturns = pgTable(
  'order_returns',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    orderId: uuid('order_id').notNull(),
    kind: text('kind', { enum: ['partial', 'full'] }).notNull(),
    /** The customer request (return/exchange) this return settles: one return per request. */
    requestId: uuid('request_id'),
    reason: text('reason').notNull(),
    refundFen: bigint('refund_fen', { mode: 'number' }).notNull().default(0),
    paymentId: uuid('payment_id'),
    createdBy: uuid('created_by'),
    returnedAt: ts('returned_at').notNull(),
  },
  (t) => [index('order_returns_order').on(t.tenantId, t.orderId), uniqueIndex('order_returns_request').on(t.tenantId, t.requestId).where(sql`${t.requestId} IS NOT NULL`)],
);

export const orderReturnLines = pgTable(
  'order_return_lines',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    returnId: uuid('return_id').notNull(),
    lineId: uuid('line_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** The returned share of the line amount (exact in fen: the shares of a line add up to its amount). */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [index('order_return_lines_return').on(t.tenantId, t.returnId), check('order_return_lines_quantity', sql`${t.quantity} > 0`)],
);
