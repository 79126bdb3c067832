import pg from 'pg';
import Cursor from 'pg-cursor';
import { ConnectionPool, type PoolAdapter, type PoolWaiter } from 'src/datasources/external-db/connection-pool.js';
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
import { resolvePoolSettings, type DriverDefaults } from 'src/datasources/external-db/driver-defaults.js';
import { transactionalSession } from 'src/datasources/external-db/transactional-session.js';
import { releasingBatches } from 'src/datasources/external-db/row-stream.js';
import { base64, bigNumber, isoTimestamp, jsonSafeFloat } from 'src/datasources/external-db/value-mapping.js';

interface PgConn {
  client: pg.Client;
  alive: boolean;
  /** Not yet used by a caller: a failure on it is not a stale pooled connection. */
  fresh: boolean;
  types: pg.CustomTypesConfig;
  /** The server reports default_transaction_read_only (PostgreSQL ≥ 14), so we always know its value. */
  readOnlyReported: boolean;
  /** The session's default_transaction_read_only, as the server last reported it. */
  sessionReadOnly: boolean;
  /** statement_timeout we last set for the session; null when unknown. */
  sessionTimeoutMs: number | null;
}

const OID_NAMES: Record<number, string> = {
  16: 'bool', 17: 'bytea', 18: 'char', 19: 'name', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'text', 26: 'oid',
  114: 'json', 142: 'xml', 700: 'float4', 701: 'float8', 790: 'money', 869: 'inet', 1042: 'bpchar', 1043: 'varchar',
  1082: 'date', 1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval', 1266: 'timetz', 1700: 'numeric',
  2950: 'uuid', 3802: 'jsonb', 1000: 'bool[]', 1001: 'bytea[]', 1005: 'int2[]', 1007: 'int4[]', 1016: 'int8[]',
  1009: 'text[]', 1015: 'varchar[]', 1021: 'float4[]', 1022: 'float8[]', 1182: 'date[]', 1115: 'timestamp[]',
  1185: 'timestamptz[]', 1231: 'numeric[]', 2951: 'uuid[]', 199: 'json[]', 3807: 'jsonb[]',
};

/** Type parsers for one pool: exact numbers as strings (or safe numbers), ISO dates, base64 bytes. */
export function pgTypeParsers(bigNumbersAsNumbers: boolean): pg.CustomTypesConfig {
  const builtin = pg.types.getTypeParser as unknown as (oid: number, format: string) => (v: string) => unknown;
  const textArray = builtin(1009, 'text') as (v: string) => (string | null)[];
  const big = (v: string) => bigNumber(v, bigNumbersAsNumbers);
  const bytes = (v: string) => base64(Buffer.from(v.startsWith('\\x') ? v.slice(2) : v, 'hex'));
  const float = (v: string) => jsonSafeFloat(Number(v));
  const array =
    (each: (v: string) => unknown) =>
    (v: string): unknown => {
      const mapDeep = (a: unknown): unknown => (Array.isArray(a) ? a.map(mapDeep) : a === null ? null : each(a as string));
      return mapDeep(textArray(v));
    };
  const parsers: Record<number, (v: string) => unknown> = {
    20: big, 1700: big, 1016: array(big), 1231: array(big),
    700: float, 701: float, 1021: array(float), 1022: array(float),
    1082: (v) => v, 1182: array((v) => v),
    1114: isoTimestamp, 1184: isoTimestamp, 1115: array(isoTimestamp), 1185: array(isoTimestamp),
    17: bytes, 1001: array(bytes),
  };
  return {
    getTypeParser: ((oid: number, format?: string) =>
      (format ?? 'text') === 'text' && parsers[oid] ? parsers[oid] : builtin(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
  };
}

function sslConfig(config: DatasourceConnectionConfig): pg.ClientConfig['ssl'] {
  const mode = config.options.sslMode ?? 'disable';
  if (mode === 'disable' || mode === 'prefer') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ca: config.options.sslCa, ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}) };
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Connection-level failures (the server or a DBA killed the session): the connection is thrown away. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  const code = e?.code ?? '';
  return (
    code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === 'ECONNRESET' || code === 'EPIPE' ||
    /Connection terminated|Client has encountered a connection error|not queryable|terminating connection/i.test(e?.message ?? '')
  );
}

