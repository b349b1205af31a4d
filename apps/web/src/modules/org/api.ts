import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateOrgUnit, OrgUnit as OrgUnitSchema, UpdateOrgUnit } from '@jiake/shared';
import { api } from '../../shared/api/client';

export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type CreateOrgUnitInput = z.input<typeof CreateOrgUnit>;
export type UpdateOrgUnitInput = z.input<typeof UpdateOrgUnit>;

const UNITS_KEY = ['org', 'units'];

/** Every unit the caller may see, parents first. */
export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: UNITS_KEY,
    queryFn: ({ signal }) => api.get<{ items: OrgUnit[] }>('/org/units', undefined, signal).then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrgUnitInput) => api.post<OrgUnit>('/org/units', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: UNITS_KEY }),
  });
}

export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateOrgUnitInput & { id: string }) => api.patch<OrgUnit>(`/org/units/${id}`, body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: UNITS_KEY }),
  });
}
