import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangeMemberTierInput, MemberTierDto, ReplaceTiersInput, TierDto, TierMixDto } from '@jiake/shared';
import { api } from '../../shared/api/client';

/** Member tiers (LOY-5): the tier table, a member's tier and its manual change, the tier mix. */

export type Tier = TierDto;
export type MemberTier = MemberTierDto;
export type TierMix = TierMixDto;

const TIERS = ['loyalty', 'tiers'];
const MEMBER_TIER = ['loyalty', 'members', 'tier'];

export function useTiers(enabled = true) {
  return useQuery({
    queryKey: [...TIERS, 'list'],
    queryFn: ({ signal }) => api.get<{ items: Tier[] }>('/loyalty/tiers', undefined, signal).then((r) => r.items),
    staleTime: 60_000,
    enabled,
  });
}

/** Replace the whole table (lowest first); members' tiers and the mix are read again. */
export function useReplaceTiers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplaceTiersInput) => api.put<{ items: Tier[] }>('/loyalty/tiers', body).then((r) => r.items),
    meta: { silentError: true },
    onSuccess: (items) => {
      qc.setQueryData([...TIERS, 'list'], items);
      return Promise.all([qc.invalidateQueries({ queryKey: [...TIERS, 'mix'] }), qc.invalidateQueries({ queryKey: MEMBER_TIER })]);
    },
  });
}

export function useTierMix(enabled = true) {
  return useQuery({
    queryKey: [...TIERS, 'mix'],
    queryFn: ({ signal }) => api.get<TierMix>('/loyalty/tiers/mix', undefined, signal),
    enabled,
  });
}

export function useMemberTier(memberId: string) {
  return useQuery({
    queryKey: [...MEMBER_TIER, memberId],
    queryFn: ({ signal }) => api.get<MemberTier>(`/loyalty/members/${memberId}/tier`, undefined, signal),
  });
}

export function useChangeMemberTier(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeMemberTierInput) => api.post<MemberTier>(`/loyalty/members/${memberId}/tier`, body),
    meta: { silentError: true },
    onSuccess: (m) => {
      qc.setQueryData([...MEMBER_TIER, memberId], m);
      return qc.invalidateQueries({ queryKey: [...TIERS] });
    },
  });
}
