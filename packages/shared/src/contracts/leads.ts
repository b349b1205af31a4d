import { z } from 'zod';
import { BUDGET_BANDS, GENDERS, HOUSE_TYPES, ROOMS, STYLES } from '../enums.ts';
import { CleanText, NameText, PageQuery } from './common.ts';

/**
 * Leads (潜在客户, LEAD-1, LEAD-2, LEAD-4): capture from every channel, assignment rules, the public web form, the
 * needs profile and conversion into a customer and an opportunity. Codes are English; the web app shows Chinese labels.
 */
export const LEAD_SOURCES = [
  'store_walk_in', 'phone', 'website', 'designer_referral', 'partner_referral', 'campaign', 'exhibition', 'customer_referral',
] as const;
export const LEAD_STATUSES = ['new', 'following', 'converted', 'lost', 'invalid'] as const;
/** Statuses of a lead still being worked on: they count as the assignee's open leads. */
export const OPEN_LEAD_STATUSES = ['new', 'following'] as const;
/** New home (新房), addition to the current home (添置), replacement of old furniture (换新). */
export const LEAD_HOME_STAGES = ['new_home', 'addition', 'replacement'] as const;
/** The customer profile's styles plus 意式极简. */
export const LEAD_STYLES = [...STYLES, 'italianMinimal'] as const;
/** Rooms (客厅/卧室/儿童房/餐厅/厨房/卫生间/书房/阳台/办公室) and house types are the customer profile's codes. */
export const LEAD_ROOMS = ROOMS;
export const LEAD_HOUSE_TYPES = HOUSE_TYPES;
export const LEAD_BUDGET_BANDS = BUDGET_BANDS;
export const LEAD_ASSIGNMENT_STRATEGIES = ['store_by_region', 'round_robin', 'least_open'] as const;

export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadHomeStage = (typeof LEAD_HOME_STAGES)[number];
export type LeadStyle = (typeof LEAD_STYLES)[number];
export type LeadBudgetBand = (typeof BUDGET_BANDS)[number];
export type LeadAssignmentStrategy = (typeof LEAD_ASSIGNMENT_STRATEGIES)[number];

/** What each budget band means in fen: from `minFen` (inclusive) to `maxFen` (exclusive; null = no upper bound). */
export const BUDGET_BAND_FEN: Record<LeadBudgetBand, { minFen: number; maxFen: number | null }> = {
  under50k: { minFen: 0, maxFen: 5_000_000 },
  '50kTo100k': { minFen: 5_000_000, maxFen: 10_000_000 },
  '100kTo200k': { minFen: 10_000_000, maxFen: 20_000_000 },
  '200kTo500k': { minFen: 20_000_000, maxFen: 50_000_000 },
  over500k: { minFen: 50_000_000, maxFen: null },
};

const Isodate = z.iso.date();
const RegionCode = z.string().regex(/^\d{6}$/);
const Tag = CleanText(32).pipe(z.string().min(1));
const Phone = z.string().trim().min(3).max(40);
const unique = <T>(a: T[]) => new Set(a).size === a.length;
const uniqueList = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).refine(unique, { message: 'duplicate entries' });

// ---------- needs profile (LEAD-2) ----------

const needsFields = {
  rooms: uniqueList(z.enum(ROOMS), ROOMS.length),
  /** Products wanted as free words (沙发, 餐桌 …). */
  productTags: uniqueList(Tag, 30),
  /** Products wanted as catalogue categories. */
  categoryIds: uniqueList(z.uuid(), 30),
  /** How the home is laid out and furnished now. */
  currentLayout: CleanText(2000).nullable(),
  houseType: z.enum(HOUSE_TYPES).nullable(),
  areaSqm: z.number().min(1).max(100000).nullable(),
  homeStage: z.enum(LEAD_HOME_STAGES).nullable(),
  styles: uniqueList(z.enum(LEAD_STYLES), LEAD_STYLES.length),
  budgetBand: z.enum(BUDGET_BANDS).nullable(),
  /** When the customer expects to decide (下单). */
  decisionDate: Isodate.nullable(),
  /** When the furniture must be in place. */
  deliveryDate: Isodate.nullable(),
};
export const LeadNeeds = z.object({
  rooms: needsFields.rooms.default([]),
  productTags: needsFields.productTags.default([]),
  categoryIds: needsFields.categoryIds.default([]),
  currentLayout: needsFields.currentLayout.default(null),
  houseType: needsFields.houseType.default(null),
  areaSqm: needsFields.areaSqm.default(null),
  homeStage: needsFields.homeStage.default(null),
  styles: needsFields.styles.default([]),
  budgetBand: needsFields.budgetBand.default(null),
  decisionDate: needsFields.decisionDate.default(null),
  deliveryDate: needsFields.deliveryDate.default(null),
});
export type LeadNeedsDto = z.output<typeof LeadNeeds>;
/** A change of the needs: the keys given replace the stored ones, the others stay. */
export const LeadNeedsPatch = z.object(needsFields).partial().strict();
export const EMPTY_LEAD_NEEDS: LeadNeedsDto = LeadNeeds.parse({});

