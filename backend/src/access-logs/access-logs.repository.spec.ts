import { describe, expect, it } from 'vitest';
import { AccessLogBatch } from 'src/access-logs/access-logs.repository.js';
import type { AccessLogRecord } from 'src/access-logs/access-log-record.js';
import { accessLogRecord } from 'test/support/access-log-factory.js';

const rollupIncrements = (records: AccessLogRecord[]) => AccessLogBatch.of(records).increments;

describe('AccessLogBatch roll-up increments', () => {
  const api = '00000000-0000-4000-8000-000000000001';
  const at = (iso: string) => new Date(iso);

  it('should sum rows of the same second, api, client, method, status and latency bucket', () => {
    const increments = rollupIncrements([
      accessLogRecord({
        apiId: api,
        createdAt: at('2025-03-09T05:29:59.001Z'),
        durationMs: 12.5,
        rowCount: 3,
      }),
      accessLogRecord({
        apiId: api,
        createdAt: at('2025-03-09T05:29:59.999Z'),
        durationMs: 14.25,
        rowCount: null,
      }),
      accessLogRecord({
        apiId: api,
        createdAt: at('2025-03-09T05:30:00.000Z'),
        durationMs: 12.5,
        rowCount: 3,
      }),
      accessLogRecord({ apiId: api, createdAt: at('2025-03-09T05:30:00.000Z'), durationMs: 15, rowCount: 1 }),
      accessLogRecord({ apiId: api, createdAt: at('2025-03-09T05:30:00.000Z'), durationMs: 15, status: 404 }),
    ]);
    const second = Date.UTC(2025, 2, 9, 5, 29, 59) / 1000;
    expect(increments).toEqual([
      [second, api, null, 'GET', 200, 6, 2, 26.75, 3],
      [second + 1, api, null, 'GET', 200, 6, 1, 12.5, 3],
      [second + 1, api, null, 'GET', 200, 7, 1, 15, 1],
      [second + 1, api, null, 'GET', 404, 7, 1, 15, 3],
    ]);
  });

  it('should bucket and sum the float4 PostgreSQL stores, not the double it is sent', () => {
    // Halfway between the float4 values either side of 1: PostgreSQL stores 1 - 2^-24 (bucket 0), Math.fround says 1.
    const [increment] = rollupIncrements([
      accessLogRecord({ createdAt: at('2025-01-01T00:00:00Z'), durationMs: 1 - 2 ** -25 }),
    ]);
    expect(increment.slice(5, 8)).toEqual([0, 1, 1 - 2 ** -24]);
  });
});
