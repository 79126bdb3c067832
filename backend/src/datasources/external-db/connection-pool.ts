import { cancelledError, dbError, isAppException } from 'src/datasources/external-db/db-errors.js';
import type { PoolStats } from 'src/datasources/external-db/connector.js';
import { datasourceError } from 'src/datasources/datasources.errors.js';

/** How a driver opens, checks and closes one connection. */
export interface PoolAdapter<C> {
  create(): Promise<C>;
  destroy(conn: C): Promise<void>;
  /** False once the driver saw the connection die (server terminated it, socket closed). */
  isAlive(conn: C): boolean;
}

export interface ConnectionPoolOptions {
  /** Shown in error messages, e.g. the data source id. */
  label: string;
  max: number;
  queueMax: number;
  queueTimeoutMs: number;
  idleTimeoutMs: number;
}

/** A caller queued for a connection: the pool settles it exactly once, with `grant` or `refuse`. */
export interface PoolWaiter<C> {
  grant(conn: C): void;
  refuse(err: unknown): void;
}

interface QueuedWaiter<C> {
  waiter: PoolWaiter<C>;
  /** performance.now() at which the wait ends with DATASOURCE_SATURATED. */
  deadline: number;
}

interface IdleEntry<C> {
  conn: C;
  since: number;
}

/**
 * A bounded pool with a bounded wait queue. At most `max` connections exist (in use + idle + being opened);
 * at most `queueMax` callers wait, each for at most `queueTimeoutMs`; everyone else fails fast with
 * DATASOURCE_SATURATED, so a slow database cannot make requests pile up in memory.
 * Idle connections are closed after `idleTimeoutMs`; dead ones are dropped and replaced on demand.
 */
export class ConnectionPool<C> {
  private readonly idle: IdleEntry<C>[] = [];
  private readonly busy = new Set<C>();
  /** FIFO, and every waiter waits the same queueTimeoutMs: the head always has the earliest deadline. */
  private readonly waiters: QueuedWaiter<C>[] = [];
  /** One timer for the whole queue, due at the head's deadline (rather than one timer per waiter). */
  private queueTimer: NodeJS.Timeout | null = null;
  private opening = 0;
  private closed = false;
  private readonly reaper: NodeJS.Timeout;
  private drained?: () => void;

  constructor(
    private readonly adapter: PoolAdapter<C>,
    private readonly options: ConnectionPoolOptions,
  ) {
    const every = Math.max(250, Math.min(options.idleTimeoutMs, 10_000) / 2);
    this.reaper = setInterval(() => this.reapIdle(), every);
    this.reaper.unref();
  }

  stats(): PoolStats {
    return { max: this.options.max, inUse: this.busy.size + this.opening, idle: this.idle.length, waiting: this.waiters.length };
  }

  async acquire(signal?: AbortSignal): Promise<C> {
    if (this.closed) throw this.reconfiguring();
    if (signal?.aborted) throw cancelledError();
    const reused = this.takeIdle();
    if (reused !== undefined) return reused;
    const waiter = new SignalledWaiter<C>(this);
    if (this.wait(waiter)) waiter.watch(signal);
    return waiter.promise;
  }

  /** An idle connection, now marked in use; undefined when none is idle or the pool is closed. */
  takeIdle(): C | undefined {
    if (this.closed) return undefined;
    while (this.idle.length > 0) {
      const { conn } = this.idle.pop()!;
      if (this.adapter.isAlive(conn)) {
        this.busy.add(conn);
        return conn;
      }
      void this.adapter.destroy(conn).catch(() => undefined);
    }
    return undefined;
  }

  /**
   * For a caller that found no idle connection (`takeIdle`) and brings its own waiter: opens a connection
   * for `waiter` when a slot is free (returns false), otherwise queues it (returns true) until a connection
   * is released or its queueTimeoutMs passes. Throws DATASOURCE_SATURATED when the pool is closed or the
   * queue is full. The pool does not watch the caller's signal: a queued caller that gives up calls `withdraw`.
   */
  wait(waiter: PoolWaiter<C>): boolean {
    if (this.closed) throw this.reconfiguring();
    if (this.busy.size + this.opening < this.options.max) {
      this.open().then(
        (conn) => waiter.grant(conn),
        (err: unknown) => waiter.refuse(err),
      );
      return false;
    }
    this.enqueue(waiter);
    return true;
  }

  /** Takes a queued waiter out of the queue without settling it; false when it was not queued (any more). */
  withdraw(waiter: PoolWaiter<C>): boolean {
    const i = this.waiters.findIndex((q) => q.waiter === waiter);
    if (i < 0) return false;
    this.waiters.splice(i, 1);
    this.stopQueueTimerIfEmpty();
    return true;
  }

  /** Returns a connection; `discard` (or a dead connection) closes it and frees its slot. */
  release(conn: C, discard = false): void {
    if (!this.busy.delete(conn)) return;
    if (discard || this.closed || !this.adapter.isAlive(conn)) {
      void this.adapter.destroy(conn).catch(() => undefined);
      this.afterSlotFreed();
      return;
    }
    const queued = this.waiters.shift();
    if (queued) {
      this.stopQueueTimerIfEmpty();
      this.busy.add(conn);
      queued.waiter.grant(conn);
      return;
    }
    this.idle.push({ conn, since: Date.now() });
  }

