/** A held slot; `release()` is idempotent. */
export interface SlotLease {
  release(): void;
}

/** Held when the limit store was unreachable and limits fail open: there is nothing to free. */
export const NOOP_LEASE: SlotLease = { release() {} };

/** Slots counted in this process: every slot in embedded mode, and anonymous per-IP slots in any mode. */
export class MemoryConcurrencyLimiter {
  private readonly counts = new Map<string, number>();

  /** A lease on one of `max` slots of `key`, or null when all are taken. */
  acquire(key: string, max: number): SlotLease | null {
    const n = this.counts.get(key) ?? 0;
    if (n >= max) return null;
    this.counts.set(key, n + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.counts.get(key) ?? 1) - 1;
        if (left <= 0) this.counts.delete(key);
        else this.counts.set(key, left);
      },
    };
  }
}
