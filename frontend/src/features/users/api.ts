import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  usersCreate,
  usersList,
  usersRemove,
  usersSetRoles,
  usersUpdate,
} from '@/api/client';
import type { CreateUserDto, UpdateUserDto } from '@/api/client';

export interface UsersListParams {
  page: number;
  pageSize: number;
  q?: string;
}

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (params: UsersListParams) => [...userKeys.lists(), params] as const,
};

export function usersListQueryOptions(params: UsersListParams) {
  return queryOptions({
    queryKey: userKeys.list(params),
    queryFn: async ({ signal }) =>
      (await usersList({ query: { page: params.page, pageSize: params.pageSize, q: params.q || undefined }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateUserDto) => (await usersCreate({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UpdateUserDto }) => (await usersUpdate({ path: { id }, body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useSetUserRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, roleIds }: { id: string; roleIds: string[] }) =>
      (await usersSetRoles({ path: { id }, body: { roleIds }, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await usersRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
