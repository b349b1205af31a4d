import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import type { OrderFilters } from '../api';

const KEYS = ['q', 'status', 'storeId', 'from', 'to'] as const;

/** The order list's filters live in the URL (/orders?status=paid&storeId=…), so a filtered list can be shared. */
export function useOrderListParams() {
  const { filters, limit, update, clear } = useUrlFilters<OrderFilters & Record<string, string | undefined>>(KEYS);
  return { filters: filters as OrderFilters, limit, update: update as (patch: Partial<OrderFilters> & { limit?: number }) => void, clear };
}
