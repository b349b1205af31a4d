import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FOLLOWUP_VIEWS, type FollowupView } from '@jiake/shared';
import type { StepFilters } from '../api/steps';

export const TABS: FollowupView[] = ['today', 'overdue', 'upcoming', 'unscheduled', 'closed'];
const FILTER_KEYS = ['mine', 'storeId', 'ownerId', 'stepKey'] as const;

/** The work list's tab and filters live in the URL (/followups?view=overdue&mine=true), so a view can be shared. */
export function useWorkListParams() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('view');
  const view: FollowupView = raw && (FOLLOWUP_VIEWS as readonly string[]).includes(raw) ? (raw as FollowupView) : 'today';
  const filters = useMemo(() => {
    const out: StepFilters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) (out as Record<string, string>)[k] = v;
    }
    if (out.mine && out.mine !== 'true') delete out.mine;
    return out;
  }, [params]);
  const limit = Number(params.get('limit')) || 20;
  const update = useCallback(
    (patch: Partial<StepFilters> & { view?: FollowupView; limit?: number }) =>
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
  return { view, filters, limit, update };
}
