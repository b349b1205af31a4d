import { z } from 'zod';
import { CleanText, NameText, PageQuery } from './common.ts';

/**
 * After-sales follow-up of paid orders (ORD-2): step templates per tenant and the steps generated for each order.
 * Times are ISO instants; calendar dates are 'YYYY-MM-DD' in the business time zone (Asia/Shanghai).
 */

/** What a step's due date is counted from: the order's payment, its agreed delivery date, or the delivery itself. */
export const FOLLOWUP_ANCHORS = ['paid', 'deliveryDate', 'delivered'] as const;
export type FollowupAnchor = (typeof FOLLOWUP_ANCHORS)[number];
/**
 * Who owns a new step: the order's salesperson, the store's follow-up lead (a store user who may edit follow-ups, the
 * widest data scope first — the store manager), or one named user. Whoever cannot act falls back to the store lead.
 */
export const FOLLOWUP_OWNER_RULES = ['salesperson', 'storeLead', 'user'] as const;
export type FollowupOwnerRule = (typeof FOLLOWUP_OWNER_RULES)[number];
export const FOLLOWUP_STATUSES = ['pending', 'done', 'skipped'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
/**
 * Work-list views: due today, overdue (pending and due before now), upcoming (the next UPCOMING_DAYS days after
 * today), unscheduled (waiting for a delivery date or the delivery), closed (done or skipped), all.
 */
export const FOLLOWUP_VIEWS = ['today', 'overdue', 'upcoming', 'unscheduled', 'closed', 'all'] as const;
export type FollowupView = (typeof FOLLOWUP_VIEWS)[number];
export const FOLLOWUP_UPCOMING_DAYS = 7;
/** Badge counts stop at this number (the UI shows "999+"). */
export const FOLLOWUP_COUNT_CAP = 999;
/** Placeholders a message template may use; anything else in braces is refused. */
export const FOLLOWUP_PLACEHOLDERS = ['{客户姓名}', '{订单号}', '{送货日期}', '{门店}'] as const;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const StepKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and _, starting with a letter');
/** A message template: free text whose {…} placeholders must be known ones. */
const MessageTemplate = CleanText(1000).refine((s) => [...s.matchAll(/\{[^{}]*\}/g)].every((m) => (FOLLOWUP_PLACEHOLDERS as readonly string[]).includes(m[0])), {
  message: `unknown placeholder; use ${FOLLOWUP_PLACEHOLDERS.join(' ')}`,
});

export const FollowupTemplateInput = z
  .object({
    key: StepKey,
    name: NameText(30),
    anchor: z.enum(FOLLOWUP_ANCHORS),
    /** Days after the anchor (negative: before it, e.g. the delivery reminder the day before). */
    offsetDays: z.number().int().min(-60).max(365),
    /** Time of day in Asia/Shanghai; null: any time that day (due by its end). */
    timeOfDay: TimeOfDay.nullable().default(null),
    ownerRule: z.enum(FOLLOWUP_OWNER_RULES).default('salesperson'),
    /** The owner for the rule `user`. */
    ownerUserId: z.uuid().nullable().default(null),
    message: MessageTemplate.nullable().default(null),
    needsSatisfaction: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .refine((t) => t.ownerRule !== 'user' || !!t.ownerUserId, { path: ['ownerUserId'], message: 'required for the owner rule user' });
export type FollowupTemplateInputValue = z.input<typeof FollowupTemplateInput>;

export const UpdateFollowupTemplates = z.object({
  items: z
    .array(FollowupTemplateInput)
    .min(1)
    .max(30)
    .superRefine((items, c) => {
      const seen = new Set<string>();
      items.forEach((t, i) => {
        if (seen.has(t.key)) c.addIssue({ code: 'custom', path: [i, 'key'], message: 'duplicate key' });
        seen.add(t.key);
      });
    }),
});
export type UpdateFollowupTemplatesInput = z.infer<typeof UpdateFollowupTemplates>;

export const FollowupTemplate = z.object({
  key: z.string(),
  name: z.string(),
  anchor: z.enum(FOLLOWUP_ANCHORS),
  offsetDays: z.number().int(),
  timeOfDay: z.string().nullable(),
  ownerRule: z.enum(FOLLOWUP_OWNER_RULES),
  ownerUserId: z.string().nullable(),
  ownerUserName: z.string().nullable(),
  message: z.string().nullable(),
  needsSatisfaction: z.boolean(),
  enabled: z.boolean(),
  position: z.number().int(),
});
export type FollowupTemplateDto = z.infer<typeof FollowupTemplate>;
/** The tenant's step list; `customised` false means the built-in defaults apply. */
export const FollowupTemplateList = z.object({ items: z.array(FollowupTemplate), customised: z.boolean() });
export type FollowupTemplateListDto = z.infer<typeof FollowupTemplateList>;

export const FollowupStep = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNo: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  storeId: z.string(),
  storeName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  stepKey: z.string(),
  stepName: z.string(),
  anchor: z.enum(FOLLOWUP_ANCHORS),
  offsetDays: z.number().int(),
  position: z.number().int(),
  needsSatisfaction: z.boolean(),
  /** Null while the anchor is unknown (no delivery date yet, not delivered yet). */
  dueAt: z.string().nullable(),
  /** Due any time that day (no time of day): show the date only. */
  allDay: z.boolean(),
  overdue: z.boolean(),
  status: z.enum(FOLLOWUP_STATUSES),
  doneAt: z.string().nullable(),
  doneById: z.string().nullable(),
  doneByName: z.string().nullable(),
  outcome: z.string().nullable(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  skippedAt: z.string().nullable(),
  skipReason: z.string().nullable(),
  rescheduledAt: z.string().nullable(),
  rescheduleReason: z.string().nullable(),
  /** The message to send the customer, placeholders filled in. */
  message: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FollowupStepDto = z.infer<typeof FollowupStep>;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const FollowupStepQuery = PageQuery.extend({
  view: z.enum(FOLLOWUP_VIEWS).default('today'),
  /** Only the caller's own steps (otherwise everything the caller's data scope reaches). */
  mine: bool.optional(),
  storeId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  stepKey: StepKey.optional(),
});
export type FollowupStepQueryInput = z.infer<typeof FollowupStepQuery>;
export const FollowupCountQuery = FollowupStepQuery.omit({ view: true, limit: true, cursor: true });
export type FollowupCountQueryInput = z.infer<typeof FollowupCountQuery>;
export const FollowupCounts = z.object({
  today: z.number().int(),
  overdue: z.number().int(),
  upcoming: z.number().int(),
  unscheduled: z.number().int(),
  /** Counts stop at this number. */
  cap: z.number().int(),
});
export type FollowupCountsDto = z.infer<typeof FollowupCounts>;

export const CompleteFollowupStep = z.object({
  outcome: CleanText(2000).nullable().optional(),
  /** 1–5; required for steps that ask for a satisfaction score (送货回访). */
  satisfaction: z.number().int().min(1).max(5).nullable().optional(),
});
export type CompleteFollowupStepInput = z.infer<typeof CompleteFollowupStep>;
export const SkipFollowupStep = z.object({ reason: NameText(500) });
export const RescheduleFollowupStep = z.object({
  dueDate: z.iso.date(),
  /** Null or absent: due any time that day. */
  timeOfDay: TimeOfDay.nullable().optional(),
  reason: NameText(500),
});
export type RescheduleFollowupStepInput = z.infer<typeof RescheduleFollowupStep>;
export const ReassignFollowupStep = z.object({ ownerId: z.uuid() });
export const ReopenFollowupStep = z.object({ reason: NameText(500) });

/** A user a step can be given to: active, in the step's store, allowed to edit follow-ups. */
export const FollowupOwnerCandidate = z.object({ id: z.string(), displayName: z.string() });
