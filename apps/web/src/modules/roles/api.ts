import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateRole, Role as RoleSchema, UpdateRole } from '@jiake/shared';
import { api } from '../../shared/api/client';

export type Role = z.infer<typeof RoleSchema>;
export type CreateRoleInput = z.input<typeof CreateRole>;
export type UpdateRoleInput = z.input<typeof UpdateRole>;

const ROLES_KEY = ['roles'];

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: ({ signal }) => api.get<{ items: Role[] }>('/roles', undefined, signal).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

/** Every permission key a role can grant. */
export function usePermissionKeys() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: ({ signal }) => api.get<{ items: string[] }>('/permissions', undefined, signal).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoleInput) => api.post<Role>('/roles', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: ROLES_KEY }),
  });
}

export function useUpdateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateRoleInput & { id: string }) => api.patch<Role>(`/roles/${id}`, body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: ROLES_KEY }),
  });
}
