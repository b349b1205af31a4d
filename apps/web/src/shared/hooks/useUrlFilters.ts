import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * A list's filters kept in the URL (`/orders?status=paid&storeId=…`), so a filtered list can be shared and survives
 * the trip to a record and back. `keys` are the filter names read from the URL (plus any name `extra` accepts, e.g.
 * custom-field filters `cf_*`); `update` sets or (for empty values) removes names, `clear` removes them all.
 */
export function useUrlFilters<F extends Record<string, string | undefined>>(
  keys: readonly string[],
  options: { extra?: (name: string) => boolean; defaultLimit?: number } = {},
) {
  const [params, setParams] = useSearchParams();
  const { extra, defaultLimit = DEFAULT_PAGE_SIZE } = options;
  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [k, v] of params.entries()) if (v && (keys.includes(k) || extra?.(k))) out[k] = v;
    return out as F;
    // keys and extra are module constants of the caller, so the URL alone decides
  }, [params]);
  const limit = Number(params.get('limit')) || defaultLimit;
  const update = useCallback(
    (patch: Partial<Record<string, string | number | boolean | null | undefined>>) =>
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
  return { filters, limit, update, clear, params };
}
