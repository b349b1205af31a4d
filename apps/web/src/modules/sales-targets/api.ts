import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SalesTargetDto, SetTargetInput, SplitTargetInput, TargetProgressDto, UpdateTargetInput } from '@jiake/shared';
import { api } from '../../shared/api/client';

export const TARGETS_KEY = ['targets'];

/** The tree under a unit (default: the user's own) with targets, roll-up and progress for a period. */
export function useTargetProgress(period: string, unitId?: string) {
  return useQuery({
    queryKey: [...TARGETS_KEY, 'progress', period, unitId ?? null],
    queryFn: ({ signal }) => api.get<TargetProgressDto>('/targets/progress', { period, unitId }, signal),
    placeholderData: keepPreviousData,
    meta: { silentError: true },
    retry: false,
  });
}

/** Every change refreshes the tree (roll-ups and percentages move with it). */
function useTargetMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, meta: { silentError: true }, onSuccess: () => qc.invalidateQueries({ queryKey: TARGETS_KEY }) });
}

export const useSetTarget = () => useTargetMutation((body: SetTargetInput) => api.put<SalesTargetDto>('/targets', body));
export const useUpdateTarget = () => useTargetMutation(({ id, body }: { id: string; body: UpdateTargetInput }) => api.patch<SalesTargetDto>(`/targets/${id}`, body));
export const useDeleteTarget = () => useTargetMutation((id: string) => api.delete<{ ok: true }>(`/targets/${id}`));
export const useSplitTarget = () => useTargetMutation((body: SplitTargetInput) => api.post<{ parent: SalesTargetDto; children: SalesTargetDto[] }>('/targets/split', body));
