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

interface Waiter<C> {
  resolve(conn: C): void;
  reject(err: unknown): void;
  cleanup(): void;
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
  private readonly waiters: Waiter<C>[] = [];
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
    if (this.closed) throw datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is being reconfigured`);
    if (signal?.aborted) throw cancelledError();
    const reused = this.takeIdle();
    if (reused !== undefined) return reused;
    if (this.busy.size + this.opening < this.options.max) return this.open();
    if (this.waiters.length >= this.options.queueMax) {
      throw datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is saturated: all ${this.options.max} connections busy and ${this.waiters.length} callers waiting`);
    }
    return new Promise<C>((resolve, reject) => {
      const onAbort = () => {
        remove();
        reject(cancelledError());
      };
      const timer = setTimeout(() => {
        remove();
        reject(datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is saturated: no connection free within ${this.options.queueTimeoutMs} ms`));
      }, this.options.queueTimeoutMs);
      const waiter: Waiter<C> = {
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      const remove = () => {
        waiter.cleanup();
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Returns a connection; `discard` (or a dead connection) closes it and frees its slot. */
  release(conn: C, discard = false): void {
    if (!this.busy.delete(conn)) return;
    if (discard || this.closed || !this.adapter.isAlive(conn)) {
      void this.adapter.destroy(conn).catch(() => undefined);
      this.afterSlotFreed();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.cleanup();
      this.busy.add(conn);
      waiter.resolve(conn);
      return;
    }
    this.idle.push({ conn, since: Date.now() });
  }

  /** Closes idle connections now and the busy ones as they come back. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reaper);
    for (const w of this.waiters.splice(0)) {
      w.cleanup();
      w.reject(datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is being reconfigured`));
    }
    await Promise.all(this.idle.splice(0).map((e) => this.adapter.destroy(e.conn).catch(() => undefined)));
    if (this.busy.size + this.opening > 0) await new Promise<void>((resolve) => (this.drained = resolve));
  }

  private takeIdle(): C | undefined {
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
      throw datasourceError('DATASOURCE_SATURATED', `Data source "${this.options.label}" is being reconfigured`);
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
    const waiter = this.waiters.shift();
    if (!waiter) return;
    waiter.cleanup();
    this.open().then(waiter.resolve, waiter.reject);
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
