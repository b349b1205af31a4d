import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client';
import type { Customer } from '../types';
import { CUSTOMERS_KEY } from './customers';

export interface DuplicateGroup {
  key: string;
  reason: 'samePhone' | 'sameNameSimilarPhone' | 'sameName';
  customers: Customer[];
}

export function useDuplicateGroups(params: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'duplicates', params],
    queryFn: ({ signal }) => api.get<{ items: DuplicateGroup[]; nextCursor: string | null }>('/customers/duplicates', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMergeCustomers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { survivorId: string; mergedIds: string[] }) => api.post<Customer>('/customers/merge', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}
