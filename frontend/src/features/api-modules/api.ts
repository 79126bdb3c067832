import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page } from '@/api/request';
import type { ApiModule, ApiModuleInput } from '@/features/api-modules/types';

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

const base = '/admin/v1/api-modules';

export function apiModulesListQueryOptions(params: ApiModulesListParams) {
  return queryOptions({
    queryKey: apiModuleKeys.list(params),
    queryFn: ({ signal }) => apiRequest<Page<ApiModule>>('GET', base, { query: { ...params, sort: 'sortOrder' }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every module (first 100 in display order), for pickers and filters. */
export function apiModuleOptionsQueryOptions() {
  return queryOptions({
    queryKey: apiModuleKeys.options(),
    queryFn: async ({ signal }) => (await apiRequest<Page<ApiModule>>('GET', base, { query: { pageSize: 100, sort: 'sortOrder' }, signal })).items,
    staleTime: 60_000,
  });
}

export function useSaveApiModule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<ApiModuleInput> }) =>
      id ? apiRequest<ApiModule>('PATCH', `${base}/{id}`, { path: { id }, body }) : apiRequest<ApiModule>('POST', base, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiModuleKeys.all }),
  });
}

export function useDeleteApiModule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>('DELETE', `${base}/{id}`, { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiModuleKeys.all }),
  });
}
