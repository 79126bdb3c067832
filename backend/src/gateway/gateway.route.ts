import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gzip, constants as zlibConstants } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { requestIdFrom } from 'src/common/logging/request-context.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { RuntimeCatalogue, type CatalogueApi } from 'src/gateway/catalogue/runtime-catalogue.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { BodyError, clientIpResolver, hasBody, parseQuery, readBody } from 'src/gateway/gateway-request.js';
import { errorEnvelope } from 'src/gateway/gateway-response.js';
import { GatewayErrors, externalMessage } from 'src/gateway/gateway.errors.js';
import { GatewayPipeline } from 'src/gateway/gateway.pipeline.js';
import { contentTypeOf } from 'src/gateway/row-format.js';

const gzipAsync = promisify(gzip);
const CONNECTION_ABORT = Symbol('querygate.connectionAbort');
type AbortableSocket = Socket & { [CONNECTION_ABORT]?: AbortController };
const EXPOSED = 'X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After';
const JSON_TYPE = contentTypeOf('json');

interface RawRequest {
  req: IncomingMessage;
  requestId: string;
  ip: string;
  signal: AbortSignal;
}

function newContext({ req, requestId, ip, signal }: RawRequest, body?: unknown): GatewayContext {
  const url = req.url ?? '/api/';
  const q = url.indexOf('?');
  const path = url.slice(5, q === -1 ? url.length : q);
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // Keep the raw path; it will not match.
  }
  return {
    requestId,
    startedAt: performance.now(),
    createdAt: new Date(),
    method: req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'),
    isHead: req.method === 'HEAD',
    path: decoded,
    url,
    headers: req.headers,
    query: parseQuery(url),
    body,
    signal,
    ip,
    api: null,
    pathParams: {},
    client: null,
    params: {},
    camel: false,
    format: 'json',
    slot: null,
    responseHeaders: {},
    status: 200,
    envelope: null,
    bodyText: null,
    stream: null,
    errorCode: null,
    errorDetail: null,
    rowCount: null,
    responseBytes: null,
    cacheHit: false,
    run: null,
  };
}

function corsOrigin(api: CatalogueApi | null, origin: string | undefined): string | null {
  if (!api || !origin || api.corsOrigins.size === 0) return null;
  if (api.corsOrigins.has(origin)) return origin;
  return api.corsOrigins.has('*') ? '*' : null;
}

/**
 * The gateway's HTTP entry. `/api/*` is served straight from the Node HTTP server (createApp routes it
 * here before Fastify): no Nest guard, pipe or filter, and none of Fastify's per-request hooks (request
 * context, helmet, cookies, HTTP metrics), which cost the hot path more than the gateway's own stages. The
 * gateway authenticates clients itself, sets its own headers and answers with its own envelope; its
 * metrics are the per-API ones. Static routes under /api/ that other features register on Fastify
 * (token, openapi.json) stay Fastify's.
 */
@Injectable()
export class GatewayRoute {
  private readonly compressMin: number;
  private readonly bodyLimit: number;
  private readonly clientIp: (req: IncomingMessage) => string;
  /** Set when the server starts closing: new calls get 503 and `connection: close`. */
  closing = false;

  constructor(
    private readonly pipeline: GatewayPipeline,
    private readonly catalogue: RuntimeCatalogue,
    config: AppConfigService,
  ) {
    this.compressMin = config.get('gatewayCompressMinBytes');
    this.bodyLimit = config.get('bodyLimitBytes');
    this.clientIp = clientIpResolver(config.get('trustedProxies'));
  }

  /**
   * The abort signal of the calls on one connection, aborted when the connection closes: the client went
   * away (or the socket was destroyed), which ends every call still running on it. One per connection rather
   * than per call: creating an AbortSignal costs ~5 µs in Node 20, a visible share of a keep-alive call.
   */
  private static connectionAbort(req: IncomingMessage): AbortController {
    const socket = req.socket as AbortableSocket;
    let controller = socket[CONNECTION_ABORT];
    if (!controller) {
      const created = (controller = socket[CONNECTION_ABORT] = new AbortController());
      // Pipelined calls on one connection each listen while their query runs.
      setMaxListeners(0, created.signal);
      socket.once('close', () => created.abort());
    }
    return controller;
  }

  /** Answers one `/api/*` request; never throws. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const raw: RawRequest = { req, requestId: requestIdFrom(req.headers['x-request-id'], randomUUID), ip: this.clientIp(req), signal: GatewayRoute.connectionAbort(req).signal };
    if (this.closing) {
      this.reject(newContext(raw), res, 503, 'SERVICE_UNAVAILABLE', 'server is shutting down', true);
      return;
    }
    if (!hasBody(req)) {
      this.serve(newContext(raw), res);
      return;
    }
    readBody(req, this.bodyLimit).then(
      (body) => this.serve(newContext(raw, body), res),
      (err: unknown) => {
        const code = err instanceof BodyError ? err.code : 'BODY_INVALID';
        // Over the limit: answer at once and close, instead of reading the rest.
        this.reject(newContext(raw), res, GatewayErrors[code].status, code, err instanceof Error ? err.message : String(err), code === 'PAYLOAD_TOO_LARGE');
      },
    );
  }

  /**
   * Runs the pipeline, answers, then releases the slot and writes the access log. A caller that goes away
   * mid-call aborts the connection's signal, which cancels its query; the call then ends as usual and is
   * logged as 499.
   */
  private serve(ctx: GatewayContext, res: ServerResponse): void {
    try {
      if (ctx.method === 'OPTIONS') return this.preflight(ctx, res);
      const pending = this.pipeline.run(ctx);
      if (pending) pending.then(() => this.respond(ctx, res), (err: unknown) => this.broken(ctx, res, err));
      else this.respond(ctx, res);
    } catch (err) {
      this.broken(ctx, res, err);
    }
  }

