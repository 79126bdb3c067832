import type { IncomingHttpHeaders } from 'node:http';
import type { ApiRunResult } from 'src/engines/api-runner.js';
import type { SlotLease } from 'src/common/rate-limit/concurrency-limiter.js';
import type { CatalogueApi, CatalogueClient } from 'src/gateway/catalogue/runtime-catalogue.js';
import type { GatewayEnvelope } from 'src/gateway/gateway-response.js';
import type { Readable } from 'node:stream';

export type ResponseFormat = 'json' | 'csv' | 'ndjson';

/** Per-request state passed from stage to stage. */
export interface GatewayContext {
  readonly requestId: string;
  readonly startedAt: number;
  readonly createdAt: Date;
  /** The routed method (HEAD is served as GET). */
  readonly method: string;
  readonly isHead: boolean;
  /** Path after `/api/`, without the query string. */
  readonly path: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  readonly signal: AbortSignal;
  ip: string;
  api: CatalogueApi | null;
  pathParams: Record<string, string>;
  client: CatalogueClient | null;
  params: Record<string, unknown>;
  camel: boolean;
  format: ResponseFormat;
  slot: SlotLease | null;
  /** Response headers collected by stages (rate-limit, CORS). */
  responseHeaders: Record<string, string>;
  /** Set by the stage that answers; the pipeline stops there. */
  status: number;
  envelope: GatewayEnvelope | null;
  /** A pre-serialised JSON body (cache hit). */
  bodyText: string | null;
  stream: Readable | null;
  errorCode: string | null;
  /** Internal error detail for the app log and the access log. */
  errorDetail: string | null;
  rowCount: number | null;
  responseBytes: number | null;
  cacheHit: boolean;
  run: ApiRunResult | null;
}
