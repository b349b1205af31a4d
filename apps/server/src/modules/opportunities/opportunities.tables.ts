/** Tables of the opportunities module: opportunities, their stage history, and the tenant's stages and loss reasons (LEAD-4, LEAD-5). */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../../platform/db/columns.ts';

/**
 * The tenant's pipeline stages. Open stages are ordered by `position`; exactly one `won` (100 %) and one `lost` (0 %)
 * stage close an opportunity. Keys never change (history and reports refer to them); a stage in use is only disabled.
 */
export const opportunityStages = pgTable(
  'opportunity_stages',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    probability: integer('probability').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['open', 'won', 'lost'] }).notNull(),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('opportunity_stages_key').on(t.tenantId, t.key), index('opportunity_stages_position').on(t.tenantId, t.position)],
);

/** Why opportunities are lost (价格, 竞品 …): codes with labels, per tenant. */
export const opportunityLossReasons = pgTable(
  'opportunity_loss_reasons',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('opportunity_loss_reasons_code').on(t.tenantId, t.code)],
);

/**
 * Per-tenant settings. The row also marks that the default stages and loss reasons were made: it is inserted with
 * them, once (`ON CONFLICT DO NOTHING`), so concurrent first uses seed the defaults exactly once.
 */
export const opportunitySettings = pgTable('opportunity_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  stalledDays: integer('stalled_days').notNull().default(14),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** An opportunity (商机) of a customer. Fenced by store (unit) and owner. */
export const opportunities = pgTable(
  'opportunities',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    customerId: uuid('customer_id').notNull(),
    leadId: uuid('lead_id'),
    name: text('name').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    stageKey: text('stage_key').notNull(),
    /** The effective probability: the stage's, or the override until the next stage move. */
    probability: integer('probability').notNull(),
    probabilityOverridden: boolean('probability_overridden').notNull().default(false),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    ownerId: uuid('owner_id'),
    storeId: uuid('store_id'),
    status: text('status', { enum: ['open', 'won', 'lost'] }).notNull().default('open'),
    wonAt: ts('won_at'),
    lostAt: ts('lost_at'),
    lossReason: text('loss_reason'),
    lossNote: text('loss_note'),
    notes: text('notes'),
    /** Creation, stage moves and logged activities; stalled = open and idle for N days. */
    lastActivityAt: ts('last_activity_at').notNull(),
    stageEnteredAt: ts('stage_entered_at').notNull(),
    /** Optimistic concurrency: every change adds one; a stage move names the version it saw. */
    version: integer('version').notNull().default(1),
    createdById: uuid('created_by_id'),
    ...timestamps(),
  },
  (t) => [
    index('opportunities_created').on(t.tenantId, t.createdAt, t.id),
    index('opportunities_store_created').on(t.tenantId, t.storeId, t.createdAt, t.id),
    index('opportunities_owner_created').on(t.tenantId, t.ownerId, t.createdAt, t.id),
    index('opportunities_customer').on(t.tenantId, t.customerId, t.createdAt),
    index('opportunities_lead').on(t.tenantId, t.leadId).where(sql`${t.leadId} IS NOT NULL`),
    // The board: open opportunities per stage, last moved first.
    index('opportunities_open_stage').on(t.tenantId, t.stageKey, t.stageEnteredAt, t.id).where(sql`${t.status} = 'open'`),
    // The forecast and targets: open by expected close, won by time won.
    index('opportunities_open_close').on(t.tenantId, t.expectedCloseDate).where(sql`${t.status} = 'open'`),
    index('opportunities_won_at').on(t.tenantId, t.wonAt).where(sql`${t.status} = 'won'`),
  ],
);

/** Every stage change of an opportunity (creation included: from null), so time in each stage is computable. Never changed. */
export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Insertion order: entries of one instant keep their order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    fromStageKey: text('from_stage_key'),
    toStageKey: text('to_stage_key').notNull(),
    at: ts('at').notNull(),
    byId: uuid('by_id'),
    byName: text('by_name'),
  },
  (t) => [index('opportunity_stage_history_opportunity').on(t.tenantId, t.opportunityId, t.at, t.seq), index('opportunity_stage_history_stage').on(t.tenantId, t.toStageKey)],
);
