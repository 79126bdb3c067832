import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = process.env.E2E_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  name: string;
  host: string;
  port: number;
  user: string;
  drop: () => Promise<void>;
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database on the local PostgreSQL with a small `people` table, for the analyst's data source. */
export async function createPeopleDatabase(): Promise<ThrowawayDatabase> {
  const name = `qg_e2e_people_${randomBytes(5).toString('hex')}`;
  await run(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await run(
    url.toString(),
    `CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL, age int NOT NULL, city text NOT NULL);
     INSERT INTO people (name, age, city) VALUES ('An', 31, 'Hanoi'), ('Binh', 45, 'Hanoi'), ('Chi', 22, 'Hanoi'), ('Dung', 52, 'Hue');`,
  );
  return {
    name,
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    drop: () => run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
