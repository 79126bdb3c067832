import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { permissionsCreate, permissionsList } from '@/api/client';
import type { CreatePermissionDto } from '@/api/client';

export const permissionKeys = {
  all: ['permissions'] as const,
  list: () => [...permissionKeys.all, 'list'] as const,
};

export function permissionsQueryOptions() {
  return queryOptions({
    queryKey: permissionKeys.list(),
    queryFn: async ({ signal }) => (await permissionsList({ signal, throwOnError: true })).data,
    staleTime: 5 * 60_000,
  });
}

/** Creates an object-level permission row (resourceType, action, resourceId) that roles can then hold. */
export function useCreatePermission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreatePermissionDto) => (await permissionsCreate({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: permissionKeys.all }),
  });
}
