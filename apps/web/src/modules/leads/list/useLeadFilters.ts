import { DEFAULT_PAGE_SIZE, useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import type { LeadFilters } from '../api';

const KEYS = ['status', 'source', 'storeId', 'assigneeId', 'queue', 'createdFrom', 'createdTo', 'q'] as const;
export const DEFAULT_LIMIT = DEFAULT_PAGE_SIZE;

/** The lead list's tab and filters live in the URL, so a queue can be bookmarked and survives the way to a lead and back. */
export function useLeadFilters() {
  const { filters, limit, update, clear } = useUrlFilters<LeadFilters & Record<string, string | undefined>>(KEYS);
  return {
    filters: filters as LeadFilters,
    limit,
    update: update as (patch: Partial<Record<(typeof KEYS)[number] | 'limit', string | number | undefined>>) => void,
    clear,
  };
}
