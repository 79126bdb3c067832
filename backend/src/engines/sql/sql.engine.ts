import type { BoundStatement, Connector, StatementResult } from 'src/datasources/external-db/connector.js';
import type { TemplateIssue } from 'src/engines/sql/template/ast-transform.js';
import { SqlTemplateRenderer, type RenderOptions, type SqlRendererOptions } from 'src/engines/sql/template/render.js';
import { splitStatements, type SqlDialect } from 'src/engines/sql/template/sql-scanner.js';

export type { SqlDialect } from 'src/engines/sql/template/sql-scanner.js';
export type { RenderOptions, SqlRendererOptions } from 'src/engines/sql/template/render.js';
export type { TemplateIssue } from 'src/engines/sql/template/ast-transform.js';

export interface SqlExecuteRequest extends RenderOptions {
  content: string;
  params: Record<string, unknown>;
  dialect: SqlDialect;
  connector: Pick<Connector, 'run'>;
  /** Read-only transaction (APIs not marked as writing). */
  readOnly: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Row cap per statement; extra rows are dropped and the result is marked truncated. */
  maxRows?: number;
}

export interface SqlExecution {
  statements: BoundStatement[];
  results: StatementResult[];
  timings: { renderMs: number; executeMs: number };
}

/**
 * The SQL engine: Nunjucks templates rendered to parameterised statements (`$n` on PostgreSQL, `?` on
 * MySQL and Trino), executed in order on one connection inside one transaction through a Connector.
 *
 * Errors: SQL_TEMPLATE_ERROR / SQL_FILTER_ERROR / SQL_TEMPLATE_TOO_LARGE (sql.errors.ts, all 400) from
 * rendering; the connector's data-source codes (QUERY_FAILED, STATEMENT_TIMEOUT…) from execution.
 */
export class SqlEngine {
  private readonly renderer: SqlTemplateRenderer;

  constructor(options: SqlRendererOptions = {}) {
    this.renderer = new SqlTemplateRenderer(options);
  }

  /** Renders `content` with `params` to bound statements (empty statements dropped). */
  render(content: string, params: Record<string, unknown>, dialect: SqlDialect, options: RenderOptions = {}): BoundStatement[] {
    return this.renderer.render(content, params, dialect, options);
  }

  /** Parameters the template reads (sorted), for the editor and undeclared-parameter warnings. */
  discover(content: string, options: RenderOptions = {}): string[] {
    return this.renderer.discover(content, options);
  }

  /** Template errors with line and column (1-based); empty when the template is fine. */
  lint(content: string, dialect: SqlDialect = 'postgres', options: RenderOptions = {}): TemplateIssue[] {
    return this.renderer.lint(content, dialect, options);
  }

  /** Compiles (and caches) a template; throws SQL_TEMPLATE_ERROR. Use on save. */
  validate(content: string, options: RenderOptions = {}): void {
    this.renderer.compile(content, options);
  }

  /** Splits plain SQL into statements the way rendering does. */
  split(sql: string, dialect: SqlDialect): string[] {
    return splitStatements(sql, dialect);
  }

  /** Renders, then runs every statement in order in one transaction (committed unless read-only; rolled back on error). */
  async execute(request: SqlExecuteRequest): Promise<SqlExecution> {
    const t0 = performance.now();
    const statements = this.render(request.content, request.params, request.dialect, { macros: request.macros, partials: request.partials });
    const t1 = performance.now();
    const results = statements.length
      ? await request.connector.run(statements, {
          readOnly: request.readOnly,
          timeoutMs: request.timeoutMs,
          signal: request.signal,
          maxRows: request.maxRows,
        })
      : [];
    return { statements, results, timings: { renderMs: t1 - t0, executeMs: performance.now() - t1 } };
  }
}
