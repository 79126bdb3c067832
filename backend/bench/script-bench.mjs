// Warm per-call overhead of the script engine, next to the same query run directly through pg.
// Build first, then run with the snapshot disabled (isolated-vm needs it):
//   npm run build -w backend && node --no-node-snapshot backend/bench/script-bench.mjs
// Env: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_ITERATIONS (default 2000).
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const dist = new URL('../dist/backend/src/', import.meta.url);
const { ScriptEngine } = await import(new URL('engines/script/script.engine.js', dist).href);
const { PostgresConnector } = await import(new URL('datasources/external-db/postgres.driver.js', dist).href);

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_ITERATIONS ?? 2000);
const WARMUP = Math.min(500, N);
const dbName = `qg_bench_${randomBytes(4).toString('hex')}`;

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;

const direct = new pg.Client({ connectionString: url.toString() });
await direct.connect();
await direct.query('CREATE TABLE items (id INT PRIMARY KEY, name TEXT NOT NULL)');
await direct.query("INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g");

const connector = new PostgresConnector({
  id: 'bench',
  type: 'postgres',
  host: url.hostname,
  port: Number(url.port || 5432),
  database: dbName,
  username: decodeURIComponent(url.username || 'postgres'),
  password: url.password ? decodeURIComponent(url.password) : null,
  poolMax: 4,
  options: {},
  revision: '1',
});
const engine = new ScriptEngine({ poolSize: cpus().length });

const SQL = 'SELECT id, name FROM items WHERE id = $1';
const ds = { id: 'bench', name: 'bench', type: 'postgres', database: dbName };

async function measure(name, fn) {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const samples = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await fn(i);
    samples[i] = performance.now() - t0;
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / N;
  const q = (p) => samples[Math.min(N - 1, Math.floor(p * N))];
  return { name, meanUs: mean * 1000, p10Us: q(0.1) * 1000, p50Us: q(0.5) * 1000, p99Us: q(0.99) * 1000 };
}

async function throughput(fn, concurrency, total) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await fn(next++);
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

const id = (i) => (i % 1000) + 1;
const check = (r, expected) => {
  if (JSON.stringify(r) !== JSON.stringify(expected)) throw new Error(`unexpected result ${JSON.stringify(r)}`);
};

try {
  const rows = [];
  rows.push(
    await measure('pg client, direct query', async (i) => {
      const r = await direct.query({ text: SQL, values: [id(i)] });
      if (r.rows.length !== 1) throw new Error('no row');
    }),
  );
  rows.push(
    await measure('PostgresConnector.run (read-only tx)', async (i) => {
      const [r] = await connector.run([{ sql: SQL, values: [id(i)] }], { readOnly: true });
      if (r.rows.length !== 1) throw new Error('no row');
    }),
  );
  rows.push(
    await measure('script: return 1', async () => {
      const r = await engine.run({ key: 'trivial', script: 'return 1', apiId: 'bench' });
      check(r.envelope.data, [1]);
    }),
  );
  rows.push(
    await measure('script: one db.query, read-only API', async (i) => {
      const r = await engine.run({ key: 'q-ro', script: `return await db.query('${SQL}', [params.id])`, params: { id: id(i) }, apiId: 'bench', connector, ds, readOnly: true });
      if (r.envelope.data.length !== 1) throw new Error('no row');
    }),
  );
  rows.push(
    await measure('script: one db.query, writing API (autocommit)', async (i) => {
      const r = await engine.run({ key: 'q-rw', script: `return await db.query('${SQL}', [params.id])`, params: { id: id(i) }, apiId: 'bench', connector, ds, readOnly: false });
      if (r.envelope.data.length !== 1) throw new Error('no row');
    }),
  );

  // Medians: on a shared machine the means and p99 mostly measure scheduler stalls.
  const base = rows[0].p50Us;
  console.log(`\nScript engine warm per-call latency (N=${N} after ${WARMUP} warm-up calls, sequential; pool=${cpus().length} isolates; node ${process.version}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)\n`);
  console.log('| case | p10 µs | p50 µs | mean µs | p99 µs | p50 / direct pg |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.p10Us.toFixed(0)} | ${r.p50Us.toFixed(0)} | ${r.meanUs.toFixed(0)} | ${r.p99Us.toFixed(0)} | ${(r.p50Us / base).toFixed(2)}× |`);
  console.log(`\nengine overhead of a trivial script (p50): ${rows[2].p50Us.toFixed(0)} µs per call`);
  console.log(`one db.query, read-only script vs direct pg (p50): ${(rows[3].p50Us / base).toFixed(2)}× (+${(rows[3].p50Us - base).toFixed(0)} µs)`);
  console.log(`one db.query, writing script vs direct pg (p50):   ${(rows[4].p50Us / base).toFixed(2)}× (+${(rows[4].p50Us - base).toFixed(0)} µs)`);

  const c = cpus().length * 4;
  const trivialRps = await throughput(() => engine.run({ key: 'trivial', script: 'return 1', apiId: 'bench' }), c, N * 2);
  const queryRps = await throughput((i) => engine.run({ key: 'q-ro', script: `return await db.query('${SQL}', [params.id])`, params: { id: id(i) }, apiId: 'bench', connector, ds }), c, N);
  console.log(`\nthroughput with ${c} concurrent callers: trivial script ${trivialRps.toFixed(0)} calls/s, read-only db.query script ${queryRps.toFixed(0)} calls/s`);
} finally {
  await engine.close();
  await connector.close();
  await direct.end();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
