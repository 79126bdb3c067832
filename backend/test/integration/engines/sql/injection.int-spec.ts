import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import type { StatementResult } from 'src/datasources/external-db/connector.js';
import { SqlEngine, type SqlDialect } from 'src/engines/sql/sql.engine.js';
import { createMysqlDatabase, createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { HOSTILE_VALUES } from 'test/integration/engines/sql/hostile-values.js';
import { mysqlConnector, pgConnector, type RunOnly } from 'test/integration/engines/sql/sql-test-connectors.js';

/**
 * Injection suite: every hostile value goes through plain {{ }} and every value filter on a real
 * database, with writes allowed (not read-only), and must return exactly the rows whose column equals
 * (or, for the LIKE filters, starts/ends with) the literal value. The tables must not change.
 */
const BATCH = `SELECT id FROM victims WHERE v = {{ x }};
SELECT id FROM victims WHERE v = {{ x | sql_string }};
SELECT id FROM victims WHERE v LIKE {{ x | sql_like }};
SELECT id FROM victims WHERE v LIKE {{ x | sql_like_start }};
SELECT id FROM victims WHERE v LIKE {{ x | sql_like_end }};
SELECT id FROM victims WHERE v IN {{ arr | in_list }};
SELECT id FROM victims WHERE v IN {{ arr }};
SELECT id FROM victims WHERE v = {{ x | json }};
SELECT id FROM victims WHERE id = {{ x | sql_int }};
SELECT id FROM victims WHERE id = {{ x | sql_float }}{% if split %};
SELECT id FROM victims WHERE v IN {{ x | in_list }}{% endif %}`;

interface Harness {
  dialect: SqlDialect;
  db: TestDatabase;
  connector: RunOnly;
  admin(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const intOf = (s: string): number | null => (/^[+-]?\d+$/.test(s.trim()) && Number.isSafeInteger(Number(s.trim())) ? Number(s.trim()) : null);
const floatOf = (s: string): number | null => {
  const t = s.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && Number.isFinite(Number(t)) ? Number(t) : null;
};

function describeInjection(name: string, make: () => Promise<Harness>, seedFilter: (v: string) => boolean): void {
  describe(`SQL injection suite on ${name}`, () => {
    const engine = new SqlEngine();
    let h: Harness;
    let seeded: { id: number; v: string }[] = [];
    const fingerprint = async () => {
      const md5 = h.dialect === 'postgres'
        ? "SELECT count(*)::int AS n, md5(string_agg(id || ':' || md5(v), ',' ORDER BY id)) AS h, (SELECT count(*)::int FROM canary) AS c, (SELECT count(*)::int FROM information_schema.tables WHERE table_schema = 'public') AS t FROM victims"
        : `SELECT COUNT(*) AS n, MD5(GROUP_CONCAT(CONCAT(id, ':', MD5(v)) ORDER BY id SEPARATOR ',')) AS h, (SELECT COUNT(*) FROM canary) AS c, (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '${h.db.name}') AS t FROM victims`;
      return (await h.admin(md5))[0];
    };
    let before: Record<string, unknown>;

    beforeAll(async () => {
      h = await make();
      seeded = HOSTILE_VALUES.filter(seedFilter).map((v, i) => ({ id: i + 1, v }));
      for (const row of seeded) {
        await h.admin(h.dialect === 'postgres' ? 'INSERT INTO victims (id, v) VALUES ($1, $2)' : 'INSERT INTO victims (id, v) VALUES (?, ?)', [row.id, row.v]);
      }
      before = await fingerprint();
    });
    afterAll(async () => {
      await h.close();
    });

    it('should use at least 200 hostile values', () => {
      expect(HOSTILE_VALUES.length).toBeGreaterThanOrEqual(200);
      expect(Number(before.n)).toBe(seeded.length);
    });

    it('should return exactly the matching rows through {{ }} and every value filter, for every hostile value', async () => {
      const failures: string[] = [];
      const idsWhere = (pred: (v: string, id: number) => boolean) => seeded.filter((r) => pred(r.v, r.id)).map((r) => r.id);
      for (const x of HOSTILE_VALUES) {
        const split = !x.trim().startsWith('[');
        const parts = x.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
        const expected = [
          idsWhere((v) => v === x),
          idsWhere((v) => v === x),
          idsWhere((v) => v === x),
          idsWhere((v) => v.startsWith(x)),
          idsWhere((v) => v.endsWith(x)),
          idsWhere((v) => v === x),
          idsWhere((v) => v === x),
          idsWhere((v) => v === JSON.stringify(x)),
          idsWhere((_v, id) => id === intOf(x)),
          idsWhere((_v, id) => id === floatOf(x)),
          ...(split ? [idsWhere((v) => parts.includes(v))] : []),
        ];
        const label = JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…(${x.length})` : x);
        let results: StatementResult[];
        try {
          results = (await engine.execute({ content: BATCH, params: { x, arr: [x], split }, dialect: h.dialect, connector: h.connector, readOnly: false })).results;
        } catch (err) {
          if (h.dialect === 'postgres' && x.includes('\0')) {
            // PostgreSQL refuses NUL in text: a clear driver error, nothing executed.
            if (!(err instanceof AppException) || err.code !== 'QUERY_FAILED' || !/0x00|invalid byte sequence|null character/i.test(`${err.message} ${JSON.stringify(err.details ?? '')} ${String((err as { cause?: unknown }).cause ?? '')}`)) {
              failures.push(`${label}: unexpected error for NUL ${String(err)} ${(err as AppException).code}`);
            }
            continue;
          }
          failures.push(`${label}: ${String(err)}`);
          continue;
        }
        if (h.dialect === 'postgres' && x.includes('\0')) failures.push(`${label}: PostgreSQL accepted a NUL byte`);
        const got = results.map((r) => (r.kind === 'rows' ? r.rows.map((row) => Number(row.id)).sort((a, b) => a - b) : ['count']));
        if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`${label}: got ${JSON.stringify(got)} expected ${JSON.stringify(expected)}`);
      }
      expect(failures).toEqual([]);
    });

    it('should refuse or strictly contain hostile values in validating filters (bool, date, datetime, ident, compare, in_list JSON)', () => {
      const failures: string[] = [];
      const identSql = h.dialect === 'mysql' ? /^SELECT `[A-Za-z_][A-Za-z0-9_]*`(\.`[A-Za-z_][A-Za-z0-9_]*`)*$/ : /^SELECT "[a-z_][a-z0-9_]*"(\."[a-z_][a-z0-9_]*")*$/;
      const compareSql = /^SELECT id FROM victims WHERE id( (>|>=|<|<=|=|!=) (\$1|\?)| BETWEEN (\$1|\?) AND (\$2|\?))?$/;
      const render = (content: string, params: Record<string, unknown>) => engine.render(content, params, h.dialect);
      const refusedOr = (label: string, fn: () => void) => {
        try {
          fn();
        } catch (err) {
          if (!(err instanceof AppException) || err.code !== 'SQL_FILTER_ERROR') failures.push(`${label}: ${String(err)}`);
        }
      };
      for (const x of HOSTILE_VALUES) {
        const label = JSON.stringify(x.slice(0, 40));
        for (const f of ['sql_bool', 'sql_date', 'sql_datetime']) {
          refusedOr(`${f} ${label}`, () => {
            const [st] = render(`SELECT {{ x | ${f} }}`, { x });
            if (!/^SELECT (\$1(::\w+)?|\?)$/.test(st.sql)) failures.push(`${f} ${label}: ${st.sql.slice(0, 80)}`);
          });
        }
        refusedOr(`sql_ident ${label}`, () => {
          const s = render('SELECT {{ x | sql_ident }}', { x });
          // Blank input renders nothing, as in pyDBAPI.
          const blankOk = x.trim() === '' && s[0]?.sql === 'SELECT';
          if (!blankOk && !identSql.test(s[0]?.sql ?? '')) failures.push(`sql_ident ${label}: ${s[0].sql.slice(0, 80)}`);
        });
        for (const spec of [x, { combinator: x, values: '1' }, { combinator: '>', values: x }, { combinator: 'between', values: `1,${x}` }]) {
          const [st] = render('SELECT id FROM victims WHERE id {{ f | compare }}', { f: spec });
          if (!compareSql.test(st.sql)) failures.push(`compare ${label}: ${st.sql.slice(0, 80)}`);
        }
        refusedOr(`in_list ${label}`, () => {
          const [st] = render('SELECT id FROM victims WHERE v IN {{ x | in_list }}', { x });
          if (!/^SELECT id FROM victims WHERE v IN (\((\$\d+|\?)(, (\$\d+|\?))*\)|\(NULL\) AND 1 = 0)$/.test(st.sql)) failures.push(`in_list ${label}: ${st.sql.slice(0, 80)}`);
        });
      }
      expect(failures).toEqual([]);
    });

    it('should leave every table unchanged', async () => {
      expect(await fingerprint()).toEqual(before);
      expect(Number(before.c)).toBe(1);
    });
  });
}

describeInjection(
  'PostgreSQL',
  async () => {
    const db = await createPgDatabase('qg_inj_pg');
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('CREATE TABLE victims (id int PRIMARY KEY, v text NOT NULL); CREATE TABLE canary (id int); INSERT INTO canary VALUES (1)');
    const connector = pgConnector(db);
    return {
      dialect: 'postgres',
      db,
      connector,
      admin: async (sql, values) => (await admin.query(sql, values)).rows,
      close: async () => {
        await connector.close();
        await admin.end();
        await db.drop();
      },
    };
  },
  (v) => !v.includes('\0'),
);

describeInjection(
  'MariaDB',
  async () => {
    const db = await createMysqlDatabase('qg_inj_my');
    const admin = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.name, multipleStatements: false });
    // NO PAD binary collation: `=` compares exactly (no trailing-space or case folding).
    await admin.query('CREATE TABLE victims (id int PRIMARY KEY, v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL)');
    await admin.query('CREATE TABLE canary (id int)');
    await admin.query('INSERT INTO canary VALUES (1)');
    const connector = mysqlConnector(db);
    return {
      dialect: 'mysql',
      db,
      connector,
      admin: async (sql, values) => (await admin.query(sql, values))[0] as Record<string, unknown>[],
      close: async () => {
        await connector.close();
        await admin.end();
        await db.drop();
      },
    };
  },
  () => true,
);
