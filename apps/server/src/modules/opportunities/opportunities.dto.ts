import type { OpportunityDto, OpportunityLossReasonDto, OpportunityStageDto } from '@jiake/shared';
import type { HistoryRow, OpportunityRowWithNames } from './opportunities.repository.ts';
import type { LossReasonRow, StageRow } from './stages.repository.ts';

export const DAY_MS = 86_400_000;
const iso = (d: Date | null) => d?.toISOString() ?? null;
/** Days with two decimals (durations in stage). */
export const days = (ms: number) => Math.round((ms / DAY_MS) * 100) / 100;
/** amount × probability, to the fen (half up). */
export const weighted = (amountFen: number, probability: number) => Math.round((amountFen * probability) / 100);

export function toOpportunityDto(r: OpportunityRowWithNames, customerName: string | null, now: Date): OpportunityDto {
  return {
    id: r.id,
    name: r.name,
    customerId: r.customerId,
    customerName,
    leadId: r.leadId,
    amountFen: r.amountFen,
    stageKey: r.stageKey,
    stageName: r.stageName,
    probability: r.probability,
    probabilityOverridden: r.probabilityOverridden,
    weightedFen: weighted(r.amountFen, r.probability),
    expectedCloseDate: r.expectedCloseDate,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    storeId: r.storeId,
    storeName: r.storeName,
    status: r.status,
    wonAt: iso(r.wonAt),
    lostAt: iso(r.lostAt),
    lossReason: r.lossReason,
    lossNote: r.lossNote,
    notes: r.notes,
    lastActivityAt: r.lastActivityAt.toISOString(),
    stageEnteredAt: r.stageEnteredAt.toISOString(),
    idleDays: Math.max(0, Math.floor((now.getTime() - r.lastActivityAt.getTime()) / DAY_MS)),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const toStageDto = (s: StageRow): OpportunityStageDto => ({
  id: s.id, key: s.key, name: s.name, probability: s.probability, position: s.position, kind: s.kind, enabled: s.enabled,
});

export const toLossReasonDto = (r: LossReasonRow): OpportunityLossReasonDto => ({ id: r.id, code: r.code, label: r.label, position: r.position, enabled: r.enabled });

/**
 * The stage history with the days of each entry (to the next entry; the current stage of an open opportunity to now;
 * the closing entry of a won or lost one has none), and the total days per stage.
 */
export function historyWithDays(rows: HistoryRow[], open: boolean, now: Date) {
  const entries = rows.map((h, i) => {
    const next = rows[i + 1]?.at ?? (open ? now : null);
    return {
      id: h.id, fromStageKey: h.fromStageKey, toStageKey: h.toStageKey, at: h.at.toISOString(), byId: h.byId, byName: h.byName,
      days: next ? days(next.getTime() - h.at.getTime()) : null,
    };
  });
  const totals = new Map<string, number>();
  entries.forEach((e, i) => {
    const next = rows[i + 1]?.at ?? (open ? now : null);
    if (next) totals.set(e.toStageKey, (totals.get(e.toStageKey) ?? 0) + (next.getTime() - rows[i].at.getTime()));
  });
  return { history: entries, daysInStages: [...totals].map(([stageKey, ms]) => ({ stageKey, days: days(ms) })) };
}
