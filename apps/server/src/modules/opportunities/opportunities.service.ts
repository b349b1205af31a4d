import { and, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { CreateOpportunity, type FieldIssue, type OpportunityBoardQuery, type OpportunityDetailDto, type OpportunityDto, type OpportunityListQuery, type UpdateOpportunity } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, scopeReach, scopedWhere, unitWithinScope, updateScoped } from '../../platform/db/scoped.ts';
import { notify } from '../../platform/notifications/notify.ts';
import { encodeCursor } from '../../platform/db/keyset.ts';
import * as repo from './opportunities.repository.ts';
import { opportunities } from './opportunities.tables.ts';
import { loadStages, type StageRow } from './stages.repository.ts';
import { historyWithDays, toOpportunityDto, toStageDto } from './opportunities.dto.ts';
import { customerNames, visibleCustomer } from './customer-link.ts';

type CreateInput = z.output<typeof CreateOpportunity>;

/** Zod issues of a service-level parse as the HTTP layer words them (body.x.y). */
const zodIssues = (err: z.ZodError): FieldIssue[] => err.issues.map((i) => issue(['body', ...i.path.map(String)].join('.'), i.code, i.message));
export const conflict = (reason: string, message: string, params: Record<string, unknown> = {}) => new AppError('conflict', message, { params: { reason, ...params } });

/** The actor as a person (null for the system and API keys' own work is still a user id: API keys act for no one). */
const actorUserId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

/**
 * Where an opportunity may live for this caller: the store inside the caller's scope (no store = the head office,
 * for callers whose scope reaches the root), an own-scope caller owns it, and the owner may work for the store.
 */
async function placementIssues(ctx: Ctx, tx: DbOrTx, storeId: string | null, ownerId: string | null, paths = { store: 'body.storeId', owner: 'body.ownerId' }): Promise<FieldIssue[]> {
  const out: FieldIssue[] = [];
  const reach = scopeReach(ctx);
  if (storeId) {
    if (!(await unitWithinScope(ctx, tx, storeId))) out.push(issue(paths.store, 'not_found', 'store not found'));
  } else if (!reach.reachesRoot && !reach.onlyUserId) {
    out.push(issue(paths.store, 'required', 'a store inside your scope is required'));
  }
  if (reach.onlyUserId && ownerId !== reach.onlyUserId) out.push(issue(paths.owner, 'out_of_scope', 'you can only own opportunities yourself'));
  else if (ownerId && !out.length && !(await repo.canOwn(tx, ctx.tenantId, ownerId, storeId))) {
    out.push(issue(paths.owner, 'not_found', 'no active user with opportunities:edit works for this store'));
  }
  return out;
}

/** Tell an owner who did not make the change that an opportunity is now theirs. */
async function notifyOwner(ctx: Ctx, tx: DbOrTx, row: { id: string; name: string; ownerId: string | null; version: number }, customerName: string | null) {
  if (!row.ownerId || row.ownerId === actorUserId(ctx)) return;
  await notify(
    tx,
    ctx.tenantId,
    {
      userId: row.ownerId,
      kind: 'opportunity.assigned',
      params: { name: row.name, customer: customerName, by: ctx.actor.name },
      link: `/opportunities/${row.id}`,
      entityType: 'opportunity',
      entityId: row.id,
      dedupeKey: `opportunity.assigned:${row.id}:${row.version}`,
    },
    ctx.now(),
  );
}

const openStages = (stages: StageRow[]) => stages.filter((s) => s.kind === 'open' && s.enabled);

/**
 * Create an opportunity in the caller's transaction, at the given or the first open stage: the customer must be one
 * the caller sees; the store defaults to the customer's, the owner to the caller. Writes the first stage-history entry
 * and the audit row, and notifies an owner other than the caller.
 */
