import { and, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  CreateRequest, OPEN_REQUEST_STATUSES, type FieldIssue, type RequestListQuery, type RequestPriority, type RequestType, type ServiceRequestDto, type UpdateRequest,
} from '@jiake/shared';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { insertScoped, scopedWhere, unitWithinScope, updateScoped } from '../../platform/db/scoped.ts';
import { emit } from '../../platform/events/outbox.ts';
import { REQUEST_EVENTS } from './requests.events.ts';
import * as repo from './requests.repository.ts';
import { serviceRequests } from './requests.tables.ts';
import { requestRef, toActivityDto, toEscalationDto, toRequestDto } from './requests.dto.ts';
import { route } from './routing.service.ts';
import { loadSettings, slaColumns } from './sla.service.ts';
import { customerNames, visibleCustomer } from './customer-link.ts';
import { orderForRequest } from './order-link.ts';
import { notifyAssigned } from './request-notify.ts';

type CreateInput = z.output<typeof CreateRequest>;
const OPEN = OPEN_REQUEST_STATUSES as readonly string[];
export const isOpen = (status: string) => OPEN.includes(status);

/** Zod issues of a service-level parse as the HTTP layer words them (body.x.y). */
const zodIssues = (err: z.ZodError): FieldIssue[] => err.issues.map((i) => issue(['body', ...i.path.map(String)].join('.'), i.code, i.message));

/** Where a request goes when neither it nor its customer names a store: the creator's unit, none for the head office. */
function creatorStore(ctx: Ctx): string | null {
  if (ctx.actor.kind === 'system') return null;
  return ctx.actor.unitPath.split('/').filter(Boolean).length === 1 ? null : ctx.actor.unitId;
}

async function storeIssue(ctx: Ctx, tx: DbOrTx, storeId: string): Promise<FieldIssue | null> {
  return (await unitWithinScope(ctx, tx, storeId)) ? null : issue('body.storeId', 'not_found', 'store not found');
}

/** What the links of a request imply: field issues, and the stores of its order and customer (for the default store). */
interface Links {
  issues: FieldIssue[];
  customerId: string | null | undefined;
  storeOfOrder: string | null;
  storeOfCustomer: string | null;
}

/**
 * Customer and order must be ones the caller can see. An order belongs to a customer: without a customer the
 * request takes the order's, and a different one is refused.
 */
async function resolveLinks(ctx: Ctx, input: { customerId?: string | null; orderId?: string | null }): Promise<Links> {
  const out: Links = { issues: [], customerId: input.customerId, storeOfOrder: null, storeOfCustomer: null };
  if (input.orderId) {
    const order = await orderForRequest(ctx, input.orderId);
    if (!order) out.issues.push(issue('body.orderId', 'not_found', 'order not found'));
    else if (input.customerId && input.customerId !== order.customerId) out.issues.push(issue('body.orderId', 'other_customer', 'the order belongs to another customer'));
    else {
      out.customerId = order.customerId;
      out.storeOfOrder = order.storeId;
    }
  }
  if (input.customerId) {
    const customer = await visibleCustomer(ctx, input.customerId);
    if (!customer) out.issues.push(issue('body.customerId', 'not_found', 'customer not found'));
    else out.storeOfCustomer = customer.storeId;
  }
  return out;
}

/**
 * Create a request (SVC-1) from any channel: staff, self-service, telephony. Applies routing (SVC-2) unless an
 * assignee is given, and the SLA policy of its type and priority. The store defaults to the customer's store, else
 * the creator's. Emits request.created (and request.assigned when routing assigned it).
 */
