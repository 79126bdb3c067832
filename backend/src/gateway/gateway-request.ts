import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import { parse as parseQueryString } from 'fast-querystring';
import secureJson from 'secure-json-parse';

/**
 * Reading a raw `/api/*` request the way Fastify would (the gateway is served straight from the HTTP server,
 * so none of Fastify's per-request hooks run on it): query string, client IP behind trusted proxies, and
 * the body (JSON or form within the size limit; any other type is ignored).
 */

export class BodyError extends Error {
  constructor(
    readonly code: 'PAYLOAD_TOO_LARGE' | 'BODY_INVALID',
    message: string,
  ) {
    super(message);
  }
}

/** `?a=1&a=2&b=` → `{ a: ['1', '2'], b: '' }` (Fastify's parser, so parameters bind as before). */
export function parseQuery(url: string): Record<string, unknown> {
  const q = url.indexOf('?');
  return q === -1 ? {} : (parseQueryString(url.slice(q + 1)) as Record<string, unknown>);
}

/** The caller's address: X-Forwarded-For is honoured only through TRUSTED_PROXIES (CIDRs), as Fastify's trustProxy. */
export function clientIpResolver(trustedProxies: readonly string[]): (req: IncomingMessage) => string {
  if (!trustedProxies.length) return (req) => req.socket.remoteAddress ?? '';
  const trust = proxyAddr.compile([...trustedProxies]);
  return (req) => {
    const addrs = proxyAddr.all(req, trust);
    return addrs[addrs.length - 1] ?? '';
  };
}

/** GET and HEAD bodies are never read; other methods only when a body is announced. */
export function hasBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Reads and parses the body: JSON (prototype poisoning refused) or a form; other content types → undefined. */
export async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError('PAYLOAD_TOO_LARGE', `body of ${declared} bytes over the ${limit}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError('PAYLOAD_TOO_LARGE', `body over the ${limit}-byte limit`);
    chunks.push(chunk);
  }
  const type = String(req.headers['content-type'] ?? '')
    .split(';', 1)[0]
    .trim()
    .toLowerCase();
  if (type === 'application/json') {
    const text = Buffer.concat(chunks, size).toString('utf8');
    if (!text.trim()) return undefined;
    try {
      return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (err) {
      throw new BodyError('BODY_INVALID', `invalid JSON body: ${(err as Error).message}`);
    }
  }
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks, size).toString('utf8')));
  return undefined;
}
