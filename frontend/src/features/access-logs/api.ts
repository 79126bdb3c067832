import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { accessLogsGet, accessLogsList } from '@/api/client';
import { client } from '@/api/client/client.gen';
import type { AccessLogsSearch } from '@/features/access-logs/schemas';

export type AccessLogsListParams = Omit<AccessLogsSearch, 'page'> & { page: number; pageSize: number };

export const accessLogKeys = {
  all: ['access-logs'] as const,
  lists: () => [...accessLogKeys.all, 'list'] as const,
  list: (params: AccessLogsListParams) => [...accessLogKeys.lists(), params] as const,
  detail: (id: string) => [...accessLogKeys.all, 'detail', id] as const,
};

function toIso(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function filterQuery(params: Omit<AccessLogsSearch, 'page'>) {
  const query = { ...params, from: toIso(params.from), to: toIso(params.to) };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Omit<AccessLogsSearch, 'page'>;
}

export function accessLogsListQueryOptions(params: AccessLogsListParams) {
  return queryOptions({
    queryKey: accessLogKeys.list(params),
    queryFn: async ({ signal }) =>
      (await accessLogsList({ query: { ...filterQuery(params), page: params.page, pageSize: params.pageSize, sort: '-createdAt' }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

export function accessLogDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: accessLogKeys.detail(id),
    queryFn: async ({ signal }) => (await accessLogsGet({ path: { id }, signal, throwOnError: true })).data,
    staleTime: Infinity,
  });
}

/** URL of the CSV export of the filtered range (a same-origin download carrying the session cookie). */
export function accessLogsExportUrl(params: Omit<AccessLogsSearch, 'page'>): string {
  return client.buildUrl({ url: '/admin/v1/access-logs/export', query: filterQuery(params) });
}
