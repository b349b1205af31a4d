import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AddFamilyMemberInput, CardDto, CardLimitsInput, CardNumbering, FamilyChangeDto, FamilyDto, IssueCardInput, ReplaceCardInput } from '@jiake/shared';
import { api } from '../../shared/api/client';

/** Member cards and family accounts (LOY-6): a member's cards, card steps, the family, the numbering preview. */

export type Card = CardDto;
export type Family = FamilyDto;
export type FamilyMember = FamilyDto['members'][number];

const KEY = ['loyalty'];
const CARDS = [...KEY, 'cards'];
const FAMILY = [...KEY, 'family'];

/** A card step changes the member's cards, their family's view and the counter lookup; a family change also balances. */
const refresh = (qc: ReturnType<typeof useQueryClient>) =>
  Promise.all([qc.invalidateQueries({ queryKey: CARDS }), qc.invalidateQueries({ queryKey: FAMILY }), qc.invalidateQueries({ queryKey: [...KEY, 'members'] })]);

export function useMemberCards(memberId: string) {
  return useQuery({
    queryKey: [...CARDS, 'member', memberId],
    queryFn: ({ signal }) => api.get<{ items: Card[] }>(`/loyalty/members/${memberId}/cards`, undefined, signal).then((r) => r.items),
  });
}

export function useFamily(memberId: string) {
  return useQuery({
    queryKey: [...FAMILY, memberId],
    queryFn: ({ signal }) => api.get<Family>(`/loyalty/members/${memberId}/family`, undefined, signal),
  });
}

export function useCardNumbering(enabled = true) {
  return useQuery({
    queryKey: [...CARDS, 'numbering'],
    queryFn: ({ signal }) => api.get<z.infer<typeof CardNumbering>>('/loyalty/cards/numbering', undefined, signal),
    enabled,
  });
}

export function useIssueCard(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueCardInput) => api.post<Card>(`/loyalty/members/${memberId}/cards`, body),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}

export type CardStep = 'activate' | 'report-lost' | 'cancel';

/**
 * Put a changed card into every cached card list at once. The step's answer is the card itself, so its row changes
 * the moment the step ends; the rest (family, counter lookup, member) refreshes behind it. Were the step to wait for
 * those refetches, the row would show its new status while its buttons still spin, and a click then is lost.
 */
function putCard(qc: ReturnType<typeof useQueryClient>, card: Card) {
  qc.setQueriesData<Card[]>({ queryKey: [...CARDS, 'member'] }, (list) => list?.map((c) => (c.id === card.id ? card : c)));
  void refresh(qc);
}

/** Activate, report lost or cancel (cancel needs a reason). */
export function useCardStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: CardStep; body?: { note?: string | null; reason?: string } }) => api.post<Card>(`/loyalty/cards/${id}/${step}`, body ?? {}),
    meta: { silentError: true },
    onSuccess: (card) => putCard(qc, card),
  });
}

export function useReplaceCard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReplaceCardInput }) => api.post<Card>(`/loyalty/cards/${id}/replace`, body),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}

export function useCardDiscount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, discountPercent }: { id: string; discountPercent: number | null }) => api.patch<Card>(`/loyalty/cards/${id}`, { discountPercent }),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}

export function useCardLimits() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CardLimitsInput }) => api.put<Card>(`/loyalty/cards/${id}/limits`, body),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}

/** Add a sub member; `idempotencyKey` is made once per dialog opening, so a retried save moves the points once. */
export function useAddFamilyMember(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: AddFamilyMemberInput; idempotencyKey: string }) =>
      api.post<FamilyChangeDto>(`/loyalty/members/${memberId}/family`, body, { 'idempotency-key': idempotencyKey }),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}

export function useRemoveFamilyMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => api.delete<FamilyChangeDto>(`/loyalty/members/${memberId}/family`),
    meta: { silentError: true },
    onSuccess: () => refresh(qc),
  });
}
