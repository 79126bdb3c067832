import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from 'src/common/redis/redis.module.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { ApiRunner } from 'src/engines/api-runner.js';
import { ConnectorSource } from 'src/engines/engine.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { camelizeKeys } from 'src/gateway/gateway-response.js';
import { GatewayMetrics } from 'src/gateway/gateway.metrics.js';
import { MemoryResponseCache, RedisResponseCache, responseCacheKey, SingleFlight, type CachedResponse, type ResponseCacheStore } from 'src/gateway/response-cache.js';
import { formatRows, streamRows } from 'src/gateway/row-format.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

/**
 * Runs the API: CSV/NDJSON of a single-statement SQL API streams from the cursor; otherwise ApiRunner
 * (validators → engine → transform), through the response cache when the API sets cacheTtlSeconds.
 */
@Injectable()
export class ExecuteStage implements GatewayStage {
  readonly name = 'execute';
  private readonly cache: ResponseCacheStore;
  private readonly flights = new SingleFlight<CachedResponse>();
  private readonly exposeDetail: boolean;

  constructor(
    private readonly runner: ApiRunner,
    private readonly sql: SqlEngine,
    private readonly connectors: ConnectorSource,
    private readonly metrics: GatewayMetrics,
    @Inject(REDIS) redis: Redis | null,
    config: AppConfigService,
  ) {
    this.cache = redis ? new RedisResponseCache(redis) : new MemoryResponseCache(config.get('gatewayCacheMaxEntries'));
    this.exposeDetail = config.get('isDevelopment');
  }

  run(ctx: GatewayContext): Promise<unknown> {
    const api = ctx.api!;
    if (ctx.format !== 'json' && api.streamable) return this.stream(ctx);
    const ttl = api.snapshot.cacheTtlSeconds;
    return ttl && ctx.format === 'json' ? this.cached(ctx, ttl) : this.execute(ctx);
  }

  private async cached(ctx: GatewayContext, ttl: number): Promise<void> {
    const api = ctx.api!;
    const key = responseCacheKey(api.versionId, ctx.params, api.isPublic ? null : (ctx.client?.id ?? null), ctx.camel ? 'camel' : '');
    const hit = await this.cache.get(key);
    if (hit) {
      this.metrics.cache.inc({ result: 'hit' });
      ctx.cacheHit = true;
      return this.apply(ctx, hit);
    }
    this.metrics.cache.inc({ result: 'miss' });
    const flight = this.flights.run(key, async () => {
      const answer = await this.execute(ctx);
      if (answer.status === 200) this.cache.set(key, answer, ttl);
      return answer;
    });
    const answer = await flight.promise;
    ctx.cacheHit = !flight.leader;
    this.apply(ctx, answer);
  }

  /** Runs the API and sets its answer on `ctx`; the answer is returned for the response cache. */
  private async execute(ctx: GatewayContext): Promise<CachedResponse> {
    const api = ctx.api!;
    const run = await this.runner.run({
      apiId: api.id,
      versionKey: api.versionId,
      moduleId: api.moduleId,
      snapshot: api.snapshot,
      macros: api.macros,
      params: ctx.params,
      requestId: ctx.requestId,
      signal: ctx.signal,
      exposeDetail: this.exposeDetail,
    });
    ctx.run = run;
    if (run.error) {
      ctx.errorCode = run.error.code;
      ctx.errorDetail = run.error.message;
    }
    let answer: CachedResponse;
    if (ctx.format !== 'json' && run.status === 200) {
      answer = { status: 200, body: formatRows(run.envelope.data, ctx.format, ctx.camel), rowCount: run.rowCount };
    } else {
      answer = { status: run.status, body: JSON.stringify(ctx.camel ? camelizeKeys(run.envelope) : run.envelope), rowCount: run.rowCount };
    }
    this.apply(ctx, answer);
    return answer;
  }

  private apply(ctx: GatewayContext, answer: CachedResponse): void {
    ctx.status = answer.status;
    ctx.bodyText = answer.body;
    ctx.rowCount = answer.rowCount;
  }

  private async stream(ctx: GatewayContext): Promise<void> {
    const api = ctx.api!;
    const s = api.snapshot;
    const connector = await this.connectors.connectorFor(s.datasourceId!);
    const statements = this.sql.render(s.content, ctx.params, connector.type, { macros: api.macros.sql });
    if (statements.length !== 1) {
      // Several statements cannot stream; answer from memory instead.
      await this.execute(ctx);
      return;
    }
    const source = await connector.stream(statements[0], { readOnly: s.readOnly, timeoutMs: s.timeoutMs ?? undefined, signal: ctx.signal });
    ctx.rowCount = 0;
    ctx.status = 200;
    ctx.stream = streamRows(source, ctx.format as 'csv' | 'ndjson', ctx.camel, () => ctx.rowCount!++);
  }
}
