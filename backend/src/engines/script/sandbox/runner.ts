import ivm from 'isolated-vm';
import { AppException } from 'src/common/errors/app-exception.js';
import { SANDBOX_HOST_OPS, type SandboxKind } from 'src/engines/script/sandbox/allowlist.js';
import { SCRIPT_FILENAME, wrapUserSource, type WrappedSource } from 'src/engines/script/sandbox/bootstrap.js';
import type { HostCallScope, HostHandlers } from 'src/engines/script/sandbox/host-call.js';
import type { IsolateSlot, PreparedContext } from 'src/engines/script/sandbox/isolate-pool.js';
import { writeScriptLog, type ScriptLogger } from 'src/engines/script/modules/log.js';
import { scriptError, type ScriptErrorCode, type ScriptErrorLocation } from 'src/engines/script/script.errors.js';

export interface SandboxJob {
  kind: SandboxKind;
  /** Compiled-script cache key (API version id + content hash); the source hash is added by the engine. */
  cacheKey: string;
  code: string;
  macros: readonly string[];
  params: unknown;
  /** The validated value (validate) or the result to transform (transform). */
  value?: unknown;
  ds: Record<string, unknown> | null;
  env: Record<string, string>;
  apiId: string;
  requestId?: string;
  handlers: HostHandlers;
  timeoutMs: number;
  hostCallTimeoutMs: number;
  maxResultBytes: number;
  maxHostCalls: number;
  /** The request's signal: aborting it ends the call with SCRIPT_CANCELLED. */
  signal?: AbortSignal;
  /** Aborted by the runner when the call fails; host modules tie their work to it. */
  controller: AbortController;
  logger?: ScriptLogger;
}

export interface SandboxOutcome {
  /** The value user code returned, after a JSON round trip. */
  value: unknown;
  hostCalls: number;
  /** Host calls still running when the script returned (not awaited by the script). */
  pendingHostCalls: number;
  wallMs: number;
}

export interface SandboxRun {
  outcome?: SandboxOutcome;
  error?: AppException;
  /** The isolate may still be running or was disposed: replace it. */
  discard: boolean;
}

type IsolateReply = { ok: true; json: string } | { ok: false; error: { name?: string; message?: string; code?: string | null; stack?: string } };

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * Runs one piece of user code in a leased isolate, in a fresh context, under every limit:
 * - the synchronous part runs under isolated-vm's `timeout`;
 * - a wall-clock timer covers the whole call, including time the script spends awaiting host calls
 *   (isolated-vm does not count those); when it fires, the isolate is disposed, which also stops code
 *   that runs after an await;
 * - each host call has its own deadline; over `maxHostCalls` the call fails;
 * - the result is JSON text checked against `maxResultBytes`.
 * Once the call is over, host calls it left running never call back into the isolate.
 */
