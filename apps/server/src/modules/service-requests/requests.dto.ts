import type { RequestActivityDto, RequestChannel, RequestPriority, RequestStatus, RequestType, ServiceRequestDto } from '@jiake/shared';
import type { ActivityRow, EscalationRow, RequestRow, RequestRowWithNames } from './requests.repository.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The first-response clock ran out: answered late, or unanswered past its due time (same rule as the SQL filter). */
export function firstResponseBreached(r: RequestRow, now: Date): boolean {
  if (!r.firstResponseDueAt) return false;
  const stop = r.firstResponseAt ?? r.cancelledAt ?? now;
  return stop > r.firstResponseDueAt;
}

/** The resolution clock ran out; a paused clock is compared at the moment it stopped. */
export function resolutionBreached(r: RequestRow, now: Date): boolean {
  if (!r.resolutionDueAt) return false;
  const stop = r.resolvedAt ?? r.cancelledAt ?? r.pausedAt ?? now;
  return stop > r.resolutionDueAt;
}

export function toRequestDto(r: RequestRowWithNames, customerName: string | null, now: Date): ServiceRequestDto {
  return {
    id: r.id, number: r.number, type: r.type as RequestType, channel: r.channel as RequestChannel, priority: r.priority as RequestPriority,
    status: r.status as RequestStatus, subject: r.subject, description: r.description, customerId: r.customerId, customerName,
    contactName: r.contactName, contactPhone: r.contactPhone, orderId: r.orderId, productId: r.productId, categoryId: r.categoryId,
    storeId: r.storeId, storeName: r.storeName, assigneeId: r.assigneeId, assigneeName: r.assigneeName, escalatedToId: r.escalatedToId,
    escalatedToName: r.escalatedToName, createdById: r.createdById, cause: r.cause, resolution: r.resolution, satisfaction: r.satisfaction,
    customerComment: r.customerComment, returnLines: r.returnLines ?? null, refundFen: r.refundFen, reopenCount: r.reopenCount,
    sla: {
      firstResponseTargetMinutes: r.firstResponseTargetMinutes,
      resolutionTargetMinutes: r.resolutionTargetMinutes,
      firstResponseDueAt: iso(r.firstResponseDueAt),
      resolutionDueAt: iso(r.resolutionDueAt),
      firstResponseAt: iso(r.firstResponseAt),
      firstResponseMinutes: r.firstResponseMinutes,
      resolutionMinutes: r.resolutionMinutes,
      firstResponseBreached: firstResponseBreached(r, now),
      resolutionBreached: resolutionBreached(r, now),
      pausedAt: iso(r.pausedAt),
      escalationLevel: Math.max(r.firstResponseEscalation, r.resolutionEscalation),
    },
    resolvedAt: iso(r.resolvedAt), closedAt: iso(r.closedAt), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

export const toActivityDto = (a: ActivityRow): RequestActivityDto => ({
  id: a.id, kind: a.kind as RequestActivityDto['kind'], public: a.public, body: a.body, actorKind: a.actorKind as RequestActivityDto['actorKind'],
  actorId: a.actorId, actorName: a.actorName, fromStatus: a.fromStatus, toStatus: a.toStatus, meta: a.meta, at: a.createdAt.toISOString(),
});

export const toEscalationDto = (e: EscalationRow & { fromUserName: string | null; toUserName: string | null }) => ({
  id: e.id, breach: e.breach, level: e.level, dueAt: e.dueAt.toISOString(), fromUserId: e.fromUserId, fromUserName: e.fromUserName,
  toUserId: e.toUserId, toUserName: e.toUserName, toUnitId: e.toUnitId, escalatedAt: e.escalatedAt.toISOString(),
});

/** What an event says about its request (requests.events.ts RequestRef). */
export const requestRef = (r: RequestRow) => ({
  requestId: r.id, requestNo: r.number, type: r.type, customerId: r.customerId, storeId: r.storeId, orderId: r.orderId,
});
