import { createServer, type Server, type Socket } from 'node:net';
import type { DatasourceConnectionConfig, DatasourceOptions } from 'src/datasources/external-db/connector.js';
import type { TestDatabase } from 'test/support/databases.js';

let seq = 0;

/** A connection config for a throwaway test database. */
export function configFor(
  type: DatasourceConnectionConfig['type'],
  db: Pick<TestDatabase, 'host' | 'port' | 'name' | 'user' | 'password'>,
  overrides: Partial<Omit<DatasourceConnectionConfig, 'options'>> & { options?: DatasourceOptions } = {},
): DatasourceConnectionConfig {
  return {
    id: `ds-${type}-${++seq}`,
    type,
    host: db.host,
    port: db.port,
    database: db.name,
    username: db.user,
    password: db.password || null,
    poolMax: 4,
    revision: '1',
    ...overrides,
    options: { queueTimeoutMs: 5_000, ...overrides.options },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A TCP server that accepts connections and never answers: connecting to it times out. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last answer. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await sleep(100);
  }
}
