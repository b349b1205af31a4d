import type { AppDeps } from '../../app.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import type { WorkSource } from '../../platform/work/work-items.ts';
import * as repo from './leads.repository.ts';
import * as svc from './leads.service.ts';
import { purgePosts } from './forms.repository.ts';

/** The leads module's public face: other modules import only from here. (Signatures agreed in issue 3.) */

/** What another module needs of a lead it attaches to (activities copy its store and owner). Null when the caller may not see it. */
export interface LeadBrief {
  id: string;
  name: string;
  storeId: string | null;
  assigneeId: string | null;
  customerId: string | null;
  status: string;
}
export async function leadBrief(ctx: Ctx, db: DbOrTx, id: string): Promise<LeadBrief | null> {
  return svc.leadBrief(ctx, db, id);
}
export async function isLeadVisible(ctx: Ctx, id: string): Promise<boolean> {
  return repo.isLeadVisible(ctx, id);
}
/** An activity was logged on the lead at `at` (first contact, stalled leads, status new → following). System write, no scope check. */
export async function touchLeadActivity(tx: DbOrTx, tenantId: string, leadId: string, at: Date): Promise<void> {
  await repo.touch(tx, tenantId, leadId, at);
}
/** The leads of a customer the caller may see (customer 360): converted into it or flagged at capture with its phone; newest first. */
export async function leadsOfCustomer(ctx: Ctx, customerId: string): Promise<(LeadBrief & { createdAt: string })[]> {
  return svc.leadsOfCustomer(ctx, customerId);
}
/** "My work today": new leads assigned to the caller and not contacted yet, oldest first. */
export const leadWorkSource: WorkSource = async (ctx, { limit }) => {
  if (ctx.actor.kind !== 'user') return [];
  const rows = await repo.uncontactedOf(ctx, ctx.actor.id, limit);
  return rows.map((r) => ({
    source: 'leads',
    id: r.id,
    kind: 'lead.new',
    title: r.name,
    detail: r.storeName,
    dueAt: null,
    overdue: false,
    link: `/leads/${r.id}`,
  }));
};

/** Posts of the public web forms are kept 30 days (the rate limit looks back an hour; the settings page counts a month). */
export const PURGE_FORM_POSTS = 'leads.purgeFormPosts';
const KEEP_POSTS_MS = 30 * 86_400_000;

/** Job kinds and cron schedules of the module. */
export function registerLeadsJobs(deps: AppDeps) {
  deps.jobs.cron(PURGE_FORM_POSTS, '23 3 * * *', async (ctx, now) => ({ purged: await purgePosts(deps.db.db, ctx.tenantId, new Date(now.getTime() - KEEP_POSTS_MS)) }));
}

/** The module's reactions to domain events. */
export function registerLeadsSubscriptions(_deps: AppDeps) {}
