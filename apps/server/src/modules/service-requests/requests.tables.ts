/** Tables of the service-requests module. Customer requests and feedback with routing, SLA and escalation (SVC-1…SVC-4). */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

const OPEN = sql`status IN ('new', 'assigned', 'in_progress', 'awaiting_customer')`;

/** A customer request (客户请求) or feedback. Fenced by store (unit) and assignee (owner). */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** SR + Shanghai date + daily sequence, e.g. SR202611220001. */
    number: text('number').notNull(),
    type: text('type').notNull(),
    channel: text('channel').notNull(),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    subject: text('subject').notNull(),
    description: text('description'),
    customerId: uuid('customer_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    orderId: uuid('order_id'),
    productId: uuid('product_id'),
    categoryId: uuid('category_id'),
    storeId: uuid('store_id'),
    assigneeId: uuid('assignee_id'),
    createdById: uuid('created_by_id'),
    cause: text('cause'),
    resolution: text('resolution'),
    // SLA: targets copied from the policy at creation (a later policy change does not move running clocks).
    firstResponseTargetMinutes: integer('first_response_target_minutes'),
    resolutionTargetMinutes: integer('resolution_target_minutes'),
    escalationStepMinutes: integer('escalation_step_minutes'),
    firstResponseDueAt: ts('first_response_due_at'),
    resolutionDueAt: ts('resolution_due_at'),
    firstResponseAt: ts('first_response_at'),
    firstResponseMinutes: integer('first_response_minutes'),
    resolvedAt: ts('resolved_at'),
    resolutionMinutes: integer('resolution_minutes'),
    /** When the running resolution clock started: creation, or the last reopening. */
    resolutionClockFrom: ts('resolution_clock_from').notNull(),
    /** While awaiting the customer the resolution clock stops; resuming pushes the due time out by the pause. */
    pausedAt: ts('paused_at'),
    /** Business minutes paused over the request's life (left out of its resolution time) and in the running clock. */
    pausedMinutes: integer('paused_minutes').notNull().default(0),
    clockPausedMinutes: integer('clock_paused_minutes').notNull().default(0),
    /** Escalation levels reached in the current cycle of each clock. */
    firstResponseEscalation: integer('first_response_escalation').notNull().default(0),
    resolutionEscalation: integer('resolution_escalation').notNull().default(0),
    escalatedToId: uuid('escalated_to_id'),
    reopenCount: integer('reopen_count').notNull().default(0),
    closedAt: ts('closed_at'),
    cancelledAt: ts('cancelled_at'),
    satisfaction: integer('satisfaction'),
    customerComment: text('customer_comment'),
    returnLines: jsonb('return_lines').$type<{ lineId: string; quantity: number }[] | null>(),
    refundFen: bigint('refund_fen', { mode: 'number' }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('service_requests_number').on(t.tenantId, t.number),
    index('service_requests_created').on(t.tenantId, t.createdAt, t.id),
    index('service_requests_store_created').on(t.tenantId, t.storeId, t.createdAt, t.id),
    index('service_requests_assignee').on(t.tenantId, t.assigneeId, t.createdAt),
    index('service_requests_customer').on(t.tenantId, t.customerId, t.createdAt),
    index('service_requests_escalated_to').on(t.tenantId, t.escalatedToId).where(sql`${t.escalatedToId} IS NOT NULL`),
    // The SLA sweep: open requests whose clocks may have run out.
    index('service_requests_fr_due').on(t.tenantId, t.firstResponseDueAt).where(sql`${t.firstResponseAt} IS NULL AND ${OPEN}`),
    index('service_requests_res_due').on(t.tenantId, t.resolutionDueAt).where(sql`${t.resolvedAt} IS NULL AND ${OPEN}`),
  ],
);

/** The request's timeline: replies, internal notes, status changes, assignments, escalations. Rows are never changed. */
export const requestActivities = pgTable(
  'service_request_activities',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Insertion order: several entries of one transaction share their time. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind').notNull(),
    /** Shown to the customer (replies, customer messages, status changes); internal notes are not. */
    public: boolean('public').notNull().default(false),
    body: text('body'),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('service_request_activities_request').on(t.tenantId, t.requestId, t.seq)],
);

/** Each escalation of a breached SLA clock; one per request, clock, cycle (reopen count) and level. */
export const requestEscalations = pgTable(
  'service_request_escalations',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    requestId: uuid('request_id').notNull(),
    breach: text('breach', { enum: ['first_response', 'resolution'] }).notNull(),
    level: integer('level').notNull(),
    /** 0 for the first response; the reopen count for resolution (a reopened request has a new resolution clock). */
    cycle: integer('cycle').notNull().default(0),
    dueAt: ts('due_at').notNull(),
    fromUserId: uuid('from_user_id'),
    toUserId: uuid('to_user_id'),
    toUnitId: uuid('to_unit_id'),
    escalatedAt: ts('escalated_at').notNull(),
  },
  (t) => [
    uniqueIndex('service_request_escalations_once').on(t.tenantId, t.requestId, t.breach, t.cycle, t.level),
    index('service_request_escalations_time').on(t.tenantId, t.escalatedAt),
  ],
);

/** Routing rules, evaluated in `position` order; the first match assigns. */
export const routingRules = pgTable(
  'request_routing_rules',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    types: text('types').array().notNull().default(sql`'{}'`),
    channels: text('channels').array().notNull().default(sql`'{}'`),
    storeIds: uuid('store_ids').array().notNull().default(sql`'{}'`),
    strategy: text('strategy', { enum: ['user', 'round_robin', 'queue'] }).notNull(),
    assigneeId: uuid('assignee_id'),
    /** Round robin: the user given the last request (the next one goes to the following user). */
    lastAssigneeId: uuid('last_assignee_id'),
    ...timestamps(),
  },
  (t) => [index('request_routing_rules_position').on(t.tenantId, t.position)],
);

/** SLA targets per type and priority, in business minutes; null type or priority = any. */
export const slaPolicies = pgTable(
  'request_sla_policies',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    type: text('type'),
    priority: text('priority'),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    escalationStepMinutes: integer('escalation_step_minutes'),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('request_sla_policies_key').on(t.tenantId, sql`coalesce(${t.type}, '')`, sql`coalesce(${t.priority}, '')`)],
);

/** Per-tenant settings: business hours (Asia/Shanghai), holidays, make-up workdays, complaint causes. */
export const requestSettings = pgTable('request_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  weekdays: integer('weekdays').array().notNull(),
  openTime: text('open_time').notNull(),
  closeTime: text('close_time').notNull(),
  holidays: text('holidays').array().notNull().default(sql`'{}'`),
  extraWorkdays: text('extra_workdays').array().notNull().default(sql`'{}'`),
  causes: text('causes').array().notNull().default(sql`'{}'`),
  reassignOnEscalation: boolean('reassign_on_escalation').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
