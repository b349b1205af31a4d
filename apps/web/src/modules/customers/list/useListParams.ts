import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CustomerFilters } from '../types';

const KEYS = ['q', 'storeId', 'ownerId', 'tag', 'kind', 'source', 'listStatus', 'sort', 'order'] as const;
export const DEFAULT_LIMIT = 20;

/**
 * The list's filters live in the URL (/customers?q=张&storeId=…), so a filtered list can be shared
 * and survives the trip to a customer's page and back.
 */
export function useListParams(fixed: Partial<CustomerFilters> = {}) {
  const [params, setParams] = useSearchParams();
  const fixedKey = JSON.stringify(fixed);

  const filters = useMemo(() => {
    const out: CustomerFilters = {};
    for (const k of KEYS) {
      const v = params.get(k);
      if (v) (out as Record<string, string>)[k] = v;
    }
    for (const [k, v] of params.entries()) if (k.startsWith('cf_') && v) out[k as `cf_${string}`] = v;
    return { ...out, ...(JSON.parse(fixedKey) as Partial<CustomerFilters>) };
  }, [params, fixedKey]);

  const limit = Number(params.get('limit')) || DEFAULT_LIMIT;

  const update = useCallback(
    (patch: Partial<CustomerFilters> & { limit?: number }) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { filters, limit, update, clear };
}
