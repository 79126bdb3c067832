import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConnectionPool, describeConnectError, type PoolAdapter, type PoolWaiter } from 'src/datasources/external-db/connection-pool.js';

function fakeAdapter() {
  let seq = 0;
  const destroyed: number[] = [];
  const dead = new Set<number>();
  const adapter: PoolAdapter<{ id: number }> = {
    create: async () => ({ id: ++seq }),
    destroy: async (c) => void destroyed.push(c.id),
    isAlive: (c) => !dead.has(c.id),
  };
  return { adapter, destroyed, dead };
}

const options = { label: 'test', max: 2, queueMax: 1, queueTimeoutMs: 50, idleTimeoutMs: 60_000 };

/** A caller-supplied waiter that records how the pool settled it. */
function recordingWaiter<C>() {
  const outcome: { granted?: C; refused?: unknown } = {};
  const waiter: PoolWaiter<C> = {
    grant: (conn) => (outcome.granted = conn),
    refuse: (err) => (outcome.refused = err),
  };
  return { waiter, outcome };
}

describe(ConnectionPool.name, () => {
  it('should hand a released connection to the first waiter', async () => {
    const { adapter } = fakeAdapter();
    const pool = new ConnectionPool(adapter, options);
    const a = await pool.acquire();
    const b = await pool.acquire();
    const waiting = pool.acquire();
    expect(pool.stats()).toEqual({ max: 2, inUse: 2, idle: 0, waiting: 1 });
    pool.release(a);
    expect(await waiting).toBe(a);
    // close() waits for connections in use to come back.
    let closed = false;
    const closing = pool.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe(false);
    pool.release(a);
    pool.release(b);
    await closing;
    expect(pool.stats()).toEqual({ max: 2, inUse: 0, idle: 0, waiting: 0 });
  });

  it('should reject at once when the queue is full and at the deadline when waiting', async () => {
    const { adapter } = fakeAdapter();
    const pool = new ConnectionPool(adapter, options);
    await pool.acquire();
    await pool.acquire();
    const waiter = pool.acquire();
    await expect(pool.acquire()).rejects.toMatchObject({ code: 'DATASOURCE_SATURATED' });
    await expect(waiter).rejects.toMatchObject({ code: 'DATASOURCE_SATURATED', message: expect.stringContaining('50 ms') });
    expect(pool.stats().waiting).toBe(0);
  });

  it('should cancel a waiter whose signal aborts', async () => {
    const { adapter } = fakeAdapter();
    const pool = new ConnectionPool(adapter, { ...options, queueTimeoutMs: 5_000 });
    await pool.acquire();
    await pool.acquire();
    const ac = new AbortController();
    const waiter = pool.acquire(ac.signal);
    ac.abort();
    await expect(waiter).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
  });

  it('should time each waiter out at its own deadline, not at the first one\'s', async () => {
    const { adapter } = fakeAdapter();
    const pool = new ConnectionPool(adapter, { ...options, max: 1, queueMax: 2, queueTimeoutMs: 200 });
    await pool.acquire();
    const settled: string[] = [];
    const first = pool.acquire().catch((err: { code: string }) => void settled.push(`first ${err.code}`));
    await new Promise((r) => setTimeout(r, 100));
    const second = pool.acquire().catch((err: { code: string }) => void settled.push(`second ${err.code}`));
    await first;
    expect(settled).toEqual(['first DATASOURCE_SATURATED']);
    expect(pool.stats().waiting).toBe(1);
    await second;
    expect(settled).toEqual(['first DATASOURCE_SATURATED', 'second DATASOURCE_SATURATED']);
    expect(pool.stats().waiting).toBe(0);
  });

  it('should leave no listener on the signal of a waiter it served', async () => {
    const { adapter } = fakeAdapter();
    const pool = new ConnectionPool(adapter, { ...options, queueTimeoutMs: 5_000 });
    const a = await pool.acquire();
    await pool.acquire();
    const ac = new AbortController();
    const waiting = pool.acquire(ac.signal);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
    pool.release(a);
    expect(await waiting).toBe(a);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  describe('takeIdle, wait and withdraw', () => {
    it('should take an idle connection at once and nothing from a closed pool', async () => {
      const { adapter } = fakeAdapter();
      const pool = new ConnectionPool(adapter, options);
      expect(pool.takeIdle()).toBeUndefined();
      const a = await pool.acquire();
      pool.release(a);
      expect(pool.takeIdle()).toBe(a);
      expect(pool.stats()).toMatchObject({ inUse: 1, idle: 0 });
      pool.release(a);
      const closing = pool.close();
      expect(pool.takeIdle()).toBeUndefined();
      await closing;
    });

    it('should open a connection for a waiter while a slot is free, else queue it for the next release', async () => {
      const { adapter } = fakeAdapter();
      const pool = new ConnectionPool(adapter, { ...options, queueTimeoutMs: 5_000 });
      const opened = recordingWaiter<{ id: number }>();
      expect(pool.wait(opened.waiter)).toBe(false);
      await new Promise((r) => setImmediate(r));
      expect(opened.outcome.granted).toEqual({ id: 1 });
      await pool.acquire();
      const queued = recordingWaiter<{ id: number }>();
      expect(pool.wait(queued.waiter)).toBe(true);
      expect(pool.stats().waiting).toBe(1);
      pool.release(opened.outcome.granted!);
      expect(queued.outcome.granted).toEqual({ id: 1 });
      expect(pool.withdraw(queued.waiter)).toBe(false);
      expect(() => pool.wait(recordingWaiter().waiter)).not.toThrow();
      expect(() => pool.wait(recordingWaiter().waiter)).toThrow(expect.objectContaining({ code: 'DATASOURCE_SATURATED' }));
      // Refuses the one still queued and stops the queue timer (connections stay checked out: not awaited).
      void pool.close();
    });

    it('should never settle a withdrawn waiter and give the connection to the next one', async () => {
      const { adapter } = fakeAdapter();
      const pool = new ConnectionPool(adapter, { ...options, max: 1, queueMax: 2, queueTimeoutMs: 5_000 });
      const a = await pool.acquire();
      const gaveUp = recordingWaiter<{ id: number }>();
      const next = recordingWaiter<{ id: number }>();
      pool.wait(gaveUp.waiter);
      pool.wait(next.waiter);
      expect(pool.withdraw(gaveUp.waiter)).toBe(true);
      expect(pool.stats().waiting).toBe(1);
      pool.release(a);
      expect(next.outcome.granted).toBe(a);
      expect(gaveUp.outcome).toEqual({});
    });
  });

  it('should drop dead and discarded connections and open new ones in their place', async () => {
    const { adapter, destroyed, dead } = fakeAdapter();
    const pool = new ConnectionPool(adapter, options);
    const a = await pool.acquire();
    const b = await pool.acquire();
    pool.release(a);
    pool.release(b, true);
    dead.add(a.id);
    const c = await pool.acquire();
    expect(c.id).toBe(3);
    expect(destroyed.sort()).toEqual([1, 2]);
  });
});

describe('describeConnectError', () => {
  it.each([
    [{ code: '28P01', message: 'password authentication failed for user "x"' }, 'authentication failed'],
    [{ code: 'ER_ACCESS_DENIED_ERROR', errno: 1045, message: 'Access denied' }, 'authentication failed'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND h' }, 'unknown host'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'connection refused'],
    [{ message: 'fetch failed', cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } }, 'connection refused'],
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, 'timed out'],
  ])('should name the failure for %o', (err, expected) => {
    expect(describeConnectError(Object.assign(new Error(String(err.message)), err))).toContain(expected);
  });
});
