// Overview and access-log endpoints over 2,000,000 access-log rows (issue: each answers in < 500 ms).
// Run after `npm run build -w backend`: node --no-node-snapshot backend/bench/overview-bench.mjs
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import 'reflect-metadata';

const dist = new URL('../dist/backend/src/', import.meta.url);
const { createApp } = await import(new URL('app.factory.js', dist));
const { loadConfig } = await import(new URL('config/app-config.service.js', dist));
const { AccessLogsRepository } = await import(new URL('access-logs/access-logs.repository.js', dist));

const ROWS = Number(process.env.BENCH_LOG_ROWS ?? 2_000_000);
const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `qg_bench_logs_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: PG });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(PG);
url.pathname = `/${name}`;

const adminPassword = `Bench-${randomBytes(9).toString('base64url')}`;
const config = loadConfig({
  DATABASE_URL: url.toString(),
  APP_SECRET: randomBytes(32).toString('base64url'),
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_EMAIL: 'bench@example.test',
  ADMIN_PASSWORD: adminPassword,
  LOG_LEVEL: 'warn',
  SERVE_DASHBOARD: 'false',
  SEED_SAMPLES: 'false',
});
const { app } = await createApp(config);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;

try {
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const t0 = Date.now();
  await db.query(`INSERT INTO api_module (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Bench')`);
  await db.query(`INSERT INTO api (id, module_id, name, path, path_shape, method, engine)
    SELECT ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001', 'api ' || i, 'bench/' || i, 'bench/' || i, 'GET', 'sql'
    FROM generate_series(1, 50) i`);
  await db.query(`INSERT INTO app_client (id, client_id, name, secret_hash)
    SELECT ('00000000-0000-4000-a000-' || lpad(i::text, 12, '0'))::uuid, 'qg_bench_' || i, 'client ' || i, 'x' FROM generate_series(1, 20) i`);
  // Traffic shaped like a real deployment: each API has its method, its few callers and its own latency;
  // about 92 % of calls succeed. Spread over 30 days.
  await db.query(`INSERT INTO access_log (created_at, request_id, api_id, module_id, client_id, ip, method, path, status, error_code, duration_ms, row_count, response_bytes, cache_hit, user_agent, params)
    SELECT now() - (random() * interval '30 days'), md5(i::text),
           ('00000000-0000-4000-9000-' || lpad(a::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001',
           ('00000000-0000-4000-a000-' || lpad((1 + (a * 7 + i % 3) % 20)::text, 12, '0'))::uuid, '10.0.' || (i % 255) || '.' || (i % 7),
           CASE WHEN a % 5 = 0 THEN 'POST' ELSE 'GET' END, '/api/bench/' || a,
           CASE WHEN i % 100 < 92 THEN 200 WHEN i % 100 < 95 THEN 400 WHEN i % 100 < 97 THEN 404 WHEN i % 100 < 99 THEN 429 ELSE 500 END,
           NULL, ((2 + (a % 10) * 4) * exp(random() * 1.5))::real, i % 100, 500, false, 'bench', '{"id": 1}'::jsonb
      FROM (SELECT i, 1 + (floor(50 * power(random(), 2)))::int AS a FROM generate_series(1, $1) i) s`, [ROWS]);
  await db.query('ANALYZE access_log');
  const seeded = Date.now();
  await app.get(AccessLogsRepository).rebuildRollups(new Date(Date.now() - 31 * 86_400_000), new Date(Date.now() + 3_600_000));
  await db.query('ANALYZE access_log_hourly');
  console.log(`seeded ${ROWS.toLocaleString()} access-log rows in ${((seeded - t0) / 1000).toFixed(1)} s, roll-up in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  await db.end();

  const login = await fetch(`${base}/admin/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.test', password: adminPassword }) });
  const { accessToken } = await login.json();
  const endpoints = [
    '/admin/v1/overview/stats',
    '/admin/v1/overview/traffic?days=30',
    '/admin/v1/overview/traffic?days=1',
    '/admin/v1/overview/status-breakdown?days=30',
    '/admin/v1/overview/top-apis?days=30',
    '/admin/v1/overview/top-apis?days=30&by=errors',
    '/admin/v1/overview/latency?days=30&by=api',
    '/admin/v1/overview/latency?days=30&by=client',
    '/admin/v1/overview/recent-access?limit=20',
    '/admin/v1/overview/recent-commits',
    '/admin/v1/access-logs?pageSize=50',
    '/admin/v1/access-logs?status=fail&pageSize=50',
    '/admin/v1/access-logs?path=bench/7&pageSize=50',
    '/admin/v1/access-logs?apiId=00000000-0000-4000-9000-000000000007&pageSize=50',
  ];
  console.log('\nendpoint'.padEnd(52) + 'median ms   max ms');
  for (const path of endpoints) {
    const times = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${accessToken}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(path.padEnd(52) + times[3].toFixed(1).padStart(9) + times[6].toFixed(1).padStart(9));
  }
} finally {
  await app.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
