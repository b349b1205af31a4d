import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { OrderFilters } from '../api';

const KEYS = ['q', 'status', 'storeId', 'from', 'to'] as const;

/** The order list's filters live in the URL (/orders?status=paid&storeId=…), so a filtered list can be shared. */
export function useOrderListParams() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of KEYS) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out as OrderFilters;
  }, [params]);
  const limit = Number(params.get('limit')) || 20;
  const update = useCallback(
    (patch: Partial<OrderFilters> & { limit?: number }) =>
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
      ),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, limit, update, clear };
}
