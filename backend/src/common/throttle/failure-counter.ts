import type { Redis } from 'ioredis';

/**
 * Counts failures per key in a fixed window (login throttling). Redis when configured, so every instance
 * sees the same count; memory otherwise.
 */
export class FailureCounter {
  private readonly memory = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly redis: Redis | null,
    private readonly windowSeconds: number,
    private readonly prefix = 'qg:fail:',
  ) {}

  /** Current count and seconds until the window resets. */
  async peek(key: string): Promise<{ count: number; retryAfterSeconds: number }> {
    if (this.redis) {
      const [count, ttl] = (await this.redis.multi().get(this.prefix + key).ttl(this.prefix + key).exec()) ?? [];
      return { count: Number(count?.[1] ?? 0), retryAfterSeconds: Math.max(1, Number(ttl?.[1] ?? 0)) };
    }
    const entry = this.live(key);
    return { count: entry?.count ?? 0, retryAfterSeconds: entry ? Math.max(1, Math.ceil((entry.resetAt - Date.now()) / 1000)) : 0 };
  }

  async hit(key: string): Promise<number> {
    if (this.redis) {
      const res = await this.redis.multi().incr(this.prefix + key).expire(this.prefix + key, this.windowSeconds, 'NX').exec();
      return Number(res?.[0]?.[1] ?? 0);
    }
    const entry = this.live(key) ?? { count: 0, resetAt: Date.now() + this.windowSeconds * 1000 };
    entry.count += 1;
    this.memory.set(key, entry);
    return entry.count;
  }

  async reset(key: string): Promise<void> {
    if (this.redis) await this.redis.del(this.prefix + key);
    else this.memory.delete(key);
  }

  private live(key: string) {
    const entry = this.memory.get(key);
    if (entry && entry.resetAt <= Date.now()) {
      this.memory.delete(key);
      return undefined;
    }
    return entry;
  }
}
