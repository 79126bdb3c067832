import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorized } from '@/api/http';

/**
 * One QueryClient for the app. Any 401 from a query or mutation calls onUnauthorized (the app sends
 * the user to the login page); client errors (4xx) are not retried.
 */
export function createAppQueryClient(onUnauthorized: () => void = () => undefined): QueryClient {
  const handle = (error: unknown) => {
    if (isUnauthorized(error)) onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({ onError: handle }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