export async function createRequest(ctx: Ctx, raw: unknown): Promise<ServiceRequestDto> {
  const parsed = CreateRequest.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error));
  const links = await resolveLinks(ctx, parsed.data);
  if (links.issues.length) throw invalid(links.issues);
  const input: CreateInput = { ...parsed.data, customerId: links.customerId };
  const row = await ctx.db.transaction(async (tx) => {
    let storeId: string | null;
    if (input.storeId) {
      const bad = await storeIssue(ctx, tx, input.storeId);
      if (bad) throw invalid([bad]);
      storeId = input.storeId;
    } else storeId = links.storeOfOrder ?? links.storeOfCustomer ?? creatorStore(ctx);
    let routed: Awaited<ReturnType<typeof route>> = { assigneeId: null, ruleId: null, strategy: null };
    if (input.assigneeId) {
      if (!(await repo.canServe(tx, ctx.tenantId, input.assigneeId, storeId))) throw invalid([issue('body.assigneeId', 'not_found', 'no active user with requests:edit serves this store')]);
      routed = { assigneeId: input.assigneeId, ruleId: null, strategy: null };
    } else routed = await route(ctx, tx, { type: input.type, channel: input.channel, storeId });
    const now = ctx.now();
    const cal = await loadSettings(tx, ctx.tenantId);
    const sla = await slaColumns(tx, ctx.tenantId, input.type, input.priority, cal, { createdAt: now, resolutionClockFrom: now, clockPausedMinutes: 0 });
    const { assigneeId: _a, ...fields } = input;
    const created = await insertScoped<repo.RequestRow>(ctx, tx, repo.requestFence, {
      ...fields,
      number: await repo.nextRequestNumber(tx, ctx.tenantId, now),
      storeId,
      assigneeId: routed.assigneeId,
      status: routed.assigneeId ? 'assigned' : 'new',
      createdById: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      ...sla,
      resolutionClockFrom: now,
      createdAt: now,
      updatedAt: now,
    }, { meta: routed.ruleId ? { routingRuleId: routed.ruleId, strategy: routed.strategy } : {} });
    await repo.insertActivity(ctx, tx, created.id, { kind: 'created', public: true, toStatus: created.status, asCustomer: created.channel === 'self_service', meta: { channel: created.channel } });
    await emit(ctx, tx, { type: REQUEST_EVENTS.created, aggregateType: 'serviceRequest', aggregateId: created.id, payload: { ...requestRef(created), channel: created.channel, priority: created.priority } });
    if (created.assigneeId) {
      await repo.insertActivity(ctx, tx, created.id, {
        kind: 'assignment', meta: { from: null, to: created.assigneeId, ruleId: routed.ruleId, strategy: routed.strategy ?? 'manual' },
      });
      const eventId = await emit(ctx, tx, { type: REQUEST_EVENTS.assigned, aggregateType: 'serviceRequest', aggregateId: created.id, payload: { ...requestRef(created), assigneeId: created.assigneeId, fromAssigneeId: null } });
      await notifyAssigned(ctx, tx, created, eventId);
    }
    return (await repo.findInTenant(tx, ctx.tenantId, [created.id]))[0];
  });
  const names = await customerNames(ctx, [row.customerId]);
  return toRequestDto(row, row.customerId ? (names.get(row.customerId) ?? null) : null, ctx.now());
}

export async function getRequest(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('serviceRequest');
  const [names, activities, escalations] = await Promise.all([
    customerNames(ctx, [row.customerId]),
    repo.activitiesOf(ctx.db, ctx.tenantId, [id]),
    repo.escalationsOf(ctx.db, ctx.tenantId, id),
  ]);
  return {
    ...toRequestDto(row, row.customerId ? (names.get(row.customerId) ?? null) : null, ctx.now()),
    activities: activities.map(toActivityDto),
    escalations: escalations.map(toEscalationDto),
  };
}

/** Filters of the request list, inside the caller's scope. */
async function listWhere(ctx: Ctx, q: z.infer<typeof RequestListQuery>): Promise<SQL> {
  const now = ctx.now();
  const me = ctx.actor.id;
  const term = q.q?.trim();
  const conds: (SQL | undefined)[] = [
    q.status === 'open' ? inArray(serviceRequests.status, [...OPEN]) : q.status ? eq(serviceRequests.status, q.status) : undefined,
    q.type ? eq(serviceRequests.type, q.type) : undefined,
    q.priority ? eq(serviceRequests.priority, q.priority) : undefined,
    q.channel ? eq(serviceRequests.channel, q.channel) : undefined,
    q.storeId ? eq(serviceRequests.storeId, q.storeId) : undefined,
    q.assigneeId ? eq(serviceRequests.assigneeId, q.assigneeId) : undefined,
    q.customerId ? eq(serviceRequests.customerId, q.customerId) : undefined,
    q.breached === 'true'
      ? sql`(${repo.firstResponseBreachedSql(now)} OR ${repo.resolutionBreachedSql(now)})`
      : q.breached === 'false'
        ? sql`NOT (${repo.firstResponseBreachedSql(now)} OR ${repo.resolutionBreachedSql(now)})`
        : undefined,
    q.queue === 'mine' ? eq(serviceRequests.assigneeId, me) : undefined,
    q.queue === 'store' ? and(isNull(serviceRequests.assigneeId), inArray(serviceRequests.status, [...OPEN])) : undefined,
    q.queue === 'escalated' ? eq(serviceRequests.escalatedToId, me) : undefined,
    term ? or(eq(serviceRequests.number, term.toUpperCase()), ilike(serviceRequests.subject, `%${term.replace(/[%_\\]/g, '\\$&')}%`)) : undefined,
  ];
  return scopedWhere(ctx, repo.requestFence, ...conds);
}

