import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { authLogin, authLogout, authMe } from '@/api/client';
import type { LoginDto } from '@/api/client';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

export function meQueryOptions() {
  return queryOptions({
    queryKey: authKeys.me(),
    queryFn: async ({ signal }) => (await authMe({ signal, throwOnError: true })).data,
    staleTime: 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginDto) => (await authLogin({ body, throwOnError: true })).data,
    onSuccess: (result) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), result.user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await authLogout({ throwOnError: true });
    },
    onSettled: () => queryClient.clear(),
  });
}
