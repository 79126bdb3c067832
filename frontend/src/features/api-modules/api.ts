import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiModulesCreate, apiModulesList, apiModulesRemove, apiModulesUpdate, type CreateApiModuleDto, type UpdateApiModuleDto } from '@/api/client';

export interface ApiModulesListParams {
  page: number;
  pageSize: number;
  q?: string;
}

export const apiModuleKeys = {
  all: ['api-modules'] as const,
  lists: () => [...apiModuleKeys.all, 'list'] as const,
  list: (params: ApiModulesListParams) => [...apiModuleKeys.lists(), params] as const,
  options: () => [...apiModuleKeys.all, 'options'] as const,
};

export function apiModulesListQueryOptions(params: ApiModulesListParams) {
  return queryOptions({
    queryKey: apiModuleKeys.list(params),
    queryFn: async ({ signal }) => (await apiModulesList({ query: { page: params.page, pageSize: params.pageSize, q: params.q || undefined, sort: 'sortOrder' }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

/** Every module (first 100 in display order), for pickers and filters. */
export function apiModuleOptionsQueryOptions() {
  return queryOptions({
    queryKey: apiModuleKeys.options(),
    queryFn: async ({ signal }) => (await apiModulesList({ query: { pageSize: 100, sort: 'sortOrder' }, signal, throwOnError: true })).data.items,
    staleTime: 60_000,
  });
}

export function useSaveApiModule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: UpdateApiModuleDto }) =>
      id ? (await apiModulesUpdate({ path: { id }, body, throwOnError: true })).data : (await apiModulesCreate({ body: body as CreateApiModuleDto, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiModuleKeys.all }),
  });
}

export function useDeleteApiModule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await apiModulesRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiModuleKeys.all }),
  });
}