// ---------- leads ----------

export const LeadSourceDetail = z.object({
  campaign: CleanText(100).nullable().optional(),
  exhibition: CleanText(100).nullable().optional(),
  referrerName: CleanText(100).nullable().optional(),
  /** Any common format; stored as E.164. */
  referrerPhone: Phone.nullable().optional(),
  /** An existing customer who referred the lead (老带新); must be one the caller can see. */
  referringCustomerId: z.uuid().nullable().optional(),
});
export const LeadSourceDetailOut = z.object({
  campaign: z.string().nullable(),
  exhibition: z.string().nullable(),
  referrerName: z.string().nullable(),
  referrerPhone: z.string().nullable(),
  referringCustomerId: z.string().nullable(),
  /** Set for leads from a public web form. */
  formId: z.string().nullable(),
  formName: z.string().nullable(),
});
export type LeadSourceDetailDto = z.infer<typeof LeadSourceDetailOut>;

const leadFields = {
  name: NameText(100),
  gender: z.enum(GENDERS).nullable().optional(),
  /** How to address the person (先生, 女士, 总 …). */
  title: CleanText(20).nullable().optional(),
  /** Any common format; stored as E.164, the first is the primary number. */
  phones: uniqueList(Phone, 5),
  wechat: CleanText(100).nullable().optional(),
  source: z.enum(LEAD_SOURCES),
  sourceDetail: LeadSourceDetail,
  provinceCode: RegionCode.nullable().optional(),
  cityCode: RegionCode.nullable().optional(),
  districtCode: RegionCode.nullable().optional(),
  address: CleanText(300).nullable().optional(),
  notes: CleanText(5000).nullable().optional(),
};
const reachable = (l: { phones?: string[]; wechat?: string | null }) => (l.phones?.length ?? 0) > 0 || !!l.wechat;

export const CreateLead = z
  .object({
    ...leadFields,
    phones: leadFields.phones.default([]),
    sourceDetail: leadFields.sourceDetail.prefault({}),
    needs: LeadNeeds.prefault({}),
    /** Must be a unit the caller's scope reaches; defaults to the caller's store (none for the head office). */
    storeId: z.uuid().nullable().optional(),
    /** Given: assigned at once without the rules (someone else than the caller needs leads:assign). */
    assigneeId: z.uuid().nullable().optional(),
  })
  .refine(reachable, { path: ['phones'], message: 'give a phone number or a WeChat id' });
export type CreateLeadInput = z.input<typeof CreateLead>;

/** A PATCH: the fields given change; `needs` merges into the stored profile. Assignment and status have their own actions. */
export const UpdateLead = z
  .object({
    name: leadFields.name.optional(),
    gender: leadFields.gender,
    title: leadFields.title,
    phones: leadFields.phones.optional(),
    wechat: leadFields.wechat,
    source: leadFields.source.optional(),
    sourceDetail: leadFields.sourceDetail.optional(),
    provinceCode: leadFields.provinceCode,
    cityCode: leadFields.cityCode,
    districtCode: leadFields.districtCode,
    address: leadFields.address,
    notes: leadFields.notes,
    needs: LeadNeedsPatch.optional(),
  })
  .strict();

/** A capture-time duplicate: a customer or an open lead with the same phone. Out of the caller's scope: told without identity. */
export const LeadDuplicate = z.object({
  kind: z.enum(['customer', 'lead']),
  id: z.string().nullable(),
  name: z.string().nullable(),
  /** The number they share (E.164). */
  phone: z.string(),
});
export type LeadDuplicateDto = z.infer<typeof LeadDuplicate>;

export const Lead = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  title: z.string().nullable(),
  phones: z.array(z.string()),
  wechat: z.string().nullable(),
  source: z.enum(LEAD_SOURCES),
  sourceDetail: LeadSourceDetailOut,
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  address: z.string().nullable(),
  needs: LeadNeeds,
  notes: z.string().nullable(),
  /** Customers and open leads sharing a phone when the lead was captured (or its phones last changed). */
  duplicateCount: z.number().int(),
  assignedAt: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  lostReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  convertedCustomerId: z.string().nullable(),
  convertedOpportunityId: z.string().nullable(),
  convertedAt: z.string().nullable(),
  createdById: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadDto = z.infer<typeof Lead>;
