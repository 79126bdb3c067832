import { REMOVED_GLOBALS, SANDBOX_GLOBALS } from 'src/engines/script/sandbox/allowlist.js';

export const BOOTSTRAP_FILENAME = 'qg-bootstrap.js';
export const SCRIPT_FILENAME = 'qg-script.js';

/**
 * Runs first in every fresh context, before the call arrives: it removes the globals listed in
 * REMOVED_GLOBALS and builds the capability API. The one-shot `__qg_start(host, input)` then receives the
 * host dispatcher (an ivm.Reference) and the call input and installs the API of SANDBOX_GLOBALS as
 * read-only globals. The dispatcher is only reachable through closures here, and
 * the host checks every operation again anyway: nothing in this file is a security boundary.
 * The user script then calls the one-shot `__qg_main(fn)`, which runs fn and returns
 * `{ok: true, json}` (the result as JSON text, size-checked) or `{ok: false, error}`.
 */
export const BOOTSTRAP_SOURCE = `(function () {
  'use strict';
  const g = globalThis;
  for (const name of ${JSON.stringify(REMOVED_GLOBALS)}) { try { delete g[name]; } catch (e) { /* non-configurable */ } }
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const hasOwn = Object.prototype.hasOwnProperty;
  const stringify = JSON.stringify;
  let input = null;
  let apply = null;
  let applyIgnored = null;
  const asyncOptions = { arguments: { copy: true }, result: { promise: true, copy: true } };
  const ignoredOptions = { arguments: { copy: true } };

  function hostError(reply) {
    const error = new Error(reply && typeof reply.message === 'string' ? reply.message : 'host call failed');
    error.name = 'ScriptError';
    error.code = reply && typeof reply.code === 'string' ? reply.code : 'SCRIPT_ERROR';
    return error;
  }
  async function call(op, args) {
    const reply = await apply(undefined, [op, args], asyncOptions);
    if (reply && reply.ok === true) return reply.value;
    throw hostError(reply);
  }
  function deepFreeze(value) {
    if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
      freeze(value);
      for (const key of Object.keys(value)) deepFreeze(value[key]);
    }
    return value;
  }
  function text(value) {
    if (typeof value === 'string') return value;
    try {
      const json = stringify(value, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
      return json === undefined ? String(value) : json;
    } catch (e) {
      try { return String(value); } catch (e2) { return '[unprintable]'; }
    }
  }

  const log = {};
  for (const level of ['debug', 'info', 'warn', 'error']) {
    log[level] = function () {
      let message = '';
      for (let i = 0; i < arguments.length && message.length <= 4096; i++) message += (i ? ' ' : '') + text(arguments[i]);
      applyIgnored(undefined, ['log', [level, message.slice(0, 4096)]], ignoredOptions);
    };
  }
  freeze(log);

  const env = freeze({
    get(name, fallback) {
      return typeof name === 'string' && hasOwn.call(input.env, name) ? input.env[name] : fallback === undefined ? null : fallback;
    },
    has(name) { return typeof name === 'string' && hasOwn.call(input.env, name); },
  });

  const statement = (op) => (sql, values) => call(op, [sql, values === undefined ? [] : values]);
  const session = freeze({ query: statement('db.query'), queryOne: statement('db.queryOne'), execute: statement('db.execute') });
  const tx = freeze({
    begin: () => call('tx.begin', []),
    commit: () => call('tx.commit', []),
    rollback: () => call('tx.rollback', []),
  });
  const db = freeze({
    query: session.query,
    queryOne: session.queryOne,
    execute: session.execute,
    insert: session.execute,
    update: session.execute,
    delete: session.execute,
    async transaction(fn) {
      if (typeof fn !== 'function') throw new TypeError('db.transaction(fn) needs a function');
      const started = await tx.begin();
      try {
        const result = await fn(session);
        if (started) await tx.commit();
        return result;
      } catch (error) {
        if (started) { try { await tx.rollback(); } catch (e) { /* the first error wins */ } }
        throw error;
      }
    },
  });
  const request = (method) => (url, options) => call('http', [method, url, options === undefined ? {} : options]);
  const http = freeze({ get: request('GET'), post: request('POST'), put: request('PUT'), patch: request('PATCH'), delete: request('DELETE') });
  const cache = freeze({
    get: (key) => call('cache.get', [key]),
    set: (key, value, ttlSeconds) => call('cache.set', [key, value, ttlSeconds === undefined ? null : ttlSeconds]),
    del: (key) => call('cache.del', [key]),
    incr: (key, by) => call('cache.incr', [key, by === undefined ? 1 : by, false]),
    decr: (key, by) => call('cache.incr', [key, by === undefined ? 1 : by, true]),
  });

  function describe(error) {
    const out = { name: 'Error', message: '', code: null, stack: '' };
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
        out.name = String(error.name).slice(0, 100);
        out.message = String(error.message).slice(0, 2000);
        out.code = typeof error.code === 'string' ? error.code.slice(0, 100) : null;
        out.stack = typeof error.stack === 'string' ? error.stack.slice(0, 8000) : '';
      } else {
        out.message = String(error).slice(0, 2000);
      }
    } catch (e) {
      out.message = 'unprintable error';
    }
    return out;
  }

  let params, ds, ctx;
  // Called once by the host with the dispatcher (an ivm.Reference) and the call input; the context is
  // prepared ahead of the call, so only this and the user script run on the request's critical path.
  defineProperty(g, '__qg_start', {
    configurable: true,
    value: function (host, callInput) {
      delete g.__qg_start;
      input = callInput;
      apply = host.apply.bind(host);
      applyIgnored = host.applyIgnored.bind(host);
      params = input.params;
      ds = deepFreeze(input.ds);
      ctx = freeze({ params, ds, db, tx, http, cache, env, log, requestId: input.requestId, apiId: input.apiId });
      const capabilities = { params, ctx, ds, db, tx, http, cache, env, log };
      const names = ${JSON.stringify(SANDBOX_GLOBALS)}[input.kind];
      for (const name of names) defineProperty(g, name, { value: capabilities[name], writable: false, enumerable: false, configurable: false });
      defineProperty(g, '__qg_main', { configurable: true, value: main });
    },
  });

  function main(fn) {
    delete g.__qg_main;
    return (async () => {
      let value;
      try {
        value = input.kind === 'script' ? await fn(params, ctx) : await fn(input.value, params);
      } catch (error) {
        return { ok: false, error: describe(error) };
      }
      let json;
      try {
        json = stringify(value === undefined ? null : value, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
      } catch (error) {
        return { ok: false, error: describe(error) };
      }
      if (json === undefined) json = 'null';
      if (json.length > input.maxResultChars) return { ok: false, error: { name: 'ScriptError', code: 'SCRIPT_RESULT_TOO_LARGE', message: 'the result is larger than the limit', stack: '' } };
      return { ok: true, json };
    })();
  }
})();
`;

