import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, stopApp } from 'src/app.factory.js';
import { loadConfig, type AppConfig } from 'src/config/app-config.service.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  url: string;
  app: NestFastifyApplication;
  config: AppConfig;
  db: TestDatabase;
  admin: { email: string; password: string };
  request<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  login(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

export const randomPassword = () => `Pw-${randomBytes(12).toString('base64url')}`;

/** The whole app on a fresh PostgreSQL database, listening on a random loopback port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createPgDatabase('qg_app');
  const admin = { email: `admin-${randomBytes(3).toString('hex')}@example.test`, password: randomPassword() };
  const config = loadConfig({
    DATABASE_URL: db.url,
    APP_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'error',
    SERVE_DASHBOARD: 'false',
    SEED_SAMPLES: 'false',
    DATABASE_POOL_MAX: '4',
    ...env,
  });
  const { app } = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  let cachedAdminToken: string | undefined;

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: body as never };
  };

  const login = async (email: string, password: string) => {
    const res = await request<{ accessToken: string }>('POST', '/admin/v1/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  };

  return {
    url,
    app,
    config,
    db,
    admin,
    request,
    login,
    adminToken: async () => (cachedAdminToken ??= await login(admin.email, admin.password)),
    async close() {
      await stopApp(app);
      await db.drop();
    },
  };
}

/** Creates a user with the named seeded role and returns a token for them. */
export async function userWithRole(t: TestApp, roleName: string): Promise<{ id: string; email: string; password: string; token: string }> {
  const token = await t.adminToken();
  const roles = await t.request('GET', '/admin/v1/roles?pageSize=100', { token });
  const role = roles.body.items.find((r: { name: string }) => r.name === roleName);
  const email = `${roleName.toLowerCase()}-${randomBytes(3).toString('hex')}@example.test`;
  const password = randomPassword();
  const created = await t.request('POST', '/admin/v1/users', { token, body: { email, name: roleName, password, roleIds: [role.id] } });
  if (created.status !== 201) throw new Error(`create user failed: ${JSON.stringify(created.body)}`);
  return { id: created.body.id, email, password, token: await t.login(email, password) };
}
