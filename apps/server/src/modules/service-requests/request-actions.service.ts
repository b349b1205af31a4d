import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { COMPLAINT_TYPES, type AddRequestActivity, type AssignRequest, type ChangeRequestStatus, type ConfirmRequest, type ReopenRequest, type ResolveRequest } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import { emit } from '../../platform/events/outbox.ts';
import { REQUEST_EVENTS } from './requests.events.ts';
import * as repo from './requests.repository.ts';
import { serviceRequests } from './requests.tables.ts';
import { requestRef } from './requests.dto.ts';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.ts';
import { loadSettings } from './sla.service.ts';
import { getRequest, isOpen, lockVisible } from './requests.service.ts';
import { returnLines } from './order-link.ts';
import { notifyAssigned } from './request-notify.ts';

type Row = repo.RequestRow;
const conflict = (message: string) => new AppError('conflict', message);

/** Apply a change to a locked request: row update (audited), timeline entry, optional event. */
async function apply(ctx: Ctx, tx: Tx, before: Row, patch: Record<string, unknown>, activity: Parameters<typeof repo.insertActivity>[3], action: string) {
  const { after } = await updateScoped<Row>(ctx, tx, repo.requestFence, before.id, patch, { action });
  const statusChanged = after.status !== before.status;
  await repo.insertActivity(ctx, tx, before.id, { ...activity, ...(statusChanged ? { fromStatus: before.status, toStatus: after.status } : {}) });
  return after;
}

/** Close the pause of a request awaiting the customer: the resolution due time moves out by the paused business time. */
async function endPause(ctx: Ctx, tx: Tx, r: Row): Promise<Record<string, unknown>> {
  if (!r.pausedAt) return {};
  const cal = await loadSettings(tx, ctx.tenantId);
  const paused = businessMinutesBetween(r.pausedAt, ctx.now(), cal);
  const clockPausedMinutes = r.clockPausedMinutes + paused;
  return {
    pausedAt: null,
    pausedMinutes: r.pausedMinutes + paused,
    clockPausedMinutes,
    ...(r.resolutionTargetMinutes !== null ? { resolutionDueAt: addBusinessMinutes(r.resolutionClockFrom, r.resolutionTargetMinutes + clockPausedMinutes, cal) } : {}),
  };
}

/** The first reply to the customer stops the first-response clock. */
async function firstResponse(ctx: Ctx, tx: Tx, r: Row): Promise<Record<string, unknown>> {
  if (r.firstResponseAt) return {};
  const cal = await loadSettings(tx, ctx.tenantId);
  return { firstResponseAt: ctx.now(), firstResponseMinutes: businessMinutesBetween(r.createdAt, ctx.now(), cal) };
}

export async function assignRequest(ctx: Ctx, id: string, input: z.infer<typeof AssignRequest>) {
  await ctx.db.transaction(async (tx) => {
    const r = await lockVisible(ctx, tx, id);
    if (!isOpen(r.status)) throw conflict(`a ${r.status} request cannot be reassigned`);
    if (input.assigneeId === r.assigneeId) return;
    if (input.assigneeId && !(await repo.canServe(tx, ctx.tenantId, input.assigneeId, r.storeId))) {
      throw invalid([issue('body.assigneeId', 'not_found', 'no active user with requests:edit serves this store')]);
    }
    const status = input.assigneeId ? (r.status === 'new' ? 'assigned' : r.status) : r.status === 'assigned' ? 'new' : r.status;
    const after = await apply(ctx, tx, r, { assigneeId: input.assigneeId, status }, { kind: 'assignment', body: input.note ?? null, meta: { from: r.assigneeId, to: input.assigneeId, strategy: 'manual' } }, 'serviceRequest.assigned');
    if (after.assigneeId) {
      const eventId = await emit(ctx, tx, { type: REQUEST_EVENTS.assigned, aggregateType: 'serviceRequest', aggregateId: id, payload: { ...requestRef(after), assigneeId: after.assigneeId, fromAssigneeId: r.assigneeId } });
      await notifyAssigned(ctx, tx, after, eventId);
    }
  });
  return getRequest(ctx, id);
}

