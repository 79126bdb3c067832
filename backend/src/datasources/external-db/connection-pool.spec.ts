import { describe, expect, it } from 'vitest';
import { ConnectionPool, describeConnectError, type PoolAdapter } from 'src/datasources/external-db/connection-pool.js';

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
