/** Tables of the leads module: leads, their phones, assignment rules, public web forms and what those forms received (LEAD-1, LEAD-2, LEAD-4). */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LeadDuplicateDto, LeadNeedsDto } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

const OPEN = sql`status IN ('new', 'following')`;

/** What the source of a lead says in detail (campaign, exhibition, referrer, the web form it came from). */
export interface StoredSourceDetail {
  campaign?: string | null;
  exhibition?: string | null;
  referrerName?: string | null;
  referrerPhone?: string | null;
  referringCustomerId?: string | null;
  formId?: string | null;
  formName?: string | null;
}

/** A duplicate found at capture, with identity (the DTO hides it from callers who may not see the record). */
export type StoredDuplicate = Omit<LeadDuplicateDto, 'id' | 'name'> & { id: string; name: string };

/** A lead (潜在客户). Fenced by store (unit) and assignee (owner); unassigned leads are the managers' queue. */
export const leads = pgTable(
  'leads',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    gender: text('gender'),
    title: text('title'),
    /** E.164, primary first (lead_phones serves search and duplicate checks). */
    phones: text('phones').array().notNull().default(sql`'{}'`),
    wechat: text('wechat'),
    source: text('source').notNull(),
    sourceDetail: jsonb('source_detail').$type<StoredSourceDetail>().notNull().default({}),
    storeId: uuid('store_id'),
    assigneeId: uuid('assignee_id'),
    status: text('status', { enum: ['new', 'following', 'converted', 'lost', 'invalid'] }).notNull().default('new'),
    provinceCode: text('province_code'),
    cityCode: text('city_code'),
    districtCode: text('district_code'),
    address: text('address'),
    /** The needs profile (LEAD-2). */
    needs: jsonb('needs').$type<LeadNeedsDto>().notNull(),
    notes: text('notes'),
    duplicateOf: jsonb('duplicate_of').$type<StoredDuplicate[]>().notNull().default([]),
    /** 1- and 2-grams of the name (the customers' search scheme). */
    nameGrams: text('name_grams').array().notNull().default(sql`'{}'`),
    /** Set at every assignment; `assignmentSeq` counts them (one notification per assignment). */
    assignedAt: ts('assigned_at'),
    assignmentSeq: integer('assignment_seq').notNull().default(0),
    firstContactAt: ts('first_contact_at'),
    lastActivityAt: ts('last_activity_at'),
    lostReason: text('lost_reason'),
    /** When it was marked lost or invalid. */
    closedAt: ts('closed_at'),
    convertedCustomerId: uuid('converted_customer_id'),
    convertedOpportunityId: uuid('converted_opportunity_id'),
    convertedAt: ts('converted_at'),
    createdById: uuid('created_by_id'),
    ...timestamps(),
  },
  (t) => [
    index('leads_created').on(t.tenantId, t.createdAt, t.id),
    index('leads_store_created').on(t.tenantId, t.storeId, t.createdAt, t.id),
    index('leads_assignee_created').on(t.tenantId, t.assigneeId, t.createdAt, t.id),
    // Open leads per assignee (least-open assignment) and the work list of new leads.
    index('leads_assignee_open').on(t.tenantId, t.assigneeId, t.status).where(OPEN),
    // The managers' queue: open leads nobody has.
    index('leads_queue').on(t.tenantId, t.storeId, t.createdAt).where(sql`${t.assigneeId} IS NULL AND ${OPEN}`),
    index('leads_converted_customer').on(t.tenantId, t.convertedCustomerId).where(sql`${t.convertedCustomerId} IS NOT NULL`),
    index('leads_duplicate_of').using('gin', sql`${t.duplicateOf} jsonb_path_ops`),
    index('leads_grams').using('gin', t.nameGrams),
  ],
);

/** Phones of leads, normalised: duplicate checks by E.164, search by suffix (reversed digits). */
export const leadPhones = pgTable(
  'lead_phones',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    leadId: uuid('lead_id').notNull(),
    e164: text('e164').notNull(),
    digits: text('digits').notNull(),
    reversed: text('reversed').notNull(),
  },
  (t) => [
    index('lead_phones_lead').on(t.leadId),
    index('lead_phones_e164').on(t.tenantId, t.e164),
    index('lead_phones_reversed').on(t.tenantId, sql`${t.reversed} text_pattern_ops`),
  ],
);

/** Assignment rules, evaluated in `position` order; the first that yields an assignee wins. */
export const leadAssignmentRules = pgTable(
  'lead_assignment_rules',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    sources: text('sources').array().notNull().default(sql`'{}'`),
    provinceCodes: text('province_codes').array().notNull().default(sql`'{}'`),
    cityCodes: text('city_codes').array().notNull().default(sql`'{}'`),
    storeIds: uuid('store_ids').array().notNull().default(sql`'{}'`),
    strategy: text('strategy', { enum: ['store_by_region', 'round_robin', 'least_open'] }).notNull(),
    /** The team: turn order for round robin, the candidates for least open. */
    userIds: uuid('user_ids').array().notNull().default(sql`'{}'`),
    /** least_open over a store's staff instead of a named team. */
    poolStoreId: uuid('pool_store_id'),
    /** Round robin: the user given the last lead (the next lead goes to the following user of the team). */
    lastUserId: uuid('last_user_id'),
    ...timestamps(),
  },
  (t) => [index('lead_assignment_rules_position').on(t.tenantId, t.position)],
);

/** Public web forms of a brand's website: each has a random key in its public address. */
export const leadForms = pgTable(
  'lead_forms',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    key: text('key').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    defaultStoreId: uuid('default_store_id'),
    source: text('source').notNull().default('website'),
    campaign: text('campaign'),
    allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'`),
    ...timestamps(),
  },
  (t) => [uniqueIndex('lead_forms_key').on(t.tenantId, t.key)],
);

/** Every post a web form received (the rate limit counts them per client address; honeypot hits are kept as such). */
export const leadFormSubmissions = pgTable(
  'lead_form_submissions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    formId: uuid('form_id').notNull(),
    ip: text('ip').notNull(),
    outcome: text('outcome', { enum: ['received', 'created', 'honeypot'] }).notNull(),
    leadId: uuid('lead_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('lead_form_submissions_ip').on(t.formId, t.ip, t.createdAt),
    index('lead_form_submissions_form').on(t.tenantId, t.formId, t.createdAt),
  ],
);
