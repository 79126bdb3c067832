import { client } from '@/api/client/client.gen';

export interface ApiErrorDetail {
  field: string;
  message: string;
}

/** A failed management API call, normalised from the `{code, message, details?, requestId}` envelope. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: ApiErrorDetail[] = [],
    readonly requestId?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const statusMessages: Record<number, string> = {
  401: 'Your session has expired. Please sign in again.',
  403: 'You do not have permission to do this.',
  404: 'Not found.',
  429: 'Too many requests. Please wait and try again.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((d) => ({ field: String(d.field ?? ''), message: String(d.message ?? '') }))
    .filter((d) => d.message);
}

/**
 * Turns anything a call can throw (an ApiError, the parsed error body with its Response, a network
 * failure) into an ApiError whose message is safe to show to the user.
 */
export function toApiError(error: unknown, response?: Response): ApiError {
  if (error instanceof ApiError) return error;
  const status = response?.status ?? 0;
  const retryHeader = response?.headers.get('Retry-After');
  const retryAfterSeconds = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  const requestId = response?.headers.get('X-Request-Id') ?? undefined;
  if (isRecord(error) && typeof error.message === 'string' && typeof error.code === 'string') {
    return new ApiError(
      error.message,
      status,
      error.code,
      readDetails(error.details),
      typeof error.requestId === 'string' ? error.requestId : requestId,
      retryAfterSeconds,
    );
  }
  if (!response) {
    const message = error instanceof Error && error.name === 'AbortError' ? 'The request was cancelled.' : 'Cannot reach the server. Check your connection.';
    return new ApiError(message, 0, 'NETWORK_ERROR');
  }
  const fallback = statusMessages[status] ?? `Request failed (HTTP ${status}).`;
  return new ApiError(fallback, status, status >= 500 ? 'INTERNAL_ERROR' : `HTTP_${status}`, [], requestId, retryAfterSeconds);
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

let configured = false;

/** Same-origin calls with the session cookie; every failure becomes an ApiError. */
export function configureApiClient(options: { baseUrl?: string; fetch?: typeof fetch } = {}): void {
  client.setConfig({
    baseUrl: options.baseUrl ?? window.location.origin,
    credentials: 'include',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (configured) return;
  configured = true;
  client.interceptors.error.use((error, response) => toApiError(error, response));
}
