import { ConnectionPool } from 'src/datasources/external-db/connection-pool.js';
import type {
  BoundStatement,
  ColumnInfo,
  Connector,
  DatasourceConnectionConfig,
  PoolStats,
  RowStream,
  RunOptions,
  Session,
  StatementResult,
} from 'src/datasources/external-db/connector.js';
import { cancelledError, dbError, isAppException } from 'src/datasources/external-db/db-errors.js';
import { resolvePoolSettings, type DriverDefaults, type PoolSettings } from 'src/datasources/external-db/driver-defaults.js';
import { releasingBatches } from 'src/datasources/external-db/row-stream.js';
import { toExecuteImmediate } from 'src/datasources/external-db/trino-literal.js';
import { bigNumber, isoTimestamp } from 'src/datasources/external-db/value-mapping.js';

/** One page of Trino's client protocol (POST /v1/statement, then GET nextUri until it is absent). */
export interface TrinoPage {
  id: string;
  infoUri?: string;
  nextUri?: string;
  columns?: { name: string; type: string }[];
  data?: unknown[][];
  updateType?: string;
  updateCount?: number;
  stats?: { state: string };
  error?: { message: string; errorCode: number; errorName: string; errorType: string };
}

type Row = Record<string, unknown>;
type Converter = (v: unknown) => unknown;

/**
 * Parses a protocol page without losing big integers: Trino writes BIGINT as JSON numbers, which
 * JSON.parse would round past 2^53. Integer tokens longer than 15 digits are turned into strings first.
 */
export function parseTrinoJson(text: string): unknown {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const token = text.slice(i, j);
      if (/^-?\d{16,}$/.test(token)) {
        out += `${text.slice(last, i)}"${token}"`;
        last = j;
      }
      i = j - 1;
    }
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}

/** Converters by Trino type: exact numbers as strings, ISO timestamps, parsed JSON; varbinary is already base64. */
export function trinoColumnConverters(columns: { type: string }[], bigNumbersAsNumbers: boolean): Converter[] {
  return columns.map(({ type }) => {
    const t = type.toLowerCase();
    if (t === 'bigint' || t.startsWith('decimal')) return (v) => (v === null ? null : bigNumber(String(v), bigNumbersAsNumbers));
    if (t.startsWith('timestamp')) {
      return (v) => (typeof v === 'string' ? isoTimestamp(v.replace(/ UTC$/, '+00')) : v);
    }
    if (t === 'json') return (v) => (typeof v === 'string' ? JSON.parse(v) : v);
    return (v) => v;
  });
}

interface Slot {
  readonly id: number;
}

export class TrinoConnector implements Connector {
  readonly type = 'trino' as const;
  /** Trino has no connections to pool; the pool bounds concurrent queries per source the same way. */
  private readonly pool: ConnectionPool<Slot>;
  private readonly settings: PoolSettings;
  private readonly baseUrl: string;
  private slotSeq = 0;

