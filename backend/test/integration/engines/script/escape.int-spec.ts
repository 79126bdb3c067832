import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ivm from 'isolated-vm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import { RedisCacheStore } from 'src/engines/script/modules/cache.js';
import { REMOVED_GLOBALS, SANDBOX_GLOBALS } from 'src/engines/script/sandbox/allowlist.js';
import { ScriptEngine, type ScriptRunRequest } from 'src/engines/script/script.engine.js';
import { TEST_REDIS_URL, uniqueName } from 'test/support/databases.js';

/** A loopback server that counts the connections it accepts (it must see none from a refused request). */
interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

async function countingServer(handler?: (url: string) => Answer) {
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const answer = handler?.(req.url ?? '/') ?? { status: 200, body: 'reached' };
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? '');
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('ScriptEngine escape suite', () => {
  let engine: ScriptEngine;
  let redis: Redis;
  let call = 0;
  let trap: Awaited<ReturnType<typeof countingServer>>;
  let redirector: Awaited<ReturnType<typeof countingServer>>;

  const run = (script: string, extra: Partial<ScriptRunRequest> = {}) =>
    engine.run({ key: `escape-${++call}`, script, params: { id: 7 }, apiId: 'api-a', requestId: `req-${call}`, ...extra });

  const failure = async (script: string, extra: Partial<ScriptRunRequest> = {}): Promise<AppException> => {
    const error = await run(script, extra).then(
      (r) => new Error(`expected a failure, got ${JSON.stringify(r.envelope)}`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppException);
    return error as AppException;
  };

  /** After every contained case, the next call is served normally. */
  const expectHealthy = async () => {
    const r = await run('return { data: [params.id * 6], fresh: typeof globalThis.polluted }');
    expect(r.envelope).toEqual({ success: true, message: null, data: [42], fresh: 'undefined' });
  };

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    trap = await countingServer();
    redirector = await countingServer((url): Answer => {
      if (url === '/to-localhost') return { status: 302, headers: { location: `http://localhost:${trap.port}/` } };
      if (url === '/to-private') return { status: 302, headers: { location: 'http://10.0.0.1/' } };
      if (url === '/to-mapped') return { status: 307, headers: { location: `http://[::ffff:127.0.0.1]:${trap.port}/` } };
      if (url === '/to-self') return { status: 302, headers: { location: '/final' } };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: url }) };
    });
    engine = new ScriptEngine({
      poolSize: 1,
      memoryMb: 32,
      timeoutMs: 1500,
      maxResultBytes: 256 * 1024,
      maxHostCalls: 200,
      cache: new RedisCacheStore(redis),
      cacheOptions: { keyPrefix: `${uniqueName('qgtest')}:` },
      // '*' admits every public host, so loopback/private targets are refused by the address check itself.
      http: { allowHosts: ['*', '10.0.0.1'], allowPrivateHosts: ['127.0.0.1'] },
    });
  });

  afterAll(async () => {
    await engine.close();
    await trap.close();
    await redirector.close();
    redis.disconnect();
  });

  describe('host access', () => {
    it('should find no host through the constructor chain of anything passed in', async () => {
      const r = await run(`
        const targets = { globalThis, params, ctx, ds: ds ?? {}, db, query: db.query, transaction: db.transaction, tx, http, get: http.get,
          cache, cacheGet: cache.get, env, envGet: env.get, log, info: log.info, error: new Error('x') };
        const out = {};
        for (const [name, value] of Object.entries(targets)) {
          const F = value.constructor.constructor;
          out[name] = F('return [typeof process, typeof require, typeof module, typeof Buffer, typeof setTimeout].join()')();
          const AsyncF = Object.getPrototypeOf(async function () {}).constructor;
          out[name + ':async'] = await AsyncF('return typeof process')();
        }
        return { data: [out] };`);
      const seen = r.envelope.data[0] as Record<string, string>;
      expect(Object.keys(seen).length).toBe(34);
      for (const [name, value] of Object.entries(seen)) {
        expect([name, value]).toEqual([name, name.endsWith(':async') ? 'undefined' : 'undefined,undefined,undefined,undefined,undefined']);
      }
      await expectHealthy();
    });

    it("should fail `this.constructor.constructor('return process')()` without harm", async () => {
      const error = await failure("return globalThis.constructor.constructor('return process')()");
      expect(error.code).toBe('SCRIPT_ERROR');
      expect(error.message).toContain('process is not defined');
      const viaParams = await failure("return params.constructor.constructor('return process')().mainModule.require('fs')");
      expect(viaParams.message).toContain('process is not defined');
      await expectHealthy();
    });

    it('should expose no host frame through Error.prepareStackTrace call sites', async () => {
      const r = await run(`
        Error.prepareStackTrace = (e, frames) => frames.map((f) => { try { const t = f.getThis(); return t ? typeof t.process : 'none'; } catch (x) { return 'threw'; } }).join();
        try { await db.query(); } catch (e) { return [String(e.stack), typeof e.constructor.constructor('return process')]; }`);
      expect(r.envelope.data[0]).not.toContain('object');
      expect(r.envelope.data[1]).toBe('function');
      await expectHealthy();
    });

    it('should refuse import() and have no require', async () => {
      const viaImport = await failure("const fs = await import('node:fs'); return fs.readFileSync('/etc/passwd', 'utf8')");
      expect(viaImport.code).toBe('SCRIPT_ERROR');
      expect(viaImport.message).toMatch(/not supported/i);
      const viaRequire = await failure("return require('child_process').execSync('id').toString()");
      expect(viaRequire.message).toContain('require is not defined');
      await expectHealthy();
    });

    it('should show exactly the standard globals minus the removed ones plus the capability API', async () => {
      const isolate = new ivm.Isolate({ memoryLimit: 16 });
      const blank = await isolate.createContext();
      const baseline = (await blank.eval('Object.getOwnPropertyNames(globalThis)', { copy: true })) as string[];
      isolate.dispose();
      const r = await run('return Object.getOwnPropertyNames(globalThis)');
      const seen = new Set(r.envelope.data as string[]);
      const expected = new Set([...baseline.filter((n) => !(REMOVED_GLOBALS as readonly string[]).includes(n)), ...SANDBOX_GLOBALS.script]);
      expect([...seen].sort()).toEqual([...expected].sort());
      for (const name of ['process', 'require', 'module', 'Buffer', 'fetch', 'setTimeout', '__qg_host', '__qg_in', '__qg_main', 'WebAssembly', 'SharedArrayBuffer']) {
        expect(seen.has(name)).toBe(false);
      }
      await expectHealthy();
    });

    it('should not let prototype pollution reach the host or the next call', async () => {
      const r = await run(`
        Object.prototype.polluted = 'yes';
        Array.prototype.map = () => 'hacked';
        params.__proto__.evil = true;
        Object.getPrototypeOf(db).owned = true;
        JSON.stringify = () => '"hijacked"';
        return JSON.parse('{"__proto__": {"admin": true}, "data": [1]}');`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
      expect([1, 2].map((x) => x * 2)).toEqual([2, 4]);
      expect(Object.getPrototypeOf(r.envelope)).toBe(Object.prototype);
      expect((r.envelope as Record<string, unknown>).admin).toBeUndefined();
      expect(r.envelope.data).toEqual([1]);
      const next = await run('return [typeof ({}).polluted, [1, 2].map((x) => x * 2), typeof ({}).evil, typeof Object.getPrototypeOf(db).owned]');
      expect(next.envelope.data).toEqual(['undefined', [2, 4], 'undefined', 'undefined']);
      await expectHealthy();
    });
  });

  describe('data boundaries', () => {
    it("should never read another API's cache namespace", async () => {
      await run("await cache.set('secret', 's3cr3t', 60); return true", { apiId: 'api-a' });
      const r = await run(
        `return [await cache.get('secret'), await cache.get('../api-a:secret'), await cache.get('api-a:secret'), await cache.get(':secret')]`,
        { apiId: 'api-b' },
      );
      expect(r.envelope.data).toEqual([null, null, null, null]);
      const evil = await run("await cache.set('x', 1, 60); return await cache.get('x')", { apiId: 'api-a:secret' });
      expect(evil.envelope.data).toEqual([1]);
      const own = await run("return await cache.get('secret')", { apiId: 'api-a' });
      expect(own.envelope.data).toEqual(['s3cr3t']);
      await expectHealthy();
    });

    it('should give the script no data-source credentials', async () => {
      const ds = { id: 'ds1', name: 'sales', type: 'postgres', database: 'salesdb', host: 'db.internal', username: 'app', password: 'hunter2-password' };
      const r = await run('return { data: [Object.keys(ds).sort(), JSON.stringify([ds, ctx.ds, params, Object.keys(db), Object.keys(ctx)])] }', {
        ds: ds as never,
      });
      expect(r.envelope.data[0]).toEqual(['database', 'id', 'name', 'type']);
      expect(r.envelope.data[1]).not.toMatch(/hunter2|db\.internal|"app"/);
      await expectHealthy();
    });
  });

  describe('resource limits', () => {
    it('should stop while(true){} with SCRIPT_TIMEOUT', async () => {
      expect((await failure('while (true) {}')).code).toBe('SCRIPT_TIMEOUT');
      await expectHealthy();
    });

    it('should stop a loop that starts after awaiting a host call', async () => {
      expect((await failure("await cache.get('k'); for (;;) {}")).code).toBe('SCRIPT_TIMEOUT');
      await expectHealthy();
    });

    it('should contain deep recursion', async () => {
      const error = await failure('function down(n) { return down(n + 1) + 1; }\nreturn down(0);');
      expect(error.code).toBe('SCRIPT_ERROR');
      expect(error.message).toContain('Maximum call stack size exceeded');
      await expectHealthy();
    });

    it('should refuse a 1 GB allocation', async () => {
      expect((await failure('const buffer = new ArrayBuffer(1024 * 1024 * 1024); return buffer.byteLength')).code).toBe('SCRIPT_MEMORY');
      expect((await failure("return 'x'.repeat(1024 * 1024 * 1024).length")).code).toBe('SCRIPT_MEMORY');
      expect((await failure('const chunks = []; for (;;) chunks.push(new Array(1e6).fill(7));')).code).toBe('SCRIPT_MEMORY');
      await expectHealthy();
    });

    it('should contain a promise flood', async () => {
      const microtasks = await failure('const all = []; for (let i = 0; ; i++) all.push(Promise.resolve(i).then((v) => ({ v })));');
      expect(['SCRIPT_MEMORY', 'SCRIPT_TIMEOUT']).toContain(microtasks.code);
      const chained = await failure('const spin = async () => { for (;;) await null; }; await spin();');
      expect(chained.code).toBe('SCRIPT_TIMEOUT');
      const hostFlood = await failure("await Promise.all(Array.from({ length: 5000 }, (_, i) => cache.get('k' + i)));");
      expect(hostFlood.code).toBe('SCRIPT_LIMIT');
      await expectHealthy();
    });

    it('should leave concurrent requests on other isolates unaffected while one is killed', async () => {
      const pair = new ScriptEngine({ poolSize: 2, timeoutMs: 800, memoryMb: 32 });
      try {
        const killers = [
          pair.run({ key: 'loop', script: 'for (;;) {}', apiId: 'x' }).catch((e: AppException) => e.code),
          pair.run({ key: 'oom', script: 'const a = []; for (;;) a.push(new Array(1e6).fill(1));', apiId: 'x' }).catch((e: AppException) => e.code),
        ];
        const normal = Array.from({ length: 20 }, (_, i) => pair.run({ key: 'ok', script: 'return params.i', params: { i }, apiId: 'y' }).then((r) => r.envelope.data[0]));
        expect(await Promise.all(normal)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        expect(await Promise.all(killers)).toEqual(['SCRIPT_TIMEOUT', 'SCRIPT_MEMORY']);
        expect((await pair.run({ key: 'ok', script: 'return params.i', params: { i: 99 }, apiId: 'y' })).envelope.data).toEqual([99]);
      } finally {
        await pair.close();
      }
    });

    it('should refuse a huge return value', async () => {
      expect((await failure("return 'x'.repeat(1024 * 1024)")).code).toBe('SCRIPT_RESULT_TOO_LARGE');
      expect((await failure("return Array.from({ length: 100000 }, (_, i) => ({ i, pad: 'yyyyyyyy' }))")).code).toBe('SCRIPT_RESULT_TOO_LARGE');
      await expectHealthy();
    });
  });

  describe('http SSRF guard', () => {
    it('should refuse loopback, metadata, private and other internal addresses before connecting', async () => {
      const targets = [
        `http://127.0.0.2:${trap.port}/`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/',
        'http://172.16.0.1/',
        'http://192.168.1.1/',
        'http://100.64.0.1/',
        'http://224.0.0.1/',
        'http://0.0.0.0/',
        `http://[::1]:${trap.port}/`,
        `http://[::ffff:127.0.0.1]:${trap.port}/`,
        'http://[::ffff:a9fe:a9fe]/',
        'http://[fe80::1]/',
        'http://[fd00:ec2::254]/',
        `http://2130706434:${trap.port}/`,
        `http://localhost:${trap.port}/`,
      ];
      for (const url of targets) {
        const error = await failure(`return await http.get(${JSON.stringify(url)})`);
        expect([url, error.code]).toEqual([url, 'SCRIPT_FORBIDDEN']);
        expect(error.message).toMatch(/refused/);
      }
      expect(trap.connections()).toBe(0);
      await expectHealthy();
    });

    it('should refuse a redirect to a private address from an allow-listed private host', async () => {
      const base = `http://127.0.0.1:${redirector.port}`;
      const followed = await run(`return (await http.get(${JSON.stringify(`${base}/to-self`)})).body`);
      expect(followed.envelope.data).toEqual([{ path: '/final' }]);
      for (const path of ['/to-localhost', '/to-private', '/to-mapped']) {
        const error = await failure(`return await http.get(${JSON.stringify(base + path)})`);
        expect([path, error.code]).toEqual([path, 'SCRIPT_FORBIDDEN']);
      }
      expect(trap.connections()).toBe(0);
      await expectHealthy();
    });

    it('should refuse hosts off the allow-list, other schemes and unknown options', async () => {
      const strict = new ScriptEngine({ poolSize: 1, http: { allowHosts: ['api.example.com', '*.example.org'] } });
      try {
        const attempt = async (script: string) =>
          strict.run({ key: script, script, apiId: 'a' }).then(
            () => 'ran',
            (e: AppException) => `${e.code}: ${e.message}`,
          );
        expect(await attempt(`return http.get('http://127.0.0.1:${trap.port}/')`)).toMatch(/SCRIPT_FORBIDDEN: .*not on the allow-list/);
        expect(await attempt("return http.get('http://example.org/')")).toMatch(/not on the allow-list/);
        expect(await attempt("return http.get('file:///etc/passwd')")).toMatch(/SCRIPT_FORBIDDEN/);
        expect(await attempt("return http.get('http://api.example.com/', { dispatcher: {} })")).toMatch(/option "dispatcher" is not supported/);
        expect(await attempt("return http.get('http://api.example.com/', { headers: { Host: 'internal' } })")).toMatch(/header "Host" cannot be set/);
      } finally {
        await strict.close();
      }
      expect(trap.connections()).toBe(0);
    });
  });
});
