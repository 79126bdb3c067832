/**
 * The script engine: user JavaScript (scripts, parameter validators, result transforms) runs in
 * isolated-vm. Flow of one call: lease an isolate from the pool (queue with a deadline) → fetch or compile
 * the wrapped script for this isolate (cache key = caller key + source hash) → fresh context → bootstrap
 * installs the capability API → user code runs; every `db/http/cache/log` call crosses to the host
 * dispatcher, which checks the operation, the call budget and a per-call deadline → JSON result, size-checked
 * → context released, isolate back to the pool (or disposed when killed or near its memory limit) → db
 * session closed (open transaction rolled back) → result normalised to the gateway envelope.
 */
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { AppException } from 'src/common/errors/app-exception.js';
import type { Connector, DatasourceType } from 'src/datasources/external-db/connector.js';
import { cacheHandlers, MemoryCacheStore, type CacheModuleOptions, type CacheStore } from 'src/engines/script/modules/cache.js';
import { DbBridge } from 'src/engines/script/modules/db.js';
import { envAllowList } from 'src/engines/script/modules/env.js';
import { HttpModule, type HttpModuleOptions } from 'src/engines/script/modules/http.js';
import type { ScriptLogger } from 'src/engines/script/modules/log.js';
import type { SandboxKind } from 'src/engines/script/sandbox/allowlist.js';
import type { HostHandlers } from 'src/engines/script/sandbox/host-call.js';
import { IsolatePool } from 'src/engines/script/sandbox/isolate-pool.js';
import { runInSandbox, type SandboxOutcome } from 'src/engines/script/sandbox/runner.js';
import { normalizeScriptResult, type GatewayEnvelope } from 'src/engines/script/script-result.js';
import { scriptError } from 'src/engines/script/script.errors.js';

export interface ScriptEngineOptions {
  /** Isolates kept (default: CPU count). Each call holds one exclusively, also while it awaits I/O. */
  poolSize?: number;
  /** Heap limit per isolate in MB (default 64). */
  memoryMb?: number;
  /** Wall-clock limit per call, host calls included (default 5000). */
  timeoutMs?: number;
  /** Limit per host call (db, http, cache); never beyond the call's own deadline (default = timeoutMs). */
  hostCallTimeoutMs?: number;
  /** Size limit of the JSON result (default 10 MB). */
  maxResultBytes?: number;
  /** Host calls (db, http, cache, log) per call (default 1000). */
  maxHostCalls?: number;
  /** How long a call waits for a free isolate (default 5000). */
  queueTimeoutMs?: number;
  /** Calls allowed to wait for an isolate (default 1000). */
  queueMax?: number;
  /** Compiled scripts kept per isolate (default 500). */
  maxCompiledScripts?: number;
  http?: HttpModuleOptions;
  /** The admin's allow-list of variables readable through `env.get(name)`. */
  env?: Record<string, string>;
  /** Backing store of `cache.*` (default: in-memory). */
  cache?: CacheStore;
  cacheOptions?: CacheModuleOptions;
  logger?: ScriptLogger;
}

/** What a script may know about its data source. Anything else passed in (credentials) is dropped. */
export interface ScriptDatasourceInfo {
  id: string;
  name: string;
  type: DatasourceType;
  database: string;
}

interface CallBase {
  /** Compiled-script cache key: API version id + content hash. */
  key: string;
  macros?: readonly string[];
  params?: Record<string, unknown>;
  apiId: string;
  requestId?: string;
  signal?: AbortSignal;
  /** Per-API limit; capped by the engine's `timeoutMs`. */
  timeoutMs?: number;
}

export interface ScriptRunRequest extends CallBase {
  script: string;
  ds?: ScriptDatasourceInfo | null;
  connector?: Connector | null;
  /** Default true: statements run in a read-only transaction unless the API is writing. */
  readOnly?: boolean;
  /** Row cap per statement, handed to the connector. */
  maxRows?: number;
}

export interface ScriptRunResult {
  envelope: GatewayEnvelope;
  httpStatus: number;
  stats: { hostCalls: number; wallMs: number };
}

export interface ScriptValidateRequest extends CallBase {
  code: string;
  value: unknown;
}

export interface ScriptTransformRequest extends CallBase {
  code: string;
  result: unknown;
}

export type ValidationOutcome = { valid: true } | { valid: false; message: string };

const DEFAULTS = {
  memoryMb: 64,
  timeoutMs: 5000,
  maxResultBytes: 10 * 1024 * 1024,
  maxHostCalls: 1000,
  queueTimeoutMs: 5000,
  queueMax: 1000,
  maxCompiledScripts: 500,
};

export class ScriptEngine {
  private readonly pool: IsolatePool;
  private readonly http: HttpModule;
  private readonly cache: CacheStore;
  private readonly env: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly hostCallTimeoutMs: number;
  private readonly maxResultBytes: number;
  private readonly maxHostCalls: number;

