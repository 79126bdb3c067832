import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerOptions } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from 'src/app.module.js';
import { AppLogger, createRootLogger } from 'src/common/logging/logger.js';
import { enterRequestContext, requestIdFrom } from 'src/common/logging/request-context.js';
import type { AppConfig } from 'src/config/app-config.service.js';
import { findDashboardDir } from 'src/dashboard/dashboard-dir.js';
import { GatewayRoute } from 'src/gateway/gateway.route.js';
import { MetricsService } from 'src/metrics/metrics.service.js';

export interface CreatedApp {
  app: NestFastifyApplication;
  logger: Logger;
}

const operationId = (controllerKey: string, methodKey: string) => {
  const base = controllerKey.replace(/Controller$/, '');
  return base.charAt(0).toLowerCase() + base.slice(1) + methodKey.charAt(0).toUpperCase() + methodKey.slice(1);
};

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('Querygate management API')
    .setDescription('Management API of Querygate (the dashboard and automation). Errors: {code, message, details?, requestId}.')
    .setVersion('1')
    .addCookieAuth('qg_session')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, options, { operationIdFactory: operationId });
}

/**
 * Graceful stop: the HTTP server first (no new calls, in-flight ones finish; calls arriving on open
 * connections get 503), then Nest's shutdown hooks, which close the data-source pools and flush the access
 * log. Nest's own close() runs those hooks before it stops the HTTP server, so calls still running would
 * find their pool closed.
 */
export async function stopApp(app: NestFastifyApplication): Promise<void> {
  await app.getHttpAdapter().getInstance().close();
  await app.close();
}

/** Builds the whole app (not yet listening): used by main.ts and by e2e tests. */
export async function createApp(config: AppConfig): Promise<CreatedApp> {
  const logger = createRootLogger(config.logLevel);
  // `/api/*` goes straight to the gateway, before Fastify (see GatewayRoute), except the static routes
  // other features register under /api/ (token, openapi.json), collected as Fastify registers them.
  const fastifyApiRoutes = new Set<string>();
  const entry: { gateway?: GatewayRoute } = {};
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    genReqId: (req: IncomingMessage) => requestIdFrom(req.headers['x-request-id'], randomUUID),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    serverFactory: (fastifyHandler: RequestListener, options: Record<string, unknown>) => {
      const server = createServer((options.http ?? {}) as ServerOptions, (req, res) => {
        const url = req.url ?? '/';
        if (entry.gateway && url.startsWith('/api/')) {
          const q = url.indexOf('?');
          if (!fastifyApiRoutes.has(`${req.method} ${q === -1 ? url : url.slice(0, q)}`)) return entry.gateway.handle(req, res);
        }
        fastifyHandler(req, res);
      });
      // What Fastify sets on the server it creates itself.
      server.keepAliveTimeout = options.keepAliveTimeout as number;
      server.requestTimeout = options.requestTimeout as number;
      server.setTimeout(options.connectionTimeout as number);
      return server;
    },
  });
  adapter.getInstance().addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || /[:*]/.test(route.url)) return;
    for (const method of [route.method].flat()) fastifyApiRoutes.add(`${method} ${route.url}`);
  });
  const dashboardDir = config.serveDashboard ? findDashboardDir(config.dashboardDir) : null;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, dashboardDir), adapter, {
    logger: new AppLogger(logger),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const gateway = app.get(GatewayRoute);
  entry.gateway = gateway;
  fastify.addHook('preClose', (done) => {
    gateway.closing = true;
    // A connection still answering a call when the stop began turns idle only afterwards; close it then,
    // so the drain does not wait out the keep-alive timeout.
    const sweep = setInterval(() => fastify.server.closeIdleConnections(), 50);
    fastify.server.once('close', () => clearInterval(sweep));
    done();
  });

  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    reply.raw.once('close', enterRequestContext({ requestId: String(req.id), ip: req.ip }, done));
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.observeHttp(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  await app.register(fastifyCookie as never);
  await app.register(fastifyHelmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  if (dashboardDir) {
    await app.register(fastifyStatic as never, { root: dashboardDir, prefix: '/', wildcard: false, index: false, decorateReply: false });
  }
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('admin/docs', app, document, { jsonDocumentUrl: 'admin/v1/openapi.json', yamlDocumentUrl: 'admin/v1/openapi.yaml' });
  return { app, logger };
}
