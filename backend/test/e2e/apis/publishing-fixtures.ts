import mysql from 'mysql2/promise';
import pg from 'pg';
import type { TestDatabase } from 'test/support/databases.js';
import type { TestApp } from 'test/support/test-app.js';

/** Runs SQL on the app database of a test app (fixtures the management API does not cover). */
export async function appQuery<T = Record<string, unknown>>(t: TestApp, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A data-source row pointing at a throwaway external database (no password: local trust / empty root). */
export async function insertDatasource(t: TestApp, type: 'postgres' | 'mysql', database: TestDatabase, options: { isActive?: boolean; name?: string } = {}): Promise<string> {
  const u = new URL(database.url);
  const rows = await appQuery<{ id: string }>(
    t,
    `INSERT INTO datasource (name, type, host, port, database, username, is_active) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [options.name ?? `${type}-${database.name}`, type, u.hostname, Number(u.port), database.name, decodeURIComponent(u.username), options.isActive ?? true],
  );
  return rows[0].id;
}

export async function seedPg(database: TestDatabase, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function seedMysql(database: TestDatabase, statements: string[]): Promise<void> {
  const conn = await mysql.createConnection(database.url);
  try {
    for (const s of statements) await conn.query(s);
  } finally {
    await conn.end();
  }
}

export async function createModule(t: TestApp, token: string, name = `mod-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  const res = await t.request('POST', '/admin/v1/api-modules', { token, body: { name } });
  if (res.status !== 201) throw new Error(`module: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function createApi(t: TestApp, token: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await t.request('POST', '/admin/v1/apis', { token, body });
  if (res.status !== 201) throw new Error(`api: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Commits the draft as a version and publishes it; returns the version id. */
export async function commitAndPublish(t: TestApp, token: string, apiId: string, message = 'release'): Promise<string> {
  const v = await t.request('POST', `/admin/v1/apis/${apiId}/versions`, { token, body: { message } });
  if (v.status !== 201) throw new Error(`version: ${v.status} ${JSON.stringify(v.body)}`);
  const p = await t.request('POST', `/admin/v1/apis/${apiId}/publish`, { token, body: { versionId: v.body.id } });
  if (p.status !== 200) throw new Error(`publish: ${p.status} ${JSON.stringify(p.body)}`);
  return v.body.id;
}