/**
 * A reply to the customer (public; the first one is the first response, and it moves an assigned request to in
 * progress) or an internal note. Closed and cancelled requests take notes only.
 */
export async function addActivity(ctx: Ctx, id: string, input: z.infer<typeof AddRequestActivity>) {
  await ctx.db.transaction(async (tx) => {
    const r = await lockVisible(ctx, tx, id);
    if (input.kind === 'note') {
      await repo.insertActivity(ctx, tx, id, { kind: 'note', body: input.body });
      await ctx.audit.record(tx, { action: 'serviceRequest.noted', entityType: 'serviceRequest', entityId: id, meta: { length: input.body.length } });
      await updateScoped(ctx, tx, repo.requestFence, id, {});
      return;
    }
    if (r.status === 'closed' || r.status === 'cancelled') throw conflict(`a ${r.status} request takes no more replies`);
    const patch: Record<string, unknown> = { ...(await firstResponse(ctx, tx, r)), ...(r.status === 'assigned' ? { status: 'in_progress' } : {}) };
    // Whoever answers a request from the queue takes it, when they may serve its store.
    const takes = !r.assigneeId && r.status === 'new' && ctx.actor.kind === 'user' && (await repo.canServe(tx, ctx.tenantId, ctx.actor.id, r.storeId));
    if (takes) Object.assign(patch, { assigneeId: ctx.actor.id, status: 'in_progress' });
    const after = await apply(ctx, tx, r, patch, { kind: 'reply', public: true, body: input.body, meta: takes ? { took: true } : {} }, 'serviceRequest.replied');
    if (takes) {
      await emit(ctx, tx, { type: REQUEST_EVENTS.assigned, aggregateType: 'serviceRequest', aggregateId: id, payload: { ...requestRef(after), assigneeId: after.assigneeId, fromAssigneeId: null } });
    }
  });
  return getRequest(ctx, id);
}

/** Working statuses: start (or resume), wait for the customer (pauses the resolution clock), cancel. */
export async function changeStatus(ctx: Ctx, id: string, input: z.infer<typeof ChangeRequestStatus>) {
  await ctx.db.transaction(async (tx) => {
    const r = await lockVisible(ctx, tx, id);
    const patch: Record<string, unknown> = { status: input.status };
    if (input.status === 'in_progress') {
      if (!['new', 'assigned', 'awaiting_customer'].includes(r.status)) throw conflict(`cannot start a ${r.status} request`);
      if (!r.assigneeId) {
        // Taking a request from the queue: the caller becomes its assignee.
        if (ctx.actor.kind !== 'user' || !(await repo.canServe(tx, ctx.tenantId, ctx.actor.id, r.storeId))) throw conflict('assign the request before starting it');
        patch.assigneeId = ctx.actor.id;
      }
      Object.assign(patch, await endPause(ctx, tx, r));
    } else if (input.status === 'awaiting_customer') {
      if (!['assigned', 'in_progress'].includes(r.status)) throw conflict(`a ${r.status} request cannot wait for the customer`);
      patch.pausedAt = ctx.now();
    } else {
      if (!isOpen(r.status)) throw conflict(`a ${r.status} request cannot be cancelled`);
      if (!input.reason) throw invalid([issue('body.reason', 'required', 'say why the request is cancelled')]);
      Object.assign(patch, await endPause(ctx, tx, r), { cancelledAt: ctx.now() });
    }
    await apply(ctx, tx, r, patch, { kind: 'status_change', public: true, body: input.reason ?? null }, `serviceRequest.${input.status}`);
  });
  return getRequest(ctx, id);
}

/**
 * Resolve (SVC-3): the resolution goes to the customer. A complaint needs its cause. A return links the order lines
 * that come back and returns them through the orders module in this transaction (orders emits order.returned); an
 * exchange links the lines it replaces. Emits request.resolved.
 */
