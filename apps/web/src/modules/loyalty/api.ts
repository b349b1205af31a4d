import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdjustmentDto, ConsentGrantInput, CreateAdjustmentInput, EnrolMemberInput, LoyaltySettingsDto, MemberDto, MemberLookupResult, PointsEntryDto,
  UpdateLoyaltySettingsInput, VerifyLedgerResultDto,
} from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';

export type Member = MemberDto;
export type Entry = PointsEntryDto;
export type Adjustment = AdjustmentDto;
export type Settings = LoyaltySettingsDto;
export type LookupHit = z.infer<typeof MemberLookupResult>['items'][number];

export interface MemberFilters {
  status?: string;
  joinStoreId?: string;
  number?: string;
  enrolledFrom?: string;
  enrolledTo?: string;
}
export interface EntryFilters {
  kind?: string;
  from?: string;
  to?: string;
}

const KEY = ['loyalty'];
const MEMBERS = [...KEY, 'members'];
const ADJUSTMENTS = [...KEY, 'adjustments'];

export function useMemberList(params: MemberFilters & { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...MEMBERS, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Member>>('/loyalty/members', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMember(id: string | undefined) {
  return useQuery({
    queryKey: [...MEMBERS, 'one', id],
    queryFn: ({ signal }) => api.get<Member>(`/loyalty/members/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    retry: false,
  });
}

/** The counter lookup across the brand: exactly one of phone, member number or card number. */
export function useMemberLookup(q: { phone?: string; number?: string; card?: string } | null) {
  return useQuery({
    queryKey: [...MEMBERS, 'lookup', q],
    queryFn: ({ signal }) => api.get<{ items: LookupHit[] }>('/loyalty/members/lookup', { ...q }, signal).then((r) => r.items),
    enabled: !!q,
  });
}

export function useEnrol() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EnrolMemberInput) => api.post<Member>('/loyalty/members', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: MEMBERS }),
  });
}

export function useRecordConsent(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentGrantInput) => api.post<Member>(`/loyalty/members/${memberId}/consents`, body),
    onSuccess: (m) => qc.setQueryData([...MEMBERS, 'one', m.id], m),
  });
}

export function useEntries(memberId: string, params: EntryFilters & { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...MEMBERS, 'entries', memberId, params],
    queryFn: ({ signal }) => api.get<Page<Entry>>(`/loyalty/members/${memberId}/entries`, { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAdjustmentList(params: { status?: string; memberId?: string; limit: number; cursor?: string }, enabled = true) {
  return useQuery({
    queryKey: [...ADJUSTMENTS, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Adjustment>>('/loyalty/adjustments', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A change of points moves the balance, the statement and the approval queue. */
const refreshPoints = (qc: ReturnType<typeof useQueryClient>) => Promise.all([qc.invalidateQueries({ queryKey: MEMBERS }), qc.invalidateQueries({ queryKey: ADJUSTMENTS })]);

/** A manual adjustment; `idempotencyKey` is made once per dialog opening, so a retried save answers the first. */
export function useRequestAdjustment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateAdjustmentInput; idempotencyKey: string }) =>
      api.post<Adjustment>('/loyalty/adjustments', body, { 'idempotency-key': idempotencyKey }),
    meta: { silentError: true },
    onSuccess: () => refreshPoints(qc),
  });
}

export function useDecideAdjustment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, approve, note }: { id: string; approve: boolean; note?: string | null }) =>
      api.post<Adjustment>(`/loyalty/adjustments/${id}/${approve ? 'approve' : 'reject'}`, approve ? { note: note || null } : { note }),
    meta: { silentError: true },
    onSuccess: () => refreshPoints(qc),
  });
}

export function useLoyaltySettings(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => api.get<Settings>('/loyalty/settings', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useUpdateLoyaltySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateLoyaltySettingsInput) => api.patch<Settings>('/loyalty/settings', body),
    meta: { silentError: true },
    onSuccess: (s) => qc.setQueryData([...KEY, 'settings'], s),
  });
}

export function useVerifyLedger() {
  return useMutation({ mutationFn: () => api.post<VerifyLedgerResultDto>('/loyalty/verify') });
}
