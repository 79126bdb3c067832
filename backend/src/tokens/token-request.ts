/** Parsing helpers for the token endpoints (RFC 6749 §2.3.1 client authentication). */

export interface BasicCredentials {
  clientId: string;
  secret: string;
}

/** application/x-www-form-urlencoded decoding of one Basic credential part; null when malformed. */
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * `Authorization: Basic base64(urlencode(client_id) ":" urlencode(client_secret))`.
 * Returns undefined without a Basic header, null for a malformed one.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | null | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match) return /^Basic\b/i.test(header) ? null : undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const clientId = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  return clientId && secret !== null ? { clientId, secret } : null;
}

/** A string field of a parsed body (JSON or form); repeated form fields and non-strings count as absent. */
export function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** RFC 6749 §3.2: a parameter sent more than once is an invalid request. */
export function repeated(body: unknown, names: string[]): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  return names.find((n) => Array.isArray((body as Record<string, unknown>)[n]));
}

export const isForm = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
