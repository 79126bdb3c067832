import { promisify } from 'node:util';
import { gzip, constants as zlibConstants } from 'node:zlib';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppConfigService } from 'src/config/app-config.service.js';
import { RuntimeCatalogue, type CatalogueApi } from 'src/gateway/catalogue/runtime-catalogue.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { errorEnvelope } from 'src/gateway/gateway-response.js';
import { GatewayPipeline } from 'src/gateway/gateway.pipeline.js';
import { contentTypeOf } from 'src/gateway/row-format.js';

const gzipAsync = promisify(gzip);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const EXPOSED = 'X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After';

function newContext(req: FastifyRequest, signal: AbortSignal): GatewayContext {
  const url = req.url;
  const q = url.indexOf('?');
  const path = url.slice(5, q === -1 ? url.length : q);
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // Keep the raw path; it will not match.
  }
  return {
    requestId: String(req.id),
    startedAt: performance.now(),
    createdAt: new Date(),
    method: req.method === 'HEAD' ? 'GET' : req.method,
    isHead: req.method === 'HEAD',
    path: decoded,
    url,
    headers: req.headers,
    query: (req.query ?? {}) as Record<string, unknown>,
    body: req.body,
    signal,
    ip: req.ip,
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
 * The gateway's HTTP entry: `/api/*` registered directly on Fastify (no Nest controller, guard, pipe or
 * filter on this path: it authenticates clients itself and answers with its own envelope). Static
 * routes under /api/ registered by other features (token, openapi.json) win over this wildcard.
 */
@Injectable()
export class GatewayRoute implements OnModuleInit {
  private readonly compressMin: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pipeline: GatewayPipeline,
    private readonly catalogue: RuntimeCatalogue,
    config: AppConfigService,
  ) {
    this.compressMin = config.get('gatewayCompressMinBytes');
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify) return;
    void fastify.register(async (scope) => {
      // Any body type reaches the gateway; only JSON objects and forms become parameters.
      if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
        scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(body as string)));
        });
      }
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, _body, done) => done(null, undefined));
      scope.setErrorHandler((error: FastifyError, req, reply) => this.bodyError(error, req, reply));
      // No helmet here: @fastify/helmet rebuilds its middleware on every request, and the dashboard's
      // content-security policy means nothing to an API caller; the gateway sets nosniff itself.
      scope.route({ method: METHODS, url: '/api/*', helmet: false, handler: (req, reply) => this.handle(req, reply) } as RouteOptions);
    });
  }

  private async handle(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const controller = new AbortController();
    const ctx = newContext(req, controller.signal);
    if (req.method === 'OPTIONS') return this.preflight(ctx, reply);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) {
        controller.abort();
        if (ctx.status < 400) ctx.status = 499;
      }
      ctx.slot?.release();
      this.pipeline.accessLog.run(ctx);
    });
    await this.pipeline.run(ctx);
    await this.respond(ctx, req, reply);
  }

  private async respond(ctx: GatewayContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.code(ctx.status).header('x-content-type-options', 'nosniff');
    for (const name in ctx.responseHeaders) reply.header(name, ctx.responseHeaders[name]);
    const allow = corsOrigin(ctx.api, req.headers.origin);
    if (allow) {
      reply.header('access-control-allow-origin', allow);
      reply.header('access-control-expose-headers', EXPOSED);
      reply.header('vary', 'Origin');
    }
    if (ctx.stream) {
      reply.header('content-type', contentTypeOf(ctx.format));
      ctx.stream.on('error', (err) => {
        ctx.errorCode = 'STREAM_FAILED';
        ctx.errorDetail = err.message;
      });
      return reply.send(ctx.stream);
    }
    const body = ctx.bodyText ?? JSON.stringify(ctx.envelope);
    const contentType = ctx.bodyText !== null && ctx.status === 200 ? contentTypeOf(ctx.format) : contentTypeOf('json');
    reply.header('content-type', contentType);
    ctx.responseBytes = Buffer.byteLength(body);
    if (ctx.responseBytes >= this.compressMin && !ctx.isHead && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const zipped = await gzipAsync(body, { level: zlibConstants.Z_BEST_SPEED });
      reply.header('content-encoding', 'gzip');
      reply.header('vary', allow ? 'Origin, Accept-Encoding' : 'Accept-Encoding');
      return reply.send(zipped);
    }
    return reply.send(body);
  }

  private preflight(ctx: GatewayContext, reply: FastifyReply): void {
    const requested = String(ctx.headers['access-control-request-method'] ?? '').toUpperCase();
    const match = requested ? this.catalogue.state.routes.match(requested === 'HEAD' ? 'GET' : requested, ctx.path) : null;
    if (!match) {
      reply.code(404).header('content-type', contentTypeOf('json')).send(JSON.stringify(errorEnvelope('NOT_FOUND', 'Not Found')));
      return;
    }
    const allow = corsOrigin(match.value, ctx.headers.origin);
    if (allow) {
      reply.header('access-control-allow-origin', allow);
      reply.header('access-control-allow-methods', `${match.value.method}, OPTIONS`);
      reply.header('access-control-allow-headers', String(ctx.headers['access-control-request-headers'] ?? 'authorization, content-type'));
      reply.header('access-control-max-age', '600');
      reply.header('vary', 'Origin');
    }
    reply.code(204).send();
  }

  /** Body too large (413) or unparsable (400): answered in the gateway envelope and access-logged. */
  private bodyError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
    const ctx = newContext(req, new AbortController().signal);
    const tooLarge = error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    ctx.status = tooLarge ? 413 : (error.statusCode ?? 500) < 500 ? 400 : 500;
    ctx.errorCode = tooLarge ? 'PAYLOAD_TOO_LARGE' : ctx.status === 400 ? 'BODY_INVALID' : 'INTERNAL_ERROR';
    ctx.errorDetail = error.message;
    const message = tooLarge ? 'Payload Too Large' : ctx.status === 400 ? 'Bad Request' : 'Internal server error';
    this.pipeline.accessLog.run(ctx);
    reply.code(ctx.status).header('content-type', contentTypeOf('json')).send(JSON.stringify(errorEnvelope(ctx.errorCode, message)));
  }
}
