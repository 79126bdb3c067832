import { queryOptions, useMutation } from '@tanstack/react-query';
import { ApiError } from '@/api/http';
import { buildRequest, parseOperations, type CatalogueOperation } from '@/features/catalogue/lib/operations';

export const catalogueKeys = {
  all: ['catalogue'] as const,
  document: () => [...catalogueKeys.all, 'document'] as const,
};

/** The published-API OpenAPI document; it is served by the gateway, not the management API. */
export function catalogueQueryOptions() {
  return queryOptions({
    queryKey: catalogueKeys.document(),
    queryFn: async ({ signal }) => {
      const res = await fetch('/api/openapi.json', { signal, credentials: 'omit' });
      if (!res.ok) throw new ApiError(`The API catalogue could not be loaded (HTTP ${res.status}).`, res.status, `HTTP_${res.status}`);
      const doc: unknown = await res.json();
      return { doc, operations: parseOperations(doc) };
    },
  });
}

export interface TryItAnswer {
  status: number;
  durationMs: number;
  body: unknown;
}

/** Calls the published API like a client would (optionally with a bearer token). */
export function useTryApi() {
  return useMutation({
    mutationFn: async ({ op, values, token }: { op: CatalogueOperation; values: Record<string, string>; token: string }): Promise<TryItAnswer> => {
      const { url, headers, body } = buildRequest(op, window.location.origin, values);
      const started = performance.now();
      const res = await fetch(url, {
        method: op.method,
        credentials: 'omit',
        headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON (CSV, NDJSON); show the text.
      }
      return { status: res.status, durationMs: performance.now() - started, body: parsed };
    },
  });
}

/** POST /token with client credentials (RFC 6749 §4.4); resolves to the access token. */
export function useObtainToken() {
  return useMutation({
    mutationFn: async ({ clientId, clientSecret }: { clientId: string; clientSecret: string }) => {
      const res = await fetch('/token', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
      });
      const answer = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!res.ok || !answer.access_token) throw new ApiError(answer.error_description ?? answer.error ?? `Token request failed (HTTP ${res.status})`, res.status, answer.error ?? 'TOKEN_FAILED');
      return answer.access_token;
    },
  });
}
