import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer } from 'test/support/spawn-server.js';

describe('process start', () => {
  it('should exit at boot with a message naming each bad key', async () => {
    const failure = await spawnServer({ PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: 'postgres://u@127.0.0.1:1/x' }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(failure).toContain('exited with 1 before listening');
    expect(failure).toContain('PORT must be an integer');
    expect(failure).toContain('LOG_LEVEL must be one of');
    expect(failure).toContain('APP_SECRET is required when DATABASE_URL is set');
  });

  it('should start embedded with no configuration, print the admin password once and become ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-boot-'));
    try {
      const started = await spawnServer({ DATA_DIR: dir, SEED_SAMPLES: 'false' });
      const base = `http://127.0.0.1:${started.port}`;
      const password = started.out().match(/password: (\S+)/)![1];
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      const login = await fetch(`${base}/admin/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@querygate.local', password }),
      });
      expect(login.status).toBe(200);
      expect(started.out()).not.toMatch(/"password"/);
      expect(await started.stop()).toBe(0);
      // Reopening the same folder keeps the admin and prints no new password.
      const again = await spawnServer({ DATA_DIR: dir, SEED_SAMPLES: 'false' });
      expect(again.out()).not.toContain('first admin');
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
