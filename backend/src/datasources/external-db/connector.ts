/**
 * The contract between the engines (SQL, script, gateway streaming) and the external databases.
 * One implementation per data-source type lives next to this file; `pool.registry.ts` hands them out.
 */
export type DatasourceType = 'postgres' | 'mysql' | 'trino';

export interface DatasourceOptions {
  sslMode?: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  /** PEM CA bundle used with verify-ca / verify-full. */
  sslCa?: string;
  applicationName?: string;
  /** Default schema (PostgreSQL search_path, Trino schema). */
  schema?: string;
  /** Trino catalog. */
  catalog?: string;
  connectTimeoutMs?: number;
  /** Default statement timeout when an API sets none. */
  statementTimeoutMs?: number;
  /** Forces every transaction on this source to be read-only. */
  readOnly?: boolean;
  /** Callers allowed to wait for a connection when all are busy. */
  queueMax?: number;
  /** How long a caller waits for a connection before DATASOURCE_SATURATED. */
  queueTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** int8/numeric/decimal as JS numbers when they fit exactly (default: strings). */
  bigNumbersAsNumbers?: boolean;
  /** MySQL TINYINT(1) as boolean (default true). */
  tinyint1AsBoolean?: boolean;
}

/** What a connector needs to connect; `revision` changes whenever the settings change (pool rebuild). */
export interface DatasourceConnectionConfig {
  id: string;
  type: DatasourceType;
  host: string;
  port: number;
  database: string;
  username: string;
  password: string | null;
  poolMax: number;
  options: DatasourceOptions;
  revision: string;
}

export interface BoundStatement {
  sql: string;
  values: unknown[];
  /** PostgreSQL named prepared statement (one name per statement text). */
  name?: string;
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export type StatementResult =
  | { kind: 'rows'; columns: ColumnInfo[]; rows: Record<string, unknown>[]; truncated: boolean }
  | { kind: 'count'; affectedRows: number };

export interface RunOptions {
  /** Run inside a read-only transaction. */
  readOnly: boolean;
  /** Statement timeout; falls back to the source's default. Exceeding it → STATEMENT_TIMEOUT. */
  timeoutMs?: number;
  /** Client gone or deadline passed: the server-side query is cancelled → QUERY_CANCELLED. */
  signal?: AbortSignal;
  /** Row cap per statement: extra rows are dropped and `truncated` is set. */
  maxRows?: number;
}

/** One held connection; used by the script engine for `db.*` and `tx.*`. */
export interface Session {
  query(statement: BoundStatement, options?: { maxRows?: number }): Promise<StatementResult>;
  begin(readOnly: boolean): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly inTransaction: boolean;
}

export interface RowStream {
  columns: ColumnInfo[];
  /** Batches of rows; pulling drives the cursor (back-pressure); `return()` cancels the query. */
  batches: AsyncIterable<Record<string, unknown>[]>;
}

export interface PoolStats {
  max: number;
  inUse: number;
  idle: number;
  waiting: number;
}

export interface Connector {
  readonly type: DatasourceType;
  /** Statements in order, one connection, one transaction (committed unless readOnly; rolled back on error). */
  run(statements: BoundStatement[], options: RunOptions): Promise<StatementResult[]>;
  /** Holds one connection for `fn`; a transaction left open is rolled back; the connection is released. */
  withSession<T>(options: RunOptions, fn: (session: Session) => Promise<T>): Promise<T>;
  /** Streams one statement's rows from a server-side cursor / streaming read / Trino pages. */
  stream(statement: BoundStatement, options: RunOptions): Promise<RowStream>;
  /** Connects once and reports the server version. */
  test(): Promise<{ serverVersion: string; latencyMs: number }>;
  stats(): PoolStats;
  close(): Promise<void>;
}
