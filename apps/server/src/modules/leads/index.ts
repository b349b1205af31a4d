import type { AppDeps } from '../../app.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import type { WorkSource } from '../../platform/work/work-items.ts';

/** The leads module's public face: other modules import only from here. (Signatures agreed in issue 3; bodies by the leads work.) */

/** What another module needs of a lead it attaches to (activities copy its store and owner). Null when the caller may not see it. */
export interface LeadBrief {
  id: string;
  name: string;
  storeId: string | null;
  assigneeId: string | null;
  customerId: string | null;
  status: string;
}
export async function leadBrief(_ctx: Ctx, _db: DbOrTx, _id: string): Promise<LeadBrief | null> {
  throw new Error('leads: leadBrief not built yet');
}
export async function isLeadVisible(_ctx: Ctx, _id: string): Promise<boolean> {
  throw new Error('leads: isLeadVisible not built yet');
}
/** An activity was logged on the lead at `at` (first contact, stalled leads, status new → following). System write, no scope check. */
export async function touchLeadActivity(_tx: DbOrTx, _tenantId: string, _leadId: string, _at: Date): Promise<void> {
  throw new Error('leads: touchLeadActivity not built yet');
}
/** The leads of a customer the caller may see (customer 360), newest first. */
export async function leadsOfCustomer(_ctx: Ctx, _customerId: string): Promise<(LeadBrief & { createdAt: string })[]> {
  throw new Error('leads: leadsOfCustomer not built yet');
}
/** "My work today": new leads assigned to the caller and not contacted yet. */
export const leadWorkSource: WorkSource = async () => [];

/** Job kinds and cron schedules of the module. */
export function registerLeadsJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerLeadsSubscriptions(_deps: AppDeps) {}
