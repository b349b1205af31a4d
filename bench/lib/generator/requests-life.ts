import type { RequestChannel, RequestPriority, RequestType } from '@jiake/shared';
import type { Rng } from '../../../apps/server/src/demo/random.ts';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '../../../apps/server/src/modules/service-requests/business-time.ts';
import { dueTimes, type SlaTargets } from '../../../apps/server/src/modules/service-requests/sla.service.ts';
import { levelDueAt, MAX_LEVEL } from '../../../apps/server/src/modules/service-requests/escalation.service.ts';
import { uuidFrom } from './support.ts';

/**
 * The life of one customer request up to the data set's "today", by the product's rules (request-actions.service.ts,
 * escalation.service.ts): created into the store's queue (no routing rules), sometimes assigned by the store manager,
 * answered (the first reply stops the first-response clock; a reply from the queue takes the request), sometimes put
 * to await the customer (the resolution clock pauses; the customer's reply resumes it and pushes the due time out by
 * the paused business time), resolved, confirmed by the customer or left resolved, a few reopened (a new resolution
 * clock and escalation cycle) or cancelled. The SLA sweep is replayed as the cron runs it (every minute): each level
 * of a running clock escalates at the first sweep after it fell due, to the supervisor, then one level up the org
 * tree — except while the sweep was down (the week before "today", see SWEEP_DOWN_FROM): those breaches wait for
 * the next sweep, which is what P14 measures.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

export type Row = Record<string, unknown>;

/** The people a request meets: who serves a store, who escalations go to, names for the timeline. */
export interface Staff {
  salesOf(storeId: string): string[];
  managerOf(storeId: string): string | null;
  nameOf(userId: string): string;
  /** The product's escalation target (escalation.service.ts targetFor), from the org tree in memory. */
  escalationTarget(level: number, storeId: string | null, assigneeId: string | null, previous: string | null): { userId: string | null; unitId: string | null };
}

export interface RequestSpec {
  id: string;
  number: string;
  type: RequestType;
  channel: RequestChannel;
  priority: RequestPriority;
  createdAt: number;
  subject: string;
  description: string;
  customer: { id: string; name: string; phone: string | null; ownerId: string | null };
  storeId: string;
  orderId: string | null;
  productId: string | null;
  categoryId: string | null;
  /** Returns: the order lines that came back and the refund (the orders stage's returned lines). */
  returnLines: { lineId: string; quantity: number }[] | null;
  refundFen: number | null;
}

export interface Texts {
  reply: string[];
  pause: string[];
  customerReply: string[];
  resolution(type: RequestType): string;
  cause(type: RequestType): string | null;
  comment: string[];
  reopen: string[];
  cancel: string[];
}

export interface LifeContext {
  tenantId: string;
  r: Rng;
  ids: Rng;
  cal: BusinessCalendar;
  asOf: number;
  /** The sweep did not run from here to `asOf` (the cron's slots in between made nothing). */
  sweepDownFrom: number;
  staff: Staff;
  texts: Texts;
}

export interface Life {
  request: Row;
  activities: Row[];
  escalations: Row[];
  open: boolean;
}

type Breach = 'first_response' | 'resolution';
interface Segment {
  from: number;
  to: number;
  due: number;
  cycle: number;
}

/** Share of first replies inside the first-response target; the rest come 1–5 targets late. */
const FIRST_RESPONSE_ON_TIME = 0.82;
/** Work to resolve, as a share of the resolution target: most inside it, some late, a long tail (parts from the factory). */
function resolutionShare(r: Rng, type: RequestType): number {
  const u = r.next();
  const tail = type === 'service_request' || type === 'product_complaint' || type === 'exchange' ? 0.16 : 0.06;
  if (u < tail) return 2 + r.next() * 8;
  if (u < tail + 0.2) return 0.9 + r.next() * 1.1;
  return 0.1 + r.next() * 0.8;
}

