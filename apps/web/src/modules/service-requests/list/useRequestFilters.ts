import { DEFAULT_PAGE_SIZE, useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import type { RequestFilters } from '../api';

const KEYS = ['status', 'type', 'priority', 'channel', 'storeId', 'assigneeId', 'customerId', 'breached', 'queue', 'q'] as const;
export const DEFAULT_LIMIT = DEFAULT_PAGE_SIZE;

/** The request list's filters live in the URL, so a queue can be bookmarked and survives the way to a request and back. */
export function useRequestFilters() {
  const { filters, limit, update, clear } = useUrlFilters<RequestFilters & Record<string, string | undefined>>(KEYS);
  return {
    filters: filters as RequestFilters,
    limit,
    update: update as (patch: Partial<Record<(typeof KEYS)[number] | 'limit', string | number | undefined>>) => void,
    clear,
  };
}
