import { z } from 'zod';
import { ROOMS } from '../enums.ts';
import { CleanText, NameText, PageQuery } from './common.ts';

/**
 * Sales follow-up activities (LEAD-3) and their next steps (LEAD-6): calls, messages, home visits (上门量尺/拜访),
 * design proposals (设计方案) and store invitations (到店邀约), logged on a lead, an opportunity or a customer.
 * Codes are English; the web app shows the labels. Times are ISO instants; "today" is the Asia/Shanghai day.
 */

export const ACTIVITY_KINDS = ['call', 'message', 'visit', 'proposal', 'invitation'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
/** What an activity is about. A customer's sales timeline also shows the activities of its leads and opportunities. */
export const ACTIVITY_SUBJECT_TYPES = ['lead', 'opportunity', 'customer'] as const;
export type ActivitySubjectType = (typeof ACTIVITY_SUBJECT_TYPES)[number];

/** Outcome codes per kind. Calls and visits need one; the others may leave it open. */
export const ACTIVITY_OUTCOMES = {
  call: ['reached', 'no_answer', 'callback', 'refused'],
  message: ['sent', 'replied', 'no_reply'],
  visit: ['measured', 'visited', 'postponed'],
  proposal: ['interested', 'needs_changes', 'not_interested'],
  invitation: ['confirmed', 'tentative', 'declined'],
} as const satisfies Record<ActivityKind, readonly string[]>;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[ActivityKind][number];

export const MESSAGE_CHANNELS = ['wechat', 'sms', 'phone'] as const;
/** 上门量尺 (measure the rooms) or 拜访 (a visit without measuring). */
export const VISIT_TYPES = ['measure', 'visit'] as const;
/** Rooms measured on a visit: the same codes as the customer's home profile (CUS-2). */
export const MEASURED_ROOMS = ROOMS;
export const FURNITURE_CATEGORIES = [
  'sofa', 'bed', 'mattress', 'wardrobe', 'dining_table', 'dining_chair', 'coffee_table', 'tv_cabinet', 'desk', 'bookcase', 'cabinet', 'other',
] as const;
/** Our brand's furniture, or a competitor's (竞品). */
export const FURNITURE_OWNERSHIP = ['own', 'competitor'] as const;
export const FURNITURE_CONDITIONS = ['new', 'good', 'worn', 'replace'] as const;

/**
 * A design proposal's status is its latest version's: draft (not presented yet) → presented → accepted | rejected.
 * A new version may follow a presented or rejected one (the proposal goes back to draft; earlier versions stay as
 * they were); an accepted proposal is final.
 */
export const PROPOSAL_STATUSES = ['draft', 'presented', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
/** invited → arrived | no_show (once the invited time has passed) | cancelled. */
export const INVITATION_STATUSES = ['invited', 'arrived', 'no_show', 'cancelled'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * Next-step views (跟进计划): today = due on the Shanghai day (a step due earlier today is still "today", flagged
 * overdue), overdue = due before today, upcoming = due after today, done = marked done (newest first).
 */
export const NEXT_STEP_VIEWS = ['today', 'overdue', 'upcoming', 'done'] as const;
export type NextStepView = (typeof NEXT_STEP_VIEWS)[number];
/** Tab counts stop at this number (the UI shows "999+"). */
export const NEXT_STEP_COUNT_CAP = 999;

const Instant = z.iso.datetime({ offset: true });
const Notes = CleanText(5000);
const Cm = z.number().int().min(1).max(100_000);
const AmountFen = z.number().int().min(0).max(1e12);

export const RoomMeasurement = z.object({
  room: z.enum(MEASURED_ROOMS),
  lengthCm: Cm,
  widthCm: Cm,
  heightCm: Cm.nullable().optional(),
  notes: CleanText(500).nullable().optional(),
});
export type RoomMeasurementValue = z.infer<typeof RoomMeasurement>;

/** A piece of furniture seen in the home; a competitor's piece needs its brand (竞品信息). */
export const FurnitureSeenItem = z
  .object({
    category: z.enum(FURNITURE_CATEGORIES),
    brand: CleanText(100).nullable().optional(),
    ownership: z.enum(FURNITURE_OWNERSHIP),
    condition: z.enum(FURNITURE_CONDITIONS).nullable().optional(),
    room: z.enum(MEASURED_ROOMS).nullable().optional(),
    notes: CleanText(500).nullable().optional(),
  })
  .refine((f) => f.ownership !== 'competitor' || !!f.brand, { path: ['brand'], message: 'a competitor’s piece needs its brand' });
export type FurnitureSeenValue = z.infer<typeof FurnitureSeenItem>;

/** What to do next and by when (LEAD-6). */
export const NextStepInput = z.object({ text: NameText(500), dueAt: Instant });
export type NextStepInputValue = z.infer<typeof NextStepInput>;

const common = {
  subjectType: z.enum(ACTIVITY_SUBJECT_TYPES),
  subjectId: z.uuid(),
  /** When it happened; defaults to now; not in the future. */
  occurredAt: Instant.optional(),
  notes: Notes.nullable().optional(),
  /** Not before `occurredAt`, at most a year ahead. */
  nextStep: NextStepInput.nullable().optional(),
};

export const CreateCall = z.object({ ...common, kind: z.literal('call'), outcome: z.enum(ACTIVITY_OUTCOMES.call) });
export const CreateMessage = z.object({ ...common, kind: z.literal('message'), outcome: z.enum(ACTIVITY_OUTCOMES.message).default('sent'), channel: z.enum(MESSAGE_CHANNELS) });
/** A visit that measured the rooms records at least one measurement. */
export const CreateVisit = z.object({
  ...common,
  kind: z.literal('visit'),
  outcome: z.enum(ACTIVITY_OUTCOMES.visit),
  visitType: z.enum(VISIT_TYPES),
  address: CleanText(300).nullable().optional(),
  rooms: z.array(RoomMeasurement).max(50).default([]),
  furnitureSeen: z.array(FurnitureSeenItem).max(100).default([]),
});
/** A proposal starts with its first version (a draft). */
export const CreateProposal = z.object({
  ...common,
  kind: z.literal('proposal'),
  outcome: z.enum(ACTIVITY_OUTCOMES.proposal).nullable().optional(),
  title: NameText(200),
  summary: Notes.nullable().optional(),
  amountFen: AmountFen.nullable().optional(),
});
/** An invitation to a store (default: the subject's store) at a time not before the invitation itself. */
export const CreateInvitation = z.object({
  ...common,
  kind: z.literal('invitation'),
  outcome: z.enum(ACTIVITY_OUTCOMES.invitation).nullable().optional(),
  invitedStoreId: z.uuid().nullable().optional(),
  invitedFor: Instant,
});
export const CreateActivity = z.discriminatedUnion('kind', [CreateCall, CreateMessage, CreateVisit, CreateProposal, CreateInvitation]);
export type CreateActivityInput = z.input<typeof CreateActivity>;

/**
 * Changes to an activity: common fields and the fields of its kind (others are refused). Setting `nextStep` replaces
 * a pending step (null removes it); a step marked done stays as it is.
 */
export const UpdateActivity = z.object({
  occurredAt: Instant.optional(),
  outcome: z.string().max(40).nullable().optional(),
  notes: Notes.nullable().optional(),
  nextStep: NextStepInput.nullable().optional(),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  visitType: z.enum(VISIT_TYPES).optional(),
  address: CleanText(300).nullable().optional(),
  rooms: z.array(RoomMeasurement).max(50).optional(),
  furnitureSeen: z.array(FurnitureSeenItem).max(100).optional(),
  title: NameText(200).optional(),
  invitedStoreId: z.uuid().optional(),
  invitedFor: Instant.optional(),
});
export type UpdateActivityInput = z.infer<typeof UpdateActivity>;

export const CompleteNextStep = z.object({ note: CleanText(1000).nullable().optional() });
/** A new due time, not in the past, at most a year ahead. */
export const RescheduleNextStep = z.object({ dueAt: Instant, reason: CleanText(500).nullable().optional() });

export const AddProposalVersion = z.object({ summary: Notes.nullable().optional(), amountFen: AmountFen.nullable().optional() });
export const RejectProposal = z.object({ reason: NameText(500) });
/** Arrival at the store: when (default now, not in the future) and who received the customer (default the caller). */
export const InvitationArrived = z.object({ arrivedAt: Instant.optional(), receivedById: z.uuid().optional() });
export const CancelInvitation = z.object({ reason: CleanText(500).nullable().optional() });

export const ActivityAttachment = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ActivityAttachmentDto = z.infer<typeof ActivityAttachment>;

export const NextStep = z.object({
  text: z.string(),
  dueAt: z.string(),
  /** Pending and past its due time. */
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneById: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneNote: z.string().nullable(),
});
export type NextStepDto = z.infer<typeof NextStep>;

export const ProposalVersion = z.object({
  /** Attachments of a version are uploaded with entityType `proposalVersion` and this id. */
  id: z.string(),
  number: z.number().int(),
  summary: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  createdAt: z.string(),
  createdById: z.string().nullable(),
  createdByName: z.string().nullable(),
  presentedAt: z.string().nullable(),
  presentedById: z.string().nullable(),
  answer: z.enum(['accepted', 'rejected']).nullable(),
  answeredAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  attachments: z.array(ActivityAttachment),
});
export type ProposalVersionDto = z.infer<typeof ProposalVersion>;

export const SalesActivity = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  subjectType: z.enum(ACTIVITY_SUBJECT_TYPES),
  subjectId: z.string(),
  /** The subject's name when the activity was last written (null when the caller's field rules hide it). */
  subjectName: z.string().nullable(),
  /** Web path of the subject: /leads/<id>, /opportunities/<id>, /customers/<id>. */
  subjectLink: z.string(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  occurredAt: z.string(),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  nextStep: NextStep.nullable(),
  /** Photos and files of the activity (entityType `salesActivity`). */
  attachments: z.array(ActivityAttachment),
  message: z.object({ channel: z.enum(MESSAGE_CHANNELS) }).nullable(),
  visit: z
    .object({
      visitType: z.enum(VISIT_TYPES),
      address: z.string().nullable(),
      rooms: z.array(RoomMeasurement),
      furnitureSeen: z.array(FurnitureSeenItem),
    })
    .nullable(),
  proposal: z
    .object({
      title: z.string(),
      status: z.enum(PROPOSAL_STATUSES),
      statusAt: z.string().nullable(),
      versions: z.array(ProposalVersion),
    })
    .nullable(),
  invitation: z
    .object({
      storeId: z.string().nullable(),
      storeName: z.string().nullable(),
      invitedFor: z.string(),
      status: z.enum(INVITATION_STATUSES),
      statusAt: z.string().nullable(),
      arrivedAt: z.string().nullable(),
      receivedById: z.string().nullable(),
      receivedByName: z.string().nullable(),
      cancelReason: z.string().nullable(),
    })
    .nullable(),
  /** The caller's data scope reaches the activity itself (its store, or its owner for own-scope users): actions allowed. */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SalesActivityDto = z.infer<typeof SalesActivity>;

export const ActivityListQuery = PageQuery.extend({
  subjectType: z.enum(ACTIVITY_SUBJECT_TYPES),
  subjectId: z.uuid(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
});
export type ActivityListQueryInput = z.infer<typeof ActivityListQuery>;

/** `owner`: me (default), all (everyone the caller's scope reaches) or a user id; `storeId` narrows to one store. */
export const NextStepFilters = z.object({
  owner: z.union([z.enum(['me', 'all']), z.uuid()]).default('me'),
  storeId: z.uuid().optional(),
});
export const NextStepQuery = PageQuery.extend({ view: z.enum(NEXT_STEP_VIEWS).default('today') }).extend(NextStepFilters.shape);
export type NextStepQueryInput = z.infer<typeof NextStepQuery>;
export type NextStepFiltersInput = z.infer<typeof NextStepFilters>;

/** One row of the follow-up plan: an activity's next step with what it is about. */
export const NextStepItem = z.object({
  activityId: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  subjectType: z.enum(ACTIVITY_SUBJECT_TYPES),
  subjectId: z.string(),
  subjectName: z.string().nullable(),
  subjectLink: z.string(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  occurredAt: z.string(),
  outcome: z.string().nullable(),
  nextStep: NextStep,
  editable: z.boolean(),
});
export type NextStepItemDto = z.infer<typeof NextStepItem>;

export const NextStepCounts = z.object({
  today: z.number().int(),
  overdue: z.number().int(),
  upcoming: z.number().int(),
  done: z.number().int(),
  cap: z.number().int(),
});
export type NextStepCountsDto = z.infer<typeof NextStepCounts>;

// ---------- the customer's sales timeline (customer 360) ----------

export const SalesTimelineQuery = PageQuery;
export const SalesTimelineEntry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('activity'), id: z.string(), at: z.string(), activity: SalesActivity }),
  z.object({
    type: z.literal('lead'),
    id: z.string(),
    at: z.string(),
    lead: z.object({ id: z.string(), name: z.string(), status: z.string(), storeId: z.string().nullable(), assigneeId: z.string().nullable() }),
  }),
  z.object({
    type: z.literal('opportunity'),
    id: z.string(),
    at: z.string(),
    opportunity: z.object({
      id: z.string(),
      name: z.string(),
      stageKey: z.string(),
      status: z.enum(['open', 'won', 'lost']),
      amountFen: z.number().int(),
      expectedCloseDate: z.string().nullable(),
      storeId: z.string().nullable(),
      ownerId: z.string().nullable(),
    }),
  }),
]);
export type SalesTimelineEntryDto = z.infer<typeof SalesTimelineEntry>;
