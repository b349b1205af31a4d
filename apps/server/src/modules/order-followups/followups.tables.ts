import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { FOLLOWUP_ANCHORS, FOLLOWUP_OWNER_RULES, FOLLOWUP_STATUSES } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/**
 * Tables of the order-followups module: after-sales follow-up steps of paid orders (ORD-2). The module learns about
 * orders only from their events (modules/orders/orders.events.ts): no foreign key to the orders tables.
 */

/** A tenant's own step list. A tenant without rows uses the built-in defaults (followups.defaults.ts). */
export const followupTemplates = pgTable(
  'followup_templates',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    anchor: text('anchor', { enum: FOLLOWUP_ANCHORS }).notNull(),
    offsetDays: integer('offset_days').notNull(),
    /** 'HH:MM' in Asia/Shanghai; null: due by the end of the day. */
    timeOfDay: text('time_of_day'),
    ownerRule: text('owner_rule', { enum: FOLLOWUP_OWNER_RULES }).notNull(),
    ownerUserId: uuid('owner_user_id'),
    message: text('message'),
    needsSatisfaction: boolean('needs_satisfaction').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    position: integer('position').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('followup_templates_tenant_key').on(t.tenantId, t.key)],
);

/**
 * What the module knows of an order, from its events: who and where, the anchors of the steps (paid, agreed delivery
 * date, delivered) and whether it was closed (cancelled, fully returned). Events may arrive late or twice; this row
 * lets a late `order.paid` see a delivery date or a cancellation that arrived before it.
 */
export const followupOrderRefs = pgTable(
  'followup_order_refs',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    orderId: uuid('order_id').notNull(),
    orderNo: text('order_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id').notNull(),
    salespersonId: uuid('salesperson_id'),
    paidAt: ts('paid_at'),
    deliveryDate: date('delivery_date', { mode: 'string' }),
    /** When the applied delivery date was set (the event's time): an older event arriving late changes nothing. */
    deliveryEventAt: ts('delivery_event_at'),
    deliveredAt: ts('delivered_at'),
    /** When the steps were generated (once per order, whatever the template list says later). */
    stepsGeneratedAt: ts('steps_generated_at'),
    closedAt: ts('closed_at'),
    closeReason: text('close_reason'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('followup_order_refs_order').on(t.tenantId, t.orderId)],
);

/**
 * One follow-up step of one order: a task with an owner and a due time. The template's anchor, offset, time and
 * message are copied at generation, so a template changed later applies to steps generated afterwards only.
 */
export const followupSteps = pgTable(
  'followup_steps',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    orderId: uuid('order_id').notNull(),
    orderNo: text('order_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    customerName: text('customer_name'),
    storeId: uuid('store_id').notNull(),
    salespersonId: uuid('salesperson_id'),
    ownerId: uuid('owner_id'),
    stepKey: text('step_key').notNull(),
    stepName: text('step_name').notNull(),
    anchor: text('anchor', { enum: FOLLOWUP_ANCHORS }).notNull(),
    offsetDays: integer('offset_days').notNull(),
    timeOfDay: text('time_of_day'),
    needsSatisfaction: boolean('needs_satisfaction').notNull().default(false),
    position: integer('position').notNull(),
    messageTemplate: text('message_template'),
    message: text('message'),
    dueAt: ts('due_at'),
    allDay: boolean('all_day').notNull().default(true),
    status: text('status', { enum: FOLLOWUP_STATUSES }).notNull().default('pending'),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by'),
    outcome: text('outcome'),
    satisfaction: smallint('satisfaction'),
    skippedAt: ts('skipped_at'),
    skippedBy: uuid('skipped_by'),
    skipReason: text('skip_reason'),
    /** When the step was done or skipped (the closed list's order). */
    closedAt: ts('closed_at'),
    rescheduledAt: ts('rescheduled_at'),
    rescheduleReason: text('reschedule_reason'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('followup_steps_order_key').on(t.tenantId, t.orderId, t.stepKey),
    // The work list: pending steps by due time, for the tenant, a store or an owner.
    index('followup_steps_pending_due').on(t.tenantId, t.dueAt, t.id).where(sql`${t.status} = 'pending'`),
    index('followup_steps_pending_store_due').on(t.tenantId, t.storeId, t.dueAt, t.id).where(sql`${t.status} = 'pending'`),
    index('followup_steps_pending_owner_due').on(t.tenantId, t.ownerId, t.dueAt, t.id).where(sql`${t.status} = 'pending'`),
    index('followup_steps_closed').on(t.tenantId, t.closedAt, t.id).where(sql`${t.status} <> 'pending'`),
    index('followup_steps_tenant_created').on(t.tenantId, t.createdAt, t.id),
    check('followup_steps_satisfaction', sql`${t.satisfaction} IS NULL OR ${t.satisfaction} BETWEEN 1 AND 5`),
  ],
);

/**
 * The morning digest (cron followups.dueDigest): one e-mail per owner and business day listing the steps due today and
 * overdue. The row makes the digest once per owner and day, also when the cron job runs again after a crash.
 */
export const followupDigests = pgTable(
  'followup_digests',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    dueToday: integer('due_today').notNull(),
    overdue: integer('overdue').notNull(),
    /** The outbound message (platform messaging) that carries it. */
    messageId: uuid('message_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('followup_digests_user_day').on(t.tenantId, t.userId, t.day)],
);
