import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CodeRequested, PublicArticle, PublicArticleSummary, PublicCategory, PublicPage, PublicRequest, SelfServiceMe, SubmitSelfServiceRequest } from '@jiake/shared';
import { api, isApiError } from '../../shared/api/client';

export type PublicPageDto = z.infer<typeof PublicPage>;
export type VisitorDto = z.infer<typeof SelfServiceMe>;
export type PublicRequestDto = z.infer<typeof PublicRequest>;
export type PublicArticleDto = z.infer<typeof PublicArticle>;
export type PublicArticleSummaryDto = z.infer<typeof PublicArticleSummary>;
export type PublicCategoryDto = z.infer<typeof PublicCategory>;
export type SubmitBody = z.input<typeof SubmitSelfServiceRequest>;
export type Channel = 'sms' | 'email';

/** Everything of one brand's page lives under its own key (and its own API path, where its session cookie lives). */
const key = (code: string) => ['selfService', code];
const base = (code: string) => `/public/${encodeURIComponent(code)}`;

export function usePublicTenant(code: string) {
  return useQuery({
    queryKey: [...key(code), 'tenant'],
    queryFn: ({ signal }) => api.get<PublicPageDto>(base(code), undefined, signal),
    meta: { silentError: true },
    retry: false,
    staleTime: 10 * 60_000,
  });
}

/** The verified visitor, or null before verification (or after the session ended). */
export function useVisitor(code: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(code), 'session'],
    queryFn: async ({ signal }): Promise<VisitorDto | null> => {
      try {
        return await api.get<VisitorDto>(`${base(code)}/session`, undefined, signal);
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    enabled,
    staleTime: 60_000,
  });
}

export function useRequestCode(code: string) {
  return useMutation({
    mutationFn: (body: { channel: Channel; to: string }) => api.post<z.infer<typeof CodeRequested>>(`${base(code)}/verification-codes`, body),
    meta: { silentError: true },
  });
}

export function useVerify(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { channel: Channel; to: string; code: string }) => api.post<VisitorDto>(`${base(code)}/sessions`, body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: key(code) }),
  });
}

export function useEndSession(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<{ ok: true }>(`${base(code)}/session`),
    onSettled: () => qc.resetQueries({ queryKey: key(code) }),
  });
}

/** A 401 means the session ended: the page goes back to verification. */
function useSessionGone(code: string) {
  const qc = useQueryClient();
  return (e: unknown) => {
    if (isApiError(e) && e.status === 401) qc.setQueryData([...key(code), 'session'], null);
  };
}

export function useMyRequests(code: string, open: boolean, enabled: boolean) {
  const gone = useSessionGone(code);
  return useQuery({
    queryKey: [...key(code), 'requests', open],
    queryFn: async ({ signal }) => {
      try {
        return (await api.get<{ items: PublicRequestDto[] }>(`${base(code)}/requests`, { open: open ? 'true' : undefined }, signal)).items;
      } catch (e) {
        gone(e);
        throw e;
      }
    },
    enabled,
    placeholderData: keepPreviousData,
  });
}

function useRequestAction<B>(code: string, path: (id: string) => string) {
  const qc = useQueryClient();
  const gone = useSessionGone(code);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => api.post<PublicRequestDto>(`${base(code)}${path(id)}`, body),
    meta: { silentError: true },
    onError: gone,
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key(code), 'requests'] }),
  });
}

export const useConfirmRequest = (code: string) => useRequestAction<{ satisfaction: number; comment?: string | null }>(code, (id) => `/requests/${id}/confirm`);
export const useReplyRequest = (code: string) => useRequestAction<{ body: string }>(code, (id) => `/requests/${id}/messages`);
export const useReopenRequest = (code: string) => useRequestAction<{ reason: string }>(code, (id) => `/requests/${id}/reopen`);

export function useSubmitRequest(code: string) {
  const qc = useQueryClient();
  const gone = useSessionGone(code);
  return useMutation({
    mutationFn: (body: SubmitBody) => api.post<PublicRequestDto>(`${base(code)}/requests`, body),
    meta: { silentError: true },
    onError: gone,
    onSuccess: () => qc.invalidateQueries({ queryKey: key(code) }),
  });
}

export function usePublicCategories(code: string) {
  return useQuery({
    queryKey: [...key(code), 'categories'],
    queryFn: ({ signal }) => api.get<{ items: PublicCategoryDto[] }>(`${base(code)}/categories`, undefined, signal),
    select: (d) => d.items,
  });
}

export function usePublicArticles(code: string, q: string, categoryId: string | undefined) {
  return useInfiniteQuery({
    queryKey: [...key(code), 'articles', q, categoryId],
    queryFn: ({ signal, pageParam }) =>
      api.get<{ items: PublicArticleSummaryDto[]; nextCursor: string | null }>(`${base(code)}/articles`, { q, categoryId, cursor: pageParam, limit: 20 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function usePublicArticle(code: string, id: string | null) {
  return useQuery({
    queryKey: [...key(code), 'article', id],
    queryFn: ({ signal }) => api.get<PublicArticleDto>(`${base(code)}/articles/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePublicSuggestions(code: string, text: string) {
  const trimmed = text.trim();
  return useQuery({
    queryKey: [...key(code), 'suggest', trimmed],
    queryFn: ({ signal }) => api.get<{ items: PublicArticleSummaryDto[] }>(`${base(code)}/articles/suggest`, { text: trimmed.slice(0, 2000) }, signal),
    enabled: trimmed.length >= 4,
    select: (d) => d.items,
    meta: { silentError: true },
  });
}
