import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page } from '@/api/request';
import type { ConnectionTestResult, Datasource, DatasourceInput, DatasourceType } from '@/features/datasources/types';

export interface DatasourcesListParams {
  page: number;
  pageSize: number;
  q?: string;
  type?: DatasourceType;
  isActive?: boolean;
}

export const datasourceKeys = {
  all: ['datasources'] as const,
  lists: () => [...datasourceKeys.all, 'list'] as const,
  list: (params: DatasourcesListParams) => [...datasourceKeys.lists(), params] as const,
  options: () => [...datasourceKeys.all, 'options'] as const,
};

const base = '/admin/v1/datasources';

export function datasourcesListQueryOptions(params: DatasourcesListParams) {
  return queryOptions({
    queryKey: datasourceKeys.list(params),
    queryFn: ({ signal }) => apiRequest<Page<Datasource>>('GET', base, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every data source (first 100 by name), for pickers. */
export function datasourceOptionsQueryOptions() {
  return queryOptions({
    queryKey: datasourceKeys.options(),
    queryFn: async ({ signal }) => (await apiRequest<Page<Datasource>>('GET', base, { query: { pageSize: 100 }, signal })).items,
    staleTime: 60_000,
  });
}

export function useSaveDatasource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: DatasourceInput }) =>
      id ? apiRequest<Datasource>('PATCH', `${base}/{id}`, { path: { id }, body }) : apiRequest<Datasource>('POST', base, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasourceKeys.all }),
  });
}

export function useSetDatasourceActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) => apiRequest<Datasource>('PATCH', `${base}/{id}`, { path: { id }, body: { isActive } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasourceKeys.all }),
  });
}

export function useDeleteDatasource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>('DELETE', `${base}/{id}`, { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasourceKeys.all }),
  });
}

/** Tests a saved source, or unsaved settings (with `id` from an edit form the stored password is reused). */
export function useTestDatasource() {
  return useMutation({
    mutationFn: (input: { id: string } | { settings: DatasourceInput & { id?: string } }) =>
      'settings' in input
        ? apiRequest<ConnectionTestResult>('POST', `${base}/test`, { body: input.settings })
        : apiRequest<ConnectionTestResult>('POST', `${base}/{id}/test`, { path: { id: input.id } }),
  });
}
