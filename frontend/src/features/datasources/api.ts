import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { datasourcesCreate, datasourcesList, datasourcesRemove, datasourcesTest, datasourcesTestSettings, datasourcesUpdate, type TestDatasourceDtoWritable } from '@/api/client';
import type { DatasourceInput, DatasourceType } from '@/features/datasources/types';

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

export function datasourcesListQueryOptions(params: DatasourcesListParams) {
  return queryOptions({
    queryKey: datasourceKeys.list(params),
    queryFn: async ({ signal }) => (await datasourcesList({ query: { ...params, q: params.q || undefined }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

/** Every data source (first 100 by name), for pickers. */
export function datasourceOptionsQueryOptions() {
  return queryOptions({
    queryKey: datasourceKeys.options(),
    queryFn: async ({ signal }) => (await datasourcesList({ query: { pageSize: 100 }, signal, throwOnError: true })).data.items,
    staleTime: 60_000,
  });
}

export function useSaveDatasource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: DatasourceInput }) =>
      id ? (await datasourcesUpdate({ path: { id }, body, throwOnError: true })).data : (await datasourcesCreate({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasourceKeys.all }),
  });
}

export function useSetDatasourceActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, isActive }: { id: string; isActive: boolean }) => (await datasourcesUpdate({ path: { id }, body: { isActive }, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasourceKeys.all }),
  });
}

export function useDeleteDatasource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await datasourcesRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasourceKeys.all }),
  });
}

/** Tests a saved source, or unsaved settings (with `id` from an edit form the stored password is reused). */
export function useTestDatasource() {
  return useMutation({
    mutationFn: async (input: { id: string } | { settings: TestDatasourceDtoWritable }) =>
      'settings' in input
        ? (await datasourcesTestSettings({ body: input.settings, throwOnError: true })).data
        : (await datasourcesTest({ path: { id: input.id }, throwOnError: true })).data,
  });
}
