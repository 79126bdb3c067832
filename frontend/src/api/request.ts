import { client } from '@/api/client/client.gen';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
}

function dropEmpty(query: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!query) return undefined;
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/**
 * A management API call through the generated client's transport (same base URL, cookie and ApiError
 * interceptor), for routes the committed OpenAPI document does not describe yet. Feature api.ts files
 * switch to the generated SDK function once `npm run generate-client` produces it.
 */
export async function apiRequest<T>(method: Method, url: string, options: RequestOptions = {}): Promise<T> {
  const { data } = await client.request<T, unknown, true>({
    method,
    url,
    path: options.path,
    query: dropEmpty(options.query),
    body: options.body,
    headers: options.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    signal: options.signal,
    throwOnError: true,
  });
  return data as T;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
