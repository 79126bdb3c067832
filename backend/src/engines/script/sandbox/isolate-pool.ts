import ivm from 'isolated-vm';
import { BOOTSTRAP_FILENAME, BOOTSTRAP_SOURCE, type WrappedSource } from 'src/engines/script/sandbox/bootstrap.js';
import type { ScriptLogger } from 'src/engines/script/modules/log.js';
import { scriptError } from 'src/engines/script/script.errors.js';

export interface CompiledScript {
  script?: ivm.Script;
  /** A syntax error is cached too, so a broken script is not compiled again on every call. */
  error?: { message: string };
  wrapped: WrappedSource;
}

export interface PreparedContext {
  context: ivm.Context;
  /** The bootstrap's one-shot `__qg_start(host, input)`. */
  start: ivm.Reference;
}

/**
 * One isolate, leased to one call at a time, with its bootstrap, an LRU of compiled scripts and the next
 * context. Every call gets a context of its own, never used before: it is created and bootstrapped while
 * the isolate is idle, which takes most of the per-call cost off the request's path.
 */
export class IsolateSlot {
  readonly isolate: ivm.Isolate;
  readonly bootstrap: ivm.Script;
  private readonly compiled = new Map<string, CompiledScript>();
  private next?: Promise<PreparedContext>;
  calls = 0;

  constructor(
    readonly id: number,
    private readonly memoryMb: number,
    private readonly maxCompiled: number,
    logger?: ScriptLogger,
  ) {
    this.isolate = new ivm.Isolate({
      memoryLimit: memoryMb,
      onCatastrophicError: (message: string) => logger?.error({ isolate: id, message }, 'script isolate failed catastrophically'),
    });
    this.bootstrap = this.isolate.compileScriptSync(BOOTSTRAP_SOURCE, { filename: BOOTSTRAP_FILENAME });
    this.prepare();
  }

  /** Starts building the next fresh context in the background (no-op if one is on its way). */
  prepare(): void {
    if (this.next || this.isolate.isDisposed) return;
    const next = (async () => {
      const context = await this.isolate.createContext();
      await this.bootstrap.run(context, { timeout: 1000 });
      const start = (await context.global.get('__qg_start', { reference: true })) as ivm.Reference;
      return { context, start };
    })();
    next.catch(() => undefined);
    this.next = next;
  }

  /** The prepared context for this call (built now if none is ready). It is never handed out twice. */
  async takeContext(): Promise<PreparedContext> {
    this.prepare();
    const next = this.next!;
    this.next = undefined;
    return next;
  }

  compiledScript(cacheKey: string, wrap: () => WrappedSource, filename: string): CompiledScript {
    const hit = this.compiled.get(cacheKey);
    if (hit) {
      this.compiled.delete(cacheKey);
      this.compiled.set(cacheKey, hit);
      return hit;
    }
    const wrapped = wrap();
    let entry: CompiledScript;
    try {
      entry = { script: this.isolate.compileScriptSync(wrapped.source, { filename }), wrapped };
    } catch (error) {
      if (this.isolate.isDisposed) throw error;
      entry = { error: { message: error instanceof Error ? error.message : String(error) }, wrapped };
    }
    this.compiled.set(cacheKey, entry);
    if (this.compiled.size > this.maxCompiled) {
      const oldest = this.compiled.keys().next().value as string;
      this.compiled.get(oldest)?.script?.release();
      this.compiled.delete(oldest);
    }
    return entry;
  }

  /** True when the heap is close enough to the limit that the next call could fail for someone else's garbage. */
  nearMemoryLimit(): boolean {
    if (this.isolate.isDisposed) return true;
    const stats = this.isolate.getHeapStatisticsSync();
    return stats.used_heap_size + stats.externally_allocated_size > this.memoryMb * 1024 * 1024 * 0.6;
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

export interface IsolatePoolOptions {
  size: number;
  memoryMb: number;
  queueTimeoutMs: number;
  queueMax: number;
  maxCompiledScripts: number;
  logger?: ScriptLogger;
}

interface Waiter {
  resolve: (slot: IsolateSlot) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  onAbort?: () => void;
  signal?: AbortSignal;
}

/**
 * A fixed number of isolates, created on demand. A call leases one isolate exclusively, so a call that is
 * killed (timeout, memory) takes no other request with it; the isolate is then disposed and a new one is
 * created for the next caller. Callers beyond the pool size wait in a FIFO queue with a deadline.
 */
export class IsolatePool {
  private readonly free: IsolateSlot[] = [];
  private readonly waiters: Waiter[] = [];
  private live = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: IsolatePoolOptions) {}

  async acquire(signal?: AbortSignal): Promise<IsolateSlot> {
    if (this.closed) throw scriptError('SCRIPT_BUSY', 'the script engine is shut down');
    if (signal?.aborted) throw scriptError('SCRIPT_CANCELLED', 'the request was cancelled');
    const slot = this.free.pop();
    if (slot) return slot;
    if (this.live < this.options.size) return this.create();
    if (this.waiters.length >= this.options.queueMax) throw scriptError('SCRIPT_BUSY', 'all script isolates are busy and the queue is full');
    return new Promise<IsolateSlot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        timer: setTimeout(() => {
          this.remove(waiter);
          reject(scriptError('SCRIPT_BUSY', `no script isolate became free within ${this.options.queueTimeoutMs} ms`));
        }, this.options.queueTimeoutMs),
      };
      if (signal) {
        waiter.onAbort = () => {
          this.remove(waiter);
          reject(scriptError('SCRIPT_CANCELLED', 'the request was cancelled while waiting for an isolate'));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  /** Gives the isolate back; `discard` (or a disposed/near-full isolate) replaces it with a fresh one. */
  release(slot: IsolateSlot, discard: boolean): void {
    slot.calls += 1;
    let replace = discard || this.closed;
    if (!replace) {
      try {
        replace = slot.nearMemoryLimit();
      } catch {
        replace = true;
      }
    }
    if (replace) {
      slot.dispose();
      this.live -= 1;
      if (this.closed) return;
      const waiter = this.waiters.shift();
      if (waiter) this.handOver(waiter, () => this.create());
      return;
    }
    slot.prepare();
    const waiter = this.waiters.shift();
    if (waiter) this.handOver(waiter, () => slot);
    else this.free.push(slot);
  }

  stats(): { size: number; live: number; idle: number; waiting: number } {
    return { size: this.options.size, live: this.live, idle: this.free.length, waiting: this.waiters.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(scriptError('SCRIPT_BUSY', 'the script engine is shut down'));
    }
    for (const slot of this.free.splice(0)) {
      slot.dispose();
      this.live -= 1;
    }
  }

  private create(): IsolateSlot {
    const slot = new IsolateSlot(this.nextId++, this.options.memoryMb, this.options.maxCompiledScripts, this.options.logger);
    this.live += 1;
    return slot;
  }

  private handOver(waiter: Waiter, get: () => IsolateSlot): void {
    clearTimeout(waiter.timer);
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    try {
      waiter.resolve(get());
    } catch (error) {
      waiter.reject(error as Error);
    }
  }

  private remove(waiter: Waiter): void {
    const i = this.waiters.indexOf(waiter);
    if (i >= 0) this.waiters.splice(i, 1);
    clearTimeout(waiter.timer);
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
  }
}
