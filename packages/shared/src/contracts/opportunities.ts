import { z } from 'zod';
import { CleanText, NameText, PageQuery, pageOf } from './common.ts';

/**
 * Opportunities (商机), their configurable stages, the kanban board, the funnel and the weighted forecast (LEAD-4,
 * LEAD-5). Money is integer fen; probabilities are whole percentages; dates are Shanghai calendar dates (YYYY-MM-DD).
 */

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
/** An open stage is a step of the pipeline; the won and the lost stage close an opportunity (one of each per tenant). */
export const OPPORTUNITY_STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type OpportunityStageKind = (typeof OPPORTUNITY_STAGE_KINDS)[number];
export const FORECAST_PERIODS = ['month', 'quarter'] as const;
export const FORECAST_GROUPS = ['owner', 'store', 'region'] as const;

const Isodate = z.iso.date();
const Fen = z.number().int().min(0).max(1e12);
const Probability = z.number().int().min(0).max(100);
/** Stage and loss-reason codes: lower-case ASCII, stable (history and reports refer to them). */
export const OpportunityCode = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ , starting with a letter');
const Note = CleanText(1000);

// ---------- stages, loss reasons, settings ----------

export const OpportunityStage = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  probability: z.number().int(),
  position: z.number().int(),
  kind: z.enum(OPPORTUNITY_STAGE_KINDS),
  enabled: z.boolean(),
});
export type OpportunityStageDto = z.infer<typeof OpportunityStage>;
export const OpportunityStageList = z.object({ items: z.array(OpportunityStage) });

/** A new open stage; without a position it goes after the last open stage. Without a key one is made from the position. */
export const CreateOpportunityStage = z.object({
  key: OpportunityCode.optional(),
  name: NameText(40),
  probability: Probability,
  position: z.number().int().min(0).max(10_000).optional(),
});
/** Won and lost stages take a new name only (their probability is 100 and 0, and they cannot be disabled). */
export const UpdateOpportunityStage = z.object({
  name: NameText(40).optional(),
  probability: Probability.optional(),
  enabled: z.boolean().optional(),
});
/** Every open stage's id, in the new order. */
export const ReorderOpportunityStages = z.object({ ids: z.array(z.uuid()).min(1).max(50) });

export const OpportunityLossReason = z.object({ id: z.uuid(), code: z.string(), label: z.string(), position: z.number().int(), enabled: z.boolean() });
export type OpportunityLossReasonDto = z.infer<typeof OpportunityLossReason>;
export const OpportunityLossReasonList = z.object({ items: z.array(OpportunityLossReason) });
export const CreateOpportunityLossReason = z.object({ code: OpportunityCode.optional(), label: NameText(40), position: z.number().int().min(0).max(10_000).optional() });
export const UpdateOpportunityLossReason = z.object({ label: NameText(40).optional(), position: z.number().int().min(0).max(10_000).optional(), enabled: z.boolean().optional() });

export const OpportunitySettings = z.object({
  /** An open opportunity without activity for this many days is stalled (the funnel's default N). */
  stalledDays: z.number().int().min(1).max(365),
});
export const UpdateOpportunitySettings = OpportunitySettings.partial();

// ---------- opportunities ----------

export const CreateOpportunity = z.object({
  /** Must be a customer the caller can see. */
  customerId: z.uuid(),
  leadId: z.uuid().nullable().optional(),
  name: NameText(100),
  amountFen: Fen.default(0),
  /** An enabled open stage; default: the first one. */
  stageKey: OpportunityCode.optional(),
  /** Overrides the stage's probability until the next stage move. */
  probability: Probability.nullable().optional(),
  expectedCloseDate: Isodate.nullable().optional(),
  /** Default: the caller. An own-scope caller owns what they create. */
  ownerId: z.uuid().nullable().optional(),
  /** Default: the customer's store, else the owner's. */
  storeId: z.uuid().nullable().optional(),
  notes: CleanText(2000).nullable().optional(),
});
export type CreateOpportunityInput = z.input<typeof CreateOpportunity>;

/** Field changes; the stage changes through POST /opportunities/{id}/stage. `version`, when sent, must be the current one. */
export const UpdateOpportunity = z.object({
  name: NameText(100).optional(),
  amountFen: Fen.optional(),
  /** A number overrides the stage's probability; null returns to the stage's. */
  probability: Probability.nullable().optional(),
  expectedCloseDate: Isodate.nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  storeId: z.uuid().optional(),
  notes: CleanText(2000).nullable().optional(),
  version: z.number().int().min(1).optional(),
});

