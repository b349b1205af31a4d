import { useMemo } from 'react';
import { DEFAULT_PAGE_SIZE, useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import type { CustomerFilters } from '../types';

const KEYS = ['q', 'storeId', 'ownerId', 'tag', 'kind', 'source', 'listStatus', 'sort', 'order'] as const;
export const DEFAULT_LIMIT = DEFAULT_PAGE_SIZE;
const customField = (k: string) => k.startsWith('cf_');

/**
 * The list's filters live in the URL (/customers?q=张&storeId=…), so a filtered list can be shared
 * and survives the trip to a customer's page and back. `fixed` filters (a page's own view) always apply.
 */
export function useListParams(fixed: Partial<CustomerFilters> = {}) {
  const { filters: fromUrl, limit, update, clear } = useUrlFilters<CustomerFilters & Record<string, string | undefined>>(KEYS, { extra: customField });
  const fixedKey = JSON.stringify(fixed);
  const filters = useMemo(() => ({ ...fromUrl, ...(JSON.parse(fixedKey) as Partial<CustomerFilters>) }) as CustomerFilters, [fromUrl, fixedKey]);
  return { filters, limit, update: update as (patch: Partial<CustomerFilters> & { limit?: number }) => void, clear };
}
