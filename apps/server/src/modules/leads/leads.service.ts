import { and, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { OPEN_LEAD_STATUSES, type ChangeLeadStatus, type LeadListQuery, type UpdateLead } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { scopedWhere, unitWithinScope, updateScoped } from '../../platform/db/scoped.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import * as repo from './leads.repository.ts';
import { leads } from './leads.tables.ts';
import { toLeadDetail, toLeadDto, needsOut } from './leads.dto.ts';
import { checkContactDetails, findDuplicates } from './capture-lead.ts';
import { assigneeCandidates } from './assignment.repository.ts';

const conflict = (message: string, reason: string) => new AppError('conflict', message, { params: { reason } });
export const isOpen = (status: string) => (OPEN_LEAD_STATUSES as readonly string[]).includes(status);

export async function getLead(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('lead');
  return toLeadDetail(ctx, row);
}

/** The start of a Shanghai calendar day as an instant. */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(shanghaiMidnight(day).getTime() + 86_400_000);

function listWhere(ctx: Ctx, q: z.infer<typeof LeadListQuery>): SQL {
  const conds: (SQL | undefined)[] = [
    q.status === 'open' ? repo.openStatus() : q.status ? eq(leads.status, q.status) : undefined,
    q.source ? eq(leads.source, q.source) : undefined,
    q.storeId ? eq(leads.storeId, q.storeId) : undefined,
    q.assigneeId ? eq(leads.assigneeId, q.assigneeId) : undefined,
    q.queue === 'mine' ? eq(leads.assigneeId, ctx.actor.id) : undefined,
    q.queue === 'unassigned' ? and(isNull(leads.assigneeId), repo.openStatus()) : undefined,
    q.createdFrom ? gte(leads.createdAt, shanghaiMidnight(q.createdFrom)) : undefined,
    q.createdTo ? lt(leads.createdAt, nextDay(q.createdTo)) : undefined,
    q.q ? repo.searchCondition(ctx, q.q) : undefined,
  ];
  return scopedWhere(ctx, repo.leadFence, ...conds);
}

/** Leads in the caller's scope, newest first (keyset pages), with an optional capped total. */
export async function listLeads(ctx: Ctx, q: z.infer<typeof LeadListQuery>) {
  const cursor = repo.decodeCursor(q.cursor);
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  if (q.createdFrom && q.createdTo && q.createdFrom > q.createdTo) throw invalid([issue('query.createdTo', 'before_start', 'the end is before the start')]);
  const where = listWhere(ctx, q);
  const [{ rows, nextCursor }, count] = await Promise.all([
    repo.listPage(ctx, where, q.limit, cursor),
    q.withTotal === 'true' ? repo.cappedCount(ctx, where) : Promise.resolve(null),
  ]);
  return { items: rows.map(toLeadDto), nextCursor, ...(count ? { total: count.total, totalIsEstimate: count.estimate } : {}) };
}

/**
 * Change a lead's details and needs (the needs merge: keys given replace the stored ones). New phones are checked for
 * duplicates again. A converted lead is final (409).
 */
export async function updateLead(ctx: Ctx, id: string, input: z.infer<typeof UpdateLead>) {
  const checked = await checkContactDetails(ctx, input);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockVisible(ctx, tx, id);
    if (before.status === 'converted') throw conflict('a converted lead cannot be changed', 'converted');
    const { needs, phones: _p, sourceDetail: _s, ...fields } = input;
    const patch: Record<string, unknown> = { ...fields };
    if (needs) patch.needs = { ...needsOut(before.needs), ...needs };
    if (checked.sourceDetail) patch.sourceDetail = { ...checked.sourceDetail, formId: before.sourceDetail.formId ?? null, formName: before.sourceDetail.formName ?? null };
    if (input.name !== undefined) Object.assign(patch, repo.searchColumns(input.name));
    const reachable = (checked.e164s ?? before.phones).length > 0 || !!(input.wechat !== undefined ? input.wechat : before.wechat);
    if (!reachable) throw invalid([issue('body.phones', 'required', 'give a phone number or a WeChat id')]);
    if (checked.e164s) {
      patch.phones = checked.e164s;
      patch.duplicateOf = await findDuplicates(tx, ctx.tenantId, checked.e164s, id);
    }
    await updateScoped(ctx, tx, repo.leadFence, id, patch);
    if (checked.e164s) await repo.writePhones(tx, ctx.tenantId, id, checked.e164s);
  });
  return getLead(ctx, id);
}

/**
 * Working status by hand: `following` (contact started, or a lost/invalid lead reopened), `lost` (a reason is
 * required), `invalid` (not a real prospect: wrong number, spam). Converted leads are final.
 */
export async function changeStatus(ctx: Ctx, id: string, input: z.infer<typeof ChangeLeadStatus>) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockVisible(ctx, tx, id);
    if (before.status === 'converted') throw conflict('a converted lead is final', 'converted');
    if (before.status === input.status) return;
    const reason = input.reason ?? null;
    if (input.status === 'lost' && !reason) throw invalid([issue('body.reason', 'required', 'say why the lead was lost')]);
    const now = ctx.now();
    const patch =
      input.status === 'following'
        ? { status: 'following', lostReason: null, closedAt: null, firstContactAt: before.firstContactAt ?? (before.status === 'new' ? now : null) }
        : { status: input.status, lostReason: reason, closedAt: now };
    const action = input.status === 'following' ? (isOpen(before.status) ? 'lead.following' : 'lead.reopened') : input.status === 'lost' ? 'lead.lost' : 'lead.invalidated';
    await updateScoped(ctx, tx, repo.leadFence, id, patch, { action, meta: { from: before.status, to: input.status, reason } });
  });
  return getLead(ctx, id);
}

/** The lead's trail: capture, every change, assignment and reassignment (with from/to and the rule), status and conversion. */
export async function leadHistory(ctx: Ctx, id: string) {
  if (!(await repo.isLeadVisible(ctx, id))) throw notFound('lead');
  return { items: await entityHistory(ctx, 'lead', [id]) };
}

/** Who may take this lead (the assign picker): its store's staff and the units above, or another store's (within scope). */
export async function assigneesFor(ctx: Ctx, id: string, storeId?: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('lead');
  if (storeId && storeId !== row.storeId && !(await unitWithinScope(ctx, ctx.db, storeId))) throw invalid([issue('query.storeId', 'not_found', 'store not found')]);
  return { items: await assigneeCandidates(ctx.db, ctx.tenantId, storeId ?? row.storeId, ctx.now()) };
}

// ---------- what other modules see (index.ts) ----------

export async function leadBrief(ctx: Ctx, db: DbOrTx, id: string) {
  const r = await repo.findVisible(ctx, db, id);
  if (!r) return null;
  return { id: r.id, name: r.name, storeId: r.storeId, assigneeId: r.assigneeId, customerId: r.convertedCustomerId, status: r.status };
}

export async function leadsOfCustomer(ctx: Ctx, customerId: string) {
  const rows = await repo.leadsOfCustomer(ctx, customerId);
  return rows.map((r) => ({ id: r.id, name: r.name, storeId: r.storeId, assigneeId: r.assigneeId, customerId: r.convertedCustomerId, status: r.status, createdAt: r.createdAt.toISOString() }));
}
