import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BirthdayValue } from '@jiake/shared';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

export const customers = pgTable(
  'customers',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['person', 'company'] }).notNull(),
    name: text('name').notNull(),
    gender: text('gender'),
    /** Birthday kept as entered (solar or lunar) so this year's date can be computed. */
    birthday: jsonb('birthday').$type<BirthdayValue | null>(),
    birthdayCalendar: text('birthday_calendar'),
    birthdayMonth: integer('birthday_month'),
    birthdayDay: integer('birthday_day'),
    weddingAnniversary: text('wedding_anniversary'),
    ageBand: text('age_band'),
    education: text('education'),
    occupation: text('occupation'),
    title: text('title'),
    incomeBand: text('income_band'),
    maritalStatus: text('marital_status'),
    /** E.164 numbers, primary first (denormalised for reads; customer_phones serves search). */
    phones: text('phones').array().notNull().default(sql`'{}'`),
    email: text('email'),
    wechat: text('wechat'),
    qq: text('qq'),
    otherIm: text('other_im'),
    provinceCode: text('province_code'),
    cityCode: text('city_code'),
    districtCode: text('district_code'),
    address: text('address'),
    hobbies: text('hobbies').array().notNull().default(sql`'{}'`),
    referrer: text('referrer'),
    source: text('source'),
    ownerId: uuid('owner_id'),
    storeId: uuid('store_id'),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    creditRating: text('credit_rating'),
    listStatus: text('list_status').notNull().default('none'),
    listReason: text('list_reason'),
    industry: text('industry'),
    homeProfile: jsonb('home_profile').$type<Record<string, unknown> | null>(),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    notes: text('notes'),
    /** Search helpers, maintained by the repository: pinyin, initials, 1-/2-grams of the name. */
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    nameGrams: text('name_grams').array().notNull().default(sql`'{}'`),
    lastContactAt: ts('last_contact_at'),
    /** Time of the last touch by staff; the shared-pool idle rule reads it. */
    lastTouchedAt: ts('last_touched_at').notNull().defaultNow(),
    mergedIntoId: uuid('merged_into_id'),
    deletedAt: ts('deleted_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('customers_tenant_code').on(t.tenantId, t.code),
    index('customers_tenant_created').on(t.tenantId, t.createdAt, t.id),
    index('customers_tenant_store_created').on(t.tenantId, t.storeId, t.createdAt, t.id),
    // Live customers by store, newest first: the list's page, and its capped count as an index-only scan (bench P3:
    // the count read the table, 88 ms at 100,000 customers; 7 ms with this index).
    index('customers_live_store_created').on(t.tenantId, t.storeId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL AND ${t.mergedIntoId} IS NULL`),
    index('customers_tenant_owner').on(t.tenantId, t.ownerId, t.createdAt),
    index('customers_grams').using('gin', t.nameGrams),
    index('customers_tags').using('gin', t.tags),
    index('customers_pinyin').on(t.tenantId, sql`${t.namePinyin} text_pattern_ops`),
    index('customers_initials').on(t.tenantId, sql`${t.nameInitials} text_pattern_ops`),
    index('customers_custom').using('gin', sql`${t.customFields} jsonb_path_ops`),
    // CUS-6: duplicate checks by exact name, a survivor's merged lineage, and the pool's idle rule.
    index('customers_tenant_name').on(t.tenantId, t.name),
    index('customers_merged_into').on(t.tenantId, t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
    // Self-service and caller lookup find a customer by e-mail (case-insensitive).
    index('customers_email_lower').on(t.tenantId, sql`lower(${t.email})`).where(sql`${t.email} IS NOT NULL`),
    index('customers_owned_idle').on(t.tenantId, t.lastTouchedAt).where(sql`${t.ownerId} IS NOT NULL AND ${t.deletedAt} IS NULL AND ${t.mergedIntoId} IS NULL`),
  ],
);

/** Phones of customers and their contacts, normalised; searchable by suffix (reversed) and any 4+ digits (trigram). */
export const customerPhones = pgTable(
  'customer_phones',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    e164: text('e164').notNull(),
    /** National significant number digits, e.g. 13812345678. */
    digits: text('digits').notNull(),
    reversed: text('reversed').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('customer_phones_customer').on(t.customerId),
    index('customer_phones_e164').on(t.tenantId, t.e164),
    index('customer_phones_reversed').on(t.tenantId, sql`${t.reversed} text_pattern_ops`),
    index('customer_phones_digits_trgm').using('gin', sql`${t.digits} gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  'customer_contacts',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    phones: text('phones').array().notNull().default(sql`'{}'`),
    email: text('email'),
    decisionRole: text('decision_role'),
    reportsToId: uuid('reports_to_id'),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [index('customer_contacts_customer').on(t.tenantId, t.customerId)],
);

/** Remembered import column mappings per tenant and header signature. */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    object: text('object').notNull(),
    signature: text('signature').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('import_mappings_sig').on(t.tenantId, t.object, t.signature)],
);

/** Rows already imported, by file hash + row number, so a re-run creates nothing twice. */
export const importedRows = pgTable(
  'imported_rows',
  {
    tenantId: tenantColumn(),
    fileHash: text('file_hash').notNull(),
    rowKey: text('row_key').notNull(),
    customerId: uuid('customer_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('imported_rows_key').on(t.tenantId, t.fileHash, t.rowKey)],
);

/** Shared-pool (公海) rule per tenant: customers untouched for `idleDays` return to the pool. */
export const poolSettings = pgTable('customer_pool_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  idleDays: integer('idle_days').notNull().default(30),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
