import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from 'test/support/spawn-server.js';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

/** The quick-start commands exactly as the README shows them, minus the `export` lines that hold placeholders. */
function quickstartCommands(): string {
  const block = README.split('<!-- quickstart:begin -->')[1]?.split('<!-- quickstart:end -->')[0] ?? '';
  const code = block.replace(/^[\s\S]*?```bash\n/, '').replace(/```[\s\S]*$/, '');
  return code
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('export '))
    .join('\n');
}

describe('README quick start on a fresh embedded start', () => {
  let server: SpawnedServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qg-quickstart-'));
    server = await spawnServer({ DATA_DIR: dir });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should print the sample client once and answer the README commands with rows', () => {
    const out = server.out();
    const clientId = out.match(/client_id: +(\S+)/)?.[1];
    const clientSecret = out.match(/client_secret: +(\S+)/)?.[1];
    expect(clientId).toMatch(/^qg_/);
    expect(clientSecret).toBeTruthy();
    const commands = quickstartCommands();
    expect(commands).toContain('/token');
    const stdout = execFileSync('bash', ['-euo', 'pipefail', '-c', commands], {
      env: { PATH: process.env.PATH, QG: `http://127.0.0.1:${server.port}`, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret },
      encoding: 'utf8',
    });
    const [orders, summary] = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(orders).toMatchObject({ success: true, message: null, limit: 3, offset: 0 });
    expect(orders.data).toHaveLength(3);
    expect(orders.total).toBeGreaterThan(3);
    for (const row of orders.data) expect(['paid', 'shipped']).toContain(row.status);
    expect(summary).toMatchObject({ success: true, data: [{ id: 1 }] });
    expect(summary.data[0].orders).toBeGreaterThanOrEqual(0);
  });

  it('should keep the samples on a restart without printing the secret again', async () => {
    await server.stop();
    server = await spawnServer({ DATA_DIR: dir });
    expect(server.out()).not.toContain('client_secret');
    const res = await fetch(`http://127.0.0.1:${server.port}/api/samples/orders`);
    expect(res.status).toBe(401);
  });
});
