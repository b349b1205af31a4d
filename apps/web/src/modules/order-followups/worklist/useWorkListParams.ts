import { useMemo } from 'react';
import { FOLLOWUP_VIEWS, type FollowupView } from '@jiake/shared';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import type { StepFilters } from '../api/steps';

export const TABS: FollowupView[] = ['today', 'overdue', 'upcoming', 'unscheduled', 'closed'];
const FILTER_KEYS = ['mine', 'storeId', 'ownerId', 'stepKey'] as const;

/** The work list's tab and filters live in the URL (/followups?view=overdue&mine=true), so a view can be shared. */
export function useWorkListParams() {
  const { filters: raw, limit, update, params } = useUrlFilters<StepFilters & Record<string, string | undefined>>(FILTER_KEYS);
  const v = params.get('view');
  const view: FollowupView = v && (FOLLOWUP_VIEWS as readonly string[]).includes(v) ? (v as FollowupView) : 'today';
  const filters = useMemo(() => {
    const out = { ...raw } as StepFilters;
    if (out.mine && out.mine !== 'true') delete out.mine;
    return out;
  }, [raw]);
  return { view, filters, limit, update: update as (patch: Partial<StepFilters> & { view?: FollowupView; limit?: number }) => void };
}
