import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../../dist/backend/src/main.js', import.meta.url));

function run(env: Record<string, string>, untilOutput?: RegExp, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; out: string; kill: () => void }>((resolve, reject) => {
    if (!existsSync(MAIN)) return reject(new Error('backend/dist is missing: run `npm run build -w backend` first'));
    const child = spawn(process.execPath, ['--no-node-snapshot', MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; output:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (untilOutput?.test(out)) {
        clearTimeout(timer);
        resolve({ code: null, out, kill: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, kill: () => undefined });
    });
  });
}

describe('process start', () => {
  it('should exit at boot with a message naming each bad key', async () => {
    const res = await run({ PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: 'postgres://u@127.0.0.1:1/x' });
    expect(res.code).toBe(1);
    expect(res.out).toContain('PORT must be an integer');
    expect(res.out).toContain('LOG_LEVEL must be one of');
    expect(res.out).toContain('APP_SECRET is required when DATABASE_URL is set');
  });

  it('should start embedded with no configuration, print the admin password once and become ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-boot-'));
    try {
      const started = await run({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', SEED_SAMPLES: 'false' }, /listening on http:\/\/127\.0\.0\.1:(\d+)/);
      const port = started.out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/)![1];
      const password = started.out.match(/password: (\S+)/)![1];
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/admin/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@querygate.local', password }),
      });
      expect(login.status).toBe(200);
      expect(started.out).not.toMatch(/"password"/);
      started.kill();
      // Reopening the same folder keeps the admin and prints no new password.
      const again = await run({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', SEED_SAMPLES: 'false' }, /listening on/);
      expect(again.out).not.toContain('first admin');
      again.kill();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
