import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CreateGiftInput, type CreateRedemptionInput, type GiftDto, type RedemptionDto, normaliseCardNumber } from '@jiake/shared';
import { api, isApiError, type Page } from '../../shared/api/client';
import type { LookupHit } from './api';

/** Web hooks of the redemption counter and the gift catalogue (LOY-3, LOY-7). */

export type Gift = GiftDto;
export type Redemption = RedemptionDto;

export interface GiftFilters {
  active?: 'true' | 'false';
}
export interface RedemptionFilters {
  memberId?: string;
  storeId?: string;
  kind?: string;
  status?: string;
}

const KEY = ['loyalty'];
/** The same prefix as api.ts: a member's balance, statement and lookups refresh together. */
const MEMBERS = [...KEY, 'members'];
const GIFTS = [...KEY, 'gifts'];
const REDEMPTIONS = [...KEY, 'redemptions'];

// ---------- the counter's one search box ----------

export type LookupQuery = { card: string } | { number: string } | { phone: string };

/**
 * What one typed text may be, as lookups the server answers (GET /loyalty/members/lookup takes exactly one of card,
 * number or phone): digits (a trailing X under MOD 11) may be a card number; letters and digits may be a member number
 * (the prefix may be empty, so digits alone may be one too); digits with the usual phone punctuation may be a phone.
 * A digits-only text is tried every way; the card comes first, so a hit found by its card carries that card.
 */
export function lookupProbes(text: string): LookupQuery[] {
  const s = text.trim();
  if (!s || s.length > 40) return [];
  const compact = s.replace(/[\s-]/g, '');
  const probes: LookupQuery[] = [];
  const card = normaliseCardNumber(s);
  if (/^[0-9]{6,}X?$/.test(card)) probes.push({ card });
  if (/^[A-Za-z0-9]+$/.test(compact)) probes.push({ number: compact.toUpperCase() });
  if (/^\+?[\d\s()-]+$/.test(s) && compact.replace(/\D/g, '').length >= 5) probes.push({ phone: s });
  return probes;
}

/** Why a probe found nobody when the text was not what it tried (a card number whose check digit fails). */
export type LookupProblem = 'check_digit' | null;
interface Probed {
  hits: LookupHit[];
  problem: LookupProblem;
}

/** One lookup; a text that is not a phone or card number after all (422) finds nobody rather than failing the search. */
const lookup = (q: LookupQuery, signal?: AbortSignal): Promise<Probed> =>
  api
    .get<{ items: LookupHit[] }>('/loyalty/members/lookup', { ...q }, signal)
    .then((r) => ({ hits: r.items, problem: null }))
    .catch((e: unknown) => {
      if (isApiError(e) && e.code === 'validation_failed') return { hits: [], problem: e.issues.some((i) => i.code === 'check_digit') ? 'check_digit' : null };
      throw e;
    });

type LookupResult = { data?: Probed; isFetching: boolean; isPending: boolean; error: Error | null };

/** The hits of every probe, one per member, in the order probed; a problem only matters when nobody was found. */
function mergeHits(results: LookupResult[]) {
  const seen = new Set<string>();
  const hits: LookupHit[] = [];
  for (const r of results) for (const h of r.data?.hits ?? []) if (!seen.has(h.memberId) && seen.add(h.memberId)) hits.push(h);
  return {
    hits,
    problem: hits.length ? null : (results.find((r) => r.data?.problem)?.data?.problem ?? null),
    isFetching: results.some((r) => r.isFetching),
    done: results.length > 0 && results.every((r) => !r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

/** The counter search: every probe of the text at once, hits merged (one card per member). */
export function useCounterLookup(text: string | null) {
  const probes = text ? lookupProbes(text) : [];
  const found = useQueries({
    queries: probes.map((q) => ({
      // Not api.ts's lookup key: these entries hold probe results, not plain hits.
      queryKey: [...MEMBERS, 'counter-lookup', q],
      queryFn: ({ signal }: { signal: AbortSignal }) => lookup(q, signal),
      staleTime: 0,
    })),
    combine: mergeHits,
  });
  // A text that is neither a phone nor a number (a name) finds nobody without asking the server.
  return { ...found, searched: !!text, done: probes.length ? found.done : !!text };
}

/** The card the staff typed or scanned, when the member was found by it (it goes with the redemption). */
export function presentedCard(hit: LookupHit, text: string | null): NonNullable<LookupHit['card']> | null {
  return hit.card && text && hit.card.number === normaliseCardNumber(text) ? hit.card : null;
}

/** Search the same text again (a second Enter): the lookups answer afresh. */
export function useRefreshLookup() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [...MEMBERS, 'counter-lookup'] });
}

