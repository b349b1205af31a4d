import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MemberStoredValueDto, RefundInput, SpendInput, StoredValueEntryDto, StoredValueEntryKind, StoredValueMovementDto, StoredValueSummaryDto, TopUpInput,
  VerifyStoredValueResultDto,
} from '@jiake/shared';
import { api } from '../../shared/api/client';

/** Stored value (储值): a member's balance and statement, top-up, spend, refund, cancel, the summary and the check. */

export type ValueEntry = StoredValueEntryDto;
export type MemberValue = MemberStoredValueDto;
export type Movement = StoredValueMovementDto;
export type ValueSummary = StoredValueSummaryDto;

const VALUE = ['loyalty', 'storedValue'];

export function useMemberValue(memberId: string, params: { kind?: StoredValueEntryKind; limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...VALUE, 'member', memberId, params],
    queryFn: ({ signal }) => api.get<MemberValue>(`/loyalty/members/${memberId}/stored-value`, { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Any movement changes the member's balance and statement, and the summary. */
const refresh = (qc: ReturnType<typeof useQueryClient>) => qc.invalidateQueries({ queryKey: VALUE });

/** A movement with its Idempotency-Key (made once per opening of the dialog, so a retried save moves once). */
function useMovement<B>(path: (memberId: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, body, idempotencyKey }: { memberId: string; body: B; idempotencyKey: string }) =>
      api.post<Movement>(path(memberId), body, { 'idempotency-key': idempotencyKey }),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}

export const useTopUp = () => useMovement<TopUpInput>((id) => `/loyalty/members/${id}/stored-value/top-ups`);
export const useSpend = () => useMovement<SpendInput>((id) => `/loyalty/members/${id}/stored-value/spends`);
export const useRefund = () => useMovement<RefundInput>((id) => `/loyalty/members/${id}/stored-value/refunds`);

export function useCancelSpend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ spendId, reason }: { spendId: string; reason: string | null }) => api.post<Movement>(`/loyalty/stored-value/spends/${spendId}/cancel`, { reason }),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}

export function useValueSummary(params: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...VALUE, 'summary', params],
    queryFn: ({ signal }) => api.get<ValueSummary>('/loyalty/stored-value/summary', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyStoredValue() {
  return useMutation({ mutationFn: () => api.post<VerifyStoredValueResultDto>('/loyalty/stored-value/verify') });
}
