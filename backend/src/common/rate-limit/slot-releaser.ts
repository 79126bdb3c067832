import type { Redis } from 'ioredis';

/**
 * Frees Redis slot leases in batches: the leases released during one turn of the event loop (typically
 * the responses that finished in the same poll phase) leave with one ZREM per slot key, sent from a
 * setImmediate. `flush()` sends what is pending at once and waits for the answers, for shutdown. A ZREM
 * that fails (Redis down) is not retried: those leases expire with their score, as a crashed instance's do.
 */
export class SlotReleaser {
  private readonly pending = new Map<string, string[]>();
  private timer: NodeJS.Immediate | null = null;
  /** The last ZREM sent; one connection answers in order, so its reply means all earlier ones are done. */
  private lastSent: Promise<unknown> = Promise.resolve();

  constructor(private readonly redis: Redis) {}

  release(key: string, token: string): void {
    const tokens = this.pending.get(key);
    if (tokens) tokens.push(token);
    else this.pending.set(key, [token]);
    this.timer ??= setImmediate(this.send);
  }

  /** Sends the pending releases now; resolves when every release sent so far has been answered. */
  async flush(): Promise<void> {
    this.send();
    await this.lastSent;
  }

  private readonly send = (): void => {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    for (const [key, tokens] of this.pending) this.lastSent = this.redis.zrem(key, ...tokens).catch(() => 0);
    this.pending.clear();
  };
}
