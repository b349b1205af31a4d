import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { OPEN_REQUEST_STATUSES } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import { emit } from '../../platform/events/outbox.ts';
import { REQUEST_EVENTS, type RequestEscalatedPayload } from './requests.events.ts';
import * as repo from './requests.repository.ts';
import { requestEscalations, serviceRequests } from './requests.tables.ts';
import { requestRef } from './requests.dto.ts';
import { addBusinessMinutes, type BusinessCalendar } from './business-time.ts';
import { loadSettings, type Settings } from './sla.service.ts';
import { notifyEscalated } from './request-notify.ts';

/** The highest escalation level; level 1 is the supervisor, level 2 one level up the org tree. */
export const MAX_LEVEL = 2;
/** Requests looked at per sweep (the cron runs every minute; the oldest breaches go first). */
const BATCH = 200;
/** Overdue requests read per page while looking for those with a level due. */
const SCAN_PAGE = 500;

type Row = repo.RequestRow;
type Breach = 'first_response' | 'resolution';

/** When level `level` of a clock falls due: level 1 at the due time, each next level one step (business time) later. */
export function levelDueAt(due: Date, level: number, stepMinutes: number, cal: BusinessCalendar): Date {
  return level <= 1 ? due : addBusinessMinutes(due, stepMinutes * (level - 1), cal);
}

interface Target {
  userId: string | null;
  unitId: string | null;
}

/** The first active user holding requests:review in `unitId` or the units above it, other than `exclude`. */
async function reviewerUpFrom(tx: Tx, tenantId: string, unitId: string | null, exclude: (string | null)[]): Promise<Target> {
  for (let at = unitId ? await repo.unitById(tx, tenantId, unitId) : null; at; at = at.parentId ? await repo.unitById(tx, tenantId, at.parentId) : null) {
    const pick = (await repo.activeUsersWithPermission(tx, tenantId, at.id, 'requests:review')).find((u) => !exclude.includes(u.id));
    if (pick) return { userId: pick.id, unitId: at.id };
  }
  return { userId: null, unitId: null };
}

/**
 * Who a breach escalates to (SVC-2):
 *  - level 1: the assignee's supervisor (users.supervisor_id) when active; otherwise (no assignee, no supervisor) a
 *    user of the request's store holding requests:review (the store manager), else of the nearest unit above;
 *  - level 2: one level up the org tree: a user holding requests:review in the parent unit of the request's store (the
 *    region), else further up to the head office; never the level-1 person again when someone else is found.
 * A request without store belongs to the head office: its managers are both levels.
 */
async function targetFor(tx: Tx, tenantId: string, r: Row, level: number, previous: string | null): Promise<Target> {
  const storeId = r.storeId ?? (await repo.rootUnitId(tx, tenantId));
  if (level === 1) {
    if (r.assigneeId) {
      const who = await repo.personById(tx, tenantId, r.assigneeId);
      const boss = who?.supervisorId ? await repo.personById(tx, tenantId, who.supervisorId) : null;
      if (boss && boss.status === 'active') return { userId: boss.id, unitId: boss.unitId };
    }
    return reviewerUpFrom(tx, tenantId, storeId, [r.assigneeId]);
  }
  const store = await repo.unitById(tx, tenantId, storeId);
  const up = await reviewerUpFrom(tx, tenantId, store?.parentId ?? storeId, [r.assigneeId, previous]);
  return up.userId ? up : reviewerUpFrom(tx, tenantId, store?.parentId ?? storeId, [r.assigneeId]);
}