export async function createInTx(ctx: Ctx, tx: DbOrTx, raw: unknown): Promise<repo.OpportunityRow> {
  const parsed = CreateOpportunity.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error));
  const input: CreateInput = parsed.data;
  const now = ctx.now();
  const stages = await loadStages(tx, ctx.tenantId, now);
  const issues: FieldIssue[] = [];
  const stage = input.stageKey ? openStages(stages).find((s) => s.key === input.stageKey) : openStages(stages)[0];
  if (!stage) issues.push(issue('body.stageKey', 'not_found', 'not an enabled open stage'));
  const customer = await visibleCustomer(ctx, tx, input.customerId);
  if (!customer) issues.push(issue('body.customerId', 'not_found', 'customer not found'));
  if (issues.length) throw invalid(issues);
  const ownerId = input.ownerId === undefined ? actorUserId(ctx) : input.ownerId;
  const storeId = input.storeId === undefined || input.storeId === null ? customer!.storeId : input.storeId;
  const bad = await placementIssues(ctx, tx, storeId, ownerId);
  if (bad.length) throw invalid(bad);
  const overridden = input.probability !== undefined && input.probability !== null;
  const row = await insertScoped<repo.OpportunityRow>(ctx, tx, repo.opportunityFence, {
    customerId: customer!.id,
    leadId: input.leadId ?? null,
    name: input.name,
    amountFen: input.amountFen,
    stageKey: stage!.key,
    probability: overridden ? input.probability : stage!.probability,
    probabilityOverridden: overridden,
    expectedCloseDate: input.expectedCloseDate ?? null,
    ownerId,
    storeId,
    status: 'open',
    notes: input.notes ?? null,
    lastActivityAt: now,
    stageEnteredAt: now,
    version: 1,
    createdById: actorUserId(ctx),
    createdAt: now,
    updatedAt: now,
  });
  await repo.insertHistory(tx, ctx.tenantId, { opportunityId: row.id, fromStageKey: null, toStageKey: stage!.key, at: now, byId: actorUserId(ctx), byName: ctx.actor.name });
  await notifyOwner(ctx, tx, row, customer!.name);
  return row;
}

export async function createOpportunity(ctx: Ctx, input: unknown): Promise<OpportunityDetailDto> {
  const row = await ctx.db.transaction((tx) => createInTx(ctx, tx, input));
  return getOpportunity(ctx, row.id);
}

async function withCustomerNames(ctx: Ctx, rows: repo.OpportunityRowWithNames[]): Promise<OpportunityDto[]> {
  const names = await customerNames(ctx, rows.map((r) => r.customerId));
  const now = ctx.now();
  return rows.map((r) => toOpportunityDto(r, names.get(r.customerId) ?? null, now));
}

export async function getOpportunity(ctx: Ctx, id: string): Promise<OpportunityDetailDto> {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('opportunity');
  const [[dto], history] = await Promise.all([withCustomerNames(ctx, [row]), repo.historyOf(ctx.db, ctx.tenantId, id)]);
  return { ...dto, ...historyWithDays(history, row.status === 'open', ctx.now()) };
}

type Filters = Partial<Omit<z.infer<typeof OpportunityListQuery>, 'limit' | 'cursor' | 'sort' | 'withTotal'>>;

