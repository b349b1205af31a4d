import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PoolSettingsDto } from '@jiake/shared';
import { api } from '../../../shared/api/client';
import type { Customer } from '../types';
import { CUSTOMERS_KEY } from './customers';

export function useClaimCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Customer>(`/customers/${id}/claim`),
    onSuccess: () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

export function useReleaseCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) => api.post<Customer>(`/customers/${id}/release`, reason ? { reason } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

const SETTINGS_KEY = ['customer-pool', 'settings'];

export function usePoolSettings(enabled: boolean) {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api.get<PoolSettingsDto>('/customer-pool/settings', undefined, signal),
    enabled,
  });
}

export function useSavePoolSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PoolSettingsDto) => api.put<PoolSettingsDto>('/customer-pool/settings', body),
    meta: { silentError: true },
    onSuccess: (data) => qc.setQueryData(SETTINGS_KEY, data),
  });
}
