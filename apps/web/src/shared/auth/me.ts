import { useQuery } from '@tanstack/react-query';
import type { Me } from '@jiake/shared';
import { api, isApiError } from '../api/client';
import { ME_KEY } from '../api/query-client';

/** The signed-in user (null when not signed in): permissions, data scope and field rules. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await api.get<Me>('/auth/me', undefined, signal);
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user inside the authenticated area (the auth gate guarantees it). */
export function useCurrentUser(): Me | null {
  return useMe().data ?? null;
}
