import { z } from 'zod';
import {
  AGE_BANDS, BUDGET_BANDS, CALENDARS, CREDIT_RATINGS, CUSTOMER_KINDS, CUSTOMER_SOURCES, DECISION_ROLES,
  EDUCATIONS, GENDERS, HOME_STAGES, HOUSE_TYPES, INCOME_BANDS, LIST_STATUSES, MARITAL_STATUSES, ROOMS, STYLES,
} from '../enums.ts';
import { CleanText, NameText, PageQuery } from './common.ts';

/** Birthday in the solar or the lunar calendar; CARE resolves this year's solar date from it. */
export const Birthday = z
  .object({
    calendar: z.enum(CALENDARS),
    year: z.number().int().min(1900).max(2100).nullable().optional(),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    leapMonth: z.boolean().optional(),
  })
  .refine((b) => b.calendar === 'solar' || b.day <= 30, { path: ['day'], message: 'a lunar month has at most 30 days' })
  .refine((b) => b.calendar === 'lunar' || !b.leapMonth, { path: ['leapMonth'], message: 'only lunar dates have leap months' });
/** A birthday as stored and sent (the `birthday` column and field of a customer). */
export type BirthdayValue = z.output<typeof Birthday>;

const Isodate = z.iso.date();
const Tag = CleanText(32).pipe(z.string().min(1));

export const FurnitureSeen = z.object({
  room: z.enum(ROOMS).nullable().optional(),
  item: CleanText(100),
  brand: CleanText(100).nullable().optional(),
  competitor: z.boolean().default(false),
});
export const HomeProfile = z.object({
  houseType: z.enum(HOUSE_TYPES).nullable().optional(),
  areaSqm: z.number().min(1).max(100000).nullable().optional(),
  rooms: z.array(z.enum(ROOMS)).max(20).default([]),
  stage: z.enum(HOME_STAGES).nullable().optional(),
  styles: z.array(z.enum(STYLES)).max(10).default([]),
  budgetBand: z.enum(BUDGET_BANDS).nullable().optional(),
  /** Budget in fen when known exactly. */
  budgetFen: z.number().int().min(0).max(1e12).nullable().optional(),
  moveInDate: Isodate.nullable().optional(),
  currentFurniture: z.array(FurnitureSeen).max(100).default([]),
  notes: CleanText(2000).nullable().optional(),
});

const customerFields = {
  kind: z.enum(CUSTOMER_KINDS),
  name: NameText(100),
  gender: z.enum(GENDERS).nullable().optional(),
  birthday: Birthday.nullable().optional(),
  weddingAnniversary: Isodate.nullable().optional(),
  ageBand: z.enum(AGE_BANDS).nullable().optional(),
  education: z.enum(EDUCATIONS).nullable().optional(),
  occupation: CleanText(100).nullable().optional(),
  title: CleanText(100).nullable().optional(),
  incomeBand: z.enum(INCOME_BANDS).nullable().optional(),
  maritalStatus: z.enum(MARITAL_STATUSES).nullable().optional(),
  /** Any common format; stored as E.164. The first is the primary number. */
  phones: z.array(z.string().trim().min(3).max(40)).max(10).default([]),
  email: z.email().max(200).nullable().optional(),
  wechat: CleanText(100).nullable().optional(),
  qq: z.string().regex(/^\d{5,12}$/).nullable().optional(),
  otherIm: CleanText(100).nullable().optional(),
  provinceCode: z.string().regex(/^\d{6}$/).nullable().optional(),
  cityCode: z.string().regex(/^\d{6}$/).nullable().optional(),
  districtCode: z.string().regex(/^\d{6}$/).nullable().optional(),
  address: CleanText(300).nullable().optional(),
  hobbies: z.array(CleanText(50)).max(30).default([]),
  referrer: CleanText(100).nullable().optional(),
  source: z.enum(CUSTOMER_SOURCES).nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  storeId: z.uuid().nullable().optional(),
  tags: z.array(Tag).max(50).default([]),
  creditRating: z.enum(CREDIT_RATINGS).nullable().optional(),
  listStatus: z.enum(LIST_STATUSES).default('none'),
  listReason: CleanText(300).nullable().optional(),
  industry: CleanText(100).nullable().optional(),
  homeProfile: HomeProfile.nullable().optional(),
  customFields: z.record(z.string(), z.unknown()).default({}),
  notes: CleanText(5000).nullable().optional(),
};

export const CreateCustomer = z.object({
  ...customerFields,
  /** Create even when a likely duplicate exists (the warning was seen). */
  ignoreDuplicates: z.boolean().default(false),
});
export type CreateCustomerInput = z.infer<typeof CreateCustomer>;

/**
 * Optional without the create-time default: a PATCH that leaves a field out leaves it unchanged.
 * (Zod 4 applies a default even inside `.optional()`, which would reset phones, tags … on every PATCH.)
 */
const patchable = (v: z.ZodType) => (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : v).optional();