/** A customer's own moment near `t`: at night (22:00–08:00 Shanghai) moved to the next day, between 09:00 and 21:00. */
function daytime(r: Rng, t: number): number {
  const local = t + 8 * 3_600_000;
  const hour = Math.floor((local % DAY) / 3_600_000);
  if (hour >= 8 && hour < 22) return t;
  const midnight = Math.floor(local / DAY) * DAY + (hour >= 22 ? DAY : 0) - 8 * 3_600_000;
  return midnight + 9 * 3_600_000 + r.int(0, 12 * 60) * MINUTE;
}

/** When the sweep (every minute, a moment after the slot) would fire for something due at `t`: never inside the outage. */
function sweepAfter(ctx: LifeContext, t: number, jitter: number): number | null {
  const slot = Math.ceil(t / MINUTE) * MINUTE;
  if (slot >= ctx.sweepDownFrom) return null;
  return slot + jitter;
}

export function life(ctx: LifeContext, spec: RequestSpec, targets: SlaTargets | null): Life {
  const { r, cal, asOf, staff, texts } = ctx;
  const bm = (t: number, minutes: number) => addBusinessMinutes(new Date(t), Math.max(0, minutes), cal).getTime();
  const between = (a: number, b: number) => businessMinutesBetween(new Date(a), new Date(b), cal);
  const C = spec.createdAt;
  const frTarget = targets?.firstResponseMinutes ?? null;
  const resTarget = targets?.resolutionMinutes ?? null;
  // Feedback without a target is still answered and settled, within a couple of business days.
  const frWork = frTarget !== null ? (r.chance(FIRST_RESPONSE_ON_TIME) ? frTarget * (0.05 + 0.95 * r.next()) : frTarget * (1 + 4 * r.next())) : r.int(30, 960);
  const resWork = Math.max(frWork + r.int(30, 240), resTarget !== null ? resTarget * resolutionShare(r, spec.type) : r.int(240, 1620));
  const FR = bm(C, frWork);
  const store = spec.storeId;
  const sales = staff.salesOf(store);
  const manager = staff.managerOf(store);
  const owner = spec.customer.ownerId && sales.includes(spec.customer.ownerId) ? spec.customer.ownerId : null;
  const assignee = r.chance(0.1) && manager ? manager : (owner ?? (sales.length ? r.pick(sales) : manager));
  const assignedByManager = !!manager && r.chance(0.4);
  const assignAt = assignedByManager ? bm(C, frWork * (0.2 + 0.6 * r.next())) : null;
  // Some requests wait for the customer (a delivery date, photos, a home visit) between the reply and the resolution.
  const pauses = ['service_request', 'return', 'exchange', 'product_complaint'].includes(spec.type) && r.chance(0.25);
  const pauseStart = pauses ? bm(FR, Math.max(1, (resWork - frWork) * (0.2 + 0.5 * r.next()))) : null;
  const pauseLength = pauses ? r.int(270, 2700) : 0;
  const pauseEnd = pauseStart !== null ? bm(pauseStart, pauseLength) : null;
  const R = bm(C, resWork + pauseLength);
  const cancelled = r.chance(0.03);
  const cancelAt = cancelled ? bm(C, frWork + (resWork - frWork) * r.next()) : null;
  const confirmAt = !cancelled && r.chance(0.65) ? daytime(r, R + r.int(2, 7 * 24) * 3_600_000) : null;
  const reopenAt = !cancelled && confirmAt === null && r.chance(0.06) ? daytime(r, R + r.int(1, 5) * DAY + r.int(0, DAY - 1)) : null;
  const reResolveAt = reopenAt !== null ? bm(reopenAt, (resTarget ?? 540) * (0.2 + 1.3 * r.next())) : null;
  const reConfirmAt = reResolveAt !== null && r.chance(0.6) ? daytime(r, reResolveAt + r.int(2, 72) * 3_600_000) : null;
  const jitter = r.int(1_500, 6_000);
  const satisfaction = r.pick([5, 5, 5, 5, 4, 4, 4, 3, 2, 1]);
  const cause = texts.cause(spec.type);

  // ---- the request row as created ----
  const due = dueTimes(new Date(C), targets, cal);
  const row: Row = {
    id: spec.id, tenant_id: ctx.tenantId, number: spec.number, type: spec.type, channel: spec.channel, priority: spec.priority, status: 'new', subject: spec.subject,
    description: spec.description, customer_id: spec.customer.id,
    contact_name: ['phone', 'wechat', 'self_service'].includes(spec.channel) ? spec.customer.name : null,
    contact_phone: ['phone', 'self_service'].includes(spec.channel) ? spec.customer.phone : null,
    order_id: spec.orderId, product_id: spec.productId, category_id: spec.categoryId, store_id: store, assignee_id: null,
    created_by_id: ['phone', 'store', 'wechat', 'email'].includes(spec.channel) ? (owner ?? assignee) : null, cause: null, resolution: null,
    first_response_target_minutes: frTarget, resolution_target_minutes: resTarget, escalation_step_minutes: targets?.escalationStepMinutes ?? null,
    first_response_due_at: due.firstResponseDueAt?.toISOString() ?? null, resolution_due_at: due.resolutionDueAt?.toISOString() ?? null,
    first_response_at: null, first_response_minutes: null, resolved_at: null, resolution_minutes: null, resolution_clock_from: iso(C),
    paused_at: null, paused_minutes: 0, clock_paused_minutes: 0, first_response_escalation: 0, resolution_escalation: 0, escalated_to_id: null,
    reopen_count: 0, closed_at: null, cancelled_at: null, satisfaction: null, customer_comment: null, return_lines: null, refund_fen: null,
    created_at: iso(C), updated_at: iso(C),
  };

  // ---- the timeline, in time order, cut at "today" ----
  type Step = { at: number; order: number; apply: () => void };
  const steps: Step[] = [];
  const activities: { at: number; order: number; row: Row }[] = [];
  const userActor = (id: string | null) => (id ? { actor_kind: 'user', actor_id: id, actor_name: staff.nameOf(id) } : { actor_kind: 'system', actor_id: null, actor_name: 'system' });
  const customerActor = { actor_kind: 'customer', actor_id: null, actor_name: null };
  const activity = (at: number, order: number, a: { kind: string; public?: boolean; body?: string | null; from?: string | null; to?: string | null; meta?: Row; actor: Row }) =>
    activities.push({
      at, order,
      row: {
        id: uuidFrom(ctx.ids), tenant_id: ctx.tenantId, request_id: spec.id, kind: a.kind, public: a.public ?? false, body: a.body ?? null, ...a.actor,
        from_status: a.from ?? null, to_status: a.to ?? null, meta: a.meta ?? {}, created_at: iso(at),
      },
    });
  const setStatus = (to: string) => {
    const from = row.status as string;
    row.status = to;
    return from !== to ? { from, to } : {};
  };
  let pausedAt: number | null = null;
  let pausedMinutes = 0;
  let clockPaused = 0;
  let clockFrom = C;
  const endPause = (t: number) => {
    if (pausedAt === null) return;
    const paused = between(pausedAt, t);
    pausedMinutes += paused;
    clockPaused += paused;
    pausedAt = null;
    row.paused_at = null;
    row.paused_minutes = pausedMinutes;
    row.clock_paused_minutes = clockPaused;
    if (resTarget !== null) row.resolution_due_at = iso(bm(clockFrom, resTarget + clockPaused));
  };
  const firstResponse = (t: number) => {
    if (row.first_response_at) return;
    row.first_response_at = iso(t);
    row.first_response_minutes = between(C, t);
  };
  const createdBy = row.created_by_id as string | null;
  activity(C, 0, {
    kind: 'created', public: true, to: 'new', meta: { channel: spec.channel },
    actor: spec.channel === 'self_service' ? customerActor : userActor(createdBy),
  });
  if (assignAt !== null) {
    steps.push({ at: assignAt, order: 1, apply: () => {
      row.assignee_id = assignee;
      activity(assignAt, 1, { kind: 'assignment', ...setStatus('assigned'), meta: { from: null, to: assignee, strategy: 'manual' }, actor: userActor(manager) });
    } });
  }
  const stop = cancelAt ?? Infinity;
  if (FR < stop) {
    steps.push({ at: FR, order: 2, apply: () => {
      firstResponse(FR);
      const takes = !row.assignee_id;
      if (takes) row.assignee_id = assignee;
      activity(FR, 2, { kind: 'reply', public: true, body: r.pick(texts.reply), ...setStatus('in_progress'), meta: takes ? { took: true } : {}, actor: userActor(assignee) });
    } });
  }
  if (pauseStart !== null && pauseStart < Math.min(stop, R)) {
    steps.push({ at: pauseStart, order: 3, apply: () => {
      pausedAt = pauseStart;
      row.paused_at = iso(pauseStart);
      activity(pauseStart, 3, { kind: 'status_change', public: true, body: r.pick(texts.pause), ...setStatus('awaiting_customer'), actor: userActor(assignee) });
    } });
    if (pauseEnd! < Math.min(stop, R)) {
      steps.push({ at: pauseEnd!, order: 4, apply: () => {
        endPause(pauseEnd!);
        activity(pauseEnd!, 4, { kind: 'customer_reply', public: true, body: r.pick(texts.customerReply), ...setStatus('in_progress'), actor: customerActor });
      } });
    }
  }
  const resolve = (t: number, order: number) => ({ at: t, order, apply: () => {
    endPause(t);
    firstResponse(t);
    Object.assign(row, { resolved_at: iso(t), resolution_minutes: Math.max(0, between(C, t) - pausedMinutes), cause, resolution: texts.resolution(spec.type) });
    if (spec.returnLines) Object.assign(row, { return_lines: spec.returnLines, refund_fen: spec.refundFen });
    activity(t, order, { kind: 'status_change', public: true, body: row.resolution as string, ...setStatus('resolved'), meta: { cause }, actor: userActor(assignee) });
  } });
  const confirm = (t: number, order: number) => ({ at: t, order, apply: () => {
    const comment = satisfaction >= 4 && r.chance(0.4) ? r.pick(texts.comment) : null;
    Object.assign(row, { closed_at: iso(t), satisfaction, customer_comment: comment });
    activity(t, order, { kind: 'confirmation', public: true, body: comment, ...setStatus('closed'), meta: { satisfaction, byCustomer: true }, actor: customerActor });
  } });
  if (cancelAt !== null) {
    steps.push({ at: cancelAt, order: 5, apply: () => {
      endPause(cancelAt);
      row.cancelled_at = iso(cancelAt);
      activity(cancelAt, 5, { kind: 'status_change', public: true, body: r.pick(texts.cancel), ...setStatus('cancelled'), actor: userActor(row.assignee_id as string | null) });
    } });
  } else {
    steps.push(resolve(R, 6));
    if (confirmAt !== null) steps.push(confirm(confirmAt, 7));
    if (reopenAt !== null) {
      steps.push({ at: reopenAt, order: 8, apply: () => {
        clockFrom = reopenAt;
        clockPaused = 0;
        Object.assign(row, {
          resolved_at: null, resolution_minutes: null, reopen_count: 1, resolution_clock_from: iso(reopenAt), clock_paused_minutes: 0, resolution_escalation: 0,
          resolution_due_at: resTarget !== null ? iso(bm(reopenAt, resTarget)) : null,
        });
        activity(reopenAt, 8, { kind: 'status_change', public: true, body: r.pick(texts.reopen), ...setStatus('in_progress'), meta: { reopened: true }, actor: customerActor });
      } });
      steps.push(resolve(reResolveAt!, 9));
      if (reConfirmAt !== null) steps.push(confirm(reConfirmAt, 10));
    }
  }

  // ---- the SLA clocks as the sweep sees them, and its escalations (before the outage) ----
  const escalations: { at: number; breach: Breach; level: number; due: number; cycle: number }[] = [];
  const end = (t: number) => Math.min(t, stop, asOf);
  const fire = (breach: Breach, segments: Segment[], target: number | null) => {
    if (target === null) return;
    const step = targets?.escalationStepMinutes ?? target;
    let reached = 0;
    let cycle = -1;
    for (const s of segments) {
      if (s.cycle !== cycle) {
        cycle = s.cycle;
        reached = 0;
      }
      for (let level = reached + 1; level <= MAX_LEVEL; level++) {
        const at = sweepAfter(ctx, Math.max(levelDueAt(new Date(s.due), level, step, cal).getTime(), s.from), jitter);
        if (at === null || at >= s.to) break;
        escalations.push({ at, breach, level, due: s.due, cycle: s.cycle });
        reached = level;
      }
    }
  };
  if (frTarget !== null) fire('first_response', [{ from: C, to: end(FR), due: due.firstResponseDueAt!.getTime(), cycle: 0 }], frTarget);
  if (resTarget !== null) {
    const d0 = due.resolutionDueAt!.getTime();
    const segs: Segment[] = [];
    if (pauseStart !== null && pauseStart < R) {
      segs.push({ from: C, to: end(pauseStart), due: d0, cycle: 0 });
      if (pauseEnd! < R) segs.push({ from: pauseEnd!, to: end(R), due: bm(C, resTarget + between(pauseStart, pauseEnd!)), cycle: 0 });
    } else segs.push({ from: C, to: end(R), due: d0, cycle: 0 });
    if (reopenAt !== null) segs.push({ from: reopenAt, to: end(reResolveAt!), due: bm(reopenAt, resTarget), cycle: 1 });
    fire('resolution', segs.filter((s) => s.from < s.to), resTarget);
  }
  const escalationRows: Row[] = [];
  let previous: string | null = null;
  for (const e of escalations.sort((a, b) => a.at - b.at || (a.breach === b.breach ? a.level - b.level : a.breach === 'first_response' ? -1 : 1))) {
    steps.push({ at: e.at, order: 20 + (e.breach === 'first_response' ? 0 : 10) + e.level, apply: () => {
      const from = row.assignee_id as string | null;
      const t = staff.escalationTarget(e.level, store, from, previous);
      const id = uuidFrom(ctx.ids);
      escalationRows.push({
        id, tenant_id: ctx.tenantId, request_id: spec.id, breach: e.breach, level: e.level, cycle: e.cycle, due_at: iso(e.due), from_user_id: from,
        to_user_id: t.userId, to_unit_id: t.unitId, escalated_at: iso(e.at),
      });
      row[e.breach === 'first_response' ? 'first_response_escalation' : 'resolution_escalation'] = e.level;
      if (t.userId) {
        row.escalated_to_id = t.userId;
        previous = t.userId;
      }
      activity(e.at, 20, {
        kind: 'escalation', actor: { actor_kind: 'system', actor_id: null, actor_name: 'system' },
        meta: { escalationId: id, breach: e.breach, level: e.level, dueAt: iso(e.due), fromUserId: from, toUserId: t.userId, toUnitId: t.unitId, reassigned: false },
      });
    } });
  }
  for (const s of steps.sort((a, b) => a.at - b.at || a.order - b.order)) {
    if (s.at >= asOf) break;
    s.apply();
  }
  const timeline = activities.sort((a, b) => a.at - b.at || a.order - b.order);
  row.updated_at = iso(timeline.at(-1)!.at);
  const open = ['new', 'assigned', 'in_progress', 'awaiting_customer'].includes(row.status as string);
  return { request: row, activities: timeline.map((a) => a.row), escalations: escalationRows, open };
}
