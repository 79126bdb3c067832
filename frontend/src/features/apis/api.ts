import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Page } from '@/api/request';
import type { ApisSearch } from '@/features/apis/schemas';
import type { ApiDefinition, ApiInput, ApiVersion, TestRunResult } from '@/features/apis/types';

export type ApisListParams = Omit<ApisSearch, 'page'> & { page: number; pageSize: number };

export const apiKeys = {
  all: ['apis'] as const,
  lists: () => [...apiKeys.all, 'list'] as const,
  list: (params: ApisListParams) => [...apiKeys.lists(), params] as const,
  options: () => [...apiKeys.all, 'options'] as const,
  detail: (id: string) => [...apiKeys.all, 'detail', id] as const,
  versions: (id: string) => [...apiKeys.detail(id), 'versions'] as const,
  version: (id: string, versionId: string) => [...apiKeys.versions(id), versionId] as const,
};

const base = '/admin/v1/apis';

export function apisListQueryOptions(params: ApisListParams) {
  return queryOptions({
    queryKey: apiKeys.list(params),
    queryFn: ({ signal }) => apiRequest<Page<ApiDefinition>>('GET', base, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every API (first 100 by path), for pickers of groups and clients. */
export function apiOptionsQueryOptions() {
  return queryOptions({
    queryKey: apiKeys.options(),
    queryFn: async ({ signal }) => (await apiRequest<Page<ApiDefinition>>('GET', base, { query: { pageSize: 100, sort: 'path' }, signal })).items,
    staleTime: 60_000,
  });
}

export function apiDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: apiKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<ApiDefinition>('GET', `${base}/{id}`, { path: { id }, signal }),
  });
}

export function apiVersionsQueryOptions(id: string) {
  return queryOptions({
    queryKey: apiKeys.versions(id),
    queryFn: async ({ signal }) => {
      const answer = await apiRequest<ApiVersion[] | Page<ApiVersion>>('GET', `${base}/{id}/versions`, { path: { id }, signal });
      return Array.isArray(answer) ? answer : answer.items;
    },
  });
}

export function apiVersionQueryOptions(id: string, versionId: string) {
  return queryOptions({
    queryKey: apiKeys.version(id, versionId),
    queryFn: ({ signal }) => apiRequest<ApiVersion>('GET', `${base}/{id}/versions/{versionId}`, { path: { id, versionId }, signal }),
    staleTime: Infinity,
  });
}

export function useSaveApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<ApiInput> }) =>
      id ? apiRequest<ApiDefinition>('PATCH', `${base}/{id}`, { path: { id }, body }) : apiRequest<ApiDefinition>('POST', base, { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(apiKeys.detail(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: apiKeys.lists() });
    },
  });
}

export function useDeleteApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>('DELETE', `${base}/{id}`, { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeys.all }),
  });
}

/** Version lifecycle: commit, publish, unpublish, restore into the draft. */
export function useApiLifecycle(id: string) {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: apiKeys.all });
  return {
    commit: useMutation({ mutationFn: (message: string) => apiRequest<ApiVersion>('POST', `${base}/{id}/versions`, { path: { id }, body: { message } }), onSuccess: invalidate }),
    publish: useMutation({ mutationFn: (versionId: string) => apiRequest<ApiDefinition>('POST', `${base}/{id}/publish`, { path: { id }, body: { versionId } }), onSuccess: invalidate }),
    unpublish: useMutation({ mutationFn: () => apiRequest<ApiDefinition>('POST', `${base}/{id}/unpublish`, { path: { id } }), onSuccess: invalidate }),
    restore: useMutation({
      mutationFn: (versionId: string) => apiRequest<ApiDefinition>('POST', `${base}/{id}/versions/{versionId}/restore`, { path: { id, versionId } }),
      onSuccess: invalidate,
    }),
  };
}

/** Runs the saved draft (or a version) with the given parameters. */
export function useTestApi(id: string) {
  return useMutation({
    mutationFn: ({ params, versionId }: { params: Record<string, unknown>; versionId?: string }) =>
      apiRequest<TestRunResult>('POST', `${base}/{id}/test`, { path: { id }, body: { params, versionId } }),
  });
}