export const LeadDetail = Lead.extend({ duplicates: z.array(LeadDuplicate) });
export type LeadDetailDto = z.infer<typeof LeadDetail>;

/** The answer of a capture: the lead, its duplicates, and how it was assigned. */
export const CapturedLead = LeadDetail.extend({
  assignment: z.object({
    ruleId: z.string().nullable(),
    ruleName: z.string().nullable(),
    strategy: z.enum([...LEAD_ASSIGNMENT_STRATEGIES, 'manual']).nullable(),
  }),
});

export const LeadListQuery = PageQuery.extend({
  /** One status, or `open` for new and following. */
  status: z.enum([...LEAD_STATUSES, 'open']).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  storeId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  /** mine: assigned to me; unassigned: the queue of open leads nobody has (managers: unit scope and above). */
  queue: z.enum(['mine', 'unassigned']).optional(),
  /** Creation days (Asia/Shanghai), inclusive. */
  createdFrom: Isodate.optional(),
  createdTo: Isodate.optional(),
  /** Part of the name, or the last 4+ digits of a phone. */
  q: CleanText(100).optional(),
  withTotal: z.enum(['true', 'false']).optional(),
});

/** Assign, reassign (a reason is required when the lead had an assignee) or send back to the queue (null). */
export const AssignLead = z.object({
  assigneeId: z.uuid().nullable(),
  /** Move the lead to another store (within the caller's scope) at the same time. */
  storeId: z.uuid().optional(),
  reason: CleanText(300).nullable().optional(),
});

/** Working status set by hand: following (also reopens a lost or invalid lead), lost (with a reason), invalid. */
export const ChangeLeadStatus = z.object({
  status: z.enum(['following', 'lost', 'invalid']),
  reason: CleanText(300).nullable().optional(),
});

/** Users who may take a lead: active, not locked, holding leads:edit, in its store or a unit above, with their open leads. */
export const LeadAssignee = z.object({
  id: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  openLeads: z.number().int(),
});
export const LeadAssigneesQuery = z.object({ storeId: z.uuid().optional() });

// ---------- conversion (LEAD-4) ----------

/** The new customer, prefilled from the lead: what is given here replaces the lead's value. */
export const ConvertCustomer = z.object({
  name: NameText(100).optional(),
  phones: uniqueList(Phone, 10).optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  wechat: CleanText(100).nullable().optional(),
  provinceCode: RegionCode.nullable().optional(),
  cityCode: RegionCode.nullable().optional(),
  districtCode: RegionCode.nullable().optional(),
  address: CleanText(300).nullable().optional(),
});
export const ConvertOpportunity = z.object({
  name: NameText(200),
  amountFen: z.number().int().min(0).max(1e12).default(0),
  expectedCloseDate: Isodate.nullable().optional(),
});
export const ConvertLead = z
  .object({
    /** Reuse this existing customer (one the caller can see) instead of creating one. */
    customerId: z.uuid().optional(),
    customer: ConvertCustomer.optional(),
    /** Create the customer although likely duplicates exist (the 409 duplicate_suspected was seen). */
    ignoreDuplicates: z.boolean().default(false),
    opportunity: ConvertOpportunity.optional(),
  })
  .refine((b) => !(b.customerId && b.customer), { path: ['customer'], message: 'reuse a customer or create one, not both' });
export const ConvertedLead = z.object({
  lead: LeadDetail,
  customerId: z.string(),
  customerCreated: z.boolean(),
  opportunityId: z.string().nullable(),
});

// ---------- assignment rules (LEAD-1, leads:admin) ----------

export const LeadAssignmentRule = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
  /** Conditions; an empty list matches anything. */
  sources: z.array(z.enum(LEAD_SOURCES)),
  provinceCodes: z.array(z.string()),
  cityCodes: z.array(z.string()),
  /** The store chosen at capture. */
  storeIds: z.array(z.string()),
  strategy: z.enum(LEAD_ASSIGNMENT_STRATEGIES),
  /** round_robin: the team in turn order; least_open: the team (or poolStoreId's staff). */
  userIds: z.array(z.string()),
  users: z.array(z.object({ id: z.string(), displayName: z.string(), status: z.string() })),
  poolStoreId: z.string().nullable(),
  poolStoreName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadAssignmentRuleDto = z.infer<typeof LeadAssignmentRule>;