export class PostgresConnector implements Connector {
  readonly type = 'postgres' as const;
  private readonly pool: ConnectionPool<PgConn>;
  private readonly types: pg.CustomTypesConfig;
  private readonly defaults: ReturnType<typeof resolvePoolSettings>;
  /** `cancelBackend` as one function for the whole connector, handed to each ReadOnlyCall. */
  private readonly cancel: (client: pg.Client) => void;

  constructor(
    private readonly config: DatasourceConnectionConfig,
    defaults: DriverDefaults = {},
  ) {
    this.defaults = resolvePoolSettings(config, defaults);
    this.types = pgTypeParsers(config.options.bigNumbersAsNumbers ?? false);
    this.cancel = (client) => void this.cancelBackend(client);
    const adapter: PoolAdapter<PgConn> = {
      create: () => this.connect(),
      destroy: async (c) => {
        c.alive = false;
        await c.client.end();
      },
      isAlive: (c) => c.alive,
    };
    this.pool = new ConnectionPool(adapter, {
      label: config.id,
      max: this.defaults.max,
      queueMax: this.defaults.queueMax,
      queueTimeoutMs: this.defaults.queueTimeoutMs,
      idleTimeoutMs: this.defaults.idleTimeoutMs,
    });
  }

  /** Opens one connection outside the pool (also used by testConnection and for cancelling). */
  async connect(): Promise<PgConn> {
    const { config } = this;
    const client = new pg.Client({
      host: config.host,
      port: config.port,
      database: config.database,
      user: config.username,
      password: config.password ?? undefined,
      ssl: sslConfig(config),
      connectionTimeoutMillis: this.defaults.connectTimeoutMs,
      application_name: config.options.applicationName ?? 'querygate',
      types: this.types,
    });
    const conn: PgConn = { client, alive: true, fresh: true, types: this.types, readOnlyReported: false, sessionReadOnly: false, sessionTimeoutMs: null };
    // PostgreSQL ≥ 14 reports every change of default_transaction_read_only (at start-up too).
    client.connection.on('parameterStatus', (msg: { parameterName: string; parameterValue: string }) => {
      if (msg.parameterName !== 'default_transaction_read_only') return;
      conn.readOnlyReported = true;
      conn.sessionReadOnly = msg.parameterValue === 'on';
    });
    // An idle connection killed by the server emits 'error'; mark it dead so the pool replaces it.
    client.on('error', () => (conn.alive = false));
    client.on('end', () => (conn.alive = false));
    try {
      await client.connect();
      if (config.options.schema) await client.query(`SET search_path TO ${quoteIdent(config.options.schema)}`);
    } catch (err) {
      conn.alive = false;
      await client.end().catch(() => undefined);
      throw err;
    }
    return conn;
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  async test(): Promise<{ serverVersion: string; latencyMs: number }> {
    const started = performance.now();
    const conn = await this.connect();
    try {
      const res = await conn.client.query<{ v: string }>('SELECT version() AS v');
      return { serverVersion: res.rows[0].v, latencyMs: Math.round(performance.now() - started) };
    } finally {
      await conn.client.end().catch(() => undefined);
    }
  }

  run(statements: BoundStatement[], options: RunOptions): Promise<StatementResult[]> {
    if (statements.length === 1 && (options.readOnly || this.config.options.readOnly)) return this.runReadOnlyStatement(statements[0], options);
    return this.withTransaction(options, async (conn, guard) => {
      const results: StatementResult[] = [];
      for (const st of statements) results.push(await guard(() => executeStatement(conn, st, options.maxRows)));
      return results;
    });
  }

  /**
   * The gateway's common case, one read-only statement, in one round trip: the pooled connection keeps
   * `default_transaction_read_only = on` and the statement timeout as session settings (set once, re-set
   * only when they differ), so the statement's own implicit transaction is read-only. A statement that
   * switches the session default off (`set_config(…)`) cannot write in that transaction, and the server's
   * ParameterStatus report of the change makes us discard the connection. Servers that do not report the
   * setting get the explicit `BEGIN READ ONLY` transaction.
   *
   * This is the hot path, so it is kept flat: an idle connection is taken without a promise, a connection
   * whose session already matches needs no `prepare` round trip or await, and one ReadOnlyCall is the pool
   * waiter, the abort listener and the statement's guard (no closures, at most one listener on the signal).
   */
  private async runReadOnlyStatement(statement: BoundStatement, options: RunOptions): Promise<StatementResult[]> {
    const timeoutMs = Math.max(0, Math.floor(this.timeoutOf(options)));
    const call = new ReadOnlyCall(this.pool, this.cancel, options.signal);
    try {
      for (let attempt = 0; ; attempt++) {
        const next = call.connection();
        const conn = next instanceof Promise ? await next : next;
        const reused = !conn.fresh;
        try {
          if (!conn.readOnlyReported) return [await this.readOnlyTransaction(conn, call, statement, options.maxRows, timeoutMs)];
          if (!conn.sessionReadOnly || conn.sessionTimeoutMs !== timeoutMs) await this.setReadOnlySession(conn, timeoutMs, options.signal);
          conn.fresh = false;
          const result = await call.execute(conn, statement, options.maxRows);
          // The statement switched the session default off: it could not write itself, but the next caller could.
          if (!conn.sessionReadOnly) conn.alive = false;
          return [result];
        } catch (err) {
          // A pooled connection the server killed while idle fails on its first message, before anything was
          // read: a read-only statement is safely retried on another one. Every idle connection may have been
          // killed at once, so keep replacing stale ones (bounded); a fresh connection is never retried.
          if (!reused || conn.alive || attempt > this.defaults.max) throw err;
        } finally {
          this.pool.release(conn, !conn.alive);
        }
      }
    } finally {
      call.unwatch();
    }
  }

  /** Session defaults for the one-round-trip path: read-only transactions and this call's statement timeout. */
  private async setReadOnlySession(conn: PgConn, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await conn.client.query(`SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET statement_timeout = ${timeoutMs}`);
      conn.sessionTimeoutMs = timeoutMs;
    } catch (err) {
      throw await this.prepareFailed(conn, err, signal);
    }
  }