export async function runInSandbox(slot: IsolateSlot, job: SandboxJob, sourceHash: string): Promise<SandboxRun> {
  const started = Date.now();
  const deadline = started + job.timeoutMs;
  const allowedOps = new Set(SANDBOX_HOST_OPS[job.kind]);
  const issued = new Map<string, AppException>();
  let hostCalls = 0;
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  let sticky: AppException | undefined;
  let rejectSticky: (error: AppException) => void = () => undefined;
  const stickyPromise = new Promise<never>((_, reject) => (rejectSticky = reject));
  stickyPromise.catch(() => undefined);
  const fail = (error: AppException) => {
    if (sticky) return;
    sticky = error;
    job.controller.abort();
    rejectSticky(error);
  };

  // One listener for the whole call: ending or failing it aborts every host call still running.
  const opControllers = new Set<AbortController>();
  const abortOps = () => {
    for (const c of opControllers) c.abort();
  };
  job.controller.signal.addEventListener('abort', abortOps, { once: true });

  const wallTimer = setTimeout(() => fail(scriptError('SCRIPT_TIMEOUT', `user code did not finish within ${job.timeoutMs} ms`)), job.timeoutMs);
  const onAbort = () => fail(scriptError('SCRIPT_CANCELLED', 'the request was cancelled'));
  if (job.signal?.aborted) onAbort();
  job.signal?.addEventListener('abort', onAbort, { once: true });

  const dispatch = (op: unknown, args: unknown): unknown => {
    if (closed || sticky) return never();
    if (++hostCalls > job.maxHostCalls) {
      fail(scriptError('SCRIPT_LIMIT', `more than ${job.maxHostCalls} host calls in one call`));
      return never();
    }
    if (op === 'log') {
      const [level, message] = Array.isArray(args) ? args : [];
      writeScriptLog(job.logger, level, message, { requestId: job.requestId, apiId: job.apiId, kind: job.kind });
      return undefined;
    }
    const handler = typeof op === 'string' && allowedOps.has(op) ? job.handlers[op] : undefined;
    if (!handler) {
      const error = scriptError('SCRIPT_FORBIDDEN', `${String(op).slice(0, 50)} is not available here`);
      issued.set(error.code, error);
      return Promise.resolve({ ok: false, code: error.code, message: error.message });
    }
    const opDeadline = Math.min(Date.now() + job.hostCallTimeoutMs, deadline);
    const budget = Math.max(1, opDeadline - Date.now());
    const opAbort = new AbortController();
    if (job.controller.signal.aborted) opAbort.abort();
    opControllers.add(opAbort);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        opAbort.abort();
        reject(scriptError('SCRIPT_TIMEOUT', `${op} did not answer within ${budget} ms`));
      }, budget);
    });
    const scope: HostCallScope = { apiId: job.apiId, requestId: job.requestId, signal: opAbort.signal, deadline: opDeadline };
    const work = Promise.resolve().then(() => handler(Array.isArray(args) ? args : [], scope));
    inFlight.add(work);
    work.catch(() => undefined).finally(() => inFlight.delete(work));
    return Promise.race([work, timedOut])
      .then(
        (value) => (closed ? never() : { ok: true, value }),
        (error: unknown) => {
          if (closed) return never();
          const e = toAppException(error);
          issued.set(e.code, e);
          return { ok: false, code: e.code, message: e.message };
        },
      )
      .finally(() => {
        clearTimeout(timer);
        opControllers.delete(opAbort);
      });
  };

  const compiled = slot.compiledScript(`${job.kind}:${job.cacheKey}:${sourceHash}`, () => wrapUserSource(job.kind, job.code, job.macros), SCRIPT_FILENAME);
  if (compiled.error) {
    clearTimeout(wallTimer);
    job.signal?.removeEventListener('abort', onAbort);
    return { error: compileError(compiled.error.message, compiled.wrapped), discard: false };
  }

  const reference = new ivm.Reference(dispatch);
  let prepared: PreparedContext | undefined;
  let discard = false;
  try {
    prepared = await Promise.race([slot.takeContext(), stickyPromise]);
    const input = {
      kind: job.kind,
      params: job.params ?? {},
      value: job.value,
      ds: job.ds,
      env: job.env,
      apiId: job.apiId,
      requestId: job.requestId ?? null,
      maxResultChars: job.maxResultBytes,
    };
    const { context } = prepared;
    prepared.start.applySync(undefined, [reference, new ivm.ExternalCopy(input).copyInto({ release: true })], { timeout: Math.max(1, deadline - Date.now()) });
    const remaining = () => Math.max(1, deadline - Date.now());
    const reply = (await Promise.race([compiled.script!.run(context, { timeout: remaining(), promise: true, copy: true }), stickyPromise])) as IsolateReply;
    if (sticky) throw sticky;
    if (!reply || typeof reply !== 'object') throw scriptError('SCRIPT_ERROR', 'the script did not return through its entry function');
    if (!reply.ok) return { error: fromIsolateError(reply.error, compiled.wrapped, issued), discard: false };
    if (Buffer.byteLength(reply.json) > job.maxResultBytes) throw scriptError('SCRIPT_RESULT_TOO_LARGE', `the result is larger than ${job.maxResultBytes} bytes`);
    return {
      outcome: { value: JSON.parse(reply.json), hostCalls, pendingHostCalls: inFlight.size, wallMs: Date.now() - started },
      discard: false,
    };
  } catch (error) {
    if (sticky) {
      // The script may still be running (a loop after an await): only disposing the isolate stops it.
      discard = true;
      slot.dispose();
      return { error: sticky, discard };
    }
    discard = slot.isolate.isDisposed;
    return { error: fromHostError(error, slot, compiled.wrapped), discard };
  } finally {
    closed = true;
    clearTimeout(wallTimer);
    job.signal?.removeEventListener('abort', onAbort);
    if (inFlight.size > 0 && (sticky || discard)) job.controller.abort();
    reference.release();
    if (prepared && !slot.isolate.isDisposed) {
      prepared.start.release();
      prepared.context.release();
    }
  }
}

