import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestApp } from 'test/support/test-app.js';

export interface ApiRow {
  id: string;
  moduleId: string;
  moduleName: string;
  path: string;
  method: string;
}

/**
 * Inserts a module and APIs straight into the app database (the APIs feature is built elsewhere; these
 * tests need only rows to link). `published` APIs get a version and a publication date.
 */
export async function insertApis(t: TestApp, specs: { path: string; method?: string; published?: boolean }[]): Promise<ApiRow[]> {
  const c = new pg.Client({ connectionString: t.db.url });
  await c.connect();
  try {
    const moduleName = `mod-${randomBytes(4).toString('hex')}`;
    const mod = await c.query<{ id: string }>('INSERT INTO api_module (name) VALUES ($1) RETURNING id', [moduleName]);
    const rows: ApiRow[] = [];
    for (const spec of specs) {
      const method = spec.method ?? 'GET';
      const api = await c.query<{ id: string }>(
        `INSERT INTO api (module_id, name, path, path_shape, method, engine, content) VALUES ($1, $2, $3, $3, $4, 'sql', 'SELECT 1') RETURNING id`,
        [mod.rows[0].id, `api ${spec.path}`, spec.path, method],
      );
      if (spec.published) {
        const v = await c.query<{ id: string }>(`INSERT INTO api_version (api_id, version, snapshot) VALUES ($1, 1, '{}') RETURNING id`, [api.rows[0].id]);
        await c.query('UPDATE api SET published_version_id = $1, published_at = now() WHERE id = $2', [v.rows[0].id, api.rows[0].id]);
      }
      rows.push({ id: api.rows[0].id, moduleId: mod.rows[0].id, moduleName, path: spec.path, method });
    }
    return rows;
  } finally {
    await c.end();
  }
}

/** One query against the app database. */
export async function appDbQuery<T extends pg.QueryResultRow = Record<string, unknown>>(t: TestApp, sql: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: t.db.url });
  await c.connect();
  try {
    return (await c.query<T>(sql, values)).rows;
  } finally {
    await c.end();
  }
}
