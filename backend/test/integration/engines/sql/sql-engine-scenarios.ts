import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementResult } from 'src/datasources/external-db/connector.js';
import { SqlEngine, type SqlDialect } from 'src/engines/sql/sql.engine.js';
import { toEngineOutput, toGatewayData } from 'src/engines/sql/sql-response.js';
import type { RunOnly } from 'test/integration/engines/sql/sql-test-connectors.js';

/** What a per-dialect spec provides: a connector on a fresh database, a direct admin query, and teardown. */
export interface DialectHarness {
  dialect: SqlDialect;
  connector: RunOnly;
  /** Direct query outside the engine (own connection, autocommit). */
  admin(sql: string): Promise<Record<string, unknown>[]>;
  /** DDL + seed: items(id, name, price, qty, active, created, note), audit(id, msg). */
  setupSql: string[];
  teardown(): Promise<void>;
}

const ITEMS = [
  { id: 1, name: 'apple', price: 1.5, qty: 10, active: true, created: '2025-01-10', note: 'Tom AND Jerry' },
  { id: 2, name: 'apricot', price: 3, qty: 0, active: false, created: '2025-01-15', note: 'x' },
  { id: 3, name: "O'Brien", price: 12, qty: 5, active: true, created: '2025-02-01', note: '50% off' },
  { id: 4, name: 'banana', price: 7.25, qty: 7, active: false, created: '2025-03-01', note: 'a_b' },
  { id: 5, name: '50%_off', price: 100, qty: 1, active: true, created: '2025-03-02', note: null },
];
export const ITEM_ROWS = ITEMS;

