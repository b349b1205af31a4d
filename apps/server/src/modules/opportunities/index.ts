import type { AppDeps } from '../../app.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';

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
/** Create an opportunity at the first stage in the caller's transaction (lead conversion). Audited; scope applies to storeId. */
export async function createOpportunityInTx(_ctx: Ctx, _tx: DbOrTx, _input: NewOpportunity): Promise<{ id: string }> {
  throw new Error('opportunities: createOpportunityInTx not built yet');
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
/** Null when the caller may not see it. */
export async function opportunityBrief(_ctx: Ctx, _db: DbOrTx, _id: string): Promise<OpportunityBrief | null> {
  throw new Error('opportunities: opportunityBrief not built yet');
}
export async function isOpportunityVisible(_ctx: Ctx, _id: string): Promise<boolean> {
  throw new Error('opportunities: isOpportunityVisible not built yet');
}
/** An activity was logged on the opportunity at `at` (stalled = no activity for N days). System write. */
export async function touchOpportunityActivity(_tx: DbOrTx, _tenantId: string, _opportunityId: string, _at: Date): Promise<void> {
  throw new Error('opportunities: touchOpportunityActivity not built yet');
}
/** The opportunities of a customer the caller may see (customer 360), newest first. */
export async function opportunitiesOfCustomer(_ctx: Ctx, _customerId: string): Promise<OpportunityBrief[]> {
  throw new Error('opportunities: opportunitiesOfCustomer not built yet');
}

/**
 * Sales totals for targets (STAFF-1), per owner and store, for a date range [from, to] (Shanghai dates, inclusive):
 * won = amount of opportunities won in the range; weighted = open opportunities expected to close in the range ×
 * their stage probability; open = their plain amount. Whole tenant (targets apply their own scope to the rows).
 */
export interface PipelineTotal {
  ownerId: string | null;
  storeId: string | null;
  wonFen: number;
  weightedFen: number;
  openFen: number;
}
export async function pipelineTotals(_db: DbOrTx, _tenantId: string, _range: { from: string; to: string }): Promise<PipelineTotal[]> {
  throw new Error('opportunities: pipelineTotals not built yet');
}

/** Job kinds and cron schedules of the module. */
export function registerOpportunitiesJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerOpportunitiesSubscriptions(_deps: AppDeps) {}
