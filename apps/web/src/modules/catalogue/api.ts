import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CategoryDto, ProductDto, SeriesDto } from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';

export type Category = CategoryDto;
export type Series = SeriesDto;
export type Product = ProductDto;

export const CATALOGUE_KEY = ['catalogue'];

export interface ProductFilters {
  q?: string;
  categoryId?: string;
  seriesId?: string;
  status?: 'active' | 'discontinued';
}

export function useCategories(enabled = true) {
  return useQuery({
    queryKey: [...CATALOGUE_KEY, 'categories'],
    queryFn: ({ signal }) => api.get<{ items: Category[] }>('/catalogue/categories', undefined, signal).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export function useSeries(enabled = true) {
  return useQuery({
    queryKey: [...CATALOGUE_KEY, 'series'],
    queryFn: ({ signal }) => api.get<{ items: Series[] }>('/catalogue/series', undefined, signal).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export function useProducts(params: ProductFilters & { limit: number; cursor?: string }, enabled = true) {
  return useQuery({
    queryKey: [...CATALOGUE_KEY, 'products', params],
    queryFn: ({ signal }) => api.get<Page<Product>>('/catalogue/products', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A write to the catalogue; every list of it is refreshed afterwards. */
function useCatalogueMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, meta: { silentError: true }, onSuccess: () => qc.invalidateQueries({ queryKey: CATALOGUE_KEY }) });
}

export type CategoryBody = { name: string; parentId?: string | null; code?: string | null; sortOrder?: number };
export const useSaveCategory = () =>
  useCatalogueMutation(({ id, body }: { id?: string; body: CategoryBody }) =>
    id ? api.patch<Category>(`/catalogue/categories/${id}`, body) : api.post<Category>('/catalogue/categories', body),
  );
export const useDeleteCategory = () => useCatalogueMutation((id: string) => api.delete<{ ok: true }>(`/catalogue/categories/${id}`));

export type SeriesBody = { name: string; code?: string | null; style?: string | null; description?: string | null; status?: Series['status'] };
export const useSaveSeries = () =>
  useCatalogueMutation(({ id, body }: { id?: string; body: SeriesBody }) =>
    id ? api.patch<Series>(`/catalogue/series/${id}`, body) : api.post<Series>('/catalogue/series', body),
  );
export const useDeleteSeries = () => useCatalogueMutation((id: string) => api.delete<{ ok: true }>(`/catalogue/series/${id}`));

export type ProductBody = Partial<Omit<Product, 'id' | 'categoryName' | 'seriesName' | 'createdAt' | 'updatedAt'>>;
export const useSaveProduct = () =>
  useCatalogueMutation(({ id, body }: { id?: string; body: ProductBody }) =>
    id ? api.patch<Product>(`/catalogue/products/${id}`, body) : api.post<Product>('/catalogue/products', body),
  );
