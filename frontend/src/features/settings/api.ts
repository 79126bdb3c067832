import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authChangePassword, authUpdateMe } from '@/api/client';
import type { ChangePasswordDto } from '@/api/client';
import { authKeys } from '@/features/auth/api';

export const settingsKeys = {
  all: ['settings'] as const,
};

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...settingsKeys.all, 'profile'],
    mutationFn: async (body: { name: string }) => (await authUpdateMe({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationKey: [...settingsKeys.all, 'password'],
    mutationFn: async (body: ChangePasswordDto) => {
      await authChangePassword({ body, throwOnError: true });
    },
  });
}
