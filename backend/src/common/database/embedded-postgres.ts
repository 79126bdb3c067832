import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL in WASM) persisted in `dataDir` and serves it on loopback so the normal
 * `pg`/TypeORM driver reaches it. Its multiplexer blocks other connections during a transaction,
 * so clients must use a pool of size 1.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port });
  await server.start();
  const conn = server.getServerConn();
  const actualPort = Number(conn.split(':').pop());
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    port: actualPort,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