export async function resolveRequest(ctx: Ctx, id: string, input: z.infer<typeof ResolveRequest>) {
  await ctx.db.transaction(async (tx) => {
    const r = await lockVisible(ctx, tx, id);
    if (!isOpen(r.status)) throw conflict(`a ${r.status} request cannot be resolved`);
    const cause = input.cause ?? r.cause;
    const issues = [];
    if ((COMPLAINT_TYPES as readonly string[]).includes(r.type) && !cause) issues.push(issue('body.cause', 'required', 'a complaint needs its cause'));
    const lines = input.returnLines ?? [];
    const isReturn = r.type === 'return';
    if (lines.length && !isReturn && r.type !== 'exchange') issues.push(issue('body.returnLines', 'not_allowed', 'only returns and exchanges take order lines'));
    if (isReturn && !lines.length) issues.push(issue('body.returnLines', 'required', 'a return names the order lines that come back'));
    if (lines.length && !r.orderId) issues.push(issue('body.returnLines', 'no_order', 'link the request to its order first'));
    if (new Set(lines.map((l) => l.lineId)).size !== lines.length) issues.push(issue('body.returnLines', 'duplicate', 'each order line once'));
    if (input.refundFen !== undefined && !isReturn) issues.push(issue('body.refundFen', 'not_allowed', 'only returns refund'));
    if (issues.length) throw invalid(issues);
    const now = ctx.now();
    const cal = await loadSettings(tx, ctx.tenantId);
    const pause = await endPause(ctx, tx, r);
    const pausedTotal = (pause.pausedMinutes as number | undefined) ?? r.pausedMinutes;
    const patch: Record<string, unknown> = {
      ...pause,
      ...(await firstResponse(ctx, tx, r)),
      status: 'resolved',
      resolution: input.resolution,
      cause,
      resolvedAt: now,
      resolutionMinutes: Math.max(0, businessMinutesBetween(r.createdAt, now, cal) - pausedTotal),
      ...(lines.length ? { returnLines: lines } : {}),
    };
    let returnId: string | null = null;
    if (isReturn) {
      const ret = await returnLines(ctx, tx, { orderId: r.orderId!, lines, refundFen: input.refundFen, reason: input.resolution, requestId: r.id });
      returnId = ret.returnId;
      patch.refundFen = ret.refundFen;
    }
    const after = await apply(ctx, tx, r, patch, { kind: 'status_change', public: true, body: input.resolution, meta: { cause, ...(returnId ? { returnId } : {}) } }, 'serviceRequest.resolved');
    await emit(ctx, tx, {
      type: REQUEST_EVENTS.resolved, aggregateType: 'serviceRequest', aggregateId: id,
      payload: { ...requestRef(after), cause: after.cause, resolvedAt: now.toISOString(), returnLines: after.returnLines ?? [], refundFen: after.refundFen, returnId },
    });
  });
  return getRequest(ctx, id);
}

/** Confirmation and satisfaction (1–5) close a resolved request; staff record it for the customer, or the customer does. */
async function confirmLocked(ctx: Ctx, tx: Tx, r: Row, input: z.infer<typeof ConfirmRequest>, byCustomer: boolean) {
  if (r.status !== 'resolved') throw conflict('only a resolved request can be confirmed');
  const now = ctx.now();
  const after = await apply(
    ctx, tx, r,
    { status: 'closed', closedAt: now, satisfaction: input.satisfaction, customerComment: input.comment ?? null },
    { kind: 'confirmation', public: true, body: input.comment ?? null, asCustomer: byCustomer, meta: { satisfaction: input.satisfaction, byCustomer } },
    'serviceRequest.closed',
  );
  await emit(ctx, tx, {
    type: REQUEST_EVENTS.closed, aggregateType: 'serviceRequest', aggregateId: r.id,
    payload: { ...requestRef(after), satisfaction: input.satisfaction, closedAt: now.toISOString(), byCustomer },
  });
}

