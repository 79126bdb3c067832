import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import type { ScriptLogger } from 'src/engines/script/modules/log.js';
import { ScriptEngine } from 'src/engines/script/script.engine.js';

const captured: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
const logger: ScriptLogger = {
  debug: (obj, msg) => captured.push({ level: 'debug', obj: obj as Record<string, unknown>, msg }),
  info: (obj, msg) => captured.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
  warn: (obj, msg) => captured.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  error: (obj, msg) => captured.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
};

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(AppException);
      return e as AppException;
    },
  );

describe(ScriptEngine.name, () => {
  let engine: ScriptEngine;
  let slow: Server;
  let slowPort = 0;
  let n = 0;
  const key = () => `k-${++n}`;

  beforeAll(async () => {
    slow = createServer((req, res) => {
      const delay = req.url === '/slow' ? 2000 : 0;
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('z'.repeat(64 * 1024));
        return;
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization ?? null }));
      }, delay);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    slowPort = (slow.address() as AddressInfo).port;
    engine = new ScriptEngine({
      poolSize: 2,
      timeoutMs: 3000,
      hostCallTimeoutMs: 300,
      env: { REGION: 'eu-west', 'BAD-NAME': 'x' },
      logger,
      http: { allowHosts: [], allowPrivateHosts: ['127.0.0.1'], maxResponseBytes: 16 * 1024 },
    });
  });

  afterAll(async () => {
    await engine.close();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  describe('run', () => {
    it.each([
      ['a list', 'return [1, 2, 3]', { success: true, message: null, data: [1, 2, 3] }, 200],
      ['a scalar', 'return 42', { success: true, message: null, data: [42] }, 200],
      ['an object without data', "return { name: 'x' }", { success: true, message: null, data: [{ name: 'x' }] }, 200],
      ['nothing', 'const x = 1;', { success: true, message: null, data: [] }, 200],
      ['data with extras', 'return { data: [1], total: 10, limit: 1 }', { success: true, message: null, data: [1], total: 10, limit: 1 }, 200],
      ['a full envelope', "return { success: true, message: 'ok', data: { a: 1 }, page: 2 }", { success: true, message: 'ok', data: [{ a: 1 }], page: 2 }, 200],
      ['a failure with a status', "return { success: false, message: 'not found', status: 404 }", { success: false, message: 'not found', data: [] }, 404],
      ['a failure without a status', "return { success: false, message: 'bad' }", { success: false, message: 'bad', data: [] }, 400],
      ['a failure with a status out of range', "return { success: false, message: 'bad', status: 302 }", { success: false, message: 'bad', data: [] }, 400],
    ])('should normalise %s', async (_name, script, envelope, status) => {
      const r = await engine.run({ key: key(), script, apiId: 'a' });
      expect(r.envelope).toEqual(envelope);
      expect(r.httpStatus).toBe(status);
    });

    it('should call execute(params, ctx), also written as an export', async () => {
      const r = await engine.run({
        key: key(),
        script: 'export async function execute(params, ctx) {\n  return [params.a + params.b, ctx.requestId, ctx.apiId, ctx.ds.name];\n}',
        params: { a: 2, b: 3 },
        apiId: 'api-1',
        requestId: 'req-9',
        ds: { id: 'd', name: 'sales', type: 'postgres', database: 'x' },
      });
      expect(r.envelope.data).toEqual([5, 'req-9', 'api-1', 'sales']);
    });

    it('should keep Dates and bigints serialisable', async () => {
      const r = await engine.run({ key: key(), script: 'return { data: [new Date(0), 2n ** 70n] }', apiId: 'a' });
      expect(r.envelope.data).toEqual(['1970-01-01T00:00:00.000Z', '1180591620717411303424']);
    });

    it('should prepend macros and map errors to the macro or the script line', async () => {
      const macros = ['function double(x) {\n  return x * 2;\n}', 'function explode() {\n  const a = 1;\n  throw new RangeError("from macro");\n}'];
      const ok = await engine.run({ key: key(), script: 'return double(params.v)', macros, params: { v: 21 }, apiId: 'a' });
      expect(ok.envelope.data).toEqual([42]);
      const inMacro = await failureOf(engine.run({ key: key(), script: '\n\nexplode();', macros, apiId: 'a' }));
      expect(inMacro.code).toBe('SCRIPT_ERROR');
      expect(inMacro.details?.[0]).toMatchObject({ source: 'macro', macroIndex: 1, line: 3, column: 9 });
      const inScript = await failureOf(engine.run({ key: key(), script: 'const a = 1;\n  const b = a.nope.deeper;', macros, apiId: 'a' }));
      expect(inScript.message).toMatch(/^TypeError: .*\(line 2, column /);
      expect(inScript.details?.[0]).toMatchObject({ source: 'script', line: 2, column: 20 });
      const syntax = await failureOf(engine.run({ key: key(), script: 'const a = 1;\nconst = 2;', macros, apiId: 'a' }));
      expect(syntax.code).toBe('SCRIPT_ERROR');
      expect(syntax.details?.[0]).toMatchObject({ source: 'script', line: 2, column: 7 });
      expect(syntax.message).not.toMatch(/qg-script|at /);
    });

    it('should read only allow-listed env variables', async () => {
      const r = await engine.run({ key: key(), script: "return [env.get('REGION'), env.get('PATH'), env.get('HOME', 'fallback'), env.has('BAD-NAME')]", apiId: 'a' });
      expect(r.envelope.data).toEqual(['eu-west', null, 'fallback', false]);
    });

    it('should write log lines into the app log with the request id', async () => {
      captured.length = 0;
      await engine.run({ key: key(), script: "log.info('hello', { n: 1 }); log.error('bad'); log.debug(2n); return 1", apiId: 'api-log', requestId: 'req-log' });
      const lines = captured.filter((c) => c.obj.source === 'script:script');
      expect(lines.map((l) => [l.level, l.msg, l.obj.requestId, l.obj.apiId])).toEqual([
        ['info', 'hello {"n":1}', 'req-log', 'api-log'],
        ['error', 'bad', 'req-log', 'api-log'],
        ['debug', '"2"', 'req-log', 'api-log'],
      ]);
    });

    it('should put every host call under its own deadline', async () => {
      const r = await engine.run({
        key: key(),
        script: `try { await http.get('http://127.0.0.1:${slowPort}/slow'); return 'answered'; } catch (e) { return [e.code, (await http.get('http://127.0.0.1:${slowPort}/fast')).body.url]; }`,
        apiId: 'a',
      });
      expect(r.envelope.data[0]).toMatch(/SCRIPT_TIMEOUT|SCRIPT_HTTP_FAILED/);
      expect(r.envelope.data[1]).toBe('/fast');
      expect(r.stats.wallMs).toBeLessThan(2000);
    });

    it('should send http options and return the parsed response', async () => {
      const r = await engine.run({
        key: key(),
        script: `const res = await http.post('http://127.0.0.1:${slowPort}/echo', { query: { a: 1, b: [2, 3] }, headers: { Authorization: 'Bearer t' }, json: { x: 1 } });
          return { data: [res.status, res.ok, res.body] };`,
        apiId: 'a',
      });
      expect(r.envelope.data).toEqual([200, true, { method: 'POST', url: '/echo?a=1&b=2&b=3', auth: 'Bearer t' }]);
    });

    it('should cap the size of an http response', async () => {
      const r = await engine.run({ key: key(), script: `try { await http.get('http://127.0.0.1:${slowPort}/big'); } catch (e) { return [e.code, e.message]; }`, apiId: 'a' });
      expect(r.envelope.data[0]).toBe('SCRIPT_LIMIT');
      expect(r.envelope.data[1]).toMatch(/over 16384 bytes/);
    });

    it('should end with SCRIPT_CANCELLED when the request signal aborts', async () => {
      const controller = new AbortController();
      const pending = engine.run({ key: key(), script: "for (;;) { await cache.get('x'); }", apiId: 'a', signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      expect((await failureOf(pending)).code).toMatch(/SCRIPT_CANCELLED|SCRIPT_LIMIT/);
    });

    it('should queue calls beyond the pool and fail with SCRIPT_BUSY after the queue deadline', async () => {
      const small = new ScriptEngine({ poolSize: 1, timeoutMs: 1000, queueTimeoutMs: 200 });
      try {
        const [a, b] = await Promise.all([
          small.run({ key: 'x', script: 'return 1', apiId: 'a' }),
          small.run({ key: 'x', script: 'return 2', apiId: 'a' }),
        ]);
        expect([a.envelope.data, b.envelope.data]).toEqual([[1], [2]]);
        const blocker = small.run({ key: 'y', script: 'for (;;) {}', apiId: 'a' }).catch((e: AppException) => e.code);
        const waiting = await failureOf(small.run({ key: 'x', script: 'return 3', apiId: 'a' }));
        expect(waiting.code).toBe('SCRIPT_BUSY');
        expect(await blocker).toBe('SCRIPT_TIMEOUT');
        expect((await small.run({ key: 'x', script: 'return 4', apiId: 'a' })).envelope.data).toEqual([4]);
      } finally {
        await small.close();
      }
    });

    it('should refuse db calls when the API has no data source', async () => {
      const e = await failureOf(engine.run({ key: key(), script: "await db.query('SELECT 1')", apiId: 'a' }));
      expect(e.code).toBe('SCRIPT_FORBIDDEN');
    });
  });

  describe('validate', () => {
    it('should pass on true and fail on false or a message', async () => {
      const code = "function validate(value, params) {\n  if (value === 'boom') return false;\n  return value.length <= params.max || 'too long';\n}";
      expect(await engine.validate({ key: 'v', code, value: 'abc', params: { max: 5 }, apiId: 'a' })).toEqual({ valid: true });
      expect(await engine.validate({ key: 'v', code, value: 'abcdefgh', params: { max: 5 }, apiId: 'a' })).toEqual({ valid: false, message: 'too long' });
      expect(await engine.validate({ key: 'v', code, value: 'boom', params: { max: 5 }, apiId: 'a' })).toEqual({ valid: false, message: 'invalid value' });
      expect(await engine.validate({ key: 'v2', code: 'return /^[a-z]+$/.test(value)', value: 'Nope', apiId: 'a' })).toEqual({ valid: false, message: 'invalid value' });
    });

    it('should hold validators to the same limits and give them no db, http or cache', async () => {
      const e = await failureOf(engine.validate({ key: 'v3', code: 'while (true) {}', value: 1, apiId: 'a', timeoutMs: 500 }));
      expect(e.code).toBe('SCRIPT_TIMEOUT');
      const seen = await engine.validate({ key: 'v4', code: "return [typeof db, typeof http, typeof cache, typeof ctx].join() === 'undefined,undefined,undefined,undefined'", value: 1, apiId: 'a' });
      expect(seen).toEqual({ valid: true });
    });
  });

  describe('transform', () => {
    it('should return the new result', async () => {
      const code = 'function transform(result, params) {\n  return { data: result.data.map((r) => ({ ...r, tag: params.tag })), total: result.data.length };\n}';
      const out = await engine.transform({ key: 't', code, result: { data: [{ id: 1 }, { id: 2 }] }, params: { tag: 'x' }, apiId: 'a' });
      expect(out).toEqual({ data: [{ id: 1, tag: 'x' }, { id: 2, tag: 'x' }], total: 2 });
    });

    it('should hold transforms to the memory limit', async () => {
      const e = await failureOf(engine.transform({ key: 't2', code: 'const a = []; for (;;) a.push(new Array(1e6).fill(result));', result: 1, apiId: 'a' }));
      expect(e.code).toBe('SCRIPT_MEMORY');
      expect((await engine.transform({ key: 't3', code: 'return result + 1', result: 1, apiId: 'a' })) as number).toBe(2);
    });
  });
});
