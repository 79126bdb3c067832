import type { FieldPacket, ResultSetHeader } from 'mysql2';
import mysql from 'mysql2/promise';
import { ConnectionPool, type PoolAdapter } from 'src/datasources/external-db/connection-pool.js';
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
import { transactionalSession } from 'src/datasources/external-db/transactional-session.js';
import { releasingBatches } from 'src/datasources/external-db/row-stream.js';
import { base64, bigNumber, isoTimestamp } from 'src/datasources/external-db/value-mapping.js';

interface MysqlConn {
  conn: mysql.Connection;
  alive: boolean;
  /** Not yet used by a caller: a failure on it is not a stale pooled connection. */
  fresh: boolean;
  threadId: number;
  mariadb: boolean;
}

type Row = Record<string, unknown>;

/** The callback-style connection under mysql2/promise: its commands are event emitters with `stream()`. */
interface CoreCommand extends NodeJS.EventEmitter {
  stream(options?: { highWaterMark?: number }): import('node:stream').Readable;
}
interface CoreConnection {
  threadId: number;
  execute(sql: string, values?: unknown[]): CoreCommand;
  query(sql: string, values?: unknown[]): CoreCommand;
}
const coreOf = (conn: mysql.Connection) => (conn as unknown as { connection: CoreConnection }).connection;
type Converter = (v: unknown) => unknown;

// Column type codes from the MySQL protocol.
const T = { DECIMAL: 0, TINY: 1, LONGLONG: 8, TIMESTAMP: 7, DATE: 10, DATETIME: 12, NEWDECIMAL: 246, JSON: 245 } as const;
const TYPE_NAMES: Record<number, string> = {
  0: 'decimal', 1: 'tinyint', 2: 'smallint', 3: 'int', 4: 'float', 5: 'double', 6: 'null', 7: 'timestamp', 8: 'bigint',
  9: 'mediumint', 10: 'date', 11: 'time', 12: 'datetime', 13: 'year', 15: 'varchar', 16: 'bit', 245: 'json', 246: 'decimal',
  247: 'enum', 248: 'set', 249: 'tinyblob', 250: 'mediumblob', 251: 'longblob', 252: 'blob', 253: 'varchar', 254: 'char', 255: 'geometry',
};
const ER = { UNSUPPORTED_PS: 1295, QUERY_INTERRUPTED: 1317, MARIADB_STATEMENT_TIMEOUT: 1969, MYSQL_QUERY_TIMEOUT: 3024, CONNECTION_KILLED: 1927 };

/** Per-column converters: exact numbers as strings, ISO timestamps, base64 bytes, TINYINT(1) booleans, parsed JSON. */
export function mysqlColumnConverters(fields: FieldPacket[], opts: { bigNumbersAsNumbers: boolean; tinyint1AsBoolean: boolean }): Converter[] {
  return fields.map((f) => {
    const type = f.columnType ?? f.type ?? -1;
    const bytes: Converter = (v) => (Buffer.isBuffer(v) ? base64(v) : v);
    if (type === T.TINY && f.columnLength === 1 && opts.tinyint1AsBoolean) return (v) => (v === null ? null : Number(v) !== 0);
    if (type === T.LONGLONG || type === T.NEWDECIMAL || type === T.DECIMAL) {
      return (v) => (v === null ? null : bigNumber(String(v), opts.bigNumbersAsNumbers));
    }
    if (type === T.DATETIME) return (v) => (typeof v === 'string' ? isoTimestamp(v) : v);
    // Sessions run with time_zone = '+00:00', so TIMESTAMP values are UTC.
    if (type === T.TIMESTAMP) return (v) => (typeof v === 'string' && /^\d{4}-/.test(v) ? `${isoTimestamp(v)}Z` : v);
    if (type === T.JSON) return (v) => (typeof v === 'string' ? JSON.parse(v) : Buffer.isBuffer(v) ? JSON.parse(v.toString('utf8')) : v);
    return bytes;
  });
}

function convertRow(fields: FieldPacket[], converters: Converter[], row: Row): Row {
  const out: Row = {};
  for (let i = 0; i < fields.length; i++) out[fields[i].name] = converters[i](row[fields[i].name] ?? null);
  return out;
}

function isConnectionError(err: unknown): boolean {
  const e = err as { fatal?: boolean; code?: string; errno?: number; message?: string } | undefined;
  return (
    e?.fatal === true || e?.errno === ER.CONNECTION_KILLED || e?.code === 'PROTOCOL_CONNECTION_LOST' || e?.code === 'ECONNRESET' ||
    e?.code === 'EPIPE' || /closed state|connection lost/i.test(e?.message ?? '')
  );
}

