import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  macrosCreate,
  macrosCreateVersion,
  macrosDiff,
  macrosGet,
  macrosList,
  macrosListVersions,
  macrosPublish,
  macrosRemove,
  macrosRestoreVersion,
  macrosUnpublish,
  macrosUpdate,
  macrosUsedBy,
  type CreateMacroDto,
  type UpdateMacroDto,
} from '@/api/client';

export interface MacrosListParams {
  page: number;
  pageSize: number;
  q?: string;
}

export const macroKeys = {
  all: ['macros'] as const,
  lists: () => [...macroKeys.all, 'list'] as const,
  options: () => [...macroKeys.all, 'options'] as const,
  list: (params: MacrosListParams) => [...macroKeys.lists(), params] as const,
  detail: (id: string) => [...macroKeys.all, 'detail', id] as const,
  versions: (id: string) => [...macroKeys.detail(id), 'versions'] as const,
  usedBy: (id: string) => [...macroKeys.detail(id), 'used-by'] as const,
  diff: (id: string, from: string, to: string | undefined) => [...macroKeys.detail(id), 'diff', from, to ?? 'draft'] as const,
};

export function macrosListQueryOptions(params: MacrosListParams) {
  return queryOptions({
    queryKey: macroKeys.list(params),
    queryFn: async ({ signal }) => (await macrosList({ query: { ...params, q: params.q || undefined }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

export function macroDetailQueryOptions(id: string) {
  return queryOptions({ queryKey: macroKeys.detail(id), queryFn: async ({ signal }) => (await macrosGet({ path: { id }, signal, throwOnError: true })).data });
}

export function macroVersionsQueryOptions(id: string) {
  return queryOptions({ queryKey: macroKeys.versions(id), queryFn: async ({ signal }) => (await macrosListVersions({ path: { id }, signal, throwOnError: true })).data });
}

/** The APIs whose draft or published version uses the macro. */
export function macroUsedByQueryOptions(id: string) {
  return queryOptions({ queryKey: macroKeys.usedBy(id), queryFn: async ({ signal }) => (await macrosUsedBy({ path: { id }, signal, throwOnError: true })).data });
}

export function macroDiffQueryOptions(id: string, from: string, to?: string) {
  return queryOptions({
    queryKey: macroKeys.diff(id, from, to),
    queryFn: async ({ signal }) => (await macrosDiff({ path: { id }, query: { from, to }, signal, throwOnError: true })).data,
  });
}

export function useCreateMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateMacroDto) => (await macrosCreate({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: macroKeys.all }),
  });
}

export function useUpdateMacro(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateMacroDto) => (await macrosUpdate({ path: { id }, body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: macroKeys.all }),
  });
}

export function useDeleteMacro() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await macrosRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: macroKeys.all }),
  });
}

export function useMacroLifecycle(id: string) {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: macroKeys.all });
  return {
    commit: useMutation({ mutationFn: async (message: string) => (await macrosCreateVersion({ path: { id }, body: { message }, throwOnError: true })).data, onSuccess: invalidate }),
    publish: useMutation({ mutationFn: async (versionId: string) => (await macrosPublish({ path: { id }, body: { versionId }, throwOnError: true })).data, onSuccess: invalidate }),
    unpublish: useMutation({ mutationFn: async () => (await macrosUnpublish({ path: { id }, throwOnError: true })).data, onSuccess: invalidate }),
    restore: useMutation({ mutationFn: async (versionId: string) => (await macrosRestoreVersion({ path: { id, versionId }, throwOnError: true })).data, onSuccess: invalidate }),
  };
}

/** Every macro (first 100 by name), for pickers. */
export function macroOptionsQueryOptions() {
  return queryOptions({
    queryKey: macroKeys.options(),
    queryFn: async ({ signal }) => (await macrosList({ query: { pageSize: 100 }, signal, throwOnError: true })).data.items,
    staleTime: 60_000,
  });
}
