import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../../shared/api/client';
import type { CreateCustomerBody, Customer, Customer360, CustomerFilters, UpdateCustomerBody } from '../types';

export const CUSTOMERS_KEY = ['customers'];

export interface ListParams extends CustomerFilters {
  limit: number;
  cursor?: string;
  withTotal?: 'true';
}

export function useCustomerList(params: ListParams) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Customer>>('/customers', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Customer360>(`/customers/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    retry: false,
  });
}

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerBody) => api.post<Customer>('/customers', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

export function useUpdateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCustomerBody }) => api.patch<Customer>(`/customers/${id}`, body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

export function useDeleteCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/customers/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

/** Full numbers; each call is written to the audit trail. */
export function useRevealPhones() {
  return useMutation({
    mutationFn: (id: string) => api.post<{ phones: string[] }>(`/customers/${id}/reveal-phones`),
  });
}

export function useTransferCustomers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerIds: string[]; ownerId?: string | null; storeId?: string }) =>
      api.post<{ updated: number }>('/customers/transfer', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}
