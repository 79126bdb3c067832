import { randomUUID } from 'node:crypto';
import type { AccessLogRecord } from 'src/access-logs/access-log-record.js';

/** A plausible gateway call record; override what the test cares about. */
export const accessLogRecord = (overrides: Partial<AccessLogRecord> = {}): AccessLogRecord => ({
  requestId: randomUUID(),
  createdAt: new Date(),
  apiId: null,
  apiVersionId: null,
  moduleId: null,
  clientId: null,
  clientKey: null,
  ip: '127.0.0.1',
  method: 'GET',
  path: 'orders',
  status: 200,
  errorCode: null,
  durationMs: 12.5,
  rowCount: 3,
  responseBytes: 321,
  cacheHit: false,
  userAgent: 'vitest',
  params: { id: 1 },
  requestBody: null,
  ...overrides,
});