/** Reopen a resolved request: it goes back to work with a new resolution clock (and a new escalation cycle). */
async function reopenLocked(ctx: Ctx, tx: Tx, r: Row, reason: string, byCustomer: boolean) {
  if (r.status !== 'resolved') throw conflict('only a resolved request can be reopened');
  const now = ctx.now();
  const cal = await loadSettings(tx, ctx.tenantId);
  await apply(
    ctx, tx, r,
    {
      status: r.assigneeId ? 'in_progress' : 'new',
      resolvedAt: null,
      resolutionMinutes: null,
      reopenCount: r.reopenCount + 1,
      resolutionClockFrom: now,
      clockPausedMinutes: 0,
      resolutionEscalation: 0,
      resolutionDueAt: r.resolutionTargetMinutes !== null ? addBusinessMinutes(now, r.resolutionTargetMinutes, cal) : null,
    },
    { kind: 'status_change', public: true, body: reason, asCustomer: byCustomer, meta: { reopened: true } },
    'serviceRequest.reopened',
  );
}

export async function confirmRequest(ctx: Ctx, id: string, input: z.infer<typeof ConfirmRequest>) {
  await ctx.db.transaction(async (tx) => confirmLocked(ctx, tx, await lockVisible(ctx, tx, id), input, false));
  return getRequest(ctx, id);
}

export async function reopenRequest(ctx: Ctx, id: string, input: z.infer<typeof ReopenRequest>) {
  await ctx.db.transaction(async (tx) => reopenLocked(ctx, tx, await lockVisible(ctx, tx, id), input.reason, false));
  return getRequest(ctx, id);
}

// ---------- the customer's side (self-service) ----------

/** Lock a request of this customer in the ctx's tenant, or 404 (a customer reaches only their own requests). */
async function lockOfCustomer(ctx: Ctx, tx: Tx, customerId: string, requestId: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(serviceRequests)
    .where(and(eq(serviceRequests.tenantId, ctx.tenantId), eq(serviceRequests.id, requestId), eq(serviceRequests.customerId, customerId)))
    .for('update');
  if (!row) throw notFound('serviceRequest');
  return row;
}

/**
 * A message from the customer (self-service). A request awaiting the customer goes back to work. `ctx` is the
 * caller's system context (self-service verified the customer).
 */
export async function addCustomerReply(ctx: Ctx, customerId: string, requestId: string, input: { body: string }) {
  const body = input.body?.trim();
  if (!body || body.length > 5000) throw invalid([issue('body.body', 'invalid', 'a message of 1 to 5000 characters')]);
  await ctx.db.transaction(async (tx) => {
    const r = await lockOfCustomer(ctx, tx, customerId, requestId);
    if (r.status === 'closed' || r.status === 'cancelled') throw conflict(`a ${r.status} request takes no more messages`);
    const patch = r.status === 'awaiting_customer' ? { status: 'in_progress', ...(await endPause(ctx, tx, r)) } : {};
    await apply(ctx, tx, r, patch, { kind: 'customer_reply', public: true, body, asCustomer: true }, 'serviceRequest.customerReplied');
  });
}

/** The customer confirms the resolution with a satisfaction score (closes the request). */
export async function confirmByCustomer(ctx: Ctx, customerId: string, requestId: string, input: z.infer<typeof ConfirmRequest>) {
  if (!Number.isInteger(input.satisfaction) || input.satisfaction < 1 || input.satisfaction > 5) throw invalid([issue('body.satisfaction', 'too_big', 'a score from 1 to 5')]);
  await ctx.db.transaction(async (tx) => confirmLocked(ctx, tx, await lockOfCustomer(ctx, tx, customerId, requestId), input, true));
}

/** The customer is not satisfied with the resolution: the request is reopened. */
export async function reopenByCustomer(ctx: Ctx, customerId: string, requestId: string, input: { reason: string }) {
  const reason = input.reason?.trim();
  if (!reason || reason.length > 5000) throw invalid([issue('body.reason', 'invalid', 'a reason of 1 to 5000 characters')]);
  await ctx.db.transaction(async (tx) => reopenLocked(ctx, tx, await lockOfCustomer(ctx, tx, customerId, requestId), reason, true));
}