// ---------- gifts ----------

export function useGiftList(params: GiftFilters & { limit: number; cursor?: string }, enabled = true) {
  return useQuery({
    queryKey: [...GIFTS, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Gift>>('/loyalty/gifts', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Add a gift, or change one (a `stock` given replaces the count; `active: false` withdraws it from the counter). */
export function useSaveGift() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<CreateGiftInput> }) =>
      id ? api.patch<Gift>(`/loyalty/gifts/${id}`, body) : api.post<Gift>('/loyalty/gifts', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: GIFTS }),
  });
}

// ---------- redemptions ----------

/** Redemptions of the caller's stores (where they happened), newest first; `memberId` narrows to one member. */
export function useRedemptionList(params: RedemptionFilters & { limit: number; cursor?: string }, enabled = true) {
  return useQuery({
    queryKey: [...REDEMPTIONS, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Redemption>>('/loyalty/redemptions', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Points moved: balances, statements, lookups, redemption lists and gift stock all change. */
const refreshAfterRedemption = (qc: ReturnType<typeof useQueryClient>) =>
  Promise.all([MEMBERS, REDEMPTIONS, GIFTS].map((queryKey) => qc.invalidateQueries({ queryKey })));

export { newIdempotencyKey } from '../../shared/api/idempotency';

export interface RedeemResult {
  redemption: Redemption;
  /** The member's balance read back after the redemption (the lookup by number); null when it could not be read. */
  balanceAfter: number | null;
}

/**
 * Redeem at the counter. The caller makes `idempotencyKey` once per opening of the dialog, so a double click or a
 * retry after a lost answer redeems once (the server answers the first result again).
 */
export function useRedeem(memberId: string, memberNumber: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: CreateRedemptionInput; idempotencyKey: string }): Promise<RedeemResult> => {
      const redemption = await api.post<Redemption>(`/loyalty/members/${memberId}/redemptions`, body, { 'idempotency-key': idempotencyKey });
      const { hits } = await lookup({ number: memberNumber }).catch(() => ({ hits: [] as LookupHit[] }));
      return { redemption, balanceAfter: hits.find((h) => h.memberId === memberId)?.balance ?? null };
    },
    meta: { silentError: true },
    onSuccess: () => refreshAfterRedemption(qc),
    // A 409 means stock, balance or the gift changed meanwhile: show the dialog what is true now.
    onError: () => refreshAfterRedemption(qc),
  });
}

/** Cancel a redemption once (loyalty:adjust): the points go back to their lots, a gift back in stock. */
export function useCancelRedemption() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<Redemption>(`/loyalty/redemptions/${id}/cancel`, { reason }),
    meta: { silentError: true },
    onSuccess: () => refreshAfterRedemption(qc),
  });
}

// ---------- the programme's stated cash rule (contracts/loyalty.ts, redemption.pointsPerYuan) ----------

/** Points a cash deduction of `fen` costs: ceil(fen × pointsPerYuan ÷ 100), in integers, as the server prices it. */
export const pointsForCash = (fen: number, pointsPerYuan: number): number => Math.floor((fen * pointsPerYuan + 99) / 100);

/** The largest deduction in fen that `points` cover at `pointsPerYuan` (the inverse of pointsForCash). */
export const cashForPoints = (points: number, pointsPerYuan: number): number => (points <= 0 ? 0 : Math.floor((points * 100) / pointsPerYuan));
