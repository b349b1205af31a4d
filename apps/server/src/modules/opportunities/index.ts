import type { AppDeps } from '../../app.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import * as repo from './opportunities.repository.ts';
import { createInTx } from './opportunities.service.ts';
import { pipelineTotalsRows } from './pipeline.repository.ts';
import { endOfDay, startOfDay } from './periods.ts';

/** The opportunities module's public face: other modules import only from here. (Signatures agreed in issue 3.) */

export interface NewOpportunity {
  customerId: string;
  leadId?: string | null;
  name: string;
  amountFen?: number;
  expectedCloseDate?: string | null;
  /** Defaults: the caller (a user) / the customer's store. */
  ownerId?: string | null;
  storeId?: string | null;
}
/**
 * Create an opportunity at the first stage in the caller's transaction (lead conversion). Audited; scope applies to
 * storeId. Bad input throws 422 with `body.<field>` paths (customerId: a customer the caller sees, also one made
 * earlier in the same transaction).
 */
export async function createOpportunityInTx(ctx: Ctx, tx: DbOrTx, input: NewOpportunity): Promise<{ id: string }> {
  const row = await createInTx(ctx, tx, input);
  return { id: row.id };
}

export interface OpportunityBrief {
  id: string;
  name: string;
  customerId: string;
  storeId: string | null;
  ownerId: string | null;
  stageKey: string;
  status: 'open' | 'won' | 'lost';
  amountFen: number;
  expectedCloseDate: string | null;
  createdAt: string;
}
const brief = (r: repo.OpportunityRow): OpportunityBrief => ({
  id: r.id, name: r.name, customerId: r.customerId, storeId: r.storeId, ownerId: r.ownerId, stageKey: r.stageKey, status: r.status,
  amountFen: r.amountFen, expectedCloseDate: r.expectedCloseDate, createdAt: r.createdAt.toISOString(),
});
/** Null when the caller may not see it. */
export async function opportunityBrief(ctx: Ctx, db: DbOrTx, id: string): Promise<OpportunityBrief | null> {
  const row = await repo.findVisible(ctx, db, id);
  return row ? brief(row) : null;
}
export async function isOpportunityVisible(ctx: Ctx, id: string): Promise<boolean> {
  return repo.isOpportunityVisible(ctx, id);
}
/** An activity was logged on the opportunity at `at` (stalled = no activity for N days). System write. */
export async function touchOpportunityActivity(tx: DbOrTx, tenantId: string, opportunityId: string, at: Date): Promise<void> {
  await repo.touchActivity(tx, tenantId, opportunityId, at);
}
/** The opportunities of a customer the caller may see (customer 360), newest first. */
export async function opportunitiesOfCustomer(ctx: Ctx, customerId: string): Promise<OpportunityBrief[]> {
  return (await repo.ofCustomer(ctx, customerId)).map(brief);
}

/**
 * Sales totals for targets (STAFF-1), per owner and store, for a date range [from, to] (Shanghai dates, inclusive):
 * won = amount (and number) of opportunities won in the range; weighted = open opportunities expected to close in the range ×
 * their stage probability; open = their plain amount. Whole tenant (targets apply their own scope to the rows).
 */
export interface PipelineTotal {
  ownerId: string | null;
  storeId: string | null;
  wonFen: number;
  /** How many were won in the range. */
  wonCount: number;
  weightedFen: number;
  openFen: number;
}
export async function pipelineTotals(db: DbOrTx, tenantId: string, range: { from: string; to: string }): Promise<PipelineTotal[]> {
  return pipelineTotalsRows(db, tenantId, { ...range, fromAt: startOfDay(range.from), toAt: endOfDay(range.to) });
}

/** Job kinds and cron schedules of the module (none: stalled is computed when asked). */
export function registerOpportunitiesJobs(_deps: AppDeps) {}

/** The module's reactions to domain events (none; customer merges come through the customers module's hook). */
export function registerOpportunitiesSubscriptions(_deps: AppDeps) {}
