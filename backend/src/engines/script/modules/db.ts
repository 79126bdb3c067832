import type { BoundStatement, Connector, Session, StatementResult } from 'src/datasources/external-db/connector.js';
import type { HostCallScope, HostHandlers } from 'src/engines/script/sandbox/host-call.js';
import { scriptError } from 'src/engines/script/script.errors.js';

export interface DbBridgeOptions {
  /** Read-only APIs run every statement inside one read-only transaction. */
  readOnly: boolean;
  /** Statement timeout handed to the connector. */
  statementTimeoutMs: number;
  /** Aborted when the script call ends; cancels the session's work. */
  signal: AbortSignal;
  maxRows?: number;
  maxSqlLength?: number;
}

const MAX_SQL_LENGTH = 1_000_000;

/**
 * `db.*` and `tx.*` for one script call. A session is taken from the connector on the first statement and
 * held until the call ends (`close()`), so scripts without db calls never hold a connection. Read-only
 * APIs open a read-only transaction on that session; `tx.begin/commit/rollback` then only track state.
 * Writing APIs run statements in autocommit unless a transaction is open. A transaction left open is
 * rolled back. Transaction control is only possible through the tx API, never through SQL text.
 */
export class DbBridge {
  private session?: Promise<Session>;
  private releaseSession?: () => void;
  private sessionDone?: Promise<unknown>;
  private userTx = false;
  private broken: Error | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connector: Connector,
    private readonly options: DbBridgeOptions,
  ) {}

  handlers(): HostHandlers {
    return {
      'db.query': async (args, scope) => rowsOf(await this.statement(args, scope)),
      'db.queryOne': async (args, scope) => rowsOf(await this.statement(args, scope))[0] ?? null,
      'db.execute': async (args, scope) => {
        const result = await this.statement(args, scope);
        return result.kind === 'count' ? result.affectedRows : result.rows.length;
      },
      'tx.begin': (_args, scope) => this.serial(scope, () => this.begin()),
      'tx.commit': (_args, scope) => this.serial(scope, () => this.finish(true)),
      'tx.rollback': (_args, scope) => this.serial(scope, () => this.finish(false)),
    };
  }

  /** Rolls back an open transaction and returns the connection. Safe to call more than once. */
  async close(): Promise<void> {
    if (!this.session) return;
    const pending = this.session;
    this.session = undefined;
    try {
      const session = await pending;
      await this.queue.catch(() => undefined);
      if (session.inTransaction && !this.broken) await session.rollback().catch(() => undefined);
    } catch {
      // acquiring failed: nothing to give back
    } finally {
      this.releaseSession?.();
      await this.sessionDone?.catch(() => undefined);
    }
  }

  private statement(args: unknown[], scope: HostCallScope): Promise<StatementResult> {
    const statement = this.bind(args);
    return this.serial(scope, async (session) => {
      return session.query(statement, { maxRows: this.options.maxRows });
    });
  }

  private bind(args: unknown[]): BoundStatement {
    const [sql, values] = args;
    if (typeof sql !== 'string' || sql.trim() === '') throw scriptError('SCRIPT_FORBIDDEN', 'db: the SQL text must be a non-empty string');
    if (sql.length > (this.options.maxSqlLength ?? MAX_SQL_LENGTH)) throw scriptError('SCRIPT_LIMIT', 'db: the SQL text is too long');
    if (values !== undefined && values !== null && !Array.isArray(values)) {
      throw scriptError('SCRIPT_FORBIDDEN', 'db: values must be an array bound to the native placeholders ($1… or ?)');
    }
    const problem = statementProblem(sql, this.connector.type);
    if (problem) throw scriptError('SCRIPT_FORBIDDEN', `db: ${problem}`);
    return { sql, values: Array.isArray(values) ? values : [] };
  }

  /** Statements on one session run one after another, whatever the script does with its promises. */
  private serial<T>(scope: HostCallScope, fn: (session: Session) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.broken) throw this.broken;
      if (scope.signal.aborted) throw scriptError('SCRIPT_TIMEOUT', 'db: the call deadline passed');
      const session = await this.acquire();
      try {
        return await fn(session);
      } catch (error) {
        if (scope.signal.aborted) this.broken = scriptError('SCRIPT_TIMEOUT', 'db: an earlier statement was abandoned at its deadline');
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async acquire(): Promise<Session> {
    if (!this.session) {
      this.session = new Promise<Session>((resolve, reject) => {
        this.sessionDone = this.connector
          .withSession({ readOnly: this.options.readOnly, timeoutMs: this.options.statementTimeoutMs, signal: this.options.signal }, (session) => {
            resolve(session);
            return new Promise<void>((release) => (this.releaseSession = release));
          })
          .catch(reject);
      });
    }
    const session = await this.session;
    if (this.options.readOnly && !session.inTransaction) await session.begin(true);
    return session;
  }

  private async begin(): Promise<boolean> {
    if (this.userTx) return false;
    const session = await this.acquire();
    if (!this.options.readOnly) await session.begin(false);
    this.userTx = true;
    return true;
  }

  private async finish(commit: boolean): Promise<boolean> {
    if (!this.userTx) return false;
    this.userTx = false;
    if (this.options.readOnly) return true;
    const session = await this.acquire();
    if (commit) await session.commit();
    else await session.rollback();
    return true;
  }
}

function rowsOf(result: StatementResult): Record<string, unknown>[] {
  return result.kind === 'rows' ? result.rows : [];
}

const TX_CONTROL = /^(begin|start|commit|end|rollback|abort|savepoint|release|prepare|deallocate|set|reset|discard|lock\s+tables|unlock\s+tables|xa|use|handler)\b/i;

/**
 * A quote- and comment-aware scan: refuses several statements in one string and transaction/session
 * control statements, which would let a script leave the read-only transaction or the connector's state.
 * Returns null when the text is one ordinary statement.
 */
export function statementProblem(sql: string, dialect: 'postgres' | 'mysql' | 'trino'): string | null {
  let code = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      code += ' ';
    } else if (c === '#' && dialect === 'mysql') {
      // MySQL line comment; PostgreSQL uses # only in operators, so a false match merely hides text from the scan.
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      code += ' ';
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return 'unterminated comment';
      i = end + 2;
      code += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      // Backslash escapes: MySQL in every quote, PostgreSQL only in E'…' strings, Trino never.
      const backslash = dialect === 'mysql' || (dialect === 'postgres' && c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/[A-Za-z0-9_$]/.test(sql[i - 2] ?? ''));
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return 'unterminated quoted text';
        if (sql[j] === '\\' && backslash) j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j += 1;
      }
      i = j + 1;
      code += ' x ';
    } else if (c === '$' && dialect === 'postgres' && /[A-Za-z_$]/.test(next ?? '')) {
      const m = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(i));
      if (!m) {
        code += c;
        i += 1;
        continue;
      }
      const end = sql.indexOf(m[0], i + m[0].length);
      if (end < 0) return 'unterminated dollar-quoted text';
      i = end + m[0].length;
      code += ' x ';
    } else {
      code += c;
      i += 1;
    }
  }
  const statements = code.split(';').map((s) => s.trim()).filter(Boolean);
  if (statements.length > 1) return 'one statement per call (use several db calls inside db.transaction)';
  if (statements.length === 0) return 'the SQL text holds no statement';
  if (TX_CONTROL.test(statements[0])) return 'transaction and session control (BEGIN, COMMIT, SET, USE…) is not allowed in SQL text; use tx.begin/commit/rollback or db.transaction';
  return null;
}