  /** Servers that do not report default_transaction_read_only: the statement in an explicit read-only transaction. */
  private async readOnlyTransaction(conn: PgConn, call: ReadOnlyCall, statement: BoundStatement, maxRows: number | undefined, timeoutMs: number): Promise<StatementResult> {
    try {
      await this.begin(conn, true, timeoutMs);
    } catch (err) {
      throw await this.prepareFailed(conn, err, call.signal);
    }
    conn.fresh = false;
    try {
      const result = await call.execute(conn, statement, maxRows);
      await call.commit(conn);
      return result;
    } catch (err) {
      if (conn.alive) await conn.client.query('ROLLBACK').catch(() => (conn.alive = false));
      throw err;
    }
  }

  /**
   * A failed BEGIN / session setup: a connection-level failure (or a connection already seen dying) marks it
   * dead, anything else rolls back what BEGIN may have opened. Returns the error to throw.
   */
  private async prepareFailed(conn: PgConn, err: unknown, signal: AbortSignal | undefined) {
    if (isConnectionError(err) || !conn.alive) conn.alive = false;
    else await conn.client.query('ROLLBACK').catch(() => (conn.alive = false));
    return mapError(err, signal);
  }

  async withSession<T>(options: RunOptions, fn: (session: Session) => Promise<T>): Promise<T> {
    const timeoutMs = this.timeoutOf(options);
    // Outside an explicit transaction each statement runs on its own, still read-only when asked.
    const prepare = async (conn: PgConn) => {
      const ro = options.readOnly || this.config.options.readOnly;
      await conn.client.query(`SET SESSION CHARACTERISTICS AS TRANSACTION ${ro ? 'READ ONLY' : 'READ WRITE'}`);
      await conn.client.query(`SET statement_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
    };
    return this.withConnection(options, prepare, async (conn, guard) => {
      const session = transactionalSession({
        query: (st, o) => guard(() => executeStatement(conn, st, o?.maxRows ?? options.maxRows)),
        begin: (readOnly) => guard(() => this.begin(conn, readOnly || options.readOnly, timeoutMs)),
        commit: () => guard(() => conn.client.query('COMMIT')),
        rollback: () => guard(() => conn.client.query('ROLLBACK')),
      });
      try {
        return await fn(session);
      } finally {
        if (session.inTransaction) await conn.client.query('ROLLBACK').catch(() => (conn.alive = false));
        await conn.client.query('RESET ALL').catch(() => (conn.alive = false));
        conn.sessionTimeoutMs = null;
        if (this.config.options.schema && conn.alive) {
          await conn.client.query(`SET search_path TO ${quoteIdent(this.config.options.schema)}`).catch(() => (conn.alive = false));
        }
      }
    });
  }

  async stream(statement: BoundStatement, options: RunOptions): Promise<RowStream> {
    const batchSize = this.defaults.streamBatchSize;
    const signal = options.signal;
    const conn = await this.acquireReady(options, (c) => this.begin(c, options.readOnly, this.timeoutOf(options)));
    let finished = false;
    let cursor: Cursor | undefined;
    let reading = false;
    const cancelIfReading = () => {
      if (reading) void this.cancelBackend(conn.client);
    };
    const finish = async (broken: boolean) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener('abort', cancelIfReading);
      if (cursor) await new Promise<void>((r) => cursor!.close(() => r())).catch(() => undefined);
      if (!broken) await conn.client.query('ROLLBACK').catch(() => (conn.alive = false));
      this.pool.release(conn, broken);
    };
    const read = async (): Promise<{ rows: Record<string, unknown>[]; fields: pg.FieldDef[] }> => {
      if (signal?.aborted) throw cancelledError();
      reading = true;
      try {
        return await new Promise((resolve, reject) =>
          cursor!.read(batchSize, (err, rows, result) => (err ? reject(err) : resolve({ rows: rows as Record<string, unknown>[], fields: result.fields }))),
        );
      } catch (err) {
        throw mapError(err, signal);
      } finally {
        reading = false;
      }
    };
    signal?.addEventListener('abort', cancelIfReading, { once: true });
    let first: { rows: Record<string, unknown>[]; fields: pg.FieldDef[] };
    try {
      cursor = conn.client.query(new Cursor(statement.sql, statement.values, { types: this.types }));
      first = await read();
    } catch (err) {
      await finish(isConnectionError(err));
      throw isAppException(err) ? err : mapError(err, signal);
    }
    const columns = first.fields.map((f) => ({ name: f.name, type: OID_NAMES[f.dataTypeID] ?? `oid:${f.dataTypeID}` }));
    async function* batches(): AsyncGenerator<Record<string, unknown>[]> {
      let broken = false;
      try {
        let batch = first.rows;
        while (batch.length > 0) {
          yield batch;
          if (batch.length < batchSize) break;
          batch = (await read()).rows;
        }
        if (signal?.aborted) throw cancelledError();
      } catch (err) {
        broken = isConnectionError((err as { cause?: unknown }).cause ?? err);
        throw err;
      } finally {
        await finish(broken);
      }
    }
    return { columns, batches: releasingBatches(batches(), () => finish(false)) };
  }

  private timeoutOf(options: RunOptions): number {
    return options.timeoutMs ?? this.config.options.statementTimeoutMs ?? this.defaults.statementTimeoutMs;
  }

  private async begin(conn: PgConn, readOnly: boolean, timeoutMs: number): Promise<void> {
    const ro = readOnly || this.config.options.readOnly;
    // One round trip: both statements are our own constant SQL, so the simple protocol's multi-statement form is safe here.
    // READ WRITE explicitly: a pooled connection may carry a read-only session default.
    await conn.client.query(`${ro ? 'BEGIN READ ONLY' : 'BEGIN READ WRITE'}; SET LOCAL statement_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
  }

  private async withTransaction<T>(options: RunOptions, fn: (conn: PgConn, guard: Guard) => Promise<T>): Promise<T> {
    const prepare = (conn: PgConn) => this.begin(conn, options.readOnly, this.timeoutOf(options));
    return this.withConnection(options, prepare, async (conn, guard) => {
      try {
        const out = await fn(conn, guard);
        await guard(() => conn.client.query('COMMIT'));
        return out;
      } catch (err) {
        if (conn.alive) await conn.client.query('ROLLBACK').catch(() => (conn.alive = false));
        throw err;
      }
    });
  }

  /**
   * Holds one connection for `fn`. `guard` runs one driver call: an abort while it runs cancels the
   * server-side query (pg_cancel_backend from a separate connection) and driver errors become AppExceptions.
   */
  private async withConnection<T>(
    options: RunOptions,
    prepare: (conn: PgConn) => Promise<void>,
    fn: (conn: PgConn, guard: Guard) => Promise<T>,
  ): Promise<T> {
    const { signal } = options;
    const conn = await this.acquireReady(options, prepare);
    let active = false;
    const onAbort = () => {
      if (active) void this.cancelBackend(conn.client);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const guard: Guard = async (call) => {
      if (signal?.aborted) throw cancelledError();
      active = true;
      try {
        return await call();
      } catch (err) {
        if (isConnectionError(err)) conn.alive = false;
        throw isAppException(err) ? err : mapError(err, signal);
      } finally {
        active = false;
      }
    };
    try {
      return await fn(conn, guard);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.pool.release(conn, !conn.alive);
    }
  }

  /**
   * Acquires a connection and runs `prepare` (BEGIN / session settings) on it. A pooled connection that the
   * server killed while it sat idle fails right there, before any user statement ran: it is replaced once per stale connection.
   */
  private async acquireReady(options: RunOptions, prepare: (conn: PgConn) => Promise<void>): Promise<PgConn> {
    for (let attempt = 0; ; attempt++) {
      const conn = await this.pool.acquire(options.signal);
      const stale = !conn.fresh;
      try {
        await prepare(conn);
        conn.fresh = false;
        return conn;
      } catch (err) {
        const dead = isConnectionError(err) || !conn.alive;
        const error = await this.prepareFailed(conn, err, options.signal);
        this.pool.release(conn, !conn.alive);
        // Every idle connection may have been killed at once: keep replacing stale ones, never retry a fresh one.
        if (!dead || !stale || attempt > this.defaults.max) throw error;
      }
    }
  }

  private async cancelBackend(client: pg.Client): Promise<void> {
    const pid = (client as unknown as { processID: number | null }).processID;
    if (!pid) return;
    const killer = await this.connect().catch(() => undefined);
    if (!killer) return;
    try {
      await killer.client.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The query may have finished in the meantime; nothing to cancel.
    } finally {
      await killer.client.end().catch(() => undefined);
    }
  }
}

type Guard = <R>(call: () => Promise<R>) => Promise<R>;

function mapError(err: unknown, signal?: AbortSignal) {
  if (isAppException(err)) return err;
  const e = err as { code?: string; message?: string };
  if (e?.code === '57014') {
    if (signal?.aborted) return dbError('QUERY_CANCELLED', 'The query was cancelled because the caller went away or its deadline passed', err);
    if (/statement timeout/i.test(e.message ?? '')) return dbError('STATEMENT_TIMEOUT', 'The statement exceeded its time limit', err);
  }
  if (signal?.aborted) return dbError('QUERY_CANCELLED', 'The query was cancelled because the caller went away or its deadline passed', err);
  return dbError('QUERY_FAILED', `The database refused the statement: ${e?.message ?? String(err)}`, err);
}

/**
 * Always the extended protocol, one statement per call, so `SELECT 1; COMMIT; DELETE …` cannot escape a
 * read-only transaction (the simple protocol pg uses for value-less SQL would run all three), and with the
 * statement's name so PostgreSQL parses and plans it once per connection. Rows past the cap are dropped as
 * they arrive: memory stays bounded without a cursor's extra round trips.
 */
function executeStatement(conn: PgConn, st: BoundStatement, maxRows: number | undefined): Promise<StatementResult> {
  const query = new StatementQuery(st, maxRows);
  void conn.client.query(query);
  return query.done;
}

/**
 * pg's Query for one bound statement, settling its own promise. Made from text and values rather than a
 * config object, because pg copies a config object with Object.defineProperties on every query (about 2 µs);
 * the name and the extended protocol are set on the query as the config would have set them. Its listeners
 * are its own methods: EventEmitter calls them with `this` bound to the emitter, this query, so a query
 * allocates no closures.
 */
class StatementQuery extends pg.Query<Record<string, unknown>> {
  readonly done: Promise<StatementResult>;
  private readonly kept: Record<string, unknown>[] = [];
  private truncated = false;
  private resolve!: (result: StatementResult) => void;
  private reject!: (err: unknown) => void;

  constructor(
    st: BoundStatement,
    private readonly maxRows: number | undefined,
  ) {
    super(st.sql, st.values);
    const config = this as unknown as { name?: string; queryMode?: string };
    config.name = st.name;
    config.queryMode = 'extended';
    this.done = new Promise<StatementResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.on('row', this.keepRow);
    this.on('error', this.failed);
    this.on('end', this.ended);
  }

  private keepRow(this: StatementQuery, row: Record<string, unknown>): void {
    if (this.maxRows === undefined || this.kept.length < this.maxRows) this.kept.push(row);
    else this.truncated = true;
  }

  private failed(this: StatementQuery, err: Error): void {
    this.reject(err);
  }

  private ended(this: StatementQuery, result: pg.ResultBuilder<Record<string, unknown>>): void {
    this.resolve(toResult(result.fields, this.kept, result.rowCount, this.truncated));
  }
}

/**
 * One call of `runReadOnlyStatement`. A single object is the pool waiter, the listener on the caller's abort
 * signal and the guard of the running statement, so the hot path allocates no closures; it registers on the
 * signal at most once, and only once it has to: when it queues for a connection or its statement starts. An
 * abort at any other moment is caught by the `aborted` checks before each step, as before.
 */
class ReadOnlyCall implements PoolWaiter<PgConn> {
  /** The connection whose statement is running: an abort cancels it on the server. */
  private running: PgConn | null = null;
  /** In the pool's queue: an abort withdraws it there. */
  private queued = false;
  private watching = false;
  private resolve?: (conn: PgConn) => void;
  private reject?: (err: unknown) => void;

  constructor(
    private readonly pool: ConnectionPool<PgConn>,
    private readonly cancel: (client: pg.Client) => void,
    readonly signal: AbortSignal | undefined,
  ) {}

  /** An idle connection at once (no promise, no listener), else a promise of one. */
  connection(): PgConn | Promise<PgConn> {
    // The pool refuses an aborted caller (or answers that it is closing) in its usual order.
    if (this.signal?.aborted) return this.pool.acquire(this.signal);
    return this.pool.takeIdle() ?? this.waitForConnection();
  }

  grant(conn: PgConn): void {
    this.queued = false;
    this.resolve!(conn);
  }

  refuse(err: unknown): void {
    this.queued = false;
    this.reject!(err);
  }

  /** The statement on `conn` (see `executeStatement`), guarded against the caller going away. */
  async execute(conn: PgConn, statement: BoundStatement, maxRows: number | undefined): Promise<StatementResult> {
    this.startOn(conn);
    try {
      return await executeStatement(conn, statement, maxRows);
    } catch (err) {
      throw this.failed(conn, err);
    } finally {
      this.running = null;
    }
  }

  /** COMMIT of the explicit transaction, guarded the same way. */
  async commit(conn: PgConn): Promise<void> {
    this.startOn(conn);
    try {
      await conn.client.query('COMMIT');
    } catch (err) {
      throw this.failed(conn, err);
    } finally {
      this.running = null;
    }
  }

  /** The abort listener (EventTarget calls `handleEvent` of a listener object). */
  handleEvent(): void {
    if (this.queued) {
      if (this.pool.withdraw(this)) this.refuse(cancelledError());
    } else if (this.running) {
      this.cancel(this.running.client);
    }
  }

  unwatch(): void {
    if (!this.watching) return;
    this.watching = false;
    this.signal!.removeEventListener('abort', this);
  }

  private waitForConnection(): Promise<PgConn> {
    const promise = new Promise<PgConn>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (this.pool.wait(this)) {
      this.queued = true;
      this.watch();
    }
    return promise;
  }

  /** Refuses to start once the caller went away; otherwise marks `conn` as running and listens for an abort. */
  private startOn(conn: PgConn): void {
    if (this.signal?.aborted) throw cancelledError();
    this.running = conn;
    this.watch();
  }

  private failed(conn: PgConn, err: unknown) {
    if (isConnectionError(err)) conn.alive = false;
    return isAppException(err) ? err : mapError(err, this.signal);
  }

  private watch(): void {
    if (this.watching || !this.signal) return;
    this.watching = true;
    this.signal.addEventListener('abort', this);
  }
}

function toResult(fields: pg.FieldDef[], rows: Record<string, unknown>[], rowCount: number | null, truncated: boolean): StatementResult {
  if (fields.length > 0) {
    const columns: ColumnInfo[] = fields.map((f) => ({ name: f.name, type: OID_NAMES[f.dataTypeID] ?? `oid:${f.dataTypeID}` }));
    return { kind: 'rows', columns, rows, truncated };
  }
  return { kind: 'count', affectedRows: rowCount ?? 0 };
}
