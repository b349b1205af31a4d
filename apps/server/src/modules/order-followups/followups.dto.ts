import type { FollowupStepDto } from '@jiake/shared';
import type { StepRowWithNames } from './followups.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A step as the API shows it; `overdue` is judged at `now` (the injected clock). */
export function toStepDto(r: StepRowWithNames, now: Date): FollowupStepDto {
  return {
    id: r.id,
    orderId: r.orderId,
    orderNo: r.orderNo,
    customerId: r.customerId,
    customerName: r.customerName,
    storeId: r.storeId,
    storeName: r.storeName,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    stepKey: r.stepKey,
    stepName: r.stepName,
    anchor: r.anchor,
    offsetDays: r.offsetDays,
    position: r.position,
    needsSatisfaction: r.needsSatisfaction,
    dueAt: iso(r.dueAt),
    allDay: r.allDay,
    overdue: r.status === 'pending' && !!r.dueAt && r.dueAt.getTime() < now.getTime(),
    status: r.status,
    doneAt: iso(r.doneAt),
    doneById: r.doneBy,
    doneByName: r.doneByName,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
    skippedAt: iso(r.skippedAt),
    skipReason: r.skipReason,
    rescheduledAt: iso(r.rescheduledAt),
    rescheduleReason: r.rescheduleReason,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
