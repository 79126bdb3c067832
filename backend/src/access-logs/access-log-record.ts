/** One gateway call, as the gateway hands it to the access-log writer (columns of `access_log`). */
export interface AccessLogRecord {
  requestId: string;
  createdAt: Date;
  apiId: string | null;
  apiVersionId: string | null;
  moduleId: string | null;
  /** app_client.id (uuid) when the caller authenticated. */
  clientId: string | null;
  /** The public client id the caller presented. */
  clientKey: string | null;
  ip: string | null;
  method: string;
  path: string;
  status: number;
  errorCode: string | null;
  durationMs: number;
  rowCount: number | null;
  responseBytes: number | null;
  cacheHit: boolean;
  userAgent: string | null;
  /** Bound parameters with `sensitive` ones masked; never headers with secrets. */
  params: Record<string, unknown> | null;
  requestBody: string | null;
}

/** Latency bucket upper bounds (ms) of the hourly roll-up; the last bucket is open-ended. */
export const LATENCY_BUCKETS_MS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000];
