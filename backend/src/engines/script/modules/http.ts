import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import type { HostCallScope, HostHandlers } from 'src/engines/script/sandbox/host-call.js';
import { blockedAddressReason, HostAllowList, normalizeHost } from 'src/engines/script/sandbox/allowlist.js';
import { scriptError } from 'src/engines/script/script.errors.js';

export interface HttpModuleOptions {
  /** Exact hosts, `*.domain` (subdomains only) or `*`. Empty = no outbound HTTP at all. */
  allowHosts?: string[];
  /** Exact hosts allowed to resolve to private/loopback/link-local addresses (internal services). */
  allowPrivateHosts?: string[];
  /** Response bodies beyond this size fail with SCRIPT_LIMIT (default 5 MB). */
  maxResponseBytes?: number;
  /** Request bodies beyond this size are refused (default 1 MB). */
  maxRequestBytes?: number;
  /** Redirect hops followed, each re-checked (default 5). */
  maxRedirects?: number;
  /** Upper bound of a script's `timeoutMs` (default 10 s; the call's own deadline still applies). */
  maxTimeoutMs?: number;
  /** Test seam: how host names are resolved (default dns.lookup, all addresses). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export interface ScriptHttpResponse {
  status: number;
  ok: boolean;
  headers: Record<string, string>;
  /** Parsed JSON when the content type says JSON, else the text. */
  body: unknown;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = new Set<Method>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const OPTION_KEYS = new Set(['query', 'headers', 'json', 'body', 'timeoutMs']);
const FORBIDDEN_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'keep-alive', 'expect', 'proxy-authorization', 'proxy-connection']);
const CROSS_ORIGIN_DROPPED = new Set(['authorization', 'cookie']);

interface PreparedRequest {
  method: Method;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
}

/**
 * Outbound HTTP for scripts. Each hop: scheme http/https, host on the allow-list, every resolved address
 * checked (private, loopback, link-local, CGNAT, multicast, metadata; IPv4 and IPv6, IPv4-mapped judged as
 * IPv4) before any connection, then the socket connects to exactly the checked addresses through a custom
 * `lookup` (no second resolution, so no DNS-rebinding window). Redirects are followed by hand, each hop
 * checked again.
 */
export class HttpModule {
  private readonly allowList: HostAllowList;
  private readonly maxResponseBytes: number;
  private readonly maxRequestBytes: number;
  private readonly maxRedirects: number;
  private readonly maxTimeoutMs: number;
  private readonly resolve: (host: string) => Promise<{ address: string; family: number }[]>;

  constructor(options: HttpModuleOptions = {}) {
    this.allowList = new HostAllowList(options.allowHosts ?? [], options.allowPrivateHosts ?? []);
    this.maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
    this.maxRequestBytes = options.maxRequestBytes ?? 1024 * 1024;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.maxTimeoutMs = options.maxTimeoutMs ?? 10_000;
    this.resolve = options.resolve ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
  }

  handlers(): HostHandlers {
    return { http: (args, scope) => this.call(args, scope) };
  }

