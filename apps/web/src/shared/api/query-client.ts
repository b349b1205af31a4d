import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import { errorText } from './errors';
import { notify } from './notify';

export const ME_KEY = ['auth', 'me'] as const;

/** Per-query/mutation switch: the caller shows the error itself (e.g. on form fields). */
declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silentError?: boolean };
    mutationMeta: { silentError?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (isApiError(err) && err.status === 401) {
          // Session expired or ended elsewhere: the auth gate sends the user to the login page.
          client.setQueryData(ME_KEY, null);
          return;
        }
        if (!query.meta?.silentError) notify.error(errorText(err));
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        if (isApiError(err) && err.status === 401) {
          client.setQueryData(ME_KEY, null);
          return;
        }
        if (!mutation.meta?.silentError) notify.error(errorText(err));
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => !(isApiError(err) && err.status > 0 && err.status < 500) && count < 2,
      },
    },
  });
  return client;
}