  /** Closes idle connections now and the busy ones as they come back. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reaper);
    for (const q of this.waiters.splice(0)) q.waiter.refuse(this.reconfiguring());
    this.stopQueueTimerIfEmpty();
    await Promise.all(this.idle.splice(0).map((e) => this.adapter.destroy(e.conn).catch(() => undefined)));
    if (this.busy.size + this.opening > 0) await new Promise<void>((resolve) => (this.drained = resolve));
  }

  private enqueue(waiter: PoolWaiter<C>): void {
    if (this.waiters.length >= this.options.queueMax) {
      throw datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is saturated: all ${this.options.max} connections busy and ${this.waiters.length} callers waiting`);
    }
    this.waiters.push({ waiter, deadline: performance.now() + this.options.queueTimeoutMs });
    if (!this.queueTimer) this.queueTimer = setTimeout(() => this.expireWaiters(), this.options.queueTimeoutMs);
  }

  /** Refuses the waiters whose deadline passed, then re-arms the queue timer for the new head, if any. */
  private expireWaiters(): void {
    this.queueTimer = null;
    const now = performance.now();
    while (this.waiters.length > 0 && this.waiters[0].deadline <= now) {
      this.waiters.shift()!.waiter.refuse(
        datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is saturated: no connection free within ${this.options.queueTimeoutMs} ms`),
      );
    }
    if (this.waiters.length > 0 && !this.closed) this.queueTimer = setTimeout(() => this.expireWaiters(), Math.max(1, Math.ceil(this.waiters[0].deadline - now)));
  }

  /** A timer left armed for an empty queue would keep the process alive for up to queueTimeoutMs. */
  private stopQueueTimerIfEmpty(): void {
    if (this.waiters.length > 0 || !this.queueTimer) return;
    clearTimeout(this.queueTimer);
    this.queueTimer = null;
  }

  private reconfiguring() {
    return datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is being reconfigured`);
  }

  private async open(): Promise<C> {
    this.opening++;
    let conn: C;
    try {
      conn = await this.adapter.create();
    } catch (err) {
      this.opening--;
      this.afterSlotFreed();
      if (isAppException(err)) throw err;
      throw dbError('DATASOURCE_CONNECTION_FAILED', `Could not connect to data source "${this.options.label}": ${describeConnectError(err)}`, err);
    }
    this.opening--;
    if (this.closed) {
      void this.adapter.destroy(conn).catch(() => undefined);
      this.afterSlotFreed();
      throw this.reconfiguring();
    }
    this.busy.add(conn);
    return conn;
  }

  /** A slot became free: hand it to the first waiter by opening a connection for it. */
  private afterSlotFreed(): void {
    if (this.closed) {
      if (this.busy.size + this.opening === 0) this.drained?.();
      return;
    }
    const queued = this.waiters.shift();
    if (!queued) return;
    this.stopQueueTimerIfEmpty();
    this.open().then(
      (conn) => queued.waiter.grant(conn),
      (err: unknown) => queued.waiter.refuse(err),
    );
  }

  private reapIdle(): void {
    const cutoff = Date.now() - this.options.idleTimeoutMs;
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const e = this.idle[i];
      if (e.since < cutoff || !this.adapter.isAlive(e.conn)) {
        this.idle.splice(i, 1);
        void this.adapter.destroy(e.conn).catch(() => undefined);
      }
    }
  }
}

/**
 * `acquire`'s waiter: a promise the pool settles, or the caller's signal (it is its own abort listener, so
 * waiting allocates no closures and registers on the signal once).
 */
class SignalledWaiter<C> implements PoolWaiter<C> {
  readonly promise: Promise<C>;
  private resolve!: (conn: C) => void;
  private reject!: (err: unknown) => void;
  private signal: AbortSignal | undefined;

  constructor(private readonly pool: ConnectionPool<C>) {
    this.promise = new Promise<C>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  watch(signal: AbortSignal | undefined): void {
    this.signal = signal;
    signal?.addEventListener('abort', this);
  }

  grant(conn: C): void {
    this.signal?.removeEventListener('abort', this);
    this.resolve(conn);
  }

  refuse(err: unknown): void {
    this.signal?.removeEventListener('abort', this);
    this.reject(err);
  }

  /** The caller's signal aborted while it waited: leave the queue with QUERY_CANCELLED. */
  handleEvent(): void {
    if (this.pool.withdraw(this)) this.refuse(cancelledError());
  }
}

/** Turns a driver's connect error into a message that says which failure it was. */
export function describeConnectError(err: unknown): string {
  let e = err as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown } | undefined;
  // fetch (Trino) wraps the socket error: "fetch failed" with the real one as cause.
  while (e && typeof e.code !== 'string' && typeof e.errno !== 'number' && e.cause && typeof e.cause === 'object') e = e.cause as typeof e;
  const code = typeof e?.code === 'string' ? e.code : '';
  const errno = typeof e?.errno === 'number' ? e.errno : undefined;
  const msg = typeof e?.message === 'string' ? e.message : String(err);
  if (code === '28P01' || code === '28000' || code === 'ER_ACCESS_DENIED_ERROR' || errno === 1045 || /password authentication failed|access denied|HTTP 401/i.test(msg)) {
    return 'authentication failed (wrong user name or password)';
  }
  if (code === '3D000' || code === 'ER_BAD_DB_ERROR' || errno === 1049) return 'the database does not exist';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /getaddrinfo/i.test(msg)) return 'unknown host (the host name could not be resolved)';
  if (code === 'ECONNREFUSED') return 'connection refused (nothing is listening on that host and port)';
  if (code === 'ETIMEDOUT' || code === 'CONNECT_TIMEOUT' || /timeout/i.test(msg)) return 'connection timed out';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  if (code === 'ECONNRESET') return 'the server closed the connection';
  return msg;
}
