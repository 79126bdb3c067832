import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';

const MAIN = fileURLToPath(new URL('../../../dist/backend/src/main.js', import.meta.url));

/** The built server as a child process with trace logging, so every line it logs can be inspected. */
describe('client secrets and tokens never reach the app log', () => {
  let db: TestDatabase;
  let child: ChildProcess;
  let out = '';
  let base = '';
  const admin = { email: 'logs-admin@example.test', password: `Pw-${randomBytes(12).toString('base64url')}` };

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('backend/dist is missing: run `npm run build -w backend` first');
    db = await createPgDatabase('qg_logs');
    child = spawn(process.execPath, ['--no-node-snapshot', MAIN], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.url,
        APP_SECRET: randomBytes(32).toString('base64url'),
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        LOG_LEVEL: 'trace',
        PORT: '0',
        HOST: '127.0.0.1',
        SERVE_DASHBOARD: 'false',
        SEED_SAMPLES: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (d: Buffer) => (out += d.toString());
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const deadline = Date.now() + 60_000;
    while (!/listening on http:\/\/127\.0\.0\.1:(\d+)/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    base = `http://127.0.0.1:${/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]}`;
  }, 90_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => (child?.exitCode !== null ? r(null) : child.once('exit', r)));
    await db?.drop();
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, string> };
  };

  it('should keep every client secret, secret hash and token out of the trace-level log', async () => {
    const login = await call('POST', '/admin/v1/auth/login', admin);
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const created = await call('POST', '/admin/v1/clients', { name: 'Logged' }, auth);
    expect(created.status).toBe(201);
    const { id, clientId, clientSecret } = created.body;
    const rotated = await call('POST', `/admin/v1/clients/${id}/secret`, { graceSeconds: 60 }, auth);
    const newSecret = rotated.body.clientSecret;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const basic = { authorization: `Basic ${Buffer.from(`${clientId}:${newSecret}`).toString('base64')}` };
    const tokens = [
      await call('POST', '/token', 'grant_type=client_credentials', { ...form, ...basic }),
      await call('POST', '/token', `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`, form),
      await call('POST', '/token/generate', { client_id: clientId, client_secret: newSecret }),
      await call('POST', '/api/token/generate', `client_id=${clientId}&client_secret=${newSecret}`, form),
    ];
    expect(tokens.map((t) => t.status)).toEqual([200, 200, 200, 200]);
    expect((await call('POST', '/token/generate', { client_id: clientId, client_secret: 'wrong-secret-value' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));

    expect(out).toMatch(/listening on/);
    for (const secret of [clientSecret, newSecret, 'wrong-secret-value', login.body.accessToken, ...tokens.map((t) => t.body.access_token)]) {
      expect(out).not.toContain(secret);
    }
    expect(out).not.toMatch(/scrypt\$/);
    expect(out).not.toMatch(/BEGIN PRIVATE KEY/);
  });
});
