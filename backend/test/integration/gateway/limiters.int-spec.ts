import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket, connect } from 'node:net';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MemoryAdmissionLimiter, type Admission, type AdmissionLimiter, type AdmissionRequest } from 'src/common/rate-limit/admission-limiter.js';
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
});

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