const ruleFields = {
  name: NameText(100),
  position: z.number().int().min(0).max(100000),
  enabled: z.boolean(),
  sources: uniqueList(z.enum(LEAD_SOURCES), LEAD_SOURCES.length),
  provinceCodes: uniqueList(RegionCode, 100),
  cityCodes: uniqueList(RegionCode, 500),
  storeIds: uniqueList(z.uuid(), 500),
  strategy: z.enum(LEAD_ASSIGNMENT_STRATEGIES),
  userIds: uniqueList(z.uuid(), 200),
  poolStoreId: z.uuid().nullable(),
};
export const CreateLeadAssignmentRule = z.object({
  ...ruleFields,
  position: ruleFields.position.optional(),
  enabled: ruleFields.enabled.default(true),
  sources: ruleFields.sources.default([]),
  provinceCodes: ruleFields.provinceCodes.default([]),
  cityCodes: ruleFields.cityCodes.default([]),
  storeIds: ruleFields.storeIds.default([]),
  userIds: ruleFields.userIds.default([]),
  poolStoreId: ruleFields.poolStoreId.optional(),
});
export const UpdateLeadAssignmentRule = z.object(ruleFields).partial().strict();
/** The rules' evaluation order: every rule id once, first to last. */
export const ReorderLeadAssignmentRules = z.object({ ids: z.array(z.uuid()).min(1).max(500).refine(unique, { message: 'duplicate entries' }) });

// ---------- public web forms ----------

/** http(s)://host[:port], no path: what a browser sends as Origin. */
const Origin = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'an origin such as https://www.example.com');

export const LeadForm = z.object({
  id: z.string(),
  name: z.string(),
  /** The random key in the public address /api/v1/public/{tenantCode}/lead-forms/{key}. */
  key: z.string(),
  enabled: z.boolean(),
  defaultStoreId: z.string().nullable(),
  defaultStoreName: z.string().nullable(),
  source: z.enum(LEAD_SOURCES),
  campaign: z.string().nullable(),
  /** Browsers on other sites are refused; empty: any site. */
  allowedOrigins: z.array(z.string()),
  /** Leads the form made in the last 30 days (posts are kept that long). */
  submissions: z.number().int(),
  lastSubmissionAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadFormDto = z.infer<typeof LeadForm>;
const formFields = {
  name: NameText(100),
  enabled: z.boolean(),
  defaultStoreId: z.uuid().nullable(),
  source: z.enum(LEAD_SOURCES),
  campaign: CleanText(100).nullable(),
  allowedOrigins: uniqueList(Origin, 20),
};
export const CreateLeadForm = z.object({
  ...formFields,
  enabled: formFields.enabled.default(true),
  defaultStoreId: formFields.defaultStoreId.optional(),
  source: formFields.source.default('website'),
  campaign: formFields.campaign.optional(),
  allowedOrigins: formFields.allowedOrigins.default([]),
});
export const UpdateLeadForm = z.object(formFields).partial().strict();

/** Form fields may arrive as a single value or a list, and numbers as text. */
const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), uniqueList(item, max)).optional();
const numberOf = (s: z.ZodNumber) => z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v === '' ? undefined : v), s).optional();

/** The honeypot: a field hidden from people; a bot that fills it is answered as if it succeeded, and nothing is stored. */
export const LEAD_FORM_HONEYPOT = 'homepage';

/** What a brand's website posts (JSON). Unknown fields are ignored. */
export const PublicLeadSubmission = z.object({
  name: NameText(50),
  phone: Phone,
  gender: z.enum(GENDERS).nullable().optional(),
  wechat: CleanText(100).nullable().optional(),
  provinceCode: RegionCode.nullable().optional(),
  cityCode: RegionCode.nullable().optional(),
  districtCode: RegionCode.nullable().optional(),
  address: CleanText(300).nullable().optional(),
  /** The visitor's message. */
  message: CleanText(2000).nullable().optional(),
  rooms: listOf(z.enum(ROOMS), ROOMS.length),
  styles: listOf(z.enum(LEAD_STYLES), LEAD_STYLES.length),
  products: listOf(Tag, 30),
  houseType: z.enum(HOUSE_TYPES).nullable().optional(),
  homeStage: z.enum(LEAD_HOME_STAGES).nullable().optional(),
  budgetBand: z.enum(BUDGET_BANDS).nullable().optional(),
  areaSqm: numberOf(z.number().min(1).max(100000)),
  /** Overrides the form's campaign (utm_campaign of the landing page). */
  campaign: CleanText(100).nullable().optional(),
  [LEAD_FORM_HONEYPOT]: z.string().max(2000).optional(),
});
export const PublicLeadReceived = z.object({ ok: z.literal(true), receivedAt: z.string() });
export const LeadFormParams = z.object({ tenantCode: z.string().trim().min(1).max(64), formKey: z.string().trim().min(1).max(64) });
