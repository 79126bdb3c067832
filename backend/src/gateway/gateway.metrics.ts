import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from 'src/metrics/metrics.service.js';

/** Gateway metrics on the app registry: per-API calls and latency, rejections by reason, cache hits. */
@Injectable()
export class GatewayMetrics {
  readonly requests: Counter<'api' | 'status'>;
  readonly latency: Histogram<'api'>;
  readonly rejections: Counter<'reason'>;
  readonly cache: Counter<'result'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.requests = new Counter({ name: 'querygate_gateway_requests_total', help: 'Gateway calls by API and status', labelNames: ['api', 'status'], registers });
    this.latency = new Histogram({
      name: 'querygate_gateway_request_duration_seconds',
      help: 'Gateway call duration by API',
      labelNames: ['api'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.rejections = new Counter({ name: 'querygate_gateway_rejections_total', help: 'Gateway calls refused before the engine ran, by reason', labelNames: ['reason'], registers });
    this.cache = new Counter({ name: 'querygate_gateway_cache_total', help: 'Response cache lookups by result (hit, miss)', labelNames: ['result'], registers });
  }
}