  private async call([method, url, options]: unknown[], scope: HostCallScope): Promise<ScriptHttpResponse> {
    let req = this.prepare(method, url, options, scope);
    for (let hop = 0; ; hop++) {
      const addresses = await this.check(req.url, scope);
      const response = await this.send(req, addresses, scope);
      if (!('location' in response)) return response;
      if (hop >= this.maxRedirects) throw scriptError('SCRIPT_FORBIDDEN', `http: more than ${this.maxRedirects} redirects`);
      const next = new URL(response.location, req.url);
      const sameOrigin = next.origin === req.url.origin;
      const keepBody = response.status === 307 || response.status === 308;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (sameOrigin || !CROSS_ORIGIN_DROPPED.has(k)) headers[k] = v;
        if (!keepBody && k === 'content-type') delete headers[k];
      }
      req = { method: keepBody ? req.method : 'GET', url: next, headers, body: keepBody ? req.body : undefined, timeoutMs: req.timeoutMs };
    }
  }

  private prepare(method: unknown, rawUrl: unknown, rawOptions: unknown, scope: HostCallScope): PreparedRequest {
    if (typeof method !== 'string' || !METHODS.has(method as Method)) throw scriptError('SCRIPT_FORBIDDEN', 'http: unknown method');
    if (typeof rawUrl !== 'string') throw scriptError('SCRIPT_FORBIDDEN', 'http: the URL must be a string');
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw scriptError('SCRIPT_FORBIDDEN', `http: invalid URL "${rawUrl.slice(0, 200)}"`);
    }
    const options = (rawOptions ?? {}) as Record<string, unknown>;
    if (typeof options !== 'object' || Array.isArray(options)) throw scriptError('SCRIPT_FORBIDDEN', 'http: options must be an object');
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.has(key)) throw scriptError('SCRIPT_FORBIDDEN', `http: option "${key}" is not supported (query, headers, json, body, timeoutMs)`);
    }
    if (options.query !== undefined) {
      if (typeof options.query !== 'object' || options.query === null) throw scriptError('SCRIPT_FORBIDDEN', 'http: query must be an object');
      for (const [k, v] of Object.entries(options.query)) {
        for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null) url.searchParams.append(k, String(item));
      }
    }
    const headers: Record<string, string> = {};
    if (options.headers !== undefined) {
      if (typeof options.headers !== 'object' || options.headers === null) throw scriptError('SCRIPT_FORBIDDEN', 'http: headers must be an object');
      for (const [k, v] of Object.entries(options.headers)) {
        const name = k.toLowerCase();
        if (FORBIDDEN_HEADERS.has(name) || name.startsWith('proxy-')) throw scriptError('SCRIPT_FORBIDDEN', `http: header "${k}" cannot be set`);
        headers[name] = String(v);
      }
    }
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined && options.body !== undefined) throw scriptError('SCRIPT_FORBIDDEN', 'http: give json or body, not both');
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      if (typeof options.body !== 'string' && !(options.body instanceof Uint8Array)) throw scriptError('SCRIPT_FORBIDDEN', 'http: body must be a string or Uint8Array');
      body = options.body;
    }
    if (body !== undefined && (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) > this.maxRequestBytes) {
      throw scriptError('SCRIPT_LIMIT', `http: request body over ${this.maxRequestBytes} bytes`);
    }
    const wanted = options.timeoutMs === undefined ? this.maxTimeoutMs : Number(options.timeoutMs);
    if (!Number.isFinite(wanted) || wanted <= 0) throw scriptError('SCRIPT_FORBIDDEN', 'http: timeoutMs must be a positive number');
    const timeoutMs = Math.min(wanted, this.maxTimeoutMs, Math.max(1, scope.deadline - Date.now()));
    return { method: method as Method, url, headers, body, timeoutMs };
  }

  /** Allow-list and address checks for one hop; returns the only addresses the socket may use. */
  private async check(url: URL, scope: HostCallScope): Promise<{ address: string; family: number }[]> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw scriptError('SCRIPT_FORBIDDEN', `http: scheme ${url.protocol} is not allowed`);
    if (url.username || url.password) throw scriptError('SCRIPT_FORBIDDEN', 'http: credentials in the URL are not allowed (use headers)');
    const host = normalizeHost(url.hostname);
    if (!host) throw scriptError('SCRIPT_FORBIDDEN', 'http: the URL has no host');
    if (!this.allowList.isAllowed(host)) throw scriptError('SCRIPT_FORBIDDEN', `http: host "${host}" is not on the allow-list`);
    const privateAllowed = this.allowList.isPrivateAllowed(host);
    let addresses: { address: string; family: number }[];
    if (isIP(host)) {
      addresses = [{ address: host, family: isIP(host) }];
    } else {
      try {
        addresses = await raceDeadline(this.resolve(host), scope, `http: resolving "${host}" timed out`);
      } catch (error) {
        if (isAppError(error)) throw error;
        throw scriptError('SCRIPT_HTTP_FAILED', `http: cannot resolve "${host}"`);
      }
      if (addresses.length === 0) throw scriptError('SCRIPT_HTTP_FAILED', `http: cannot resolve "${host}"`);
    }
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address, privateAllowed, host);
      if (reason) throw scriptError('SCRIPT_FORBIDDEN', `http: "${host}" is refused: ${reason}`);
    }
    return addresses;
  }

  private async send(
    req: PreparedRequest,
    addresses: { address: string; family: number }[],
    scope: HostCallScope,
  ): Promise<ScriptHttpResponse | { status: number; location: string }> {
    const agent = new Agent({
      connections: 1,
      pipelining: 0,
      connect: {
        timeout: req.timeoutMs,
        // The socket uses only the addresses checked above: no second DNS answer can slip in.
        lookup: (_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
          if (options?.all) callback(null, addresses);
          else callback(null, addresses[0].address, addresses[0].family);
        },
      } as Record<string, unknown>,
    });
    const signal = AbortSignal.any([scope.signal, AbortSignal.timeout(req.timeoutMs)]);
    try {
      const res = await request(req.url, { method: req.method, headers: req.headers, body: req.body, dispatcher: agent, signal, headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs }).catch(
        (error: unknown) => {
          throw scriptError('SCRIPT_HTTP_FAILED', `http: ${req.method} ${req.url.host} failed: ${signal.aborted ? 'timed out' : errorText(error)}`);
        },
      );
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(res.statusCode) && typeof location === 'string') {
        await res.body.dump().catch(() => undefined);
        return { status: res.statusCode, location };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > this.maxResponseBytes) {
            res.body.destroy();
            throw scriptError('SCRIPT_LIMIT', `http: response body over ${this.maxResponseBytes} bytes`);
          }
          chunks.push(chunk);
        }
      } catch (error) {
        if (isAppError(error)) throw error;
        throw scriptError('SCRIPT_HTTP_FAILED', `http: reading the response of ${req.url.host} failed: ${signal.aborted ? 'timed out' : errorText(error)}`);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && k !== 'set-cookie') headers[k] = Array.isArray(v) ? v.join(', ') : v;
      let body: unknown = text;
      if (/[/+]json\b/i.test(headers['content-type'] ?? '') && text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { status: res.statusCode, ok: res.statusCode >= 200 && res.statusCode < 300, headers, body };
    } finally {
      agent.destroy().catch(() => undefined);
    }
  }
}

function isAppError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AppException';
}

function errorText(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e?.code ?? e?.message ?? 'request failed';
}

async function raceDeadline<T>(promise: Promise<T>, scope: HostCallScope, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(scriptError('SCRIPT_HTTP_FAILED', message)), Math.max(1, scope.deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

