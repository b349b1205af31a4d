import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FollowupCountsDto, FollowupStepDto, FollowupView } from '@jiake/shared';
import { api, type Page } from '../../../shared/api/client';
import type { AuditRow } from '../../audit';

export const FOLLOWUPS_KEY = ['followups'];

export interface StepFilters {
  mine?: 'true';
  storeId?: string;
  ownerId?: string;
  stepKey?: string;
}

export function useFollowupSteps(params: StepFilters & { view: FollowupView; limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...FOLLOWUPS_KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<FollowupStepDto>>('/followup-steps', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Badge counts of the pending tabs (capped at `cap`). */
export function useFollowupCounts(filters: StepFilters) {
  return useQuery({
    queryKey: [...FOLLOWUPS_KEY, 'counts', filters],
    queryFn: ({ signal }) => api.get<FollowupCountsDto>('/followup-steps/counts', { ...filters }, signal),
  });
}

/** The steps of one order; a 404 (not paid yet, or out of reach) is an empty timeline, not an error. */
export function useOrderFollowupSteps(orderId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...FOLLOWUPS_KEY, 'order', orderId],
    queryFn: ({ signal }) => api.get<{ items: FollowupStepDto[] }>(`/orders/${orderId}/followup-steps`, undefined, signal),
    meta: { silentError: true },
    retry: false,
  });
}

export function useStepHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...FOLLOWUPS_KEY, 'history', id],
    queryFn: ({ signal }) => api.get<{ items: AuditRow[] }>(`/followup-steps/${id}/history`, undefined, signal).then((r) => r.items),
    enabled,
  });
}

export function useOwnerCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...FOLLOWUPS_KEY, 'candidates', id],
    queryFn: ({ signal }) => api.get<{ items: { id: string; displayName: string }[] }>(`/followup-steps/${id}/owner-candidates`, undefined, signal).then((r) => r.items),
    enabled,
  });
}

export type StepAction = 'complete' | 'skip' | 'reschedule' | 'reassign' | 'reopen';
export interface ActionBodies {
  complete: { outcome?: string | null; satisfaction?: number | null };
  skip: { reason: string };
  reschedule: { dueDate: string; timeOfDay?: string | null; reason: string };
  reassign: { ownerId: string };
  reopen: { reason: string };
}

/** One action on a step; every follow-up list and timeline refreshes afterwards. */
export function useStepAction<A extends StepAction>(action: A) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ActionBodies[A] }) => api.post<FollowupStepDto>(`/followup-steps/${id}/${action}`, body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: FOLLOWUPS_KEY }),
  });
}
