import { useMemo } from 'react';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import type { PipelineFilters } from '../api';

const KEYS = ['ownerId', 'storeId', 'expectedFrom', 'expectedTo', 'stalled', 'q', 'view', 'stageKey', 'status'] as const;
type Raw = Partial<Record<(typeof KEYS)[number], string>>;

/** The board's and list's filters, kept in the URL (a filtered board can be shared and survives a trip to a record). */
export function useOpportunityFilters() {
  const { filters, limit, update } = useUrlFilters<Raw>(KEYS);
  const pipeline: PipelineFilters = useMemo(
    () => ({ ownerId: filters.ownerId, storeId: filters.storeId, expectedFrom: filters.expectedFrom, expectedTo: filters.expectedTo, stalled: filters.stalled, q: filters.q }),
    [filters],
  );
  /** The list adds the status and stage to the board's filters. */
  const list = useMemo(() => ({ ...pipeline, status: filters.status, stageKey: filters.stageKey }), [pipeline, filters.status, filters.stageKey]);
  return { raw: filters, pipeline, list, view: filters.view === 'list' ? ('list' as const) : ('board' as const), limit, update };
}
export type OpportunityFiltersState = ReturnType<typeof useOpportunityFilters>;
