import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { groupsCreate, groupsList, groupsRemove, groupsUpdate, type CreateGroupDto, type UpdateGroupDto } from '@/api/client';

export interface GroupsListParams {
  page: number;
  pageSize: number;
  q?: string;
}

export const groupKeys = {
  all: ['groups'] as const,
  lists: () => [...groupKeys.all, 'list'] as const,
  list: (params: GroupsListParams) => [...groupKeys.lists(), params] as const,
  options: () => [...groupKeys.all, 'options'] as const,
};

export function groupsListQueryOptions(params: GroupsListParams) {
  return queryOptions({
    queryKey: groupKeys.list(params),
    queryFn: async ({ signal }) => (await groupsList({ query: { page: params.page, pageSize: params.pageSize, q: params.q || undefined }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

export function groupOptionsQueryOptions() {
  return queryOptions({
    queryKey: groupKeys.options(),
    queryFn: async ({ signal }) => (await groupsList({ query: { pageSize: 100 }, signal, throwOnError: true })).data.items,
    staleTime: 60_000,
  });
}

export function useSaveGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: CreateGroupDto | UpdateGroupDto }) =>
      id ? (await groupsUpdate({ path: { id }, body, throwOnError: true })).data : (await groupsCreate({ body: body as CreateGroupDto, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupKeys.all }),
  });
}

export function useDeleteGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await groupsRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupKeys.all }),
  });
}