  constructor(
    private readonly config: DatasourceConnectionConfig,
    defaults: DriverDefaults = {},
  ) {
    this.settings = resolvePoolSettings(config, defaults);
    const tls = (config.options.sslMode ?? 'disable') !== 'disable' && config.options.sslMode !== 'prefer';
    this.baseUrl = `${tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    this.pool = new ConnectionPool<Slot>(
      { create: async () => ({ id: ++this.slotSeq }), destroy: async () => undefined, isAlive: () => true },
      { label: config.id, ...this.settings },
    );
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  async test(): Promise<{ serverVersion: string; latencyMs: number }> {
    const started = performance.now();
    const res = await this.fetch(`${this.baseUrl}/v1/info`, { method: 'GET', headers: this.headers() }, AbortSignal.timeout(this.settings.connectTimeoutMs));
    if (!res.ok) throw Object.assign(new Error(`Trino answered ${res.status} ${res.statusText} on /v1/info`), { code: res.status === 401 ? '28P01' : 'EPROTO' });
    const info = (await res.json()) as { nodeVersion?: { version?: string } };
    // /v1/info does not check credentials; a query does.
    await this.runOne({ sql: 'SELECT 1', values: [] }, { readOnly: true, timeoutMs: this.settings.connectTimeoutMs });
    return { serverVersion: `Trino ${info.nodeVersion?.version ?? 'unknown'}`, latencyMs: Math.round(performance.now() - started) };
  }

  /**
   * Runs statements in order with autocommit: most Trino connectors refuse multi-statement transactions.
   * Read-only is enforced by the SQL engine's statement guard and the Trino user's privileges.
   */
  async run(statements: BoundStatement[], options: RunOptions): Promise<StatementResult[]> {
    const slot = await this.pool.acquire(options.signal);
    try {
      const results: StatementResult[] = [];
      for (const st of statements) results.push(await this.runOne(st, options));
      return results;
    } finally {
      this.pool.release(slot);
    }
  }

  async withSession<T>(options: RunOptions, fn: (session: Session) => Promise<T>): Promise<T> {
    const slot = await this.pool.acquire(options.signal);
    let txId: string | null = null;
    const session: Session = {
      query: (st, o) => this.runOne(st, { ...options, maxRows: o?.maxRows ?? options.maxRows }, txId),
      begin: async (readOnly) => {
        if (txId) throw dbError('QUERY_FAILED', 'A transaction is already open');
        const headers = await this.control(`START TRANSACTION${readOnly || options.readOnly ? ' READ ONLY' : ''}`, options, 'NONE');
        txId = headers.get('x-trino-started-transaction-id');
        if (!txId) throw dbError('QUERY_FAILED', 'Trino did not start a transaction');
      },
      commit: async () => {
        if (!txId) throw dbError('QUERY_FAILED', 'No transaction is open');
        const id = txId;
        txId = null;
        await this.control('COMMIT', options, id);
      },
      rollback: async () => {
        if (!txId) return;
        const id = txId;
        txId = null;
        await this.control('ROLLBACK', options, id);
      },
      get inTransaction() {
        return txId !== null;
      },
    };
    try {
      return await fn(session);
    } finally {
      if (txId) await this.control('ROLLBACK', options, txId).catch(() => undefined);
      this.pool.release(slot);
    }
  }

  async stream(statement: BoundStatement, options: RunOptions): Promise<RowStream> {
    const slot = await this.pool.acquire(options.signal);
    const query = this.start(statement, options, null);
    let first: TrinoPage;
    try {
      first = await query.nextWithColumns();
    } catch (err) {
      await query.cancel();
      this.pool.release(slot);
      throw err;
    }
    const columns: ColumnInfo[] = (first.columns ?? []).map((c) => ({ name: c.name, type: c.type }));
    const converters = trinoColumnConverters(columns, this.config.options.bigNumbersAsNumbers ?? false);
    const toRows = (data: unknown[][] | undefined) => (data ?? []).map((r) => toRow(columns, converters, r));
    const pool = this.pool;
    async function* batches(): AsyncGenerator<Row[]> {
      try {
        let page: TrinoPage | null = first;
        while (page) {
          const rows = toRows(page.data);
          if (rows.length > 0) yield rows;
          page = await query.next();
        }
      } finally {
        await query.cancel();
        pool.release(slot);
      }
    }
    return { columns, batches: releasingBatches(batches(), async () => {
      await query.cancel();
      pool.release(slot);
    }) };
  }

  private async runOne(st: BoundStatement, options: RunOptions, txId: string | null = null): Promise<StatementResult> {
    const query = this.start(st, options, txId);
    try {
      const maxRows = options.maxRows;
      const rows: Row[] = [];
      let truncated = false;
      let page: TrinoPage | null = await query.nextWithColumns();
      const columns: ColumnInfo[] = (page.columns ?? []).map((c) => ({ name: c.name, type: c.type }));
      const converters = trinoColumnConverters(columns, this.config.options.bigNumbersAsNumbers ?? false);
      let last: TrinoPage = page;
      while (page) {
        last = page;
        for (const r of page.data ?? []) {
          if (maxRows !== undefined && rows.length >= maxRows) {
            truncated = true;
            break;
          }
          rows.push(toRow(columns, converters, r));
        }
        if (truncated) break; // the rest is dropped and the query cancelled below
        page = await query.next();
      }
      if (last.updateType && !truncated) return { kind: 'count', affectedRows: last.updateCount ?? 0 };
      return { kind: 'rows', columns, rows, truncated };
    } finally {
      await query.cancel();
    }
  }

  /** START TRANSACTION / COMMIT / ROLLBACK: returns the response headers that carry the transaction id. */
  private async control(sql: string, options: RunOptions, txId: string): Promise<Headers> {
    const query = this.start({ sql, values: [] }, options, txId);
    try {
      let page: TrinoPage | null = await query.nextWithColumns();
      while (page) page = await query.next();
      return query.headers;
    } finally {
      await query.cancel();
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const { config } = this;
    const h: Record<string, string> = {
      'X-Trino-User': config.username,
      'X-Trino-Source': config.options.applicationName ?? 'querygate',
      'X-Trino-Catalog': config.options.catalog ?? config.database,
      ...extra,
    };
    if (config.options.schema) h['X-Trino-Schema'] = config.options.schema;
    if (config.password) h.Authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
    return h;
  }

  private async fetch(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    return fetch(url, { ...init, signal });
  }

  /** Submits one statement and returns a page reader that honours the timeout and the caller's signal. */
  private start(st: BoundStatement, options: RunOptions, txId: string | null) {
    const timeoutMs = options.timeoutMs ?? this.config.options.statementTimeoutMs ?? this.settings.statementTimeoutMs;
    const internal = new AbortController();
    let timedOut = false;
    let nextUri: string | undefined;
    let submitted = false;
    let done = false;
    const headers = new Headers();
    const signal = AbortSignal.any([internal.signal, ...(options.signal ? [options.signal] : [])]);
    const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), internal.abort()), timeoutMs) : undefined;
    const extra: Record<string, string> = {};
    if (timeoutMs > 0) extra['X-Trino-Session'] = `query_max_execution_time=${Math.max(1, Math.ceil(timeoutMs / 1000))}s`;
    if (txId) extra['X-Trino-Transaction-Id'] = txId;
    const failure = (err: unknown) => {
      if (isAppException(err)) return err;
      if (timedOut) return dbError('STATEMENT_TIMEOUT', 'The statement exceeded its time limit', err);
      if (options.signal?.aborted) return dbError('QUERY_CANCELLED', 'The query was cancelled because the caller went away or its deadline passed', err);
      return dbError('QUERY_FAILED', `Trino request failed: ${err instanceof Error ? err.message : String(err)}`, err);
    };
    const request = async (url: string, init: RequestInit): Promise<TrinoPage> => {
      if (signal.aborted) throw failure(options.signal?.aborted && !timedOut ? cancelledError() : new Error('aborted'));
      let res: Response;
      try {
        res = await this.fetch(url, { ...init, headers: this.headers(extra) }, signal);
        const text = await res.text();
        res.headers.forEach((v, k) => headers.set(k, v));
        if (res.status === 503 || res.status === 502) {
          // Trino asks clients to retry the same URI when it is busy.
          await new Promise((r) => setTimeout(r, 100));
          return request(url, init);
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)}`);
        return parseTrinoJson(text) as TrinoPage;
      } catch (err) {
        throw failure(err);
      }
    };
    const handle = (page: TrinoPage): TrinoPage => {
      nextUri = page.nextUri;
      if (!nextUri) done = true;
      if (page.error) {
        done = true;
        const e = page.error;
        if (e.errorName === 'EXCEEDED_TIME_LIMIT') throw dbError('STATEMENT_TIMEOUT', 'The statement exceeded its time limit', Object.assign(new Error(e.message), { code: e.errorName }));
        if (e.errorName === 'USER_CANCELED' && options.signal?.aborted) throw cancelledError();
        throw dbError('QUERY_FAILED', `The database refused the statement: ${e.message}`, Object.assign(new Error(e.message), { code: e.errorName }));
      }
      return page;
    };
    const next = async (): Promise<TrinoPage | null> => {
      if (!submitted) {
        submitted = true;
        return handle(await request(`${this.baseUrl}/v1/statement`, { method: 'POST', body: toExecuteImmediate(st.sql, st.values) }));
      }
      if (done || !nextUri) return null;
      return handle(await request(nextUri, { method: 'GET' }));
    };
    return {
      headers,
      next,
      /** Pages until the columns are known (QUEUED pages carry none) or the query ends. */
      async nextWithColumns(): Promise<TrinoPage> {
        let page = (await next())!;
        const empty: unknown[][] = [];
        const buffered: unknown[][] = [...(page.data ?? empty)];
        while (!page.columns && !done) {
          page = (await next())!;
          buffered.push(...(page.data ?? empty));
        }
        return { ...page, data: buffered.length > 0 ? buffered : page.data };
      },
      /** Ends the query: DELETE on nextUri cancels it on the server if it is still running. */
      cancel: async () => {
        clearTimeout(timer);
        if (done || !nextUri) return;
        done = true;
        const uri = nextUri;
        await fetch(uri, { method: 'DELETE', headers: this.headers(extra), signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
      },
    };
  }
}

function toRow(columns: ColumnInfo[], converters: Converter[], values: unknown[]): Row {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) row[columns[i].name] = converters[i](values[i] ?? null);
  return row;
}
