import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateUser, UpdateUser, User as UserSchema } from '@jiake/shared';
import { api } from '../../shared/api/client';

export type User = z.infer<typeof UserSchema>;
export type CreateUserInput = z.input<typeof CreateUser>;
export type UpdateUserInput = z.input<typeof UpdateUser>;

export interface UserQuery {
  q?: string;
  unitId?: string;
  limit?: number;
  offset?: number;
}

export function useUsers(query: UserQuery, enabled = true) {
  return useQuery<User[]>({
    queryKey: ['users', 'list', query],
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/users', { ...query }, signal).then((r) => r.items),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null | undefined) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: ({ signal }) => api.get<User>(`/users/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    staleTime: 5 * 60_000,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserInput) => api.post<User>('/users', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserInput & { id: string }) => api.patch<User>(`/users/${id}`, body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}
