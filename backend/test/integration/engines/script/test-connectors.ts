import mysql from 'mysql2/promise';
import pg from 'pg';
import type { BoundStatement, Connector, RunOptions, Session, StatementResult } from 'src/datasources/external-db/connector.js';

/**
 * Minimal real PostgreSQL / MariaDB connectors for the script-engine tests, until the real ones in
 * src/datasources/external-db/ land: only `withSession` (what the script engine uses) is implemented.
 */
abstract class SessionOnlyConnector implements Connector {
  abstract readonly type: 'postgres' | 'mysql';
  /** Statements seen, in order, for assertions. */
  readonly log: string[] = [];
  released = 0;
  protected inUse = 0;
  run(): Promise<StatementResult[]> {
    throw new Error('not implemented in the test connector');
  }
  stream(): never {
    throw new Error('not implemented in the test connector');
  }
  test(): never {
    throw new Error('not implemented in the test connector');
  }
  stats() {
    return { max: 4, inUse: this.inUse, idle: 0, waiting: 0 };
  }
  abstract withSession<T>(options: RunOptions, fn: (session: Session) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
}

export class TestPgConnector extends SessionOnlyConnector {
  readonly type = 'postgres' as const;
  private readonly pool: pg.Pool;
  constructor(url: string) {
    super();
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
  }
  async withSession<T>(_options: RunOptions, fn: (session: Session) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    this.inUse += 1;
    let inTx = false;
    const exec = async (sql: string, values: unknown[] = []) => {
      this.log.push(sql);
      return client.query({ text: sql, values });
    };
    const session: Session = {
      get inTransaction() {
        return inTx;
      },
      query: async (s: BoundStatement): Promise<StatementResult> => {
        const r = await exec(s.sql, s.values);
        return r.fields?.length ? { kind: 'rows', columns: r.fields.map((f) => ({ name: f.name, type: String(f.dataTypeID) })), rows: r.rows, truncated: false } : { kind: 'count', affectedRows: r.rowCount ?? 0 };
      },
      begin: async (readOnly) => {
        await exec(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
        inTx = true;
      },
      commit: async () => {
        await exec('COMMIT');
        inTx = false;
      },
      rollback: async () => {
        await exec('ROLLBACK');
        inTx = false;
      },
    };
    try {
      return await fn(session);
    } finally {
      if (inTx) await exec('ROLLBACK').catch(() => undefined);
      client.release();
      this.inUse -= 1;
      this.released += 1;
    }
  }
  close() {
    return this.pool.end();
  }
}

export class TestMysqlConnector extends SessionOnlyConnector {
  readonly type = 'mysql' as const;
  private readonly pool: mysql.Pool;
  constructor(url: string) {
    super();
    this.pool = mysql.createPool({ uri: url, connectionLimit: 4 });
  }
  async withSession<T>(_options: RunOptions, fn: (session: Session) => Promise<T>): Promise<T> {
    const conn = await this.pool.getConnection();
    this.inUse += 1;
    let inTx = false;
    const exec = async (sql: string, values: unknown[] = []) => {
      this.log.push(sql);
      return conn.query(sql, values);
    };
    const session: Session = {
      get inTransaction() {
        return inTx;
      },
      query: async (s: BoundStatement): Promise<StatementResult> => {
        const [result, fields] = await exec(s.sql, s.values);
        if (Array.isArray(result)) return { kind: 'rows', columns: (fields ?? []).map((f) => ({ name: f.name, type: String(f.type) })), rows: result as Record<string, unknown>[], truncated: false };
        return { kind: 'count', affectedRows: (result as mysql.ResultSetHeader).affectedRows };
      },
      begin: async (readOnly) => {
        await exec(readOnly ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION');
        inTx = true;
      },
      commit: async () => {
        await exec('COMMIT');
        inTx = false;
      },
      rollback: async () => {
        await exec('ROLLBACK');
        inTx = false;
      },
    };
    try {
      return await fn(session);
    } finally {
      if (inTx) await exec('ROLLBACK').catch(() => undefined);
      conn.release();
      this.inUse -= 1;
      this.released += 1;
    }
  }
  close() {
    return this.pool.end();
  }
}