/**
 * Move to another stage (kanban drop). `version` is the version the caller saw: a concurrent change answers 409.
 * The lost stage needs a loss reason; a won or lost opportunity moves again only with `reopen: true` (to an open stage).
 */
export const MoveOpportunityStage = z.object({
  stageKey: OpportunityCode,
  version: z.number().int().min(1),
  lossReason: OpportunityCode.nullable().optional(),
  lossNote: Note.nullable().optional(),
  reopen: z.boolean().optional(),
});

export const OPPORTUNITY_SORTS = ['created', 'stageEntered', 'expectedClose'] as const;
const Bool = z.enum(['true', 'false']);
const Filters = {
  stageKey: OpportunityCode.optional(),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  ownerId: z.uuid().optional(),
  storeId: z.uuid().optional(),
  regionId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  expectedFrom: Isodate.optional(),
  expectedTo: Isodate.optional(),
  /** Open and without activity for at least this many days. */
  stalled: z.coerce.number().int().min(1).max(3650).optional(),
  /** Words of the name. */
  q: CleanText(100).optional(),
};
export const OpportunityListQuery = PageQuery.extend({
  ...Filters,
  /** created: newest first; stageEntered: last moved first (the board's order); expectedClose: soonest first. */
  sort: z.enum(OPPORTUNITY_SORTS).default('created'),
  withTotal: Bool.optional(),
});
/** The board: open opportunities in columns per enabled open stage, first `limit` cards each (last moved first). */
export const OpportunityBoardQuery = z.object({
  ownerId: Filters.ownerId,
  storeId: Filters.storeId,
  regionId: Filters.regionId,
  expectedFrom: Filters.expectedFrom,
  expectedTo: Filters.expectedTo,
  stalled: Filters.stalled,
  q: Filters.q,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const Opportunity = z.object({
  id: z.uuid(),
  name: z.string(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  leadId: z.uuid().nullable(),
  amountFen: z.number().int(),
  stageKey: z.string(),
  stageName: z.string().nullable(),
  probability: z.number().int(),
  probabilityOverridden: z.boolean(),
  /** amount × probability, rounded to the fen. */
  weightedFen: z.number().int(),
  expectedCloseDate: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  status: z.enum(OPPORTUNITY_STATUSES),
  wonAt: z.string().nullable(),
  lostAt: z.string().nullable(),
  lossReason: z.string().nullable(),
  lossNote: z.string().nullable(),
  notes: z.string().nullable(),
  lastActivityAt: z.string(),
  stageEnteredAt: z.string(),
  /** Whole days since the last activity. */
  idleDays: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OpportunityDto = z.infer<typeof Opportunity>;
export const OpportunityPage = pageOf(Opportunity);

export const OpportunityStageHistoryEntry = z.object({
  id: z.uuid(),
  fromStageKey: z.string().nullable(),
  toStageKey: z.string(),
  at: z.string(),
  byId: z.string().nullable(),
  byName: z.string().nullable(),
  /** Days spent in `toStageKey` from this entry to the next (to now for the current stage of an open opportunity). */
  days: z.number().nullable(),
});
/** Total days spent in each stage (stages entered more than once add up). */
export const OpportunityStageDays = z.object({ stageKey: z.string(), days: z.number() });
export const OpportunityDetail = Opportunity.extend({
  history: z.array(OpportunityStageHistoryEntry),
  daysInStages: z.array(OpportunityStageDays),
});
export type OpportunityDetailDto = z.infer<typeof OpportunityDetail>;

export const OpportunityBoardColumn = z.object({
  stage: OpportunityStage,
  count: z.number().int(),
  amountFen: z.number().int(),
  weightedFen: z.number().int(),
  cards: z.array(Opportunity),
  /** Next cards: GET /opportunities?stageKey=…&status=open&sort=stageEntered&cursor=… with the same filters. */
  nextCursor: z.string().nullable(),
});
export const OpportunityBoard = z.object({ columns: z.array(OpportunityBoardColumn) });

export const OpportunityOwnerCandidate = z.object({ id: z.uuid(), displayName: z.string(), unitId: z.uuid(), unitName: z.string().nullable() });
export const OpportunityOwnersQuery = z.object({ storeId: z.uuid().optional() });

// ---------- funnel ----------

export const FunnelQuery = z.object({
  /** Opportunities created in [from, to] (Shanghai dates); default: this month so far. */
  from: Isodate.optional(),
  to: Isodate.optional(),
  ownerId: z.uuid().optional(),
  storeId: z.uuid().optional(),
  /** A unit: its whole subtree. */
  regionId: z.uuid().optional(),
  /** Stalled = open without activity for this many days (default: the tenant setting). */
  stalledDays: z.coerce.number().int().min(1).max(365).optional(),
});

export const FunnelStage = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(OPPORTUNITY_STAGE_KINDS),
  enabled: z.boolean(),
  probability: z.number().int(),
  /** Opportunities of the period that reached this stage (or a later one; won ones reached every open stage). */
  count: z.number().int(),
  amountFen: z.number().int(),
  /** Share of this stage's opportunities that reached the next stage (the last open stage: won); null without any. */
  conversionToNext: z.number().nullable(),
  /** Share of the first stage's opportunities that reached this one. */
  conversionFromFirst: z.number().nullable(),
  /** Average days an opportunity spent in the stage (open intervals counted up to now); null when none was there. */
  avgDays: z.number().nullable(),
});

export const FunnelTotals = z.object({
  count: z.number().int(),
  amountFen: z.number().int(),
  openCount: z.number().int(),
  openFen: z.number().int(),
  weightedFen: z.number().int(),
  wonCount: z.number().int(),
  wonFen: z.number().int(),
  lostCount: z.number().int(),
  lostFen: z.number().int(),
  /** won / (won + lost); null before anything closed. */
  winRate: z.number().nullable(),
  stalledCount: z.number().int(),
});
export const FunnelGroupRow = FunnelTotals.extend({ id: z.string().nullable(), name: z.string().nullable() });
export const FunnelLossReason = z.object({ code: z.string().nullable(), label: z.string().nullable(), count: z.number().int(), amountFen: z.number().int() });

export const Funnel = z.object({
  from: z.string(),
  to: z.string(),
  stalledDays: z.number().int(),
  stages: z.array(FunnelStage),
  totals: FunnelTotals,
  lossReasons: z.array(FunnelLossReason),
  /** The period's open opportunities without activity for stalledDays, longest idle first (at most 50). */
  stalled: z.array(Opportunity),
  byOwner: z.array(FunnelGroupRow),
  byStore: z.array(FunnelGroupRow),
});
export type FunnelDto = z.infer<typeof Funnel>;

// ---------- forecast ----------

export const ForecastQuery = z.object({
  period: z.enum(FORECAST_PERIODS).default('month'),
  /** Buckets from the month (quarter) of `from` to that of `to`; default: this one and the next five months (three quarters). */
  from: Isodate.optional(),
  to: Isodate.optional(),
  groupBy: z.enum(FORECAST_GROUPS).default('owner'),
  ownerId: z.uuid().optional(),
  storeId: z.uuid().optional(),
  regionId: z.uuid().optional(),
});

export const ForecastCell = z.object({
  bucket: z.string(),
  /** Open opportunities expected to close in the bucket: amount, and amount × probability. */
  openCount: z.number().int(),
  openFen: z.number().int(),
  weightedFen: z.number().int(),
  /** Won in the bucket. */
  wonCount: z.number().int(),
  wonFen: z.number().int(),
  /** won + weighted. */
  forecastFen: z.number().int(),
});
export const ForecastGroup = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  cells: z.array(ForecastCell),
  total: ForecastCell,
});
export const Forecast = z.object({
  period: z.enum(FORECAST_PERIODS),
  groupBy: z.enum(FORECAST_GROUPS),
  from: z.string(),
  to: z.string(),
  /** Bucket labels in order: 2026-11 (month) or 2026-Q4 (quarter). */
  buckets: z.array(z.string()),
  groups: z.array(ForecastGroup),
  totals: z.array(ForecastCell),
  total: ForecastCell,
  /** Open opportunities without an expected close date (not in any bucket). */
  undated: z.object({ count: z.number().int(), openFen: z.number().int(), weightedFen: z.number().int() }),
});
export type ForecastDto = z.infer<typeof Forecast>;
