import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from 'test/support/spawn-server.js';

describe('access logs on SIGTERM under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qg-flush-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should write a row for every answered call before the process exits', async () => {
    // A long interval and a huge batch keep rows in memory until shutdown flushes them.
    const server = await spawnServer({ DATA_DIR: dir, SEED_SAMPLES: 'false', ACCESS_LOG_FLUSH_INTERVAL_MS: '600000', ACCESS_LOG_BATCH_SIZE: '10000', SHUTDOWN_TIMEOUT_MS: '60000' });
    const url = `http://127.0.0.1:${server.port}/api/no/such/api`;
    let answered = 0;
    const load = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 400; i++) {
        try {
          const res = await fetch(url, { headers: { connection: 'close' } });
          await res.arrayBuffer();
          if (res.status === 404) answered++;
        } catch {
          return; // the server stopped accepting
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    const exited = server.stop();
    await Promise.all(load);
    expect(await exited, server.out().slice(-2000)).toBe(0);
    expect(answered).toBeGreaterThan(50);

    const db = await PGlite.create({ dataDir: join(dir, 'app-db') });
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE status = 404 AND path = '/api/no/such/api'`);
    await db.close();
    expect(rows[0].n).toBe(answered);
  });
});
