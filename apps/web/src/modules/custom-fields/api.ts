import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateCustomFieldDef, CustomFieldDef as DefSchema, UpdateCustomFieldDef } from '@jiake/shared';
import { api } from '../../shared/api/client';

export type CustomFieldDef = z.infer<typeof DefSchema>;
export type CreateCustomFieldInput = z.input<typeof CreateCustomFieldDef>;
export type UpdateCustomFieldInput = z.input<typeof UpdateCustomFieldDef>;

const KEY = ['custom-fields'];

/** Definitions of one object's custom fields, in display order. */
export function useCustomFieldDefs(object: 'customer' = 'customer') {
  return useQuery({
    queryKey: [...KEY, object],
    queryFn: ({ signal }) => api.get<{ items: CustomFieldDef[] }>('/custom-fields', { object }, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useCreateCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomFieldInput) => api.post<CustomFieldDef>('/custom-fields', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateCustomFieldInput & { id: string }) => api.patch<CustomFieldDef>(`/custom-fields/${id}`, body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<CustomFieldDef>(`/custom-fields/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