export class MysqlConnector implements Connector {
  readonly type = 'mysql' as const;
  private readonly pool: ConnectionPool<MysqlConn>;
  private readonly settings: PoolSettings;
  private readonly convertOpts: { bigNumbersAsNumbers: boolean; tinyint1AsBoolean: boolean };

  constructor(
    private readonly config: DatasourceConnectionConfig,
    defaults: DriverDefaults = {},
  ) {
    this.settings = resolvePoolSettings(config, defaults);
    this.convertOpts = { bigNumbersAsNumbers: config.options.bigNumbersAsNumbers ?? false, tinyint1AsBoolean: config.options.tinyint1AsBoolean ?? true };
    const adapter: PoolAdapter<MysqlConn> = {
      create: () => this.connect(),
      destroy: async (c) => {
        c.alive = false;
        await c.conn.end().catch(() => c.conn.destroy());
      },
      isAlive: (c) => c.alive,
    };
    this.pool = new ConnectionPool(adapter, { label: config.id, ...this.settings });
  }

  async connect(): Promise<MysqlConn> {
    const { config } = this;
    const mode = config.options.sslMode ?? 'disable';
    const conn = await mysql.createConnection({
      host: config.host,
      port: config.port,
      database: config.database || undefined,
      user: config.username,
      password: config.password ?? undefined,
      connectTimeout: this.settings.connectTimeoutMs,
      ssl: mode === 'disable' || mode === 'prefer' ? undefined : { ca: config.options.sslCa, rejectUnauthorized: mode !== 'require' },
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      dateStrings: true,
      charset: 'utf8mb4',
      multipleStatements: false,
      maxPreparedStatements: 256,
    });
    const c: MysqlConn = { conn, alive: true, fresh: true, threadId: coreOf(conn).threadId, mariadb: false };
    conn.on('error', () => (c.alive = false));
    conn.on('end', () => (c.alive = false));
    try {
      const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT VERSION() AS v");
      c.mariadb = /mariadb/i.test(String(rows[0].v));
      await conn.query("SET time_zone = '+00:00'");
    } catch (err) {
      c.alive = false;
      conn.destroy();
      throw err;
    }
    return c;
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  async test(): Promise<{ serverVersion: string; latencyMs: number }> {
    const started = performance.now();
    const c = await this.connect();
    try {
      const [rows] = await c.conn.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
      return { serverVersion: String(rows[0].v), latencyMs: Math.round(performance.now() - started) };
    } finally {
      await c.conn.end().catch(() => c.conn.destroy());
    }
  }

  run(statements: BoundStatement[], options: RunOptions): Promise<StatementResult[]> {
    const timeoutMs = this.timeoutOf(options);
    const prepare = async (c: MysqlConn) => {
      await this.setTimeout(c, timeoutMs);
      await c.conn.query(this.readOnly(options) ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION READ WRITE');
    };
    return this.withConnection(options, timeoutMs, prepare, async (c, guard) => {
      try {
        const results: StatementResult[] = [];
        for (const st of statements) results.push(await guard(() => this.execute(c, st, options.maxRows)));
        await guard(() => c.conn.query('COMMIT'));
        return results;
      } catch (err) {
        if (c.alive) await c.conn.query('ROLLBACK').catch(() => (c.alive = false));
        throw err;
      }
    });
  }

  async withSession<T>(options: RunOptions, fn: (session: Session) => Promise<T>): Promise<T> {
    const timeoutMs = this.timeoutOf(options);
    const ro = this.readOnly(options);
    const prepare = async (c: MysqlConn) => {
      await this.setTimeout(c, timeoutMs);
      await c.conn.query(`SET SESSION TRANSACTION ${ro ? 'READ ONLY' : 'READ WRITE'}`);
    };
    return this.withConnection(options, timeoutMs, prepare, async (c, guard) => {
      const session = transactionalSession({
        query: (st, o) => guard(() => this.execute(c, st, o?.maxRows ?? options.maxRows)),
        begin: (readOnly) => guard(() => c.conn.query(readOnly || ro ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION READ WRITE')),
        commit: () => guard(() => c.conn.query('COMMIT')),
        rollback: () => guard(() => c.conn.query('ROLLBACK')),
      });
      try {
        return await fn(session);
      } finally {
        if (session.inTransaction) await c.conn.query('ROLLBACK').catch(() => (c.alive = false));
        if (c.alive) await c.conn.query('SET SESSION TRANSACTION READ WRITE').catch(() => (c.alive = false));
      }
    });
  }

  async stream(statement: BoundStatement, options: RunOptions): Promise<RowStream> {
    const { signal } = options;
    const timeoutMs = this.timeoutOf(options);
    const c = await this.acquireReady(options, async (conn) => {
      await this.setTimeout(conn, timeoutMs);
      await conn.conn.query(this.readOnly(options) ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION READ WRITE');
    });
    let finished = false;
    let killed = false;
    // Stopping a MySQL result set early means killing the connection: the protocol has no other way.
    const kill = async () => {
      if (killed || finished) return;
      killed = true;
      c.alive = false;
      await this.kill(c.threadId, 'CONNECTION');
    };
    const onAbort = () => void kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = async (completed: boolean) => {
      if (finished) return;
      if (!completed) await kill();
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      if (c.alive) await c.conn.query('ROLLBACK').catch(() => (c.alive = false));
      if (!c.alive) c.conn.destroy();
      this.pool.release(c, !c.alive);
    };
    const core = coreOf(c.conn);
    const cmd = statement.values.length > 0 ? core.execute(statement.sql, statement.values) : core.query(statement.sql);
    const readable = cmd.stream({ highWaterMark: this.settings.streamBatchSize });
    const fields = await new Promise<FieldPacket[]>((resolve, reject) => {
      cmd.once('fields', (f: FieldPacket[] | undefined) => resolve(f ?? []));
      readable.once('error', reject);
      readable.once('end', () => resolve([]));
    }).catch(async (err) => {
      await finish(true).catch(() => undefined);
      throw this.mapError(err, signal, false);
    });
    const converters = mysqlColumnConverters(fields, this.convertOpts);
    const columns: ColumnInfo[] = fields.map((f) => ({ name: f.name, type: TYPE_NAMES[f.columnType ?? f.type ?? -1] ?? 'unknown' }));
    const batchSize = this.settings.streamBatchSize;
    const mapError = (err: unknown) => this.mapError(err, signal, false);
    async function* batches(): AsyncGenerator<Row[]> {
      let completed = false;
      try {
        let batch: Row[] = [];
        for await (const row of readable as AsyncIterable<Row>) {
          if (signal?.aborted) throw cancelledError();
          if (fields.length === 0) continue;
          batch.push(convertRow(fields, converters, row));
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
        if (signal?.aborted) throw cancelledError();
        if (batch.length > 0) yield batch;
        completed = true;
      } catch (err) {
        throw isAppException(err) ? err : mapError(err);
      } finally {
        await finish(completed);
      }
    }
    return { columns, batches: releasingBatches(batches(), () => finish(false)) };
  }

  private readOnly(options: RunOptions): boolean {
    return options.readOnly || (this.config.options.readOnly ?? false);
  }

  private timeoutOf(options: RunOptions): number {
    return options.timeoutMs ?? this.config.options.statementTimeoutMs ?? this.settings.statementTimeoutMs;
  }

  /** MariaDB: max_statement_time (seconds, every statement); MySQL: max_execution_time (ms, SELECT only). */
  private async setTimeout(c: MysqlConn, timeoutMs: number): Promise<void> {
    const ms = Math.max(0, Math.floor(timeoutMs));
    await c.conn.query(c.mariadb ? `SET SESSION max_statement_time = ${ms / 1000}` : `SET SESSION max_execution_time = ${ms}`);
  }

  /** execute() (server-side prepared) when there are values; query() when there are none or the binary protocol refuses. */
  private async execute(c: MysqlConn, st: BoundStatement, maxRows: number | undefined): Promise<StatementResult> {
    if (st.values.length === 0) return this.collect(c, st.sql, undefined, false, maxRows);
    try {
      return await this.collect(c, st.sql, st.values, true, maxRows);
    } catch (err) {
      if ((err as { errno?: number }).errno !== ER.UNSUPPORTED_PS) throw err;
      return this.collect(c, st.sql, st.values, false, maxRows);
    }
  }

  /** Reads one result; rows past the cap are dropped as they arrive, so memory stays bounded. */
  private collect(c: MysqlConn, sql: string, values: unknown[] | undefined, prepared: boolean, maxRows: number | undefined): Promise<StatementResult> {
    const core = coreOf(c.conn);
    return new Promise((resolve, reject) => {
      const cmd = prepared ? core.execute(sql, values) : values ? core.query(sql, values) : core.query(sql);
      let fields: FieldPacket[] | undefined;
      let converters: Converter[] = [];
      const rows: Row[] = [];
      let seen = 0;
      let header: ResultSetHeader | undefined;
      cmd.on('fields', (f: FieldPacket[] | undefined) => {
        if (!f) return; // statements without a result set announce "no fields"
        fields = f;
        converters = mysqlColumnConverters(f, this.convertOpts);
      });
      let failed: unknown;
      cmd.on('result', (row: Row | ResultSetHeader) => {
        if (!fields) {
          header = row as ResultSetHeader;
          return;
        }
        seen++;
        if (failed || (maxRows !== undefined && rows.length >= maxRows)) return;
        try {
          rows.push(convertRow(fields, converters, row as Row));
        } catch (err) {
          failed = err; // e.g. a JSON column holding invalid JSON; reported once the result ends
        }
      });
      cmd.on('error', reject);
      cmd.on('end', () => {
        if (failed) reject(failed);
        else if (fields) {
          const columns = fields.map((f) => ({ name: f.name, type: TYPE_NAMES[f.columnType ?? f.type ?? -1] ?? 'unknown' }));
          resolve({ kind: 'rows', columns, rows, truncated: maxRows !== undefined && seen > maxRows });
        } else resolve({ kind: 'count', affectedRows: header?.affectedRows ?? 0 });
      });
    });
  }

  private async withConnection<T>(
    options: RunOptions,
    timeoutMs: number,
    prepare: (c: MysqlConn) => Promise<void>,
    fn: (c: MysqlConn, guard: Guard) => Promise<T>,
  ): Promise<T> {
    const { signal } = options;
    const c = await this.acquireReady(options, prepare);
    let active = false;
    const onAbort = () => {
      if (active) void this.kill(c.threadId, 'QUERY');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const guard: Guard = async (call) => {
      if (signal?.aborted) throw cancelledError();
      active = true;
      let timedOut = false;
      // Backstop for statements max_statement_time / max_execution_time do not cover.
      const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), void this.kill(c.threadId, 'QUERY')), timeoutMs + 250) : undefined;
      try {
        return await call();
      } catch (err) {
        if (isConnectionError(err)) c.alive = false;
        throw isAppException(err) ? err : this.mapError(err, signal, timedOut);
      } finally {
        clearTimeout(timer);
        active = false;
      }
    };
    try {
      return await fn(c, guard);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!c.alive) c.conn.destroy();
      this.pool.release(c, !c.alive);
    }
  }

  /** A pooled connection killed while idle fails on its first command: replace it (never retries a fresh one). */
  private async acquireReady(options: RunOptions, prepare: (c: MysqlConn) => Promise<void>): Promise<MysqlConn> {
    for (let attempt = 0; ; attempt++) {
      const c = await this.pool.acquire(options.signal);
      const stale = !c.fresh;
      try {
        await prepare(c);
        c.fresh = false;
        return c;
      } catch (err) {
        const dead = isConnectionError(err) || !c.alive;
        if (dead) {
          c.alive = false;
          c.conn.destroy();
        }
        this.pool.release(c, dead);
        // Every idle connection may have been killed at once: keep replacing stale ones, never retry a fresh one.
        if (!dead || !stale || attempt > this.settings.max) throw this.mapError(err, options.signal, false);
      }
    }
  }

  /** KILL QUERY / KILL CONNECTION from a separate, unpooled connection (the pool may be saturated). */
  private async kill(threadId: number, what: 'QUERY' | 'CONNECTION'): Promise<void> {
    const killer = await this.connect().catch(() => undefined);
    if (!killer) return;
    try {
      await killer.conn.query(`KILL ${what} ${Number(threadId)}`);
    } catch {
      // Already finished or gone.
    } finally {
      await killer.conn.end().catch(() => killer.conn.destroy());
    }
  }

  private mapError(err: unknown, signal: AbortSignal | undefined, timedOut: boolean) {
    if (isAppException(err)) return err;
    const e = err as { errno?: number; message?: string };
    if (e?.errno === ER.MARIADB_STATEMENT_TIMEOUT || e?.errno === ER.MYSQL_QUERY_TIMEOUT || (timedOut && !signal?.aborted)) {
      return dbError('STATEMENT_TIMEOUT', 'The statement exceeded its time limit', err);
    }
    if (signal?.aborted) return dbError('QUERY_CANCELLED', 'The query was cancelled because the caller went away or its deadline passed', err);
    return dbError('QUERY_FAILED', `The database refused the statement: ${e?.message ?? String(err)}`, err);
  }
}

type Guard = <R>(call: () => Promise<R>) => Promise<R>;
