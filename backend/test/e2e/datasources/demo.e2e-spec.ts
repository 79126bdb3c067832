import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { spawnServer } from 'test/support/spawn-server.js';

// Needs `npm run build -w backend` first: the embedded path only runs without DATABASE_URL, so this
// starts the real entry point in a child process with a temporary DATA_DIR.
const ADMIN_PASSWORD = `Admin-${randomUUID()}`;

interface Started {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

async function start(dataDir: string): Promise<Started> {
  const server = await spawnServer({ DATA_DIR: dataDir, SEED_SAMPLES: 'true', ADMIN_PASSWORD, LOG_LEVEL: 'debug', SERVE_DASHBOARD: 'false' });
  return { url: `http://127.0.0.1:${server.port}`, output: server.out, stop: server.stop };
}

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

async function adminToken(base: string): Promise<string> {
  const res = await call(base, 'POST', '/admin/v1/auth/login', undefined, { email: 'admin@querygate.local', password: ADMIN_PASSWORD });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

describe('Demo data source (embedded mode, SEED_SAMPLES)', () => {
  let dir: string;
  let target: TestDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qg-demo-'));
    target = await createPgDatabase('qg_ds_log');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await target.drop();
  });

  it('should register a read-only "Demo" source that connects, keep it across restarts and never log a password', async () => {
    const app = await start(dir);
    let demoId: string;
    const secret = `Pw-${randomUUID()}`;
    try {
      const token = await adminToken(app.url);
      const list = await call(app.url, 'GET', '/admin/v1/datasources?q=Demo', token);
      const demo = list.body.items.find((d: { name: string }) => d.name === 'Demo');
      expect(demo).toMatchObject({ type: 'postgres', host: '127.0.0.1', poolMax: 1, isActive: true, options: { readOnly: true } });
      demoId = demo.id;
      const test = await call(app.url, 'POST', `/admin/v1/datasources/${demo.id}/test`, token);
      expect(test.body).toMatchObject({ ok: true });
      expect(test.body.serverVersion).toMatch(/PostgreSQL/);

      // A password given to the API reaches neither a response nor a log line, even at debug level.
      const created = await call(app.url, 'POST', '/admin/v1/datasources', token, {
        name: 'With password',
        type: 'postgres',
        host: target.host,
        port: target.port,
        database: target.name,
        username: target.user,
        password: secret,
      });
      expect(created.status).toBe(201);
      expect((await call(app.url, 'POST', `/admin/v1/datasources/${created.body.id}/test`, token)).body.ok).toBe(true);
      const wrong = await call(app.url, 'POST', '/admin/v1/datasources/test', token, { ...created.body, id: undefined, hasPassword: undefined, revision: undefined, createdAt: undefined, updatedAt: undefined, port: 1, password: secret });
      expect(wrong.status).toBe(200);
      expect(wrong.body.ok).toBe(false);
      const patched = await call(app.url, 'PATCH', `/admin/v1/datasources/${created.body.id}`, token, { password: `${secret}-2` });
      expect(patched.status).toBe(200);
      for (const r of [created, wrong, patched]) expect(r.text).not.toContain(secret);
    } finally {
      expect(await app.stop()).toBe(0);
    }
    expect(app.output()).toMatch(/registered as data source \\?"Demo\\?"/);
    expect(app.output()).not.toContain(secret);

    // Reopening the folder keeps one "Demo" (same id) with the new port, and it still connects.
    const again = await start(dir);
    try {
      const token = await adminToken(again.url);
      const list = await call(again.url, 'GET', '/admin/v1/datasources?q=Demo', token);
      const demos = list.body.items.filter((d: { name: string }) => d.name === 'Demo');
      expect(demos.map((d: { id: string }) => d.id)).toEqual([demoId]);
      expect((await call(again.url, 'POST', `/admin/v1/datasources/${demoId}/test`, token)).body.ok).toBe(true);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 240_000);
});
