import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import { AppException } from 'src/common/errors/app-exception.js';
import type { BoundStatement, Connector, StatementResult } from 'src/datasources/external-db/connector.js';
import type { ConnectorSource } from 'src/engines/engine.js';
import type { ScriptEngine } from 'src/engines/script/script.engine.js';
import { toEngineOutput, toGatewayData } from 'src/engines/sql/sql-response.js';
import type { SqlEngine } from 'src/engines/sql/sql.engine.js';
import { normalizeScriptResult } from 'src/engines/script/script-result.js';
import { capEnvelope, errorEnvelope, normalizeSqlTransformResult, successEnvelope, type EnvelopeParamError, type GatewayEnvelope } from 'src/gateway/gateway-response.js';
import { externalMessage } from 'src/gateway/gateway.errors.js';

export interface ApiRunRequest {
  apiId: string;
  /** Published (or tested) version id: the key of compiled scripts and prepared statements. */
  versionKey: string;
  moduleId: string | null;
  snapshot: ApiSnapshot;
  /** Published macro sources, global first then module. */
  macros: { sql: string[]; script: string[] };
  /** Bound parameter values (bindParams). */
  params: Record<string, unknown>;
  requestId: string;
  signal?: AbortSignal;
  /** Return the rendered statements (test console). */
  collectStatements?: boolean;
  /** Show internal error messages in the envelope (test console, development mode). */
  exposeDetail?: boolean;
}

export interface ApiRunTimings {
  renderMs: number;
  queueMs: number;
  executeMs: number;
  transformMs: number;
  totalMs: number;
}

export interface ApiRunError {
  code: string;
  /** Internal message (for logs and the test console). */
  message: string;
  line?: number;
  column?: number;
}

export interface ApiRunResult {
  status: number;
  envelope: GatewayEnvelope;
  statements?: BoundStatement[];
  rowCount: number;
  timings: ApiRunTimings;
  error?: ApiRunError;
}

export interface ApiRunnerOptions {
  /** Row cap when the API sets none (0 = off). */
  defaultMaxRows?: number;
}

/** Codes whose message speaks about the caller's input and may be shown to callers. */
const CALLER_CODES = new Set(['PARAMS_INVALID', 'SQL_FILTER_ERROR']);

/**
 * Runs one API version: parameter validators → engine (SQL through SqlEngine + connector, or the
 * script engine) → result transform → envelope and row cap. Parameters arrive already bound. Never
 * throws for API failures: they come back as a status, an error envelope and `error`.
 */
export class ApiRunner {
  private readonly defaultMaxRows: number;

  constructor(
    private readonly sql: SqlEngine,
    private readonly scripts: ScriptEngine,
    private readonly connectors: ConnectorSource,
    options: ApiRunnerOptions = {},
  ) {
    this.defaultMaxRows = options.defaultMaxRows ?? 10_000;
  }

  async run(request: ApiRunRequest): Promise<ApiRunResult> {
    const started = performance.now();
    const timings: ApiRunTimings = { renderMs: 0, queueMs: 0, executeMs: 0, transformMs: 0, totalMs: 0 };
    const statements: BoundStatement[] | undefined = request.collectStatements ? [] : undefined;
    try {
      // Most APIs have no validators: they skip the validator pass and its turn of the event loop.
      if (request.snapshot.validators?.length) {
        const invalid = await this.runValidators(request);
        if (invalid.length) return this.failure(request, timings, started, statements, new AppException('PARAMS_INVALID', 400, 'Invalid parameters', invalid.map((e) => ({ field: e.param, ...e }))));
      }
      const envelope = request.snapshot.engine === 'sql' ? await this.runSql(request, timings, statements) : await this.runScript(request, timings);
      capEnvelope(envelope.envelope, request.snapshot.maxRows ?? this.defaultMaxRows);
      timings.totalMs = performance.now() - started;
      return { status: envelope.status, envelope: envelope.envelope, statements, rowCount: envelope.envelope.data.length, timings };
    } catch (err) {
      return this.failure(request, timings, started, statements, err);
    }
  }

  private async runValidators(request: ApiRunRequest): Promise<EnvelopeParamError[]> {
    const errors: EnvelopeParamError[] = [];
    const validators = request.snapshot.validators ?? [];
    for (let i = 0; i < validators.length; i++) {
      const v = validators[i];
      if (!v.code?.trim()) continue;
      const param = v.param ?? '*';
      if (errors.some((e) => e.param === param)) continue;
      const outcome = await this.scripts.validate({
        key: `${request.versionKey}:validator:${i}`,
        code: v.code,
        value: v.param === null ? request.params : request.params[v.param],
        params: request.params,
        macros: request.macros.script,
        apiId: request.apiId,
        requestId: request.requestId,
        signal: request.signal,
        timeoutMs: request.snapshot.timeoutMs ?? undefined,
      });
      if (!outcome.valid) errors.push({ param, message: v.message || outcome.message });
    }
    return errors;
  }

