import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { rolesCreate, rolesList, rolesRemove, rolesUpdate } from '@/api/client';
import type { CreateRoleDto, UpdateRoleDto } from '@/api/client';

export const roleKeys = {
  all: ['roles'] as const,
  lists: () => [...roleKeys.all, 'list'] as const,
  list: (params: { page: number; pageSize: number }) => [...roleKeys.lists(), params] as const,
};

/** Roles are few; the dashboard loads them in one page of the maximum size. */
export function rolesListQueryOptions(params = { page: 1, pageSize: 100 }) {
  return queryOptions({
    queryKey: roleKeys.list(params),
    queryFn: async ({ signal }) => (await rolesList({ query: params, signal, throwOnError: true })).data,
  });
}

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateRoleDto) => (await rolesCreate({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UpdateRoleDto }) => (await rolesUpdate({ path: { id }, body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await rolesRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}
