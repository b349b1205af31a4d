import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiKey as ApiKeySchema, CreateApiKey } from '@jiake/shared';
import { api } from '../../shared/api/client';

export type ApiKey = z.infer<typeof ApiKeySchema>;
export type CreateApiKeyInput = z.input<typeof CreateApiKey>;

const KEY = ['api-keys'];

export function useApiKeys() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<{ items: ApiKey[] }>('/api-keys', undefined, signal).then((r) => r.items),
  });
}

/** The answer carries the secret once: `key`. */
export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyInput) => api.post<ApiKey & { key: string }>('/api-keys', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ApiKey>(`/api-keys/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