function toAppException(error: unknown): AppException {
  if (error instanceof AppException) return error;
  const message = error instanceof Error ? error.message : String(error);
  return scriptError('SCRIPT_ERROR', message.slice(0, 2000));
}

const MEMORY_MESSAGES = /Array buffer allocation failed|Invalid (typed )?array length|Invalid string length|memory limit/i;

/** An error raised by user code (or by a host call the code did not catch). */
function fromIsolateError(
  error: { name?: string; message?: string; code?: string | null; stack?: string } | undefined,
  wrapped: WrappedSource,
  issued: Map<string, AppException>,
): AppException {
  const name = error?.name ?? 'Error';
  const message = error?.message ?? '';
  const location = locate(error?.stack ?? '', wrapped);
  const details = location ? [{ field: 'script', message, ...location }] : undefined;
  const hostIssued = error?.code ? issued.get(error.code) : undefined;
  if (hostIssued) return new AppException(hostIssued.code, hostIssued.status, message, details);
  if (error?.code === 'SCRIPT_RESULT_TOO_LARGE') return scriptError('SCRIPT_RESULT_TOO_LARGE', 'the result is larger than the limit');
  const code: ScriptErrorCode = MEMORY_MESSAGES.test(message) ? 'SCRIPT_MEMORY' : 'SCRIPT_ERROR';
  const where = location ? ` (${location.source === 'macro' ? `macro ${location.macroIndex! + 1}, ` : ''}line ${location.line}, column ${location.column})` : '';
  return scriptError(code, `${name}: ${message}${where}`, details);
}

/** An error raised by isolated-vm itself: sync timeout, memory limit, or an exception outside the entry function. */
function fromHostError(error: unknown, slot: IsolateSlot, wrapped: WrappedSource): AppException {
  if (error instanceof AppException) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) return scriptError('SCRIPT_TIMEOUT', 'user code ran past its time limit');
  if (slot.isolate.isDisposed || MEMORY_MESSAGES.test(message)) return scriptError('SCRIPT_MEMORY', 'user code ran out of memory');
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const location = locate(stack, wrapped);
  return scriptError('SCRIPT_ERROR', `${error instanceof Error ? error.name : 'Error'}: ${message.replace(/\s*\[[^\]]*\]$/, '')}`, location ? [{ field: 'script', message, ...location }] : undefined);
}

function compileError(message: string, wrapped: WrappedSource): AppException {
  const m = new RegExp(`\\[${SCRIPT_FILENAME.replace('.', '\\.')}:(\\d+):(\\d+)\\]`).exec(message);
  const location = m ? mapLine(Number(m[1]), Number(m[2]), wrapped) : undefined;
  const text = message.replace(/\s*\[[^\]]*\]\s*$/, '');
  const where = location ? ` (${location.source === 'macro' ? `macro ${location.macroIndex! + 1}, ` : ''}line ${location.line}, column ${location.column})` : '';
  return scriptError('SCRIPT_ERROR', `${text}${where}`, location ? [{ field: 'script', message: text, ...location }] : undefined);
}

/** The first stack frame in the user's file, mapped to the user's own lines. */
function locate(stack: string, wrapped: WrappedSource): ScriptErrorLocation | undefined {
  const re = new RegExp(`${SCRIPT_FILENAME.replace('.', '\\.')}:(\\d+):(\\d+)`, 'g');
  const m = re.exec(stack);
  return m ? mapLine(Number(m[1]), Number(m[2]), wrapped) : undefined;
}

function mapLine(line: number, column: number, wrapped: WrappedSource): ScriptErrorLocation | undefined {
  if (line >= wrapped.userStart) return { source: 'script', line: line - wrapped.userStart + 1, column };
  const index = wrapped.macros.findIndex((m) => line >= m.start && line < m.start + m.lines);
  if (index >= 0) return { source: 'macro', macroIndex: index, line: line - wrapped.macros[index].start + 1, column };
  return undefined;
}