/** Record one escalation (once per request, clock, cycle and level), move the request's marker, audit, emit. */
async function escalate(ctx: Ctx, tx: Tx, r: Row, breach: Breach, level: number, due: Date, settings: Settings): Promise<Row | null> {
  const previous = r.escalatedToId;
  const target = await targetFor(tx, ctx.tenantId, r, level, previous);
  const [made] = await tx
    .insert(requestEscalations)
    .values({
      tenantId: ctx.tenantId, requestId: r.id, breach, level, cycle: breach === 'resolution' ? r.reopenCount : 0, dueAt: due,
      fromUserId: r.assigneeId, toUserId: target.userId, toUnitId: target.unitId, escalatedAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning({ id: requestEscalations.id });
  if (!made) return null;
  const patch: Record<string, unknown> = breach === 'first_response' ? { firstResponseEscalation: level } : { resolutionEscalation: level };
  if (target.userId) patch.escalatedToId = target.userId;
  if (settings.reassignOnEscalation && target.userId) {
    patch.assigneeId = target.userId;
    if (r.status === 'new') patch.status = 'assigned';
  }
  const { after } = await updateScoped<Row>(ctx, tx, repo.requestFence, r.id, patch, {
    action: 'serviceRequest.escalated',
    meta: { escalationId: made.id, breach, level, dueAt: due.toISOString(), toUserId: target.userId },
  });
  await repo.insertActivity(ctx, tx, r.id, {
    kind: 'escalation',
    fromStatus: r.status !== after.status ? r.status : null,
    toStatus: r.status !== after.status ? after.status : null,
    meta: { escalationId: made.id, breach, level, dueAt: due.toISOString(), fromUserId: r.assigneeId, toUserId: target.userId, toUnitId: target.unitId, reassigned: !!patch.assigneeId },
  });
  const payload: RequestEscalatedPayload = { ...requestRef(after), level, breach, fromUserId: r.assigneeId, toUserId: target.userId };
  const eventId = await emit(ctx, tx, { type: REQUEST_EVENTS.escalated, aggregateType: 'serviceRequest', aggregateId: r.id, payload });
  await notifyEscalated(ctx, tx, after, target.userId, { level, breach, eventId });
  return after;
}

/** Escalations due now for one clock of a request: every level whose time has come and that is not done yet. */
function dueLevels(r: Row, breach: Breach, now: Date, cal: BusinessCalendar): { levels: number[]; due: Date } | null {
  const due = breach === 'first_response' ? r.firstResponseDueAt : r.resolutionDueAt;
  const target = breach === 'first_response' ? r.firstResponseTargetMinutes : r.resolutionTargetMinutes;
  const reached = breach === 'first_response' ? r.firstResponseEscalation : r.resolutionEscalation;
  if (!due || due > now) return null;
  if (breach === 'first_response' && r.firstResponseAt) return null;
  if (breach === 'resolution' && (r.resolvedAt || r.pausedAt)) return null;
  const step = r.escalationStepMinutes ?? target ?? 60;
  const levels: number[] = [];
  for (let level = reached + 1; level <= MAX_LEVEL; level++) if (levelDueAt(due, level, step, cal) <= now) levels.push(level);
  return levels.length ? { levels, due } : null;
}

/**
 * The SLA sweep (cron `requests.slaSweep`, every minute, per tenant, system context): open requests whose first
 * response or resolution is overdue escalate level by level. Each request is handled in its own transaction under a
 * row lock, and the unique key of escalations makes a level happen once per breach even if sweeps overlap.
 * A sweep takes up to `batch` requests that have a level due now (oldest breach first). The overdue requests are read
 * page by page and those whose next level is not due yet (its time is in business hours, which SQL cannot compute)
 * are passed over without a lock, so however many requests wait at level 1, a new breach is never starved.
 */
export async function sweepSla(ctx: Ctx, now: Date, batch = BATCH): Promise<{ escalated: number; checked: number }> {
  const settings = await loadSettings(ctx.db, ctx.tenantId);
  const open = inArray(serviceRequests.status, [...OPEN_REQUEST_STATUSES]);
  const least = sql<Date>`LEAST(${serviceRequests.firstResponseDueAt}, ${serviceRequests.resolutionDueAt})`;
  const overdue = and(
    eq(serviceRequests.tenantId, ctx.tenantId),
    open,
    or(
      and(isNull(serviceRequests.firstResponseAt), lte(serviceRequests.firstResponseDueAt, now), lt(serviceRequests.firstResponseEscalation, MAX_LEVEL)),
      and(isNull(serviceRequests.resolvedAt), isNull(serviceRequests.pausedAt), lte(serviceRequests.resolutionDueAt, now), lt(serviceRequests.resolutionEscalation, MAX_LEVEL)),
    ),
  );
  const candidates: { id: string }[] = [];
  let checked = 0;
  for (let after: { at: Date; id: string } | null = null; candidates.length < batch; ) {
    const page: Row[] = await ctx.db
      .select()
      .from(serviceRequests)
      .where(after ? and(overdue, sql`(${least}, ${serviceRequests.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`) : overdue)
      .orderBy(asc(least), asc(serviceRequests.id))
      .limit(SCAN_PAGE);
    checked += page.length;
    for (const r of page) {
      if (candidates.length < batch && (dueLevels(r, 'first_response', now, settings) || dueLevels(r, 'resolution', now, settings))) candidates.push(r);
    }
    if (page.length < SCAN_PAGE) break;
    const last = page[page.length - 1];
    after = { at: [last.firstResponseDueAt, last.resolutionDueAt].filter((d): d is Date => !!d).reduce((a, b) => (a < b ? a : b)), id: last.id };
  }
  let escalated = 0;
  for (const { id } of candidates) {
    escalated += await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(serviceRequests).where(and(eq(serviceRequests.tenantId, ctx.tenantId), eq(serviceRequests.id, id), open)).for('update');
      if (!locked) return 0;
      let r: Row = locked;
      let n = 0;
      for (const breach of ['first_response', 'resolution'] as const) {
        const due = dueLevels(r, breach, now, settings);
        if (!due) continue;
        for (const level of due.levels) {
          const after = await escalate(ctx, tx, r, breach, level, due.due, settings);
          if (after) {
            r = after;
            n++;
          }
        }
      }
      return n;
    });
  }
  return { escalated, checked };
}
