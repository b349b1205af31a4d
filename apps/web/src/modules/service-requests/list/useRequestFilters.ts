import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { RequestFilters } from '../api';

const KEYS = ['status', 'type', 'priority', 'channel', 'storeId', 'assigneeId', 'customerId', 'breached', 'queue', 'q'] as const;
export const DEFAULT_LIMIT = 20;

/** The request list's filters live in the URL, so a queue can be bookmarked and survives the way to a request and back. */
export function useRequestFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const k of KEYS) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out as RequestFilters;
  }, [params]);
  const limit = Number(params.get('limit')) || DEFAULT_LIMIT;
  const update = useCallback(
    (patch: Partial<Record<(typeof KEYS)[number] | 'limit', string | number | undefined>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
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