/** The shared acceptance scenarios of the SQL engine against a real database. */
export function describeSqlEngineOn(name: string, harness: () => Promise<DialectHarness>): void {
  describe(`SqlEngine on ${name}`, () => {
    const engine = new SqlEngine();
    let h: DialectHarness;
    const run = async (content: string, params: Record<string, unknown> = {}, extra: { readOnly?: boolean; maxRows?: number; macros?: string[] } = {}) => {
      const out = await engine.execute({ content, params, dialect: h.dialect, connector: h.connector, readOnly: extra.readOnly ?? true, maxRows: extra.maxRows, macros: extra.macros });
      return out.results;
    };
    const ids = (r: StatementResult) => (r.kind === 'rows' ? r.rows.map((x) => Number(x.id)).sort((a, b) => a - b) : []);
    const selectIds = async (where: string, params: Record<string, unknown> = {}) => ids((await run(`SELECT id FROM items ${where}`, params))[0]);

    beforeAll(async () => {
      h = await harness();
      for (const s of h.setupSql) await h.admin(s);
    });
    afterAll(async () => {
      await h.teardown();
    });

    describe('pyDBAPI templates run unchanged', () => {
      const dataCount = `SELECT id, name FROM items
{% where %}
  {% if q %}AND name {{ like }} {{ q | sql_like_start }}{% endif %}
  {% if ids %}AND id IN {{ ids | in_list }}{% endif %}
{% endwhere %}
ORDER BY {{ sort_by | sql_ident }} LIMIT {{ limit | sql_int }} OFFSET {{ offset | sql_int }};
SELECT COUNT(*) AS total FROM items {% where %}{% if q %}AND name {{ like }} {{ q | sql_like_start }}{% endif %}{% endwhere %};`;

      it('should return data + count for the documented example (rows and counts as pyDBAPI)', async () => {
        const content = dataCount.replaceAll('{{ like }}', 'LIKE');
        const results = await run(content, { q: 'ap', ids: [1, 2, 3], sort_by: 'id', limit: 10, offset: 0 });
        expect(toEngineOutput(results)).toEqual([[{ id: 1, name: 'apple' }, { id: 2, name: 'apricot' }], [{ total: expect.anything() }]]);
        expect(Number((toEngineOutput(results)[1] as { total: unknown }[])[0].total)).toBe(2);
        const none = await run(content, { sort_by: 'id', limit: 2, offset: 1 });
        expect(toGatewayData(none).data).toEqual([[{ id: 2, name: 'apricot' }, { id: 3, name: "O'Brien" }], [{ total: expect.anything() }]]);
      });

      it('should return [[{n: 1}]] for a single SELECT and unwrap it for the gateway', async () => {
        const results = await run('SELECT 1 AS n');
        expect(toEngineOutput(results).length).toBe(1);
        expect(Number((toGatewayData(results).data[0] as { n: unknown }).n)).toBe(1);
      });

      it('should treat WITH as a query even when it returns nothing', async () => {
        const results = await run('WITH x AS (SELECT id FROM items WHERE id < 0) SELECT * FROM x');
        expect(toEngineOutput(results)).toEqual([[]]);
      });

      it('should render the §3.1 template cases to the same rows', async () => {
        expect(await selectIds('WHERE id = {{ id | sql_int }}', { id: '3' })).toEqual([3]);
        expect(await selectIds('WHERE 1 = 1{% if name %} AND name = {{ name }}{% endif %}', { name: "O'Brien" })).toEqual([3]);
        expect(await selectIds('WHERE 1 = 1{% if name %} AND name = {{ name }}{% endif %}', {})).toEqual([1, 2, 3, 4, 5]);
        expect(await selectIds('WHERE id IN {{ ids | in_list }}', { ids: [1, 2, 3] })).toEqual([1, 2, 3]);
        expect(await selectIds('WHERE id IN {{ ids }}', { ids: [4, 5] })).toEqual([4, 5]);
        expect(await selectIds('{% where %}AND qty > 1{% endwhere %}')).toEqual([1, 3, 4]);
        expect(await selectIds('{% where operation="AND" %}AND qty > 1 AND price > 5{% endwhere %}')).toEqual([3, 4]);
        expect(await selectIds('{% where operation="OR" %}AND qty = 0 AND price = 100{% endwhere %}')).toEqual([2, 5]);
        expect(await selectIds('{% where operation="OR" %}{% if x %}AND id = {{ x }}{% endif %}{% if y %}AND id = {{ y }}{% endif %}{% endwhere %}', { x: 1, y: 2 })).toEqual([1, 2]);
        expect(await selectIds('{% where operation="OR" %}{% endwhere %}')).toEqual([1, 2, 3, 4, 5]);
        expect(await selectIds('WHERE name = {{ name }}', { name: "'; DROP TABLE items; --" })).toEqual([]);
        expect(await selectIds('WHERE active = {{ flag }}', { flag: true })).toEqual([1, 3, 5]);
        expect(await selectIds('WHERE {{ n | sql_bool }} IS NULL AND note IS NULL', {})).toEqual([5]);
        expect(await selectIds('WHERE price {{ f | compare }}', { f: '{"combinator":">=","values":"12"}' })).toEqual([3, 5]);
        expect(await selectIds('WHERE price {{ f | compare }}', { f: { combinator: 'between', values: '1, 5' } })).toEqual([1, 2]);
        expect(await selectIds('WHERE created = {{ d | sql_date }}', { d: '2025-01-15T10:00:00' })).toEqual([2]);
        expect(await selectIds('WHERE created < {{ d | sql_datetime }}', { d: '2025-02-01 00:00:00' })).toEqual([1, 2]);
        expect(await selectIds('WHERE name LIKE {{ v | sql_like }}', { v: '50%_off' })).toEqual([5]);
        expect(await selectIds('WHERE note LIKE {{ v | sql_like_end }}', { v: '% off' })).toEqual([3]);
        expect(await selectIds('WHERE note LIKE {{ v | sql_like_end }}', { v: '%off' })).toEqual([]);
        expect(await selectIds('WHERE note LIKE {{ v | sql_like_end }}', { v: 'off' })).toEqual([3]);
        expect(await selectIds('WHERE note LIKE {{ v | sql_like_start }}', { v: 'a_' })).toEqual([4]);
        expect(await selectIds('ORDER BY {{ c | sql_ident }} LIMIT 1', { c: 'name' })).toHaveLength(1);
      });

      it('should apply published macros and keep their values bound', async () => {
        const macros = ['{% macro paginate(l, o) %}LIMIT {{ l | default(2) | sql_int }} OFFSET {{ o | default(0) | sql_int }}{% endmacro %}'];
        const r = await run('SELECT id FROM items ORDER BY id {{ paginate(limit, offset) }}', { offset: '1' }, { macros });
        expect(ids(r[0])).toEqual([2, 3]);
      });
    });

    describe('where pyDBAPI is wrong, ours does the right thing (§3.7)', () => {
      it('should keep BETWEEN … AND inside an OR where block', async () => {
        expect(await selectIds('{% where operation="OR" %}AND price BETWEEN {{ lo }} AND {{ hi }} AND id = 5{% endwhere %}', { lo: 2, hi: 8 })).toEqual([2, 4, 5]);
      });

      it('should not rewrite AND inside values or quoted text', async () => {
        expect(await selectIds("{% where operation=\"OR\" %}AND note = {{ n }} AND note = 'Tom AND Jerry'{% endwhere %}", { n: 'x' })).toEqual([1, 2]);
      });

      it('should read sql_bool("false") as false', async () => {
        expect(await selectIds('WHERE active = {{ f | sql_bool }}', { f: 'false' })).toEqual([2, 4]);
      });

      it('should split a comma string in in_list and match nothing for an empty list', async () => {
        expect(await selectIds('WHERE name IN {{ names | in_list }}', { names: 'apple,banana' })).toEqual([1, 4]);
        expect(await selectIds('WHERE id IN {{ ids | in_list }}', { ids: [] })).toEqual([]);
        expect(await selectIds('WHERE name IN {{ ids | in_list }}', {})).toEqual([]);
        expect(await selectIds('WHERE id = 1 OR id IN {{ ids | in_list }}', { ids: [] })).toEqual([1]);
        expect(await selectIds('WHERE NOT (id IN {{ ids | in_list }})', { ids: [] })).toEqual([1, 2, 3, 4, 5]);
      });

      it('should bind NULL for undefined optional parameters instead of failing', async () => {
        expect(await selectIds('WHERE id = {{ x | sql_int }} OR {{ x | sql_int }} IS NULL', {})).toEqual([1, 2, 3, 4, 5]);
      });

      it('should return rows for a SELECT after a comment', async () => {
        const r = await run('-- list items\nSELECT id FROM items WHERE id = {{ id }}', { id: 2 });
        expect(r[0]).toMatchObject({ kind: 'rows', rows: [{ id: 2 }] });
      });

      it('should return rows for EXPLAIN, SHOW and VALUES', async () => {
        const show = h.dialect === 'postgres' ? 'SHOW server_version' : "SHOW VARIABLES LIKE 'version'";
        const r = await run(`EXPLAIN SELECT * FROM items; ${show}; VALUES (1), (2)`);
        expect(r.map((x) => x.kind)).toEqual(['rows', 'rows', 'rows']);
        expect((r[2] as { rows: unknown[] }).rows).toHaveLength(2);
      });

      it('should commit an INSERT of a writing API and return RETURNING rows', async () => {
        const r = await run("INSERT INTO audit (id, msg) VALUES ({{ id }}, {{ msg }}) RETURNING id, msg; INSERT INTO audit (id, msg) VALUES ({{ id + 1 }}, 'two')", { id: 100, msg: "it's ok" }, { readOnly: false });
        expect(r[0]).toMatchObject({ kind: 'rows', rows: [{ id: 100, msg: "it's ok" }] });
        expect(r[1]).toEqual({ kind: 'count', affectedRows: 1 });
        expect(toGatewayData(r).data).toEqual([[{ id: 100, msg: "it's ok" }], 1]);
        const rows = await h.admin('SELECT id, msg FROM audit WHERE id IN (100, 101) ORDER BY id');
        expect(rows.map((x) => [Number(x.id), x.msg])).toEqual([[100, "it's ok"], [101, 'two']]);
      });

      it('should return the affected row count of a DML statement ([3])', async () => {
        const r = await run("INSERT INTO audit (id, msg) VALUES (110, {{ m }}), (111, {{ m }}), (112, {{ m }})", { m: 'x' }, { readOnly: false });
        expect(toGatewayData(r).data).toEqual([3]);
        expect(toEngineOutput(await run("UPDATE audit SET msg = 'y' WHERE id IN {{ ids | in_list }}", { ids: [110, 111, 999] }, { readOnly: false }))).toEqual([2]);
      });

      it('should roll back the first statement when the second fails', async () => {
        await expect(run("INSERT INTO audit (id, msg) VALUES ({{ id }}, 'first'); INSERT INTO no_such_table VALUES (1)", { id: 200 }, { readOnly: false })).rejects.toThrow();
        await expect(run("INSERT INTO audit (id, msg) VALUES ({{ id }}, 'first'); INSERT INTO audit (id, msg) VALUES ({{ id }}, 'dup')", { id: 201 }, { readOnly: false })).rejects.toThrow();
        expect(await h.admin('SELECT id FROM audit WHERE id IN (200, 201)')).toEqual([]);
      });

      it('should refuse writes in a read-only API', async () => {
        await expect(run("INSERT INTO audit (id, msg) VALUES ({{ id }}, 'ro')", { id: 300 })).rejects.toThrow();
        expect(await h.admin('SELECT id FROM audit WHERE id = 300')).toEqual([]);
      });

      it('should cap rows and mark the result truncated', async () => {
        const r = await run('SELECT id FROM items ORDER BY id', {}, { maxRows: 2 });
        expect(r[0]).toMatchObject({ kind: 'rows', truncated: true, rows: [{ id: 1 }, { id: 2 }] });
        expect(toGatewayData(r).truncated).toBe(true);
      });

      it('should quote reserved words given to sql_ident', async () => {
        const r = await run('SELECT {{ c | sql_ident }} FROM audit WHERE id = 100', { c: h.dialect === 'postgres' ? 'msg' : 'MSG' });
        expect(r[0]).toMatchObject({ kind: 'rows' });
        expect(Object.values((r[0] as { rows: Record<string, unknown>[] }).rows[0])).toEqual(["it's ok"]);
      });
    });
  });
}