  constructor(private readonly options: ScriptEngineOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.hostCallTimeoutMs = options.hostCallTimeoutMs ?? this.timeoutMs;
    this.maxResultBytes = options.maxResultBytes ?? DEFAULTS.maxResultBytes;
    this.maxHostCalls = options.maxHostCalls ?? DEFAULTS.maxHostCalls;
    this.pool = new IsolatePool({
      size: Math.max(1, options.poolSize ?? cpus().length),
      memoryMb: options.memoryMb ?? DEFAULTS.memoryMb,
      queueTimeoutMs: options.queueTimeoutMs ?? DEFAULTS.queueTimeoutMs,
      queueMax: options.queueMax ?? DEFAULTS.queueMax,
      maxCompiledScripts: options.maxCompiledScripts ?? DEFAULTS.maxCompiledScripts,
      logger: options.logger,
    });
    this.http = new HttpModule(options.http);
    this.cache = options.cache ?? new MemoryCacheStore();
    this.env = envAllowList(options.env);
  }

  /** Runs an API script and normalises its return value to the gateway envelope. */
  async run(request: ScriptRunRequest): Promise<ScriptRunResult> {
    const controller = new AbortController();
    const timeoutMs = this.callTimeout(request.timeoutMs);
    const db = request.connector
      ? new DbBridge(request.connector, {
          readOnly: request.readOnly ?? true,
          statementTimeoutMs: Math.min(this.hostCallTimeoutMs, timeoutMs),
          signal: controller.signal,
          maxRows: request.maxRows,
        })
      : undefined;
    const handlers: HostHandlers = {
      ...(db ? db.handlers() : noDatasourceHandlers()),
      ...this.http.handlers(),
      ...cacheHandlers(this.cache, request.apiId, this.options.cacheOptions),
    };
    try {
      const outcome = await this.execute('script', request, request.script, undefined, handlers, controller, timeoutMs, datasourceInfo(request.ds));
      const { envelope, httpStatus } = normalizeScriptResult(outcome.value);
      return { envelope, httpStatus, stats: { hostCalls: outcome.hostCalls, wallMs: outcome.wallMs } };
    } finally {
      await db?.close();
    }
  }

  /** Runs a parameter validator: `true` passes; `false` or a message string fails. */
  async validate(request: ScriptValidateRequest): Promise<ValidationOutcome> {
    const outcome = await this.execute('validate', request, request.code, request.value, {}, new AbortController(), this.callTimeout(request.timeoutMs), null);
    const value = outcome.value;
    if (value === true) return { valid: true };
    if (typeof value === 'string') return { valid: false, message: value || 'invalid value' };
    return value ? { valid: true } : { valid: false, message: 'invalid value' };
  }

  /** Runs a result transform and returns its (JSON-safe) new result. */
  async transform(request: ScriptTransformRequest): Promise<unknown> {
    const outcome = await this.execute('transform', request, request.code, request.result, {}, new AbortController(), this.callTimeout(request.timeoutMs), null);
    return outcome.value;
  }

  stats() {
    return this.pool.stats();
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private callTimeout(requested?: number): number {
    return requested && requested > 0 ? Math.min(requested, this.timeoutMs) : this.timeoutMs;
  }

  private async execute(
    kind: SandboxKind,
    request: CallBase,
    code: string,
    value: unknown,
    handlers: HostHandlers,
    controller: AbortController,
    timeoutMs: number,
    ds: Record<string, unknown> | null,
  ): Promise<SandboxOutcome> {
    if (typeof code !== 'string') throw scriptError('SCRIPT_ERROR', 'no script code');
    const macros = request.macros ?? [];
    const sourceHash = createHash('sha1').update(code).update('\0').update(macros.join('\0')).digest('base64url');
    const slot = await this.pool.acquire(request.signal);
    let discard = true;
    try {
      const run = await runInSandbox(
        slot,
        {
          kind,
          cacheKey: request.key,
          code,
          macros,
          params: request.params ?? {},
          value,
          ds,
          env: this.env,
          apiId: request.apiId,
          requestId: request.requestId,
          handlers,
          timeoutMs,
          hostCallTimeoutMs: Math.min(this.hostCallTimeoutMs, timeoutMs),
          maxResultBytes: this.maxResultBytes,
          maxHostCalls: this.maxHostCalls,
          signal: request.signal,
          controller,
          logger: this.options.logger,
        },
        sourceHash,
      );
      discard = run.discard;
      if (run.error) {
        if (run.error.code === 'SCRIPT_MEMORY' || run.error.code === 'SCRIPT_TIMEOUT') {
          this.options.logger?.warn({ requestId: request.requestId, apiId: request.apiId, code: run.error.code, kind }, 'script isolate stopped');
        }
        throw run.error;
      }
      if (run.outcome!.pendingHostCalls > 0) controller.abort();
      return run.outcome!;
    } catch (error) {
      if (!(error instanceof AppException)) {
        this.options.logger?.error({ requestId: request.requestId, apiId: request.apiId, err: error }, 'script engine failure');
        discard = true;
        throw scriptError('SCRIPT_ERROR', 'the script engine failed');
      }
      throw error;
    } finally {
      this.pool.release(slot, discard);
    }
  }
}

function datasourceInfo(ds: ScriptDatasourceInfo | null | undefined): Record<string, unknown> | null {
  if (!ds) return null;
  return { id: String(ds.id), name: String(ds.name), type: String(ds.type), database: String(ds.database) };
}

function noDatasourceHandlers(): HostHandlers {
  const refuse = async () => {
    throw scriptError('SCRIPT_FORBIDDEN', 'this API has no data source');
  };
  return { 'db.query': refuse, 'db.queryOne': refuse, 'db.execute': refuse, 'tx.begin': refuse, 'tx.commit': refuse, 'tx.rollback': refuse };
}
