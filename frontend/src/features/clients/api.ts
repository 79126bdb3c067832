import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { clientsCreate, clientsEffectiveApis, clientsList, clientsRemove, clientsRotateSecret, clientsUpdate, type CreateClientDto, type UpdateClientDto } from '@/api/client';

export interface ClientsListParams {
  page: number;
  pageSize: number;
  q?: string;
}

export const clientKeys = {
  all: ['clients'] as const,
  lists: () => [...clientKeys.all, 'list'] as const,
  options: () => [...clientKeys.all, 'options'] as const,
  list: (params: ClientsListParams) => [...clientKeys.lists(), params] as const,
  apis: (id: string) => [...clientKeys.all, 'apis', id] as const,
};

export function clientsListQueryOptions(params: ClientsListParams) {
  return queryOptions({
    queryKey: clientKeys.list(params),
    queryFn: async ({ signal }) => (await clientsList({ query: { page: params.page, pageSize: params.pageSize, q: params.q || undefined }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

/** The APIs the client may call: direct links ∪ its active groups' APIs. */
export function clientApisQueryOptions(id: string) {
  return queryOptions({
    queryKey: clientKeys.apis(id),
    queryFn: async ({ signal }) => (await clientsEffectiveApis({ path: { id }, signal, throwOnError: true })).data.items,
  });
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateClientDto) => (await clientsCreate({ body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

export function useUpdateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UpdateClientDto }) => (await clientsUpdate({ path: { id }, body, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

export function useRotateClientSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, graceSeconds = 0 }: { id: string; graceSeconds?: number }) => (await clientsRotateSecret({ path: { id }, body: { graceSeconds }, throwOnError: true })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

export function useDeleteClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await clientsRemove({ path: { id }, throwOnError: true });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

/** Every client (first 100 by name), for pickers. */
export function clientOptionsQueryOptions() {
  return queryOptions({
    queryKey: clientKeys.options(),
    queryFn: async ({ signal }) => (await clientsList({ query: { pageSize: 100 }, signal, throwOnError: true })).data.items,
    staleTime: 60_000,
  });
}
