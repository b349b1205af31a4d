import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Article, ArticleSummary, CreateArticle, KnowledgeCategory, SuggestedArticle, UpdateArticle } from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';
import type { AuditRow } from '../audit';

export type ArticleDto = z.infer<typeof Article>;
export type ArticleSummaryDto = z.infer<typeof ArticleSummary>;
export type CategoryDto = z.infer<typeof KnowledgeCategory>;
export type SuggestedArticleDto = z.infer<typeof SuggestedArticle>;
export type CreateArticleBody = z.input<typeof CreateArticle>;
export type UpdateArticleBody = z.input<typeof UpdateArticle>;

export const KNOWLEDGE_KEY = ['knowledge'];

export interface ArticleFilters {
  q?: string;
  categoryId?: string;
  status?: 'draft' | 'published';
  visibility?: 'internal' | 'public';
  tag?: string;
}

export function useCategories() {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'categories'],
    queryFn: ({ signal }) => api.get<{ items: CategoryDto[] }>('/knowledge/categories', undefined, signal),
    select: (d) => d.items,
  });
}

export function useArticles(filters: ArticleFilters & { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'articles', filters],
    queryFn: ({ signal }) =>
      api.get<Page<ArticleSummaryDto>>('/knowledge/articles', { ...filters, includeSubcategories: filters.categoryId ? 'true' : undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'article', id],
    queryFn: ({ signal }) => api.get<ArticleDto>(`/knowledge/articles/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    retry: false,
  });
}

export function useArticleHistory(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'history', id],
    queryFn: ({ signal }) => api.get<{ items: AuditRow[] }>(`/knowledge/articles/${id}/history`, undefined, signal),
    enabled: !!id && enabled,
    select: (d) => d.items,
  });
}

export function useSuggestions(text: string, productCategoryId?: string) {
  const trimmed = text.trim();
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'suggest', trimmed, productCategoryId],
    queryFn: ({ signal }) => api.get<{ items: SuggestedArticleDto[] }>('/knowledge/suggest', { text: trimmed.slice(0, 2000), productCategoryId }, signal),
    enabled: trimmed.length > 0,
    select: (d) => d.items,
    staleTime: 5 * 60_000,
  });
}

/** Catalogue product categories, for the article's "related products" (only for readers of the catalogue). */
export function useProductCategories(enabled: boolean) {
  return useQuery({
    queryKey: ['catalogue', 'categories', 'for-knowledge'],
    queryFn: ({ signal }) => api.get<{ items: { id: string; parentId: string | null; name: string }[] }>('/catalogue/categories', undefined, signal),
    enabled,
    select: (d) => d.items,
    meta: { silentError: true },
  });
}

export function useSaveArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateArticleBody | UpdateArticleBody }) =>
      id ? api.patch<ArticleDto>(`/knowledge/articles/${id}`, body) : api.post<ArticleDto>('/knowledge/articles', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KNOWLEDGE_KEY }),
  });
}

export function useDeleteArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/knowledge/articles/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KNOWLEDGE_KEY }),
  });
}

export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: { name?: string; parentId?: string | null; position?: number } }) =>
      id ? api.patch<CategoryDto>(`/knowledge/categories/${id}`, body) : api.post<CategoryDto>('/knowledge/categories', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KNOWLEDGE_KEY }),
  });
}

export function useDeleteCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/knowledge/categories/${id}`),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KNOWLEDGE_KEY }),
  });
}
