import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKETS_MS,
  latencyBucket,
  storedFloat4,
  type AccessLogRecord,
} from 'src/access-logs/access-log-record.js';
import { AccessLogBatch, AccessLogsRepository } from 'src/access-logs/access-logs.repository.js';
import { appDataSourceOptions, runMigrations } from 'src/common/database/database.module.js';
import { startEmbeddedPostgres } from 'src/common/database/embedded-postgres.js';
import { accessLogRecord } from 'test/support/access-log-factory.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';

const BOUNDS = `ARRAY[${LATENCY_BUCKETS_MS.join(',')}]::float8[]`;
const COLUMNS =
  'created_at, request_id, api_id, api_version_id, module_id, client_id, client_key, ip, method, path, status, error_code, duration_ms, row_count, response_bytes, cache_hit, user_agent, params, request_body';

/** The statement the writer used before (one array per column), raw rows only: the reference for "lands exactly as before". */
async function legacyInsert(ds: DataSource, records: AccessLogRecord[]) {
  const types = [
    'timestamptz',
    'text',
    'uuid',
    'uuid',
    'uuid',
    'uuid',
    'text',
    'text',
    'text',
    'text',
    'int2',
    'text',
    'float4',
    'int4',
    'int4',
    'bool',
    'text',
    'jsonb',
    'text',
  ];
  const keys: (keyof AccessLogRecord)[] = [
    'createdAt',
    'requestId',
    'apiId',
    'apiVersionId',
    'moduleId',
    'clientId',
    'clientKey',
    'ip',
    'method',
    'path',
    'status',
    'errorCode',
    'durationMs',
    'rowCount',
    'responseBytes',
    'cacheHit',
    'userAgent',
    'params',
    'requestBody',
  ];
  const arrays = keys.map((key, i) =>
    records.map((r) => {
      const v = r[key];
      if (v === null || v === undefined) return null;
      if (types[i] === 'jsonb') return JSON.stringify(v);
      return v instanceof Date ? v.toISOString() : v;
    }),
  );
  const unnest = types.map((t, i) => `$${i + 1}::${t === 'jsonb' ? 'text' : t}[]`).join(', ');
  const select = COLUMNS.replace('params', 'params::jsonb');
  await ds.query(
    `INSERT INTO access_log_legacy (${COLUMNS}) SELECT ${select} FROM unnest(${unnest}) AS b(${COLUMNS})`,
    arrays,
  );
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Float4 values whose sums are exact in float8 (so incremental and rebuilt sums are bit-equal), with every edge:
// below the first bound, on bounds, float4 neighbours of bounds, ties PostgreSQL and Math.fround round apart.
const DURATIONS = [
  -2,
  0,
  0.5,
  1 - 2 ** -25,
  1,
  1 + 2 ** -24,
  2 - 2 ** -24,
  2,
  3 - 2 ** -23,
  4.9999999,
  5,
  5 + 2 ** -21,
  7.25,
  75 - 2 ** -18,
  75,
  100 - 2 ** -18,
  100,
  1000,
  59_999.998046875,
  60_000 - 2 ** -8,
  60_000,
  60_000.5,
  1e6,
];
const PATHS = [
  '/api/orders',
  `/api/o"quote's`,
  '/api/back\\slash\\u0000-not-an-escape',
  '/api/ünïcödé/日本/😀',
  '/api/ctl\u0001\u001f\t\n\r\b\f\u007f',
  `/api/${'x'.repeat(900)}`,
];
const AGENTS = [null, 'vitest', 'Mozilla/5.0 "q" \\ \u2028\u2029', '\u0085ua'];
const PARAMS: AccessLogRecord['params'][] = [
  null,
  {},
  { id: 1 },
  {
    q: 'a"b\\c',
    n: 0.1,
    big: 2 ** 63,
    e: 1e21,
    neg: -0,
    arr: [1, 'x', null, true],
    nested: { deep: { ü: '😀' } },
  },
  { s: '\u0001\n', 'k"ey': '\\u0000' },
];
const BODIES = [null, '{"a":1}', 'plain \\ "text"', 'y'.repeat(5000)];

/** Records across apis, clients, methods, statuses, edge durations and text, spread over two days and many hour boundaries. */
function variedRecords(): AccessLogRecord[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const base = Date.UTC(2025, 2, 8); // St. John's leaves standard time on 2025-03-09 at 05:30 UTC
  const times: number[] = [];
  for (let i = 0; i < 400; i++) times.push(base + Math.floor(next() * 60 * 3_600_000));
  for (let q = base + 20 * 3_600_000; q <= base + 30 * 3_600_000; q += 900_000) times.push(q - 1, q, q + 1);
  // St. John's left daylight time at 00:01 local on 2010-11-07 (02:31 UTC): a quarter-hour grouping would misplace these.
  for (const offset of [0, 59_999, 60_000, 90_000, 899_999])
    times.push(Date.UTC(2010, 10, 7, 2, 30) + offset);
  return times.map((t, i) => {
    const apiId = pick([uuid(1), uuid(2), uuid(3), null]);
    const clientId = pick([uuid(11), uuid(12), null]);
    return accessLogRecord({
      createdAt: new Date(t),
      apiId,
      apiVersionId: apiId && uuid(100 + i),
      moduleId: apiId && uuid(7),
      clientId,
      clientKey: clientId && 'ck_test',
      ip: pick(['127.0.0.1', '::1', null, '2001:db8::ff00:42:8329']),
      method: pick(['GET', 'POST', 'HEAD']),
      path: pick(PATHS),
      status: pick([200, 201, 304, 400, 404, 429, 500, 503]),
      errorCode: pick([null, 'SQL_ERROR']),
      durationMs: next() < 0.7 ? pick(DURATIONS) : Math.floor(next() * 200 * 64) / 64,
      rowCount: pick([null, 0, 3, 2_000_000_000]),
      responseBytes: pick([null, 0, 321, 2_147_483_647]),
      cacheHit: next() < 0.3,
      userAgent: pick(AGENTS),
      params: pick(PARAMS),
      requestBody: pick(BODIES),
    });
  });
}

const rollups = async (ds: DataSource, table: string) =>
  ds.query(
    `SELECT bucket, api_id, client_id, method, status, latency_bucket, count, duration_sum, row_sum FROM ${table}
      ORDER BY bucket, api_id NULLS FIRST, client_id NULLS FIRST, method, status, latency_bucket`,
  );

/** Writes `records` through insert() in several batches and checks raw rows and roll-ups. */
async function expectFaithfulBatches(ds: DataSource, records: AccessLogRecord[]) {
  await ds.query('TRUNCATE access_log, access_log_hourly, access_log_daily');
  await ds.query('CREATE TABLE IF NOT EXISTS access_log_legacy (LIKE access_log INCLUDING DEFAULTS)');
  await ds.query('TRUNCATE access_log_legacy');
  const repo = new AccessLogsRepository(ds);
  for (let i = 0; i < records.length; i += 100) await repo.insert(AccessLogBatch.of(records.slice(i, i + 100)));

  // Raw rows: bit-for-bit what the per-column statement stored…
  await legacyInsert(ds, records);
  const [{ missing, extra }] = await ds.query(
    `SELECT (SELECT count(*) FROM (SELECT ${COLUMNS} FROM access_log_legacy EXCEPT ALL SELECT ${COLUMNS} FROM access_log) d)::int AS missing,
            (SELECT count(*) FROM (SELECT ${COLUMNS} FROM access_log EXCEPT ALL SELECT ${COLUMNS} FROM access_log_legacy) d)::int AS extra`,
  );
  expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
  // …and equal to the input, in order.
  const rows = await ds.query(
    `SELECT ${COLUMNS}, duration_ms::float8 AS duration FROM access_log ORDER BY id`,
  );
  expect(rows).toHaveLength(records.length);
  rows.forEach((row: Record<string, unknown>, i: number) => {
    const r = records[i];
    expect({
      createdAt: (row.created_at as Date).getTime(),
      requestId: row.request_id,
      ids: [row.api_id, row.api_version_id, row.module_id, row.client_id],
      text: [row.client_key, row.ip, row.method, row.path, row.error_code, row.user_agent, row.request_body],
      numbers: [row.status, row.row_count, row.response_bytes, row.cache_hit],
      duration: row.duration,
      params: row.params,
    }).toEqual({
      createdAt: r.createdAt.getTime(),
      requestId: r.requestId,
      ids: [r.apiId, r.apiVersionId, r.moduleId, r.clientId],
      text: [r.clientKey, r.ip, r.method, r.path, r.errorCode, r.userAgent, r.requestBody],
      numbers: [r.status, r.rowCount, r.responseBytes, r.cacheHit],
      duration: storedFloat4(r.durationMs),
      params: r.params === null ? null : JSON.parse(JSON.stringify(r.params)),
    });
  });

  // Roll-ups: equal to a re-aggregation of the raw rows.
  const hourly = await rollups(ds, 'access_log_hourly');
  const daily = await rollups(ds, 'access_log_daily');
  expect(hourly.reduce((n: number, h: { count: string }) => n + Number(h.count), 0)).toBe(records.length);
  const times = records.map((r) => r.createdAt.getTime());
  await repo.rebuildRollups(
    new Date(Math.min(...times) - 2 * 86_400_000),
    new Date(Math.max(...times) + 2 * 86_400_000),
  );
  expect(await rollups(ds, 'access_log_hourly')).toEqual(hourly);
  expect(await rollups(ds, 'access_log_daily')).toEqual(daily);
  return { hourly, daily };
}

describe(AccessLogsRepository.name, () => {
  let db: TestDatabase;
  const open = (timeZone = 'UTC') => {
    const options = appDataSourceOptions(db.url, { poolMax: 2, ssl: false });
    return new DataSource({
      ...options,
      extra: { ...(options.extra as object), options: `-c TimeZone=${timeZone}` },
    }).initialize();
  };

  beforeAll(async () => {
    db = await createPgDatabase('qg_al_repo');
    const ds = await open();
    await runMigrations(ds, { lock: false });
    await ds.destroy();
  });
  afterAll(() => db?.drop());

  describe('insert', () => {
    for (const timeZone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu']) {
      it(`should store the rows as before and roll-ups equal to a rebuild from them (TimeZone ${timeZone})`, async () => {
        const ds = await open(timeZone);
        try {
          expect((await ds.query('SHOW TimeZone'))[0].TimeZone).toBe(timeZone);
          const { hourly, daily } = await expectFaithfulBatches(ds, variedRecords());
          expect(hourly.length).toBeGreaterThan(daily.length);
          expect(new Set(daily.map((d: { bucket: Date }) => d.bucket.getTime())).size).toBeGreaterThanOrEqual(
            4,
          );
        } finally {
          await ds.destroy();
        }
      });
    }

    it('should store NaN and infinite durations as before', async () => {
      const ds = await open();
      try {
        const records = [Number.NaN, Infinity, -Infinity, 3].map((durationMs) =>
          accessLogRecord({ durationMs, method: 'PATCH', createdAt: new Date(Date.UTC(2025, 0, 1)) }),
        );
        await expectFaithfulBatches(ds, records);
        const buckets = await ds.query(
          `SELECT latency_bucket, count, duration_sum FROM access_log_hourly ORDER BY latency_bucket`,
        );
        expect(buckets).toEqual([
          { latency_bucket: 0, count: '1', duration_sum: -Infinity },
          { latency_bucket: 3, count: '1', duration_sum: 3 },
          { latency_bucket: LATENCY_BUCKETS_MS.length, count: '2', duration_sum: Number.NaN },
        ]);
      } finally {
        await ds.destroy();
      }
    });

    it('should truncate over-long text and store NUL or lone surrogates as U+FFFD instead of failing the batch', async () => {
      const ds = await open();
      try {
        await ds.query('TRUNCATE access_log, access_log_hourly, access_log_daily');
        const repo = new AccessLogsRepository(ds);
        await repo.insert(AccessLogBatch.of([
          accessLogRecord({
            userAgent: 'u'.repeat(600),
            path: `/api/${'p'.repeat(1200)}`,
            method: 'PROPPATCH',
            requestId: 'r'.repeat(200),
          }),
          accessLogRecord({
            path: '/api/nul\u0000here',
            userAgent: 'lone \ud800 high',
            requestBody: 'kept \\u0000 \\\\ud800 text',
            params: { s: 'a\u0000b', t: '\udc00x', u: '😀' },
          }),
        ]));
        const rows = await ds.query(
          `SELECT request_id, method, path, user_agent, params, request_body FROM access_log ORDER BY id`,
        );
        expect(rows[0]).toMatchObject({
          request_id: 'r'.repeat(128),
          method: 'PROPPATC',
          path: `/api/${'p'.repeat(995)}`,
          user_agent: 'u'.repeat(512),
        });
        expect(rows[1]).toMatchObject({
          path: '/api/nul\ufffdhere',
          user_agent: 'lone \ufffd high',
          request_body: 'kept \\u0000 \\\\ud800 text',
          params: { s: 'a\ufffdb', t: '\ufffdx', u: '😀' },
        });
        const methods = await ds.query(
          `SELECT method, sum(count)::int AS n FROM access_log_hourly GROUP BY method ORDER BY method`,
        );
        expect(methods).toEqual([
          { method: 'GET', n: 1 },
          { method: 'PROPPATC', n: 1 },
        ]);
      } finally {
        await ds.destroy();
      }
    });
  });

  it('should find the float4 PostgreSQL stores for a duration and its width_bucket', async () => {
    const ds = await open();
    try {
      // The next double or float4 up (step 1) or down (step -1) from a non-zero x, by stepping its bits.
      const f64 = new Float64Array(1);
      const i64 = new BigInt64Array(f64.buffer);
      const f32 = new Float32Array(1);
      const i32 = new Int32Array(f32.buffer);
      const nextDouble = (x: number, step: 1 | -1) => (
        (f64[0] = x),
        (i64[0] += BigInt(x > 0 ? step : -step)),
        f64[0]
      );
      const nextFloat = (x: number, step: 1 | -1) => ((f32[0] = x), (i32[0] += x > 0 ? step : -step), f32[0]);
      const values = [0, -0, -1, 1e-30, 1e30, 2 ** 24 + 1, 2 ** 24 + 3, Number.NaN, Infinity, -Infinity];
      for (const bound of LATENCY_BUCKETS_MS) {
        for (const near of [bound, -bound]) {
          // the bound, its float4 neighbours, the ties halfway to them, and one double either side of each
          const below = nextFloat(near, -1);
          const above = nextFloat(near, 1);
          for (const x of [near, below, above, (near + below) / 2, (near + above) / 2])
            values.push(x, nextDouble(x, 1), nextDouble(x, -1));
        }
      }
      const next = random(7);
      for (let i = 0; i < 3000; i++) values.push(next() * 70_000, next() * 10, 10 ** (next() * 12 - 6));
      const text = JSON.stringify(values.map((v) => (Number.isFinite(v) ? v : String(v))));
      const rows: { stored: number; bucket: number }[] = await ds.query(
        `SELECT (e #>> '{}')::float4::float8 AS stored, width_bucket((e #>> '{}')::float4::float8, ${BOUNDS}) AS bucket
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, i) ORDER BY i`,
        [text],
      );
      const zero = (x: number) => (x === 0 ? 0 : x);
      expect(
        values.map((v) => ({ stored: zero(storedFloat4(v)), bucket: latencyBucket(storedFloat4(v)) })),
      ).toEqual(rows.map((r) => ({ stored: zero(r.stored), bucket: r.bucket })));
      // The ties are there: Math.fround alone would disagree with PostgreSQL on some of them.
      expect(
        values.filter((v, i) => Math.fround(v) !== rows[i].stored && !Number.isNaN(v)).length,
      ).toBeGreaterThan(10);
    } finally {
      await ds.destroy();
    }
  });

  it('should write the same rows and roll-ups on the embedded engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-pglite-al-'));
    const embedded = await startEmbeddedPostgres(dir);
    const ds = await new DataSource(
      appDataSourceOptions(embedded.url, { poolMax: 1, ssl: false }),
    ).initialize();
    try {
      await runMigrations(ds, { lock: false });
      await expectFaithfulBatches(ds, variedRecords().slice(0, 250));
    } finally {
      await ds.destroy();
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
