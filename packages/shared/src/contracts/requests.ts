import { z } from 'zod';
import { CleanText, NameText, PageQuery } from './common.ts';
import { OrderLine } from './orders.ts';

/** Customer requests and feedback (客户请求, SVC-1…SVC-4). Codes are English; the web app shows Chinese labels. */
export const REQUEST_TYPES = [
  'consultation', 'price_inquiry', 'product_complaint', 'service_complaint', 'service_request', 'return', 'exchange', 'praise', 'suggestion',
] as const;
/** Feedback types: no SLA unless a policy names them. */
export const FEEDBACK_TYPES = ['praise', 'suggestion'] as const;
/** Complaint types: a cause is required to resolve them. */
export const COMPLAINT_TYPES = ['product_complaint', 'service_complaint'] as const;
export const REQUEST_CHANNELS = ['phone', 'store', 'web', 'wechat', 'email', 'self_service'] as const;
export const REQUEST_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const REQUEST_STATUSES = ['new', 'assigned', 'in_progress', 'awaiting_customer', 'resolved', 'closed', 'cancelled'] as const;
/** Statuses in which the request is still being worked on (its SLA clocks run). */
export const OPEN_REQUEST_STATUSES = ['new', 'assigned', 'in_progress', 'awaiting_customer'] as const;
export const REQUEST_ACTIVITY_KINDS = [
  'created', 'reply', 'customer_reply', 'note', 'status_change', 'assignment', 'escalation', 'confirmation', 'update',
] as const;
export const ROUTING_STRATEGIES = ['user', 'round_robin', 'queue'] as const;
export const SLA_BREACHES = ['first_response', 'resolution'] as const;