/** List and board filters, inside the caller's scope. */
export function filterWhere(ctx: Ctx, q: Filters): SQL {
  const term = q.q?.trim();
  const stalledBefore = q.stalled ? new Date(ctx.now().getTime() - q.stalled * 86_400_000) : null;
  return scopedWhere(
    ctx,
    repo.opportunityFence,
    q.stageKey ? eq(opportunities.stageKey, q.stageKey) : undefined,
    q.status ? eq(opportunities.status, q.status) : undefined,
    q.ownerId ? eq(opportunities.ownerId, q.ownerId) : undefined,
    q.storeId ? eq(opportunities.storeId, q.storeId) : undefined,
    q.regionId ? repo.inSubtree(ctx.tenantId, q.regionId) : undefined,
    q.customerId ? eq(opportunities.customerId, q.customerId) : undefined,
    q.expectedFrom ? gte(opportunities.expectedCloseDate, q.expectedFrom) : undefined,
    q.expectedTo ? lte(opportunities.expectedCloseDate, q.expectedTo) : undefined,
    stalledBefore ? and(eq(opportunities.status, 'open'), lte(opportunities.lastActivityAt, stalledBefore)) : undefined,
    term ? ilike(opportunities.name, `%${term.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
  );
}

export async function listOpportunities(ctx: Ctx, q: z.infer<typeof OpportunityListQuery>) {
  const cursor = repo.readCursor(q.cursor, q.sort);
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  const where = filterWhere(ctx, q);
  const [{ rows, nextCursor }, count] = await Promise.all([
    repo.listPage(ctx, where, q.sort, q.limit, cursor),
    q.withTotal === 'true' ? repo.cappedCount(ctx, where) : Promise.resolve(null),
  ]);
  return { items: await withCustomerNames(ctx, rows), nextCursor, ...(count ? { total: count.total, totalIsEstimate: count.estimate } : {}) };
}

/**
 * The kanban board: one column per enabled open stage (and per disabled one still holding opportunities) with the count
 * and sums of its open opportunities and its first cards, last moved first. A column's next cards come from the list (status=open, stageKey, sort=stageEntered).
 */
export async function board(ctx: Ctx, q: z.infer<typeof OpportunityBoardQuery>) {
  const open = (await loadStages(ctx.db, ctx.tenantId, ctx.now())).filter((s) => s.kind === 'open');
  const { sums, cards } = await repo.boardColumns(ctx, filterWhere(ctx, q), open.map((s) => s.key), q.limit);
  // A disabled stage keeps its column while opportunities are still in it, so they can be moved on.
  const stages = open.filter((s) => s.enabled || sums.some((x) => x.stageKey === s.key && x.count > 0));
  const dtos = await withCustomerNames(ctx, cards);
  return {
    columns: stages.map((stage) => {
      const sum = sums.find((s) => s.stageKey === stage.key);
      const inColumn = cards.filter((c) => c.stageKey === stage.key);
      const last = inColumn[q.limit - 1];
      return {
        stage: toStageDto(stage),
        count: sum?.count ?? 0,
        amountFen: sum?.amountFen ?? 0,
        weightedFen: sum?.weightedFen ?? 0,
        cards: dtos.filter((d) => d.stageKey === stage.key).slice(0, q.limit),
        nextCursor: inColumn.length > q.limit && last ? encodeCursor(last.sortKey, last.id) : null,
      };
    }),
  };
}

/** Change fields; owner and store changes stay inside the caller's scope, and a new owner is notified. */
export async function updateOpportunity(ctx: Ctx, id: string, input: z.infer<typeof UpdateOpportunity>) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.lockVisible(ctx, tx, id);
    if (!current) throw notFound('opportunity');
    if (input.version !== undefined && input.version !== current.version) {
      throw conflict('version_conflict', 'the opportunity was changed meanwhile', { version: current.version, stageKey: current.stageKey });
    }
    const { version: _v, ...fields } = input;
    const patch: Record<string, unknown> = { ...fields, version: current.version + 1 };
    if (input.probability !== undefined) {
      if (current.status !== 'open' && input.probability !== current.probability) throw conflict('closed', 'a won or lost opportunity keeps its probability');
      if (input.probability === null) {
        const stage = (await loadStages(tx, ctx.tenantId, ctx.now())).find((s) => s.key === current.stageKey);
        Object.assign(patch, { probability: stage?.probability ?? current.probability, probabilityOverridden: false });
      } else patch.probabilityOverridden = true;
    }
    const storeId = input.storeId !== undefined ? input.storeId : current.storeId;
    const ownerId = input.ownerId !== undefined ? input.ownerId : current.ownerId;
    if (storeId !== current.storeId || ownerId !== current.ownerId) {
      const bad = await placementIssues(ctx, tx, storeId, ownerId);
      if (bad.length) throw invalid(bad);
    }
    const { after } = await updateScoped<repo.OpportunityRow>(ctx, tx, repo.opportunityFence, id, patch);
    if (after.ownerId !== current.ownerId) {
      const names = await customerNames(ctx, [after.customerId]);
      await notifyOwner(ctx, tx, after, names.get(after.customerId) ?? null);
    }
  });
  return getOpportunity(ctx, id);
}

/** Delete an opportunity and its stage history (opportunities:admin); the audit row keeps its last values. */
export async function deleteOpportunity(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    await deleteScoped(ctx, tx, repo.opportunityFence, id);
    await repo.deleteWithHistory(tx, ctx.tenantId, id);
  });
}

/** Users who may own opportunities: of a store (inside the caller's scope), or of the caller's part of the tree. */
export async function ownerCandidates(ctx: Ctx, q: { storeId?: string }) {
  if (q.storeId && !(await unitWithinScope(ctx, ctx.db, q.storeId))) throw invalid([issue('query.storeId', 'not_found', 'store not found')]);
  const { rootPath, onlyUserId } = scopeReach(ctx);
  return {
    items: await repo.ownerCandidates(ctx.db, ctx.tenantId, { storeId: q.storeId, unitPath: rootPath, onlyUserId }),
  };
}

/** For the index: a customer's opportunities the caller may see. */
export async function opportunitiesOfCustomer(ctx: Ctx, customerId: string) {
  return repo.ofCustomer(ctx, customerId);
}