  /** Once the answer is out (or the caller is gone): the call's slot goes back, and the call is logged. */
  private finish(ctx: GatewayContext, gone: boolean): void {
    if (gone && ctx.status < 400) ctx.status = 499;
    ctx.slot?.release();
    this.pipeline.accessLog.run(ctx);
  }

  /** Only a bug gets here (the pipeline turns failures into envelopes). */
  private broken(ctx: GatewayContext, res: ServerResponse, err: unknown): void {
    if (res.headersSent) res.destroy(err as Error);
    else {
      this.pipeline.fail(ctx, err);
      this.send(ctx, res, this.headers(ctx, JSON_TYPE), JSON.stringify(ctx.envelope));
    }
    this.finish(ctx, this.gone(ctx, res));
  }

  /** The caller went away before the answer was written. */
  private gone(ctx: GatewayContext, res: ServerResponse): boolean {
    return ctx.signal.aborted || res.destroyed;
  }

  private headers(ctx: GatewayContext, contentType: string): OutgoingHttpHeaders {
    const headers: OutgoingHttpHeaders = { 'content-type': contentType, 'x-content-type-options': 'nosniff', 'x-request-id': ctx.requestId, ...ctx.responseHeaders };
    const allow = corsOrigin(ctx.api, ctx.headers.origin);
    if (allow) {
      headers['access-control-allow-origin'] = allow;
      headers['access-control-expose-headers'] = EXPOSED;
      headers.vary = 'Origin';
    }
    return headers;
  }

  private respond(ctx: GatewayContext, res: ServerResponse): void {
    let gone: boolean;
    try {
      if (ctx.stream) return this.pipeStream(ctx, ctx.stream, res);
      const body = ctx.bodyText ?? JSON.stringify(ctx.envelope);
      const headers = this.headers(ctx, ctx.bodyText !== null && ctx.status === 200 ? contentTypeOf(ctx.format) : JSON_TYPE);
      ctx.responseBytes = Buffer.byteLength(body);
      if (ctx.responseBytes >= this.compressMin && !ctx.isHead && /\bgzip\b/.test(String(ctx.headers['accept-encoding'] ?? ''))) {
        headers['content-encoding'] = 'gzip';
        headers.vary = headers.vary ? 'Origin, Accept-Encoding' : 'Accept-Encoding';
        gzipAsync(body, { level: zlibConstants.Z_BEST_SPEED }).then((zipped) => {
          const left = this.gone(ctx, res);
          this.send(ctx, res, headers, zipped);
          this.finish(ctx, left);
        }, (err: unknown) => this.broken(ctx, res, err));
        return;
      }
      gone = this.gone(ctx, res);
      this.send(ctx, res, headers, body, ctx.responseBytes);
    } catch (err) {
      return this.broken(ctx, res, err);
    }
    this.finish(ctx, gone);
  }

  private pipeStream(ctx: GatewayContext, stream: Readable, res: ServerResponse): void {
    res.writeHead(ctx.status, this.headers(ctx, contentTypeOf(ctx.format)));
    if (ctx.isHead) {
      stream.destroy();
      res.end();
      return this.finish(ctx, false);
    }
    // pipe() follows the socket's back-pressure. A database failure mid-stream can only cut the response
    // (the status is already sent); a caller that goes away destroys the stream, which cancels the query.
    stream.once('error', (err) => {
      ctx.errorCode = 'STREAM_FAILED';
      ctx.errorDetail = err.message;
      res.destroy(err);
    });
    res.once('close', () => {
      stream.destroy();
      this.finish(ctx, !res.writableFinished);
    });
    stream.pipe(res);
  }

  private send(ctx: GatewayContext, res: ServerResponse, headers: OutgoingHttpHeaders, body: string | Buffer, length = Buffer.byteLength(body)): void {
    headers['content-length'] = length;
    res.writeHead(ctx.status, headers);
    res.end(ctx.isHead ? undefined : body);
  }

  private preflight(ctx: GatewayContext, res: ServerResponse): void {
    const requested = String(ctx.headers['access-control-request-method'] ?? '').toUpperCase();
    const match = requested ? this.catalogue.state.routes.match(requested === 'HEAD' ? 'GET' : requested, ctx.path) : null;
    if (!match) {
      ctx.status = 404;
      this.send(ctx, res, this.headers(ctx, JSON_TYPE), JSON.stringify(errorEnvelope('NOT_FOUND', 'Not Found')));
      return;
    }
    const headers: OutgoingHttpHeaders = { 'x-request-id': ctx.requestId };
    const allow = corsOrigin(match.value, ctx.headers.origin);
    if (allow) {
      headers['access-control-allow-origin'] = allow;
      headers['access-control-allow-methods'] = `${match.value.method}, OPTIONS`;
      headers['access-control-allow-headers'] = String(ctx.headers['access-control-request-headers'] ?? 'authorization, content-type');
      headers['access-control-max-age'] = '600';
      headers.vary = 'Origin';
    }
    res.writeHead(204, headers).end();
  }

  /** Refused before the pipeline (unreadable body, shutting down): answered in the envelope and access-logged. */
  private reject(ctx: GatewayContext, res: ServerResponse, status: number, code: string, detail: string, closeConnection: boolean): void {
    ctx.status = status;
    ctx.errorCode = code;
    ctx.errorDetail = detail;
    this.pipeline.accessLog.run(ctx);
    const headers = this.headers(ctx, JSON_TYPE);
    if (closeConnection) headers.connection = 'close';
    this.send(ctx, res, headers, JSON.stringify(errorEnvelope(code, externalMessage(status))));
  }
}