const ENTRY: Record<'script' | 'validate' | 'transform', { args: string; fn: string; call: string }> = {
  script: { args: 'params, ctx', fn: 'execute', call: 'execute(params, ctx)' },
  validate: { args: 'value, params', fn: 'validate', call: 'validate(value, params)' },
  transform: { args: 'result, params', fn: 'transform', call: 'transform(result, params)' },
};

export interface WrappedSource {
  source: string;
  /** 1-based line where the user's code starts. */
  userStart: number;
  /** 1-based first line of each macro, and its line count. */
  macros: { start: number; lines: number }[];
}

/**
 * The user's code inside the entry function. `export` in front of `function execute` (module style) is
 * blanked with spaces so columns stay the same; macros come first, each on its own lines.
 */
export function wrapUserSource(kind: 'script' | 'validate' | 'transform', code: string, macros: readonly string[]): WrappedSource {
  const entry = ENTRY[kind];
  const lines: string[] = [`__qg_main(async function (${entry.args}) {`];
  const macroInfo: { start: number; lines: number }[] = [];
  for (const macro of macros) {
    const macroLines = macro.split('\n');
    macroInfo.push({ start: lines.length + 1, lines: macroLines.length });
    lines.push(...macroLines);
  }
  const userStart = lines.length + 1;
  const body = code.replace(/^([ \t]*)(export[ \t]+(?:default[ \t]+)?)(?=(?:async[ \t]+)?function\b)/gm, (_m, indent: string, kw: string) => indent + ' '.repeat(kw.length));
  lines.push(body);
  lines.push(`;if (typeof ${entry.fn} === 'function') return await ${entry.call};`, '})');
  return { source: lines.join('\n'), userStart, macros: macroInfo };
}
