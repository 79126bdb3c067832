// Gateway benchmark: Querygate (built dist, real PostgreSQL app DB + Redis) against a bare node:http + pg
// server answering the same queries with the same envelope (the ceiling). Run: npm run bench
// Options (env): BENCH_SECONDS (per run, default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (50),
// BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL (redis://127.0.0.1:6379),
// BENCH_ONLY=<part of a scenario name> runs just those; BENCH_CPU_PROF=1 writes a V8 CPU profile of the Querygate process into $TMPDIR/querygate-bench-profiles/.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashSecret } from '../dist/backend/src/common/crypto/password.js';
import { startCeiling } from './gateway-ceiling.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Only the scenarios whose name contains this (e.g. "public"), to profile one at a time. */
const ONLY = process.env.BENCH_ONLY ?? '';
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROWS = 200_000;
const CSV_ROWS = 100_000;
const CLK_TCK = 100;

const dbUrl = (name) => Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function admin(sql) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/** CPU time (µs) used so far by a process, from /proc/<pid>/stat (utime + stime). */
function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1e6;
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function seedData(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TABLE item (id int PRIMARY KEY, item_name text NOT NULL, price numeric(10,2) NOT NULL, category text NOT NULL, created_on date NOT NULL)`);
  await c.query(`INSERT INTO item SELECT g, 'item ' || g, (g % 1000) / 10.0, 'cat' || (g % 20), date '2020-01-01' + (g % 1500) FROM generate_series(1, ${ROWS}) g`);
  await c.query('ANALYZE item');
  await c.end();
}

async function startQuerygate(appDb, port) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl(appDb),
    REDIS_URL,
    APP_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
    ADMIN_PASSWORD: `Bench-${randomBytes(9).toString('base64url')}`,
    LOG_LEVEL: 'warn',
    SERVE_DASHBOARD: 'false',
    SEED_SAMPLES: 'false',
    // Public callers share one slot pool per IP, and every load-generator connection comes from 127.0.0.1.
    GATEWAY_MAX_CONCURRENT_PER_CLIENT: '200',
  };
  const args = ['--no-node-snapshot'];
  if (process.env.BENCH_CPU_PROF) {
    const dir = join(tmpdir(), 'querygate-bench-profiles');
    console.log(`CPU profile of Querygate goes to ${dir}`);
    mkdirSync(dir, { recursive: true });
    args.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  args.push(new URL('../dist/backend/src/main.js', import.meta.url).pathname);
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return Object.assign(child, { port });
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error('Querygate did not become ready');
}

async function seedApis(appDb, dataDb, redisPublish) {
  const c = new pg.Client({ connectionString: dbUrl(appDb) });
  await c.connect();
  const u = new URL(PG_URL);
  const ds = (await c.query(`INSERT INTO datasource (name, type, host, port, database, username, pool_max) VALUES ('bench', 'postgres', $1, $2, $3, $4, 10) RETURNING id`, [u.hostname, Number(u.port || 5432), dataDb, decodeURIComponent(u.username || 'postgres')])).rows[0].id;
  const mod = (await c.query(`INSERT INTO api_module (name) VALUES ('bench') RETURNING id`)).rows[0].id;
  const base = { datasourceId: ds, validators: [], transform: null, readOnly: true, rateLimitPerMinute: null, timeoutMs: null, maxRows: null, cacheTtlSeconds: null, corsOrigins: [] };
  const idParam = [{ name: 'id', location: 'path', type: 'integer', required: true }];
  const apis = {
    public: { path: 'items/{id}', snapshot: { ...base, engine: 'sql', accessType: 'public', params: idParam, content: 'SELECT id, item_name, price, category, created_on FROM item WHERE id = {{ id }}' } },
    private: { path: 'private/items/{id}', snapshot: { ...base, engine: 'sql', accessType: 'private', params: idParam, content: 'SELECT id, item_name, price, category, created_on FROM item WHERE id = {{ id }}' } },
    list: { path: 'items', snapshot: { ...base, engine: 'sql', accessType: 'public', params: [{ name: 'offset', location: 'query', type: 'integer', required: false, default: 0 }], content: 'SELECT id, item_name, price, category, created_on FROM item ORDER BY id LIMIT 50 OFFSET {{ offset }}' } },
    script: { path: 'script/items/{id}', snapshot: { ...base, engine: 'script', accessType: 'public', params: idParam, content: "const row = await db.queryOne('SELECT id, item_name, price, category, created_on FROM item WHERE id = $1', [params.id]);\nreturn { data: row ? [row] : [] };" } },
    csv: { path: 'export', snapshot: { ...base, engine: 'sql', accessType: 'public', params: [], content: `SELECT id, item_name, price, category, created_on FROM item ORDER BY id LIMIT ${CSV_ROWS}` } },
  };
  const ids = {};
  for (const [name, a] of Object.entries(apis)) {
    const id = (await c.query(
      `INSERT INTO api (module_id, name, path, path_shape, method, engine, datasource_id, access_type, content, params) VALUES ($1, $2, $3, $4, 'GET', $5, $6, $7, $8, $9) RETURNING id`,
      [mod, name, a.path, a.path.replace(/\{[^}]+\}/g, '{}'), a.snapshot.engine, ds, a.snapshot.accessType, a.snapshot.content, JSON.stringify(a.snapshot.params)],
    )).rows[0].id;
    const v = (await c.query(`INSERT INTO api_version (api_id, version, snapshot) VALUES ($1, 1, $2) RETURNING id`, [id, JSON.stringify(a.snapshot)])).rows[0].id;
    await c.query(`UPDATE api SET published_version_id = $2, published_at = now() WHERE id = $1`, [id, v]);
    ids[name] = id;
  }
  const secret = randomBytes(24).toString('base64url');
  const clientId = `qg_bench${randomBytes(4).toString('hex')}`;
  const client = (await c.query(
    `INSERT INTO app_client (client_id, name, secret_hash, rate_limit_per_minute, max_concurrent, secret_rotated_at) VALUES ($1, 'bench', $2, 100000000, 200, now() - interval '1 minute') RETURNING id`,
    [clientId, await hashSecret(secret)],
  )).rows[0].id;
  await c.query(`INSERT INTO client_api (client_id, api_id) VALUES ($1, $2)`, [client, ids.private]);
  await c.end();
  await redisPublish();
  return { clientId, secret };
}

async function publishChange() {
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL);
  for (const topic of ['api.changed', 'client.changed', 'datasource.changed']) await r.publish('qg_changes', JSON.stringify({ topic, id: null, origin: 'bench' }));
  r.disconnect();
}

function load(url, path, headers) {
  return new Promise((resolve, reject) => {
    let n = 0;
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, path: path(n++) }) }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function runScenario(target, scenario) {
  const before = cpuMicros(target.pid);
  const r = await load(target.url, scenario.path, scenario.headers?.(target) ?? {});
  const cpu = cpuMicros(target.pid) - before;
  const total = r.requests.total;
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > total * 0.01) {
    const probe = await fetch(target.url + scenario.path(0), { headers: scenario.headers?.(target) ?? {} });
    throw new Error(`${target.name} ${scenario.name}: ${bad} failed of ${total}; sample ${probe.status} ${(await probe.text()).slice(0, 200)}`);
  }
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuPerReq: cpu / Math.max(1, total) };
}

async function csvRun(target, headers = {}) {
  let peak = rssMb(target.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(target.pid))), 10);
  const t0 = performance.now();
  const res = await fetch(`${target.url}/api/export`, { headers: { accept: 'text/csv', ...headers } });
  let lines = 0;
  for await (const chunk of res.body) for (const b of chunk) if (b === 10) lines++;
  const secs = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (lines !== CSV_ROWS + 1) throw new Error(`${target.name} CSV: ${lines} lines`);
  return { rowsPerSec: CSV_ROWS / secs, peakRssMb: peak };
}

async function main() {
  const tag = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const appDb = `qg_bench_app_${tag}`;
  const dataDb = `qg_bench_data_${tag}`;
  await admin(`CREATE DATABASE "${appDb}"`);
  await admin(`CREATE DATABASE "${dataDb}"`);
  let qg;
  let ceiling;
  try {
    await seedData(dbUrl(dataDb));
    qg = await startQuerygate(appDb, 39_000 + Math.floor(Math.random() * 1000));
    const creds = await seedApis(appDb, dataDb, publishChange);
    await sleep(500);
    const tokenRes = await fetch(`http://127.0.0.1:${qg.port}/token/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: creds.clientId, client_secret: creds.secret }),
    });
    const token = (await tokenRes.json()).access_token;
    if (!token) throw new Error(`no token: ${tokenRes.status}`);
    ceiling = await startCeiling(dbUrl(dataDb));
    const targets = [
      { name: 'querygate', url: `http://127.0.0.1:${qg.port}`, pid: qg.pid },
      { name: 'ceiling', url: ceiling.url, pid: ceiling.pid },
    ];
    const rid = () => 1 + Math.floor(Math.random() * ROWS);
    const scenarios = [
      { name: 'public SQL by id', path: () => `/api/items/${rid()}` },
      { name: 'private SQL by id (JWT, Redis limits, access log)', path: () => `/api/private/items/${rid()}`, headers: (t) => (t.name === 'querygate' ? { authorization: `Bearer ${token}` } : {}) },
      { name: 'list of 50 rows', path: () => `/api/items?offset=${Math.floor(Math.random() * 1000) * 50}` },
      { name: 'script engine by id', path: () => `/api/script/items/${rid()}` },
    ].filter((s) => !ONLY || s.name.includes(ONLY));
    // Warm-up: pools, prepared statements, compiled scripts, JIT.
    for (const s of scenarios) for (const t of targets) await load(t.url, s.path, s.headers?.(t) ?? {}).catch(() => undefined);
    const results = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of scenarios) {
        for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
          ((results[s.name] ??= {})[t.name] ??= []).push(await runScenario(t, s));
        }
      }
    }
    const csv = {};
    if (!ONLY || 'csv'.includes(ONLY)) for (let round = 0; round < ROUNDS; round++) for (const t of targets) (csv[t.name] ??= []).push(await csvRun(t));

    console.log(`\nGateway benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run, median of ${ROUNDS} rounds; node ${process.version}; ${cpus().length} CPUs; load ${loadavg()[0].toFixed(1)}\n`);
    console.log('| scenario | server | req/s | p50 ms | p99 ms | CPU µs/req | CPU vs ceiling | p99 vs ceiling |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const s of scenarios) {
      const m = (name, k) => median(results[s.name][name].map((r) => r[k]));
      for (const t of targets) {
        const cpuRatio = m(t.name, 'cpuPerReq') / m('ceiling', 'cpuPerReq');
        const p99Ratio = m(t.name, 'p99') / m('ceiling', 'p99');
        console.log(`| ${s.name} | ${t.name} | ${m(t.name, 'rps').toFixed(0)} | ${m(t.name, 'p50').toFixed(1)} | ${m(t.name, 'p99').toFixed(1)} | ${m(t.name, 'cpuPerReq').toFixed(0)} | ${cpuRatio.toFixed(2)}× | ${p99Ratio.toFixed(2)}× |`);
      }
    }
    console.log(`\nCSV stream of ${CSV_ROWS} rows (one request, median of ${ROUNDS})\n`);
    console.log('| server | rows/s | peak RSS MB |');
    console.log('|---|---:|---:|');
    for (const t of targets) if (csv[t.name]) console.log(`| ${t.name} | ${median(csv[t.name].map((r) => r.rowsPerSec)).toFixed(0)} | ${median(csv[t.name].map((r) => r.peakRssMb)).toFixed(0)} |`);
  } finally {
    if (qg) {
      qg.kill('SIGTERM');
      await new Promise((r) => qg.once('exit', r));
    }
    await ceiling?.close();
    await admin(`DROP DATABASE IF EXISTS "${appDb}" WITH (FORCE)`).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS "${dataDb}" WITH (FORCE)`).catch(() => undefined);
  }
}

await main();
