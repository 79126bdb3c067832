import { readFileSync } from 'node:fs';
import { ModulesContainer } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHENTICATED_KEY, PERMISSION_KEY, PUBLIC_KEY } from 'src/auth/permissions.decorator.js';
import { buildOpenApiDocument } from 'src/app.factory.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

describe('platform routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('should declare a permission (or @Public/@Authenticated) on every route', () => {
    const undeclared: string[] = [];
    let routes = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const cls = wrapper.metatype as { prototype: Record<string, unknown>; name: string } | null;
        if (!cls) continue;
        for (const key of Object.getOwnPropertyNames(cls.prototype)) {
          const handler = cls.prototype[key];
          if (key === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          routes++;
          const declared = [PERMISSION_KEY, PUBLIC_KEY, AUTHENTICATED_KEY].some((k) => Reflect.getMetadata(k, handler) ?? Reflect.getMetadata(k, cls));
          if (!declared) undeclared.push(`${cls.name}.${key} ${Reflect.getMetadata(PATH_METADATA, handler)}`);
        }
      }
    }
    expect(routes).toBeGreaterThan(15);
    expect(undeclared).toEqual([]);
  });

  it('should answer health, readiness and metrics', async () => {
    expect((await t.request('GET', '/health/live')).body).toEqual({ status: 'up' });
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database.status).toBe('up');
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.body).toContain('querygate_http_requests_total{method="GET",route="/health/ready",status="200"}');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('should echo a sane X-Request-Id and replace a hostile one', async () => {
    const echoed = await t.request('GET', '/health/live', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await t.request('GET', '/health/live', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should send security headers and no CORS by default', async () => {
    const res = await t.request('GET', '/health/live', { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should answer unknown management routes and oversized bodies with the error envelope', async () => {
    const missing = await t.request('GET', '/admin/v1/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', requestId: missing.headers.get('x-request-id') });
    const big = await t.request('POST', '/admin/v1/auth/login', { body: { email: 'a@b.c', password: 'x'.repeat(2_000_000) } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should serve the OpenAPI document and the committed copy should be current', async () => {
    const served = await t.request('GET', '/admin/v1/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body.paths['/admin/v1/auth/login']).toBeDefined();
    const committed = JSON.parse(readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8'));
    const fresh = JSON.parse(JSON.stringify(buildOpenApiDocument(t.app)));
    expect(fresh, 'backend/openapi.json is stale: run `npm run openapi -w backend`').toEqual(committed);
    expect((await t.request('GET', '/admin/docs')).status).toBe(200);
  });
});