  /** The source's connector: a warm one comes as is, not as a promise (see DatasourceConnectors.connectorFor). */
  private connector(datasourceId: string | null): Connector | Promise<Connector> {
    if (!datasourceId) throw new AppException('DATASOURCE_NOT_FOUND', 500, 'The API has no data source');
    return this.connectors.connectorFor(datasourceId);
  }

  private async runSql(request: ApiRunRequest, timings: ApiRunTimings, collected?: BoundStatement[]): Promise<{ status: number; envelope: GatewayEnvelope }> {
    const { snapshot } = request;
    const source = this.connector(snapshot.datasourceId);
    const connector = source instanceof Promise ? await source : source;
    const t0 = performance.now();
    const statements = this.sql.render(snapshot.content, request.params, connector.type, { macros: request.macros.sql });
    const t1 = performance.now();
    timings.renderMs = t1 - t0;
    if (collected) collected.push(...statements);
    const results: StatementResult[] = statements.length
      ? await connector.run(statements, {
          readOnly: snapshot.readOnly,
          timeoutMs: snapshot.timeoutMs ?? undefined,
          signal: request.signal,
          maxRows: snapshot.maxRows ?? (this.defaultMaxRows || undefined),
        })
      : [];
    timings.executeMs = performance.now() - t1;
    if (snapshot.transform) {
      const t2 = performance.now();
      const output = await this.scripts.transform({
        key: `${request.versionKey}:transform`,
        code: snapshot.transform,
        result: { data: toEngineOutput(results) },
        params: request.params,
        macros: request.macros.script,
        apiId: request.apiId,
        requestId: request.requestId,
        signal: request.signal,
        timeoutMs: snapshot.timeoutMs ?? undefined,
      });
      timings.transformMs = performance.now() - t2;
      return { status: 200, envelope: normalizeSqlTransformResult(output) };
    }
    const { data, truncated } = toGatewayData(results);
    return { status: 200, envelope: successEnvelope(data, undefined, truncated) };
  }

  private async runScript(request: ApiRunRequest, timings: ApiRunTimings): Promise<{ status: number; envelope: GatewayEnvelope }> {
    const { snapshot } = request;
    const connector = snapshot.datasourceId ? await this.connector(snapshot.datasourceId) : null;
    const ds = snapshot.datasourceId ? await this.connectors.describe(snapshot.datasourceId) : null;
    const t0 = performance.now();
    const result = await this.scripts.run({
      key: request.versionKey,
      script: snapshot.content,
      macros: request.macros.script,
      params: request.params,
      apiId: request.apiId,
      requestId: request.requestId,
      signal: request.signal,
      timeoutMs: snapshot.timeoutMs ?? undefined,
      ds,
      connector,
      readOnly: snapshot.readOnly,
      maxRows: snapshot.maxRows ?? (this.defaultMaxRows || undefined),
    });
    timings.executeMs = performance.now() - t0;
    if (!snapshot.transform) return { status: result.httpStatus, envelope: result.envelope };
    const t1 = performance.now();
    const output = await this.scripts.transform({
      key: `${request.versionKey}:transform`,
      code: snapshot.transform,
      result: result.envelope,
      params: request.params,
      macros: request.macros.script,
      apiId: request.apiId,
      requestId: request.requestId,
      signal: request.signal,
      timeoutMs: snapshot.timeoutMs ?? undefined,
    });
    timings.transformMs = performance.now() - t1;
    const normalized = normalizeScriptResult(output);
    return { status: normalized.httpStatus, envelope: normalized.envelope };
  }

  private failure(request: ApiRunRequest, timings: ApiRunTimings, started: number, statements: BoundStatement[] | undefined, err: unknown): ApiRunResult {
    timings.totalMs = performance.now() - started;
    const app = err instanceof AppException ? err : null;
    const status = app?.status ?? 500;
    const code = app?.code ?? 'INTERNAL_ERROR';
    const internal = app?.message ?? (err instanceof Error ? err.message : String(err));
    const detail = app?.details?.[0] as { line?: number; column?: number } | undefined;
    const paramErrors = code === 'PARAMS_INVALID' ? (app?.details ?? []).map((d) => ({ param: String(d.param ?? d.field ?? ''), message: d.message })) : undefined;
    const shown = request.exposeDetail || CALLER_CODES.has(code) ? internal : externalMessage(status);
    return {
      status,
      envelope: errorEnvelope(code, shown, paramErrors),
      statements,
      rowCount: 0,
      timings,
      error: { code, message: internal, ...(typeof detail?.line === 'number' ? { line: detail.line } : {}), ...(typeof detail?.column === 'number' ? { column: detail.column } : {}) },
    };
  }
}