const { kind: _k, ...updatable } = customerFields;
export const UpdateCustomer = z
  .object(
    Object.fromEntries(
      Object.entries({ ...updatable, kind: customerFields.kind }).map(([k, v]) => [k, patchable(v as z.ZodType)]),
    ) as { [K in keyof typeof customerFields]: z.ZodOptional<(typeof customerFields)[K]> },
  )
  .strict();
export type UpdateCustomerInput = z.infer<typeof UpdateCustomer>;

export const Customer = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  gender: z.string().nullable(),
  birthday: z.any().nullable(),
  weddingAnniversary: z.string().nullable(),
  ageBand: z.string().nullable(),
  education: z.string().nullable(),
  occupation: z.string().nullable(),
  title: z.string().nullable(),
  incomeBand: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  qq: z.string().nullable(),
  otherIm: z.string().nullable(),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  address: z.string().nullable(),
  hobbies: z.array(z.string()),
  referrer: z.string().nullable(),
  source: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  tags: z.array(z.string()),
  creditRating: z.string().nullable(),
  listStatus: z.string(),
  listReason: z.string().nullable(),
  industry: z.string().nullable(),
  homeProfile: z.any().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  notes: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerDto = z.infer<typeof Customer>;

export const CustomerListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(32).optional(),
  storeId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  kind: z.enum(CUSTOMER_KINDS).optional(),
  source: z.enum(CUSTOMER_SOURCES).optional(),
  listStatus: z.enum(LIST_STATUSES).optional(),
  pool: z.enum(['true', 'false']).optional(),
  /** Custom field filter `cf_<key>=value`, passed through as record. */
  sort: z.enum(['createdAt', 'updatedAt', 'name']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  withTotal: z.enum(['true', 'false']).optional(),
}).catchall(z.string().max(200));

export const Contact = z.object({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  decisionRole: z.enum(DECISION_ROLES).nullable(),
  reportsToId: z.string().nullable(),
  notes: z.string().nullable(),
});
export const CreateContact = z.object({
  name: NameText(100),
  title: CleanText(100).nullable().optional(),
  phones: z.array(z.string().trim().min(3).max(40)).max(5).default([]),
  email: z.email().nullable().optional(),
  decisionRole: z.enum(DECISION_ROLES).nullable().optional(),
  reportsToId: z.uuid().nullable().optional(),
  notes: CleanText(2000).nullable().optional(),
});
export const UpdateContact = z.object(
  Object.fromEntries(Object.entries(CreateContact.shape).map(([k, v]) => [k, patchable(v as z.ZodType)])) as {
    [K in keyof typeof CreateContact.shape]: z.ZodOptional<(typeof CreateContact.shape)[K]>;
  },
);

// ---------- duplicates, merge, transfer, shared pool (CUS-6) ----------

/** A customer as a caller sees it after field rules: any field but `id` may be absent (hidden), phones may be masked. */
export const VisibleCustomer = Customer.partial().extend({ id: z.string() });

export const DUPLICATE_REASONS = ['samePhone', 'sameNameSimilarPhone', 'sameName'] as const;
export const DuplicateReason = z.enum(DUPLICATE_REASONS);

/** In the 409 duplicate_suspected body (params.duplicates): an out-of-scope duplicate is told without its identity (ids and names null). */
export const DuplicateWarning = z.object({
  customerId: z.string().nullable(),
  name: z.string().nullable(),
  reason: DuplicateReason,
});

/** Duplicate finder: groups of live customers in the caller's scope; `key` is opaque and stable (it is also the keyset position). */
export const DuplicateGroupsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});
export const DuplicateGroup = z.object({ key: z.string(), reason: DuplicateReason, customers: z.array(VisibleCustomer) });
export const DuplicateGroupsPage = z.object({ items: z.array(DuplicateGroup), nextCursor: z.string().nullable() });

/** Bulk transfer: a new owner (null = back to the pool) and/or a new store; at least one of them. */
export const TransferBody = z
  .object({
    customerIds: z.array(z.uuid()).min(1).max(1000),
    ownerId: z.uuid().nullable().optional(),
    storeId: z.uuid().optional(),
  })
  .refine((b) => b.ownerId !== undefined || b.storeId !== undefined, { path: ['ownerId'], message: 'give ownerId and/or storeId' });
export const TransferResult = z.object({ updated: z.number().int() });

/** Merge: the survivor keeps its id and takes the merged customers' phones, tags, contacts, attachments and history. */
export const MergeBody = z
  .object({ survivorId: z.uuid(), mergedIds: z.array(z.uuid()).min(1).max(10) })
  .refine((b) => !b.mergedIds.includes(b.survivorId), { path: ['mergedIds'], message: 'a customer cannot be merged into itself' })
  .refine((b) => new Set(b.mergedIds).size === b.mergedIds.length, { path: ['mergedIds'], message: 'duplicate ids' });

export const ReleaseBody = z.object({ reason: CleanText(300).optional() });

/** Shared pool (公海) rule: owned customers untouched for `idleDays` return to the pool when enabled. */
export const PoolSettings = z.object({ idleDays: z.number().int().min(1).max(3650), enabled: z.boolean() });
export type PoolSettingsDto = z.infer<typeof PoolSettings>;
