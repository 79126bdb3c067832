import { Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from 'src/config/app-config.service.js';
import { AccessLogSink } from 'src/gateway/access-log.sink.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayMetrics } from 'src/gateway/gateway.metrics.js';

const MASK = '***';

/** Always runs, rejections included (Kong's log phase): access-log record, metrics, app log for 5xx. */
@Injectable()
export class AccessLogStage {
  readonly name = 'access-log';
  private readonly logger = new Logger('Gateway');
  /** ACCESS_LOG_BODY: longest stored body, or -1 when bodies are not stored. */
  private readonly bodyMaxChars: number;

  constructor(
    private readonly sink: AccessLogSink,
    private readonly metrics: GatewayMetrics,
    config: AppConfigService,
  ) {
    this.bodyMaxChars = config.get('accessLogBody') ? config.get('accessLogBodyMaxChars') : -1;
  }

  /** The parsed JSON/form body with sensitive parameters masked, truncated; null unless enabled. */
  private bodyOf(ctx: GatewayContext): string | null {
    if (this.bodyMaxChars < 0 || ctx.body === undefined || ctx.body === null) return null;
    let body = ctx.body;
    if (ctx.api?.sensitive.size && typeof body === 'object' && !Array.isArray(body)) {
      body = { ...(body as Record<string, unknown>) };
      for (const name of ctx.api.sensitive) if (name in (body as Record<string, unknown>)) (body as Record<string, unknown>)[name] = MASK;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return text.slice(0, this.bodyMaxChars);
  }

  run(ctx: GatewayContext): void {
    const durationMs = performance.now() - ctx.startedAt;
    const api = ctx.api;
    const label = api ? api.name : 'unmatched';
    this.metrics.requests.inc({ api: label, status: String(ctx.status) });
    this.metrics.latency.observe({ api: label }, durationMs / 1000);
    if (ctx.status >= 500 && ctx.status !== 503) this.logger.error({ requestId: ctx.requestId, code: ctx.errorCode, detail: ctx.errorDetail, api: api?.id }, 'gateway call failed');
    let params: Record<string, unknown> | null = null;
    if (api && api.sensitive.size) {
      params = {};
      for (const [k, v] of Object.entries(ctx.params)) params[k] = api.sensitive.has(k) ? MASK : v;
    } else if (api) {
      params = ctx.params;
    }
    const ua = ctx.headers['user-agent'];
    this.sink.write({
      requestId: ctx.requestId,
      createdAt: ctx.createdAt,
      apiId: api?.id ?? null,
      apiVersionId: api?.versionId ?? null,
      moduleId: api?.moduleId ?? null,
      clientId: ctx.client?.id ?? null,
      clientKey: ctx.client?.clientKey ?? null,
      ip: ctx.ip,
      method: ctx.isHead ? 'HEAD' : ctx.method,
      path: `/api/${ctx.path}`,
      status: ctx.status,
      errorCode: ctx.errorCode,
      durationMs,
      rowCount: ctx.rowCount,
      responseBytes: ctx.responseBytes,
      cacheHit: ctx.cacheHit,
      userAgent: typeof ua === 'string' ? ua : null,
      params,
      requestBody: this.bodyOf(ctx),
    });
  }
}
