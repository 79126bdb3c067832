import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket, connect } from 'node:net';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MemoryAdmissionLimiter, degradedAdmission, type Admission, type AdmissionLimiter, type AdmissionRequest } from 'src/common/rate-limit/admission-limiter.js';
import { RedisAdmissionLimiter } from 'src/common/rate-limit/redis-admission-limiter.js';
import { RedisOutage } from 'src/common/rate-limit/redis-outage.js';
import { TEST_REDIS_URL } from 'test/support/databases.js';

const redis = new Redis(TEST_REDIS_URL);
const redis2 = new Redis(TEST_REDIS_URL, { enableAutoPipelining: true });
// Nothing listens on port 1: every command fails fast.
const dead = new Redis({ port: 1, host: '127.0.0.1', maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
dead.on('error', () => undefined);
const key = () => `test:${randomBytes(6).toString('hex')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  await redis.quit();
  await redis2.quit();
  dead.disconnect();
});

const budget = (k: string, limit: number, periodMs = 60_000) => ({ key: k, limit, periodMs });
const admit = async (limiter: AdmissionLimiter, request: AdmissionRequest): Promise<Admission> => limiter.admit(request);
const leaseOf = (a: Admission) => (a.admitted ? a.lease : null);

describe.each([
  ['memory', () => new MemoryAdmissionLimiter()],
  ['redis', () => new RedisAdmissionLimiter(redis, new RedisOutage('open'))],
] as const)('%s admission limiter', (_name, make) => {
  it('allows exactly N calls per period, then refuses with a retry delay', async () => {
    const limiter = make();
    const k = key();
    const decisions = [];
    for (let i = 0; i < 7; i++) decisions.push(await admit(limiter, { slot: null, budgets: [budget(k, 5)] }));
    expect(decisions.map((d) => d.admitted)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => (d.admitted || d.refusedBy === 'rate' ? d.rate?.remaining : null))).toEqual([4, 3, 2, 1, 0, 0, 0]);
    const refused = decisions[5];
    expect(refused).toMatchObject({ admitted: false, refusedBy: 'rate', rate: { allowed: false, limit: 5 } });
    if (!refused.admitted && refused.refusedBy === 'rate') {
      expect(refused.rate.retryAfterMs).toBeGreaterThan(10_000);
      expect(refused.rate.retryAfterMs).toBeLessThanOrEqual(12_000);
    }
    expect((await admit(limiter, { slot: null, budgets: [budget(key(), 5)] })).admitted).toBe(true);
  });

  it('lets one more call through after one emission interval', async () => {
    const limiter = make();
    const k = key();
    for (let i = 0; i < 2; i++) await admit(limiter, { slot: null, budgets: [budget(k, 2, 400)] });
    expect((await admit(limiter, { slot: null, budgets: [budget(k, 2, 400)] })).admitted).toBe(false);
    await sleep(260);
    expect((await admit(limiter, { slot: null, budgets: [budget(k, 2, 400)] })).admitted).toBe(true);
  });

  it('holds max slots per key and frees one on release (idempotent)', async () => {
    const limiter = make();
    const k = key();
    const a = await admit(limiter, { slot: { key: k, max: 2 }, budgets: [] });
    const b = await admit(limiter, { slot: { key: k, max: 2 }, budgets: [] });
    expect([a.admitted, b.admitted]).toEqual([true, true]);
    expect(await admit(limiter, { slot: { key: k, max: 2 }, budgets: [] })).toEqual({ admitted: false, refusedBy: 'slot', degraded: false });
    expect((await admit(limiter, { slot: { key: key(), max: 2 }, budgets: [] })).admitted).toBe(true);
    leaseOf(a)!.release();
    leaseOf(a)!.release();
    await sleep(20);
    expect((await admit(limiter, { slot: { key: k, max: 2 }, budgets: [] })).admitted).toBe(true);
    expect((await admit(limiter, { slot: { key: k, max: 2 }, budgets: [] })).admitted).toBe(false);
  });

  it('reports the budget with the fewest calls left, the first one on a tie', async () => {
    const limiter = make();
    const [api, client] = [key(), key()];
    const first = await admit(limiter, { slot: null, budgets: [budget(api, 10), budget(client, 3)] });
    expect(first).toMatchObject({ admitted: true, rate: { limit: 3, remaining: 2 } });
    const tie = await admit(limiter, { slot: null, budgets: [budget(key(), 4), budget(key(), 4)] });
    expect(tie).toMatchObject({ admitted: true, rate: { limit: 4, remaining: 3 } });
    const tighterApi = await admit(limiter, { slot: null, budgets: [budget(key(), 2), budget(key(), 9)] });
    expect(tighterApi).toMatchObject({ admitted: true, rate: { limit: 2, remaining: 1 } });
  });

  it('a refusal by a rate budget takes no slot and spends no budget', async () => {
    const limiter = make();
    const [slot, api, client] = [key(), key(), key()];
    const request = { slot: { key: slot, max: 1 }, budgets: [budget(api, 5), budget(client, 1)] };
    const first = await admit(limiter, request);
    expect(first).toMatchObject({ admitted: true, rate: { limit: 1, remaining: 0 } });
    leaseOf(first)!.release();
    await sleep(20);
    const refused = await admit(limiter, request);
    // The client budget refused: its own limit and retry delay (60 s for 1/min), not the API budget's.
    expect(refused).toMatchObject({ admitted: false, refusedBy: 'rate', rate: { allowed: false, limit: 1, remaining: 0 } });
    if (!refused.admitted && refused.refusedBy === 'rate') expect(refused.rate.retryAfterMs).toBeGreaterThan(50_000);
    // The API budget was spent once (by the first call), the slot is free.
    expect(await admit(limiter, { slot: null, budgets: [budget(api, 5)] })).toMatchObject({ admitted: true, rate: { remaining: 3 } });
    expect((await admit(limiter, { slot: { key: slot, max: 1 }, budgets: [] })).admitted).toBe(true);
  });

  it('a refusal by the API budget leaves the client budget untouched', async () => {
    const limiter = make();
    const [api, client] = [key(), key()];
    await admit(limiter, { slot: null, budgets: [budget(api, 1), budget(client, 5)] });
    const refused = await admit(limiter, { slot: null, budgets: [budget(api, 1), budget(client, 5)] });
    expect(refused).toMatchObject({ admitted: false, refusedBy: 'rate', rate: { limit: 1 } });
    expect(await admit(limiter, { slot: null, budgets: [budget(client, 5)] })).toMatchObject({ admitted: true, rate: { remaining: 3 } });
  });

  it('a refusal by the slot spends no budget', async () => {
    const limiter = make();
    const [slot, api, client] = [key(), key(), key()];
    const held = await admit(limiter, { slot: { key: slot, max: 1 }, budgets: [] });
    expect(held.admitted).toBe(true);
    const refused = await admit(limiter, { slot: { key: slot, max: 1 }, budgets: [budget(api, 3), budget(client, 3)] });
    expect(refused).toEqual({ admitted: false, refusedBy: 'slot', degraded: false });
    expect(await admit(limiter, { slot: null, budgets: [budget(api, 3), budget(client, 3)] })).toMatchObject({ admitted: true, rate: { remaining: 2 } });
    leaseOf(held)!.release();
  });
});

describe(RedisAdmissionLimiter.name, () => {
  it('two instances on two connections share exact counts', async () => {
    const a = new RedisAdmissionLimiter(redis, new RedisOutage('open'));
    const b = new RedisAdmissionLimiter(redis2, new RedisOutage('open'));
    const [slot, rate] = [key(), key()];
    const calls = Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).admit({ slot: null, budgets: [budget(rate, 20)] }));
    expect((await Promise.all(calls)).filter((d) => d.admitted)).toHaveLength(20);
    const held = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).admit({ slot: { key: slot, max: 7 }, budgets: [] })));
    expect(held.filter((d) => d.admitted)).toHaveLength(7);
    for (const d of held) leaseOf(d)?.release();
    await a.onApplicationShutdown();
    await b.onApplicationShutdown();
    expect(await redis.zcard(`qg:cc:${slot}`)).toBe(0);
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).admit({ slot: { key: slot, max: 7 }, budgets: [] })));
    expect(again.filter((d) => d.admitted)).toHaveLength(7);
  });

  it('a slot held by a vanished instance expires with its lease', async () => {
    const limiter = new RedisAdmissionLimiter(redis, new RedisOutage('open'), 300);
    const k = key();
    expect((await limiter.admit({ slot: { key: k, max: 1 }, budgets: [] })).admitted).toBe(true); // never released
    expect((await limiter.admit({ slot: { key: k, max: 1 }, budgets: [] })).admitted).toBe(false);
    expect(await redis.pttl(`qg:cc:${k}`)).toBeGreaterThan(0);
    await sleep(350);
    expect((await limiter.admit({ slot: { key: k, max: 1 }, budgets: [] })).admitted).toBe(true);
  });

  it('frees every slot released in one tick with one ZREM per key', async () => {
    const conn = new Redis(TEST_REDIS_URL, { enableAutoPipelining: true });
    const zrems: number[] = [];
    const send = conn.sendCommand.bind(conn);
    conn.sendCommand = ((command: { name: string; args: unknown[] }, stream?: never) => {
      if (command.name === 'zrem') zrems.push(command.args.length - 1);
      return send(command as never, stream);
    }) as typeof conn.sendCommand;
    const limiter = new RedisAdmissionLimiter(conn, new RedisOutage('open'));
    const [k1, k2] = [key(), key()];
    const held = await Promise.all([
      ...Array.from({ length: 30 }, () => limiter.admit({ slot: { key: k1, max: 30 }, budgets: [] })),
      ...Array.from({ length: 5 }, () => limiter.admit({ slot: { key: k2, max: 5 }, budgets: [] })),
    ]);
    expect(held.every((d) => d.admitted)).toBe(true);
    expect(await redis.zcard(`qg:cc:${k1}`)).toBe(30);
    for (const d of held) leaseOf(d)!.release();
    await sleep(30);
    expect(zrems.sort((x, y) => x - y)).toEqual([5, 30]);
    expect(await redis.zcard(`qg:cc:${k1}`)).toBe(0);
    expect(await redis.zcard(`qg:cc:${k2}`)).toBe(0);
    await conn.quit();
  });

  it('sends the releases still batched on shutdown, before the connection quits', async () => {
    const conn = new Redis(TEST_REDIS_URL, { enableAutoPipelining: true, enableOfflineQueue: false });
    await waitFor(() => conn.status === 'ready');
    const limiter = new RedisAdmissionLimiter(conn, new RedisOutage('open'));
    const k = key();
    const held = await limiter.admit({ slot: { key: k, max: 3 }, budgets: [] });
    leaseOf(held)!.release();
    await limiter.onApplicationShutdown();
    await conn.quit();
    expect(await redis.zcard(`qg:cc:${k}`)).toBe(0);
  });

  it('fails open or closed as configured when Redis is unreachable', async () => {
    const request = { slot: { key: key(), max: 1 }, budgets: [budget(key(), 5), budget(key(), 2)] };
    const open = await new RedisAdmissionLimiter(dead, new RedisOutage('open')).admit(request);
    expect(open).toMatchObject({ admitted: true, rate: { allowed: true, limit: 2, remaining: 2, degraded: true } });
    leaseOf(open)!.release();
    const closed = new RedisAdmissionLimiter(dead, new RedisOutage('closed'));
    expect(await closed.admit(request)).toEqual({ admitted: false, refusedBy: 'slot', degraded: true });
    expect(await closed.admit({ slot: null, budgets: request.budgets })).toMatchObject({
      admitted: false,
      refusedBy: 'rate',
      rate: { allowed: false, limit: 5, remaining: 0, retryAfterMs: 1000, degraded: true },
    });
  });

  it('logs an outage once, and enforces limits again by itself once Redis is back', async () => {
    const proxy = await RedisProxy.start();
    const conn = new Redis({ host: '127.0.0.1', port: proxy.port, maxRetriesPerRequest: 1, enableOfflineQueue: false, enableAutoPipelining: true, retryStrategy: () => 20 });
    conn.on('error', () => undefined);
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      await waitFor(() => conn.status === 'ready');
      const limiter = new RedisAdmissionLimiter(conn, new RedisOutage('closed'));
      const k = key();
      const held = await limiter.admit({ slot: { key: k, max: 1 }, budgets: [] });
      expect(held.admitted).toBe(true);

      await proxy.stop();
      for (let i = 0; i < 3; i++) expect(await limiter.admit({ slot: { key: k, max: 1 }, budgets: [] })).toEqual({ admitted: false, refusedBy: 'slot', degraded: true });
      expect(warn.mock.calls.filter(([m]) => String(m).includes('Redis unreachable'))).toHaveLength(1);

      await proxy.restart();
      await waitFor(() => conn.status === 'ready');
      // Exact again: the lease taken before the outage still holds the only slot.
      expect(await limiter.admit({ slot: { key: k, max: 1 }, budgets: [] })).toEqual({ admitted: false, refusedBy: 'slot', degraded: false });
      expect(log.mock.calls.filter(([m]) => String(m).includes('Redis reachable again'))).toHaveLength(1);
      leaseOf(held)!.release();
      await limiter.onApplicationShutdown();
      expect((await limiter.admit({ slot: { key: k, max: 1 }, budgets: [] })).admitted).toBe(true);
    } finally {
      warn.mockRestore();
      log.mockRestore();
      conn.disconnect();
      await proxy.stop();
    }
  });

  describe('one script call per event-loop turn', () => {
    it('admits 200 calls of one turn in queue order with one script call', async () => {
      const limiter = new RedisAdmissionLimiter(redis, new RedisOutage('open'));
      const [slot, rate] = [key(), key()];
      let answers: Admission[] = [];
      const calls = await scriptCalls(redis, rate, async () => {
        answers = await Promise.all(Array.from({ length: 200 }, () => limiter.admit({ slot: { key: slot, max: 1000 }, budgets: [budget(rate, 50)] })));
      });
      expect(calls).toBe(1);
      expect(answers.map((a) => a.admitted)).toEqual([...Array<boolean>(50).fill(true), ...Array<boolean>(150).fill(false)]);
      expect(answers.slice(0, 50).map((a) => (a.admitted ? a.rate?.remaining : null))).toEqual(Array.from({ length: 50 }, (_, i) => 49 - i));
      for (const a of answers.slice(50)) {
        expect(a).toMatchObject({ admitted: false, refusedBy: 'rate', rate: { allowed: false, limit: 50, remaining: 0 } });
        if (!a.admitted && a.refusedBy === 'rate') expect(a.rate.retryAfterMs).toBeGreaterThan(0);
      }
      expect(await redis.zcard(`qg:cc:${slot}`)).toBe(50); // a refusal takes no slot
      for (const a of answers) leaseOf(a)?.release();
      await limiter.onApplicationShutdown();
    });

    it('splits a burst into script calls of at most 256, still in queue order', async () => {
      const limiter = new RedisAdmissionLimiter(redis, new RedisOutage('open'));
      const rate = key();
      let answers: Admission[] = [];
      const calls = await scriptCalls(redis, rate, async () => {
        answers = await Promise.all(Array.from({ length: 600 }, () => limiter.admit({ slot: null, budgets: [budget(rate, 500)] })));
      });
      expect(calls).toBe(3);
      expect(answers.map((a) => a.admitted)).toEqual([...Array<boolean>(500).fill(true), ...Array<boolean>(100).fill(false)]);
    });

    it('gives 3 slots to 10 calls of one turn, and frees them on release', async () => {
      const limiter = new RedisAdmissionLimiter(redis, new RedisOutage('open'));
      const slot = { key: key(), max: 3 };
      const held = await Promise.all(Array.from({ length: 10 }, () => limiter.admit({ slot, budgets: [] })));
      expect(held.filter((a) => a.admitted)).toHaveLength(3);
      expect(held.filter((a) => !a.admitted)).toEqual(Array(7).fill({ admitted: false, refusedBy: 'slot', degraded: false }));
      for (const a of held) leaseOf(a)?.release();
      await sleep(20);
      const again = await Promise.all(Array.from({ length: 5 }, () => limiter.admit({ slot, budgets: [] })));
      expect(again.map((a) => a.admitted)).toEqual([true, true, true, false, false]);
      for (const a of again) leaseOf(a)?.release();
      await limiter.onApplicationShutdown();
    });

    it('answers a mixed batch as it answers the same calls one at a time', async () => {
      // Three clients calling two APIs (and an anonymous caller of the first), in an interleaved order.
      const plan = (prefix: string): AdmissionRequest[] =>
        [0, 1, 2, 0, 0, 1, 2, 2, 0, 1, 3, 0, 2, 1, 3, 0, 1, 2, 3, 0].map((c, n) => {
          const api = `${prefix}:api${n % 2}`;
          if (c === 3) return { slot: null, budgets: [budget(`${api}:ip`, 2)] };
          return { slot: { key: `${prefix}:c${c}`, max: 2 + c }, budgets: [budget(`${api}:c${c}`, 2 + (n % 3)), budget(`${prefix}:c${c}`, 4)] };
        });
      const summary = (a: Admission) =>
        a.admitted ? { ok: true, lease: a.lease !== null, limit: a.rate?.limit, remaining: a.rate?.remaining } : a.refusedBy === 'slot' ? { slot: true } : { limit: a.rate.limit, remaining: a.rate.remaining };
      const retryAfter = (a: Admission) => (!a.admitted && a.refusedBy === 'rate' ? a.rate.retryAfterMs : 0);
      const batched = new RedisAdmissionLimiter(redis, new RedisOutage('open'));
      const together = await Promise.all(plan(key()).map((r) => batched.admit(r)));
      const alone = new RedisAdmissionLimiter(redis, new RedisOutage('open'));
      const oneByOne: Admission[] = [];
      for (const r of plan(key())) oneByOne.push(await alone.admit(r));
      expect(together.map(summary)).toEqual(oneByOne.map(summary));
      expect(together.filter((a) => a.admitted).length).toBeGreaterThan(5);
      expect(together.filter((a) => !a.admitted && a.refusedBy === 'slot').length).toBeGreaterThan(0);
      expect(together.filter((a) => !a.admitted && a.refusedBy === 'rate').length).toBeGreaterThan(0);
      // Retry delays are multiples of 15-30 s here; the one-at-a-time run is a few ms later.
      together.forEach((a, n) => expect(Math.abs(retryAfter(a) - retryAfter(oneByOne[n]))).toBeLessThan(1000));
    });

    it.each(['open', 'closed'] as const)('answers every call of a batch degraded while Redis is unreachable (fail %s), exactly once it is back', async (mode) => {
      const proxy = await RedisProxy.start();
      const conn = new Redis({ host: '127.0.0.1', port: proxy.port, maxRetriesPerRequest: 1, enableOfflineQueue: false, enableAutoPipelining: true, retryStrategy: () => 20 });
      conn.on('error', () => undefined);
      const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const outage = new RedisOutage(mode);
      const failed = vi.spyOn(outage, 'failed');
      try {
        await waitFor(() => conn.status === 'ready');
        const limiter = new RedisAdmissionLimiter(conn, outage);
        const [slot, rate] = [key(), key()];
        const requests: AdmissionRequest[] = [
          ...Array.from({ length: 3 }, () => ({ slot: { key: slot, max: 2 }, budgets: [budget(rate, 3)] })),
          { slot: null, budgets: [budget(rate, 3), budget(key(), 9)] },
          { slot: { key: key(), max: 1 }, budgets: [] },
        ];

        await proxy.stop();
        const degraded = await Promise.all(requests.map((r) => limiter.admit(r)));
        expect(degraded).toEqual(requests.map((r) => degradedAdmission(r, mode)));
        expect(failed).toHaveBeenCalledTimes(1);

        // Wait until the client has noticed the drop: right after it, its status can still read 'ready'.
        await waitFor(() => conn.status !== 'ready');
        await proxy.restart();
        await waitFor(() => conn.status === 'ready');
        const exact = await Promise.all(requests.map((r) => limiter.admit(r)));
        expect(exact).toMatchObject([
          { admitted: true, rate: { remaining: 2 } },
          { admitted: true, rate: { remaining: 1 } },
          { admitted: false, refusedBy: 'slot', degraded: false },
          { admitted: true, rate: { limit: 3, remaining: 0 } },
          { admitted: true, rate: null },
        ]);
        expect(failed).toHaveBeenCalledTimes(1);
        for (const a of exact) leaseOf(a)?.release();
        await limiter.onApplicationShutdown();
      } finally {
        warn.mockRestore();
        log.mockRestore();
        conn.disconnect();
        await proxy.stop();
      }
    });
  });
});

/** Runs `work` and counts the script calls Redis received naming `key`, watched on a MONITOR connection. */
async function scriptCalls(conn: Redis, key: string, work: () => Promise<void>): Promise<number> {
  const monitor = await redis.monitor();
  const marker = `marker:${randomBytes(6).toString('hex')}`;
  let calls = 0;
  let done = false;
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua' && (args[0] === 'evalsha' || args[0] === 'eval') && args.some((a) => a.includes(key))) calls++;
    if (args[0] === 'echo' && args[1] === marker) done = true;
  });
  try {
    await work();
    // Redis runs one connection's commands in order: once the monitor sees the marker, it has seen the calls.
    await conn.echo(marker);
    await waitFor(() => done);
    return calls;
  } finally {
    monitor.disconnect();
  }
}

async function waitFor(ready: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!ready()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await sleep(10);
  }
}

/** A TCP relay to the test Redis that can be cut and restored on the same port, to play an outage. */
class RedisProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private constructor(public port: number) {}

  static async start(): Promise<RedisProxy> {
    const proxy = new RedisProxy(0);
    await proxy.restart();
    return proxy;
  }

  async restart(): Promise<void> {
    const target = new URL(TEST_REDIS_URL);
    const server = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