export type RequestType = (typeof REQUEST_TYPES)[number];
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type RequestPriority = (typeof REQUEST_PRIORITIES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestActivityKind = (typeof REQUEST_ACTIVITY_KINDS)[number];
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

const Isodate = z.iso.date();
const Cause = CleanText(100).pipe(z.string().min(1));
const Body = CleanText(5000).pipe(z.string().min(1));

// ---------- requests ----------

export const CreateRequest = z.object({
  type: z.enum(REQUEST_TYPES),
  channel: z.enum(REQUEST_CHANNELS),
  priority: z.enum(REQUEST_PRIORITIES).default('normal'),
  subject: NameText(200),
  description: CleanText(5000).nullable().optional(),
  /** Must be a customer the caller can see. */
  customerId: z.uuid().nullable().optional(),
  /** Who raised it when there is no customer record (a caller, a passer-by). */
  contactName: CleanText(100).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
  orderId: z.uuid().nullable().optional(),
  productId: z.uuid().nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  /** Defaults to the customer's store, else the creator's store. */
  storeId: z.uuid().nullable().optional(),
  /** Given: assigned at once, routing rules are not consulted. */
  assigneeId: z.uuid().nullable().optional(),
  cause: Cause.nullable().optional(),
});
export type CreateRequestInput = z.input<typeof CreateRequest>;

/** Changing type or priority recomputes the SLA due times from the creation time. */
export const UpdateRequest = z.object({
  type: z.enum(REQUEST_TYPES).optional(),
  priority: z.enum(REQUEST_PRIORITIES).optional(),
  subject: NameText(200).optional(),
  description: CleanText(5000).nullable().optional(),
  customerId: z.uuid().nullable().optional(),
  contactName: CleanText(100).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
  orderId: z.uuid().nullable().optional(),
  productId: z.uuid().nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  storeId: z.uuid().optional(),
  cause: Cause.nullable().optional(),
});

export const AssignRequest = z.object({ assigneeId: z.uuid().nullable(), note: CleanText(1000).nullable().optional() });
/** A reply goes to the customer (the first one is the first response); a note stays internal. */
export const AddRequestActivity = z.object({ kind: z.enum(['reply', 'note']), body: Body });
/** Working statuses set by hand; resolving, closing and reopening have their own actions. */
export const ChangeRequestStatus = z.object({
  status: z.enum(['in_progress', 'awaiting_customer', 'cancelled']),
  reason: CleanText(1000).nullable().optional(),
});
export const ReturnLine = z.object({ lineId: z.uuid(), quantity: z.number().int().min(1).max(100000) });
export const ResolveRequest = z.object({
  resolution: Body,
  /** Required for complaints (from the tenant's cause list, or free text). */
  cause: Cause.nullable().optional(),
  /** Return and exchange: the order lines that come back. A return needs at least one. */
  returnLines: z.array(ReturnLine).max(200).optional(),
  /** Return: the amount refunded, in fen. */
  refundFen: z.number().int().min(0).max(1e12).optional(),
});
/** The customer's confirmation and satisfaction close a resolved request. */
export const ConfirmRequest = z.object({ satisfaction: z.number().int().min(1).max(5), comment: CleanText(1000).nullable().optional() });
export const ReopenRequest = z.object({ reason: Body });

export const RequestListQuery = PageQuery.extend({
  /** One status, or `open` for every status still being worked on. */
  status: z.enum([...REQUEST_STATUSES, 'open']).optional(),
  type: z.enum(REQUEST_TYPES).optional(),
  priority: z.enum(REQUEST_PRIORITIES).optional(),
  channel: z.enum(REQUEST_CHANNELS).optional(),
  storeId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** `true`: an SLA due time has passed (or was missed). */
  breached: z.enum(['true', 'false']).optional(),
  /** mine: assigned to me; store: unassigned (the store queue); escalated: escalated to me. */
  queue: z.enum(['mine', 'store', 'escalated']).optional(),
  /** Request number or words of the subject. */
  q: CleanText(100).optional(),
  withTotal: z.enum(['true', 'false']).optional(),
});

export const RequestSla = z.object({
  firstResponseTargetMinutes: z.number().int().nullable(),
  resolutionTargetMinutes: z.number().int().nullable(),
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  /** Business minutes from creation to the first reply. */
  firstResponseMinutes: z.number().int().nullable(),
  /** Business minutes from creation to (the last) resolution, paused time left out. */
  resolutionMinutes: z.number().int().nullable(),
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  /** Set while awaiting the customer: the resolution clock is paused. */
  pausedAt: z.string().nullable(),
  escalationLevel: z.number().int(),
});

export const ServiceRequest = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(REQUEST_TYPES),
  channel: z.enum(REQUEST_CHANNELS),
  priority: z.enum(REQUEST_PRIORITIES),
  status: z.enum(REQUEST_STATUSES),
  subject: z.string(),
  description: z.string().nullable(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  orderId: z.string().nullable(),
  productId: z.string().nullable(),
  categoryId: z.string().nullable(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  escalatedToId: z.string().nullable(),
  escalatedToName: z.string().nullable(),
  createdById: z.string().nullable(),
  cause: z.string().nullable(),
  resolution: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  customerComment: z.string().nullable(),
  returnLines: z.array(ReturnLine).nullable(),
  refundFen: z.number().int().nullable(),
  reopenCount: z.number().int(),
  sla: RequestSla,
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceRequestDto = z.infer<typeof ServiceRequest>;

export const RequestActivity = z.object({
  id: z.string(),
  kind: z.enum(REQUEST_ACTIVITY_KINDS),
  public: z.boolean(),
  body: z.string().nullable(),
  actorKind: z.enum(['user', 'apiKey', 'system', 'customer']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type RequestActivityDto = z.infer<typeof RequestActivity>;

export const RequestEscalation = z.object({
  id: z.string(),
  breach: z.enum(SLA_BREACHES),
  level: z.number().int(),
  dueAt: z.string(),
  fromUserId: z.string().nullable(),
  fromUserName: z.string().nullable(),
  toUserId: z.string().nullable(),
  toUserName: z.string().nullable(),
  toUnitId: z.string().nullable(),
  escalatedAt: z.string(),
});

export const ServiceRequestDetail = ServiceRequest.extend({
  activities: z.array(RequestActivity),
  escalations: z.array(RequestEscalation),
});

/** Users who may take a request: active, with requests:edit, in its store or a unit above it. */
export const RequestAssignee = z.object({ id: z.string(), displayName: z.string(), unitId: z.string(), unitName: z.string().nullable() });

/** The linked order as a return or exchange needs it: its lines and what of each can still come back. */
export const RequestOrder = z.object({
  id: z.string(),
  orderNo: z.string(),
  status: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  storeId: z.string(),
  storeName: z.string().nullable(),
  totalFen: z.number().int(),
  deliveryDate: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lines: z.array(OrderLine.extend({ returnableQuantity: z.number().int() })),
});

// ---------- routing, SLA, business hours ----------

export const RoutingRule = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
  /** Empty: any type (likewise channels and stores). */
  types: z.array(z.enum(REQUEST_TYPES)),
  channels: z.array(z.enum(REQUEST_CHANNELS)),
  storeIds: z.array(z.string()),
  strategy: z.enum(ROUTING_STRATEGIES),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
});
const routingRuleFields = {
  name: NameText(100),
  position: z.number().int().min(0).max(100000),
  enabled: z.boolean(),
  types: z.array(z.enum(REQUEST_TYPES)).max(REQUEST_TYPES.length),
  channels: z.array(z.enum(REQUEST_CHANNELS)).max(REQUEST_CHANNELS.length),
  storeIds: z.array(z.uuid()).max(500),
  strategy: z.enum(ROUTING_STRATEGIES),
  assigneeId: z.uuid().nullable(),
};
export const CreateRoutingRule = z.object({
  ...routingRuleFields,
  position: routingRuleFields.position.optional(),
  enabled: routingRuleFields.enabled.default(true),
  types: routingRuleFields.types.default([]),
  channels: routingRuleFields.channels.default([]),
  storeIds: routingRuleFields.storeIds.default([]),
  assigneeId: routingRuleFields.assigneeId.optional(),
});
export const UpdateRoutingRule = z.object(routingRuleFields).partial();

const Minutes = z.number().int().min(1).max(60 * 24 * 365);
export const SlaPolicy = z.object({
  id: z.string(),
  /** Null: any type (likewise priority). The most specific enabled policy applies. */
  type: z.enum(REQUEST_TYPES).nullable(),
  priority: z.enum(REQUEST_PRIORITIES).nullable(),
  firstResponseMinutes: z.number().int(),
  resolutionMinutes: z.number().int(),
  /** Business minutes from one escalation level to the next; null: the breached target again. */
  escalationStepMinutes: z.number().int().nullable(),
  enabled: z.boolean(),
});
export const CreateSlaPolicy = z.object({
  type: z.enum(REQUEST_TYPES).nullable().default(null),
  priority: z.enum(REQUEST_PRIORITIES).nullable().default(null),
  firstResponseMinutes: Minutes,
  resolutionMinutes: Minutes,
  escalationStepMinutes: Minutes.nullable().default(null),
  enabled: z.boolean().default(true),
});
export const UpdateSlaPolicy = z.object({
  firstResponseMinutes: Minutes.optional(),
  resolutionMinutes: Minutes.optional(),
  escalationStepMinutes: Minutes.nullable().optional(),
  enabled: z.boolean().optional(),
});
/** The built-in targets used when no policy matches (business minutes). */
export const SlaDefaults = z.array(z.object({ priority: z.enum(REQUEST_PRIORITIES), firstResponseMinutes: z.number().int(), resolutionMinutes: z.number().int() }));

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
/** Business hours of the tenant (Asia/Shanghai); holidays and make-up working days (调休) by date. */
export const RequestSettings = z.object({
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  openTime: Clock,
  closeTime: Clock,
  holidays: z.array(Isodate).max(400),
  /** Weekend days worked instead of a holiday (调休上班). */
  extraWorkdays: z.array(Isodate).max(100),
  /** The complaint causes offered in forms (free text is allowed too). */
  causes: z.array(Cause).max(200),
  /** Escalation makes the escalation target the assignee (otherwise it is notified and the assignee stays). */
  reassignOnEscalation: z.boolean(),
});
export const UpdateRequestSettings = RequestSettings.partial();

// ---------- review (SVC-4) ----------

export const RequestReviewQuery = z.object({
  from: Isodate,
  to: Isodate,
  storeId: z.uuid().optional(),
  regionId: z.uuid().optional(),
  type: z.enum(REQUEST_TYPES).optional(),
});

export const ReviewMetrics = z.object({
  total: z.number().int(),
  open: z.number().int(),
  resolved: z.number().int(),
  closed: z.number().int(),
  cancelled: z.number().int(),
  firstResponseAvg: z.number().nullable(),
  firstResponseP90: z.number().nullable(),
  resolutionAvg: z.number().nullable(),
  resolutionP90: z.number().nullable(),
  /** Requests with a first-response (resolution) target, and how many missed it. */
  firstResponseWithSla: z.number().int(),
  firstResponseBreaches: z.number().int(),
  firstResponseBreachRate: z.number().nullable(),
  resolutionWithSla: z.number().int(),
  resolutionBreaches: z.number().int(),
  resolutionBreachRate: z.number().nullable(),
  satisfactionAvg: z.number().nullable(),
  satisfactionCount: z.number().int(),
  escalated: z.number().int(),
});
export type ReviewMetricsDto = z.infer<typeof ReviewMetrics>;
const Compared = <T extends z.ZodType>(key: T) => z.object({ key, current: ReviewMetrics, previous: ReviewMetrics });
const CauseCount = z.object({ cause: z.string(), current: z.number().int(), previous: z.number().int() });
export const RequestReview = z.object({
  period: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  current: ReviewMetrics,
  previous: ReviewMetrics,
  byType: z.array(Compared(z.enum(REQUEST_TYPES))),
  byStatus: z.array(Compared(z.enum(REQUEST_STATUSES))),
  byChannel: z.array(Compared(z.enum(REQUEST_CHANNELS))),
  daily: z.array(z.object({ date: z.string(), count: z.number().int(), breaches: z.number().int() })),
  topCauses: z.object({
    overall: z.array(CauseCount),
    byStore: z.array(CauseCount.extend({ storeId: z.string().nullable(), storeName: z.string().nullable() })),
    byType: z.array(CauseCount.extend({ type: z.enum(REQUEST_TYPES) })),
    byProduct: z.array(CauseCount.extend({ productId: z.string() })),
  }),
});
export type RequestReviewDto = z.infer<typeof RequestReview>;
