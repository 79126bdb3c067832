import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  apisCreate,
  apisGet,
  apisList,
  apisRemove,
  apisUpdate,
  apiTestRunInline,
  apiTestRunSaved,
  apiVersionsCreate,
  apiVersionsDiff,
  apiVersionsList,
  apiVersionsPublish,
  apiVersionsRestore,
  apiVersionsUnpublish,
  type CreateApiDto,
  type InlineTestApiDto,
  type UpdateApiDto,
} from '@/api/client';
import type { ApisSearch } from '@/features/apis/schemas';

export type ApisListParams = Omit<ApisSearch, 'page'> & { page: number; pageSize: number };

export const apiKeys = {
  all: ['apis'] as const,
  lists: () => [...apiKeys.all, 'list'] as const,
  list: (params: ApisListParams) => [...apiKeys.lists(), params] as const,
  options: () => [...apiKeys.all, 'options'] as const,
  detail: (id: string) => [...apiKeys.all, 'detail', id] as const,
  versions: (id: string) => [...apiKeys.detail(id), 'versions'] as const,
  diff: (id: string, from: string, to: string | undefined) => [...apiKeys.detail(id), 'diff', from, to ?? 'draft'] as const,
};

export function apisListQueryOptions(params: ApisListParams) {
  return queryOptions({
    queryKey: apiKeys.list(params),
    queryFn: async ({ signal }) => (await apisList({ query: { ...params, q: params.q || undefined }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

/** Every API (first 100 by path), for pickers of groups and clients. */
export function apiOptionsQueryOptions() {
  return queryOptions({
    queryKey: apiKeys.options(),
    queryFn: async ({ signal }) => (await apisList({ query: { pageSize: 100, sort: 'path' }, signal, throwOnError: true })).data.items,
    staleTime: 60_000,
  });
}

export function apiDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: apiKeys.detail(id),
    queryFn: async ({ signal }) => (await apisGet({ path: { id }, signal, throwOnError: true })).data,
  });
}

export function apiVersionsQueryOptions(id: string) {
  return queryOptions({
    queryKey: apiKeys.versions(id),
    queryFn: async ({ signal }) => (await apiVersionsList({ path: { id }, signal, throwOnError: true })).data,
  });
}

/** Field-by-field changes from one version to another (or to the draft when `to` is absent). */
export function apiDiffQueryOptions(id: string, from: string, to?: string) {
  return queryOptions({
    queryKey: apiKeys.diff(id, from, to),
    queryFn: async ({ signal }) => (await apiVersionsDiff({ path: { id }, query: { from, to }, signal, throwOnError: true })).data,
  });
}

export function useCreateApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateApiDto) => (await apisCreate({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeys.all }),
  });
}

export function useUpdateApi(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateApiDto) => (await apisUpdate({ path: { id }, body, throwOnError: true })).data,
    onSuccess: (saved) => {
      queryClient.setQueryData(apiKeys.detail(id), saved);
      return queryClient.invalidateQueries({ queryKey: apiKeys.lists() });
    },
  });
}

export function useDeleteApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await apisRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeys.all }),
  });
}

/** Version lifecycle: commit, publish (an older version rolls back), unpublish, restore into the draft. */
export function useApiLifecycle(id: string) {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: apiKeys.all });
  return {
    commit: useMutation({ mutationFn: async (message: string) => (await apiVersionsCreate({ path: { id }, body: { message }, throwOnError: true })).data, onSuccess: invalidate }),
    publish: useMutation({ mutationFn: async (versionId: string) => (await apiVersionsPublish({ path: { id }, body: { versionId }, throwOnError: true })).data, onSuccess: invalidate }),
    unpublish: useMutation({ mutationFn: async () => (await apiVersionsUnpublish({ path: { id }, throwOnError: true })).data, onSuccess: invalidate }),
    restore: useMutation({ mutationFn: async (versionId: string) => (await apiVersionsRestore({ path: { id, versionId }, throwOnError: true })).data, onSuccess: invalidate }),
  };
}

/** Runs the saved draft (or a version) with the given parameter values. */
export function useTestApi(id: string) {
  return useMutation({
    mutationFn: async ({ params, versionId }: { params: Record<string, unknown>; versionId?: string }) => (await apiTestRunSaved({ path: { id }, body: { params, versionId }, throwOnError: true })).data,
  });
}

/** Runs unsaved editor content (engine, data source, content, params, validators, transform) with values. */
export function useTestApiInline() {
  return useMutation({
    mutationFn: async (body: InlineTestApiDto) => (await apiTestRunInline({ body, throwOnError: true })).data,
  });
}