export async function listRequests(ctx: Ctx, q: z.infer<typeof RequestListQuery>) {
  const cursor = repo.decodeCursor(q.cursor);
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  const where = await listWhere(ctx, q);
  const [{ rows, nextCursor }, count] = await Promise.all([
    repo.listPage(ctx, where, q.limit, cursor),
    q.withTotal === 'true' ? repo.cappedCount(ctx, where) : Promise.resolve(null),
  ]);
  const names = await customerNames(ctx, rows.map((r) => r.customerId));
  const now = ctx.now();
  return {
    items: rows.map((r) => toRequestDto(r, r.customerId ? (names.get(r.customerId) ?? null) : null, now)),
    nextCursor,
    ...(count ? { total: count.total, totalIsEstimate: count.estimate } : {}),
  };
}

/** Change a request's details; a new type or priority recomputes the SLA due times. Closed and cancelled requests are final. */
export async function updateRequest(ctx: Ctx, id: string, input: z.infer<typeof UpdateRequest>) {
  await ctx.db.transaction(async (tx) => {
    const current = await lockVisible(ctx, tx, id);
    if (input.customerId !== undefined || input.orderId !== undefined) {
      const links = await resolveLinks(ctx, {
        customerId: input.customerId !== undefined ? input.customerId : current.customerId,
        orderId: input.orderId !== undefined ? input.orderId : current.orderId,
      });
      if (links.issues.length) throw invalid(links.issues);
      if (links.customerId !== current.customerId) input = { ...input, customerId: links.customerId };
    }
    if (current.status === 'closed' || current.status === 'cancelled') throw new AppError('conflict', `a ${current.status} request cannot be changed`);
    if (input.storeId && input.storeId !== current.storeId) {
      const bad = await storeIssue(ctx, tx, input.storeId);
      if (bad) throw invalid([bad]);
    }
    const patch: Record<string, unknown> = { ...input };
    const type = (input.type ?? current.type) as RequestType;
    const priority = (input.priority ?? current.priority) as RequestPriority;
    if (type !== current.type || priority !== current.priority) {
      const cal = await loadSettings(tx, ctx.tenantId);
      Object.assign(patch, await slaColumns(tx, ctx.tenantId, type, priority, cal, current));
    }
    await updateScoped(ctx, tx, repo.requestFence, id, patch);
    await repo.insertActivity(ctx, tx, id, { kind: 'update', meta: { fields: Object.keys(input) } });
  });
  return getRequest(ctx, id);
}

/** Lock a request the caller may see, or 404. */
export async function lockVisible(ctx: Ctx, tx: Tx, id: string): Promise<repo.RequestRow> {
  const [row] = await tx.select().from(serviceRequests).where(scopedWhere(ctx, repo.requestFence, eq(serviceRequests.id, id))).for('update');
  if (!row) throw notFound('serviceRequest');
  return row;
}

/** Who may take this request (the assign picker). */
export async function assigneesFor(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('serviceRequest');
  return { items: await repo.assigneeCandidates(ctx.db, ctx.tenantId, row.storeId) };
}

/** The request's order, for the return/exchange form. */
export async function orderOfRequest(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('serviceRequest');
  const order = row.orderId ? await orderForRequest(ctx, row.orderId) : null;
  if (!order) throw notFound('order');
  return order;
}
