import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const backendMain = `${repoRoot}backend/dist/backend/src/main.js`;
const dashboardDir = `${repoRoot}frontend/dist`;
const resultsDir = `${repoRoot}frontend/test-results`;
const adminUrl = process.env.E2E_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function requireBuilds(): void {
  const missing = [
    [backendMain, 'npm run build -w backend'],
    [`${dashboardDir}/index.html`, 'npm run build -w frontend'],
  ].filter(([file]) => !existsSync(file));
  if (missing.length) {
    throw new Error(`e2e needs built artifacts; missing:\n${missing.map(([f, cmd]) => `  ${f}  (run \`${cmd}\` from the repo root)`).join('\n')}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForReady(baseUrl: string, child: ChildProcess, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
  const why = child.exitCode !== null ? `exited with code ${child.exitCode}` : `was not ready after ${timeoutMs} ms`;
  throw new Error(`The backend ${why}. Last log lines (${logFile}):\n${tail}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Fresh database + the built backend serving the built dashboard; torn down after the run. */
export default async function setup(project: TestProject) {
  requireBuilds();
  mkdirSync(resultsDir, { recursive: true });
  const database = `qg_e2e_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminEmail = `admin-${randomBytes(3).toString('hex')}@e2e.querygate.test`;
  const adminPassword = `E2e-${randomBytes(18).toString('base64url')}`;
  const logFile = `${resultsDir}/backend.log`;
  const log = createWriteStream(logFile);

  const child = spawn(process.execPath, ['--no-node-snapshot', backendMain], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      APP_SECRET: randomBytes(36).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      SEED_SAMPLES: 'false',
      DASHBOARD_DIR: dashboardDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const teardown = async () => {
    await stop(child);
    log.end();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  };

  try {
    await waitForReady(baseUrl, child, logFile);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('adminEmail', adminEmail);
  project.provide('adminPassword', adminPassword);
  return teardown;
}
