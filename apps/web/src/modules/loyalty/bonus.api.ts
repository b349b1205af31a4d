import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BonusPreviewInput, BonusPreviewResultDto, BonusRuleDto, CreateBonusRuleInput, UpdateBonusRuleInput } from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';

/** Bonus points rules (奖励积分规则, LOY-2) and the award preview. */

export type BonusRule = BonusRuleDto;
export type BonusPreviewResult = BonusPreviewResultDto;

const RULES = ['loyalty', 'bonusRules'];

export function useBonusRules(params: { active?: 'true' | 'false'; limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...RULES, 'list', params],
    queryFn: ({ signal }) => api.get<Page<BonusRule>>('/loyalty/bonus-rules', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSaveBonusRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateBonusRuleInput | UpdateBonusRuleInput }) =>
      id ? api.patch<BonusRule>(`/loyalty/bonus-rules/${id}`, body) : api.post<BonusRule>('/loyalty/bonus-rules', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: RULES }),
  });
}

/** Active on: PATCH active=true; off: DELETE (the rule is kept, deactivated). */
export function useSetBonusRuleActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      active ? api.patch<BonusRule>(`/loyalty/bonus-rules/${id}`, { active: true }) : api.delete<BonusRule>(`/loyalty/bonus-rules/${id}`),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: RULES }),
  });
}

export function useBonusPreview() {
  return useMutation({
    mutationFn: (body: BonusPreviewInput) => api.post<BonusPreviewResult>('/loyalty/bonus-rules/preview', body),
    meta: { silentError: true },
  });
}
