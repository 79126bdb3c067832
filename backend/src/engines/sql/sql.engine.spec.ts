import { describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import type { StatementResult } from 'src/datasources/external-db/connector.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';
import { toEngineOutput, toGatewayData } from 'src/engines/sql/sql-response.js';
import { EMPTY_IN_LIST } from 'src/engines/sql/template/filters.js';

const engine = new SqlEngine();
const pg = (content: string, params: Record<string, unknown> = {}, macros?: string[]) => engine.render(content, params, 'postgres', { macros });
const my = (content: string, params: Record<string, unknown> = {}) => engine.render(content, params, 'mysql', {});
const one = (content: string, params: Record<string, unknown> = {}) => {
  const s = pg(content, params);
  expect(s).toHaveLength(1);
  return { sql: s[0].sql, values: s[0].values };
};
/** Value bound by a single-filter template `SELECT {{ v | f }}`. */
const bound = (filter: string, v: unknown) => one(`SELECT {{ v | ${filter} }}`, { v }).values[0];
const catchErr = (fn: () => unknown): AppException => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppException);
    return err as AppException;
  }
  throw new Error('expected an AppException');
};

describe(SqlEngine.name, () => {
  describe('filters (pyDBAPI test_sql_filters.py, bound instead of escaped)', () => {
    it('should bind sql_string: None→NULL, text as is, quotes untouched', () => {
      expect(bound('sql_string', null)).toBeNull();
      expect(bound('sql_string', undefined)).toBeNull();
      expect(bound('sql_string', 'hello')).toBe('hello');
      expect(bound('sql_string', "a'b")).toBe("a'b");
      expect(bound('sql_string', 42)).toBe('42');
      expect(one("SELECT {{ v | sql_string }}", { v: "\\' OR 1=1 -- " })).toEqual({ sql: 'SELECT $1', values: ["\\' OR 1=1 -- "] });
    });

    it('should bind sql_int / sql_float like int()/float(), unparsable → NULL', () => {
      expect(bound('sql_int', null)).toBeNull();
      expect(bound('sql_int', 42)).toBe(42);
      expect(bound('sql_int', '99')).toBe(99);
      expect(bound('sql_int', 'x')).toBeNull();
      expect(bound('sql_int', 3.7)).toBe(3);
      expect(bound('sql_int', '12345678901234567890')).toBe('12345678901234567890');
      expect(bound('sql_float', null)).toBeNull();
      expect(bound('sql_float', 3.14)).toBe(3.14);
      expect(bound('sql_float', '2.5')).toBe(2.5);
      expect(bound('sql_float', 'nan')).toBeNull();
    });

    it('should bind sql_bool from booleans, numbers and words (pyDBAPI made "false" TRUE)', () => {
      expect(bound('sql_bool', null)).toBeNull();
      expect(bound('sql_bool', true)).toBe(true);
      expect(bound('sql_bool', 1)).toBe(true);
      expect(bound('sql_bool', false)).toBe(false);
      expect(bound('sql_bool', 0)).toBe(false);
      for (const w of ['false', 'FALSE', 'no', '0', 'off']) expect(bound('sql_bool', w)).toBe(false);
      for (const w of ['true', 'Yes', '1', 'on']) expect(bound('sql_bool', w)).toBe(true);
      const err = catchErr(() => pg('SELECT {{ flag | sql_bool }}', { flag: 'maybe' }));
      expect(err.code).toBe('SQL_FILTER_ERROR');
      expect(err.message).toContain("'flag'");
    });

    it('should bind sql_date as YYYY-MM-DD and refuse what is not a date', () => {
      expect(bound('sql_date', null)).toBeNull();
      expect(bound('sql_date', new Date(Date.UTC(2025, 0, 15)))).toBe('2025-01-15');
      expect(bound('sql_date', new Date(Date.UTC(2025, 0, 15, 12, 30)))).toBe('2025-01-15');
      expect(bound('sql_date', '2025-01-15')).toBe('2025-01-15');
      expect(bound('sql_date', '2025-01-15T12:00:00')).toBe('2025-01-15');
      expect(catchErr(() => pg('SELECT {{ d | sql_date }}', { d: '2024/01/01' })).code).toBe('SQL_FILTER_ERROR');
      expect(catchErr(() => pg('SELECT {{ d | sql_date }}', { d: '2024-02-30' })).code).toBe('SQL_FILTER_ERROR');
    });

    it('should validate sql_datetime (pyDBAPI passed any string through)', () => {
      expect(bound('sql_datetime', null)).toBeNull();
      expect(bound('sql_datetime', new Date(Date.UTC(2025, 0, 15, 12, 30)))).toBe('2025-01-15T12:30:00');
      expect(bound('sql_datetime', '2025-01-15 12:00:00')).toBe('2025-01-15 12:00:00');
      expect(bound('sql_datetime', '2025-01-15')).toBe('2025-01-15T00:00:00');
      const err = catchErr(() => pg('SELECT {{ at | sql_datetime }}', { at: "2025-01-15' OR '1'='1" }));
      expect(err.code).toBe('SQL_FILTER_ERROR');
      expect(err.details?.[0]).toMatchObject({ param: 'at', line: 1 });
    });

    it('should expand in_list to one placeholder per item and an always-false predicate when empty', () => {
      expect(one('WHERE id IN {{ ids | in_list }}', { ids: [1, 2, 3] })).toEqual({ sql: 'WHERE id IN ($1, $2, $3)', values: [1, 2, 3] });
      expect(one('WHERE id IN {{ ids | in_list }}', { ids: [1, 'a', null] }).values).toEqual([1, 'a', null]);
      expect(one('WHERE id IN {{ ids | in_list }}', { ids: ["o'brien"] }).values).toEqual(["o'brien"]);
      expect(one('WHERE id IN {{ ids | in_list }}', { ids: [] }).sql).toBe(`WHERE id IN ${EMPTY_IN_LIST}`);
      expect(one('WHERE id IN {{ ids | in_list }}', {}).sql).toBe(`WHERE id IN ${EMPTY_IN_LIST}`);
      expect(one('WHERE id IN {{ ids | in_list }}', { ids: null }).values).toEqual([]);
    });

    it('should split a comma string and parse a JSON array string (pyDBAPI iterated characters)', () => {
      expect(one('IN {{ ids | in_list }}', { ids: '1,2' })).toEqual({ sql: 'IN ($1, $2)', values: ['1', '2'] });
      expect(one('IN {{ ids | in_list }}', { ids: ' 1 , 2 ,, ' }).values).toEqual(['1', '2']);
      expect(one('IN {{ ids | in_list }}', { ids: '[1,2]' }).values).toEqual([1, 2]);
    });

    it('should escape LIKE wildcards in the bound value and add the ESCAPE clause', () => {
      expect(bound('sql_like', null)).toBeNull();
      expect(one('WHERE n LIKE {{ v | sql_like }}', { v: 'a%b' })).toEqual({ sql: "WHERE n LIKE $1 ESCAPE '!'", values: ['a!%b'] });
      expect(bound('sql_like', 'a_b')).toBe('a!_b');
      expect(bound('sql_like', "O'Brien")).toBe("O'Brien");
      expect(bound('sql_like', "'; DROP TABLE users; --")).toBe("'; DROP TABLE users; --");
      expect(bound('sql_like_start', 'ab')).toBe('ab%');
      expect(bound('sql_like_start', 'a%')).toBe('a!%%');
      expect(bound('sql_like_start', "O'Brien")).toBe("O'Brien%");
      expect(bound('sql_like_end', 'ab')).toBe('%ab');
      expect(bound('sql_like_end', "'; DROP TABLE users; --")).toBe("%'; DROP TABLE users; --");
      expect(my('WHERE n LIKE {{ v | sql_like_end }}', { v: 'x' })[0].sql).toBe("WHERE n LIKE ? ESCAPE '!'");
    });

    it('should bind json and parse fromjson', () => {
      expect(bound('json', null)).toBeNull();
      expect(bound('json', [1, 'a'])).toBe('[1,"a"]');
      expect(bound('json', { key: "it's" })).toBe('{"key":"it\'s"}');
      const t = '{% set f = v | fromjson %}SELECT {{ f.combinator }}';
      expect(one(t, { v: '{"combinator": ">", "values": "100"}' }).values).toEqual(['>']);
      expect(one(t, { v: { combinator: '<' } }).values).toEqual(['<']);
      expect(one(t, { v: 'not json' }).values).toEqual([null]);
      expect(one(t, { v: '' }).values).toEqual([null]);
      expect(one(t, {}).values).toEqual([null]);
    });

    it('should render compare with a whitelisted operator and bound numbers', () => {
      const c = (v: unknown) => one('WHERE p {{ v | compare }}', { v });
      expect(c(null)).toEqual({ sql: 'WHERE p', values: [] });
      const cases: [string, string, string, number][] = [['>', '100', '>', 100], ['>=', '50.5', '>=', 50.5], ['<', '1000', '<', 1000], ['<=', '999.99', '<=', 999.99], ['=', '42', '=', 42], ['!=', '0', '!=', 0]];
      for (const [op, val, sqlOp, num] of cases) expect(c(JSON.stringify({ combinator: op, values: val }))).toEqual({ sql: `WHERE p ${sqlOp} $1`, values: [num] });
      expect(c('{"combinator":"between","values":"100,500"}')).toEqual({ sql: 'WHERE p BETWEEN $1 AND $2', values: [100, 500] });
      expect(c('{"combinator":"between","values":"100 , 500"}').values).toEqual([100, 500]);
      expect(c({ combinator: '>', values: '1' }).values).toEqual([1]);
      expect(c('{"combinator":"<","value":"200"}')).toEqual({ sql: 'WHERE p < $1', values: [200] });
      for (const bad of ['{bad', '{"values":"1"}', '{"combinator":">"}', '{"combinator":"DROP TABLE","values":"1"}', '{"combinator":">","values":"abc"}', '{"combinator":"between","values":"1"}', '{"combinator":"between","values":"a,b"}']) {
        expect(c(bad)).toEqual({ sql: 'WHERE p', values: [] });
      }
    });

    it('should accept only strict identifiers in sql_ident and quote them per dialect', () => {
      expect(one('ORDER BY {{ c | sql_ident }}', { c: 'duration_ms' }).sql).toBe('ORDER BY "duration_ms"');
      expect(one('ORDER BY {{ c | sql_ident }}', { c: 'schema.table.col' }).sql).toBe('ORDER BY "schema"."table"."col"');
      expect(one('ORDER BY {{ c | sql_ident }}', { c: '_private' }).sql).toBe('ORDER BY "_private"');
      expect(one('ORDER BY {{ c | sql_ident }}', { c: 'createdAt' }).sql).toBe('ORDER BY "createdat"');
      expect(my('ORDER BY {{ c | sql_ident }}', { c: 'order' })[0].sql).toBe('ORDER BY `order`');
      expect(engine.render('ORDER BY {{ c | sql_ident }}', { c: 'a.b' }, 'trino')[0].sql).toBe('ORDER BY "a"."b"');
      expect(one('ORDER BY {{ c | sql_ident }}', { c: null }).sql).toBe('ORDER BY');
      expect(one('ORDER BY {{ c | sql_ident }}', { c: '' }).sql).toBe('ORDER BY');
      for (const bad of ['col; DROP TABLE', 'col--comment', '1col', 'col name', 'a..b', 'a.', 'a"b', 'a`b']) {
        expect(catchErr(() => pg('ORDER BY {{ c | sql_ident }}', { c: bad })).code).toBe('SQL_FILTER_ERROR');
      }
      expect(one("ORDER BY {{ c | sql_ident(['name', 'price']) }}", { c: 'price' }).sql).toBe('ORDER BY "price"');
      expect(catchErr(() => pg("ORDER BY {{ c | sql_ident(['name', 'price']) }}", { c: 'secret' })).message).toContain('not one of the allowed');
    });

    it('should bind plain {{ }} by type (pyDBAPI finalize cases)', () => {
      const v = (x: unknown) => one('SELECT {{ x }}', { x });
      expect(v(null)).toEqual({ sql: 'SELECT $1', values: [null] });
      expect(v(true).values).toEqual([true]);
      expect(v(42).values).toEqual([42]);
      expect(v(3.14).values).toEqual([3.14]);
      expect(v('hello').values).toEqual(['hello']);
      expect(v("'; DROP TABLE users; --").values).toEqual(["'; DROP TABLE users; --"]);
      expect(v([1, 2, 3])).toEqual({ sql: 'SELECT ($1, $2, $3)', values: [1, 2, 3] });
      expect(v({ key: 1 }).values).toEqual(['{"key":1}']);
      expect(v(new Date(Date.UTC(2025, 5, 1, 12))).values).toEqual(['2025-06-01T12:00:00']);
    });

    it('should refuse safe, escape, e and forceescape with the line', () => {
      for (const f of ['safe', 'escape', 'e', 'forceescape']) {
        const err = catchErr(() => pg(`SELECT 1\nWHERE a = {{ x | ${f} }}`, { x: "1 OR 1=1" }));
        expect(err.code).toBe('SQL_TEMPLATE_ERROR');
        expect(err.details?.[0]).toMatchObject({ line: 2 });
        expect(err.message).toContain(`'${f}'`);
      }
    });
  });

  describe('render (pyDBAPI test_sql_template_engine.py)', () => {
    it('should bind simple outputs and filters', () => {
      expect(one('SELECT {{ x }}', { x: 1 })).toEqual({ sql: 'SELECT $1', values: [1] });
      expect(one('WHERE id = {{ id | sql_int }}', { id: 5 })).toEqual({ sql: 'WHERE id = $1::int8', values: [5] });
      expect(my('WHERE id = {{ id | sql_int }}', { id: 5 })[0]).toMatchObject({ sql: 'WHERE id = ?', values: [5] });
      expect(engine.render('WHERE id = {{ id }}', { id: 5 }, 'trino')[0]).toEqual({ sql: 'WHERE id = ?', values: [5] });
    });

    it('should evaluate if blocks', () => {
      const t = 'SELECT 1{% if name %} WHERE name = {{ name }}{% endif %}';
      expect(one(t, { name: 'a' })).toEqual({ sql: 'SELECT 1 WHERE name = $1', values: ['a'] });
      expect(one(t, {})).toEqual({ sql: 'SELECT 1', values: [] });
    });

    it('should treat a list without filter like in_list', () => {
      expect(one('WHERE id IN {{ ids }}', { ids: [1, 2, 3] })).toEqual(one('WHERE id IN {{ ids | in_list }}', { ids: [1, 2, 3] }));
    });

    it('should keep the injection payload out of the SQL text', () => {
      const r = one('SELECT {{ name }}', { name: "'; DROP TABLE users; --" });
      expect(r.sql).toBe('SELECT $1');
      expect(r.values).toEqual(["'; DROP TABLE users; --"]);
    });

    it('should bind undefined optional parameters as NULL without crashing (pyDBAPI: 500 on sql_int)', () => {
      expect(one('SELECT {{ x }}, {{ x | sql_int }}, {{ x | sql_float }}, {{ x | sql_string }}', {})).toEqual({ sql: 'SELECT $1, $2::int8, $3::numeric, $4', values: [null, null, null, null] });
      expect(one('SELECT 1{% if x %} bad{% endif %}', {}).sql).toBe('SELECT 1');
      expect(one('LIMIT {{ limit | default(10) | sql_int }}', {}).values).toEqual([10]);
    });

    it('should cast typed filters on PostgreSQL only, where a parameter type cannot always be inferred', () => {
      expect(one('SELECT {{ a | sql_int }}, {{ b | sql_float }}, {{ c | sql_bool }}, {{ d | sql_date }}, {{ e | sql_datetime }}, {{ f | sql_datetime }}', { e: '2025-01-01 10:00', f: '2025-01-01T10:00:00+02:00' }).sql).toBe(
        'SELECT $1::int8, $2::numeric, $3::boolean, $4::date, $5::timestamp, $6::timestamptz',
      );
      expect(my('SELECT {{ a | sql_int }}, {{ c | sql_bool }}')[0].sql).toBe('SELECT ?, ?');
    });

    it('should bind numbers as numbers (pyDBAPI rendered 19 as 19.0)', () => {
      expect(one('SELECT {{ price }}', { price: 19 }).values).toEqual([19]);
    });

    it('should number placeholders per statement and drop empty statements', () => {
      const s = pg('SELECT {{ a }};\n;  ; INSERT INTO t VALUES ({{ b }}, {{ c }});');
      expect(s.map((x) => x.sql)).toEqual(['SELECT $1', 'INSERT INTO t VALUES ($1, $2)']);
      expect(s[0].name).toMatch(/^qg_[0-9a-f]{16}$/);
      expect(s[0].name).not.toBe(s[1].name);
      expect(pg('SELECT {{ a }}', { a: 1 })[0].name).toBe(pg('SELECT {{ a }}', { a: 2 })[0].name);
      expect(my('SELECT {{ a }}; SELECT {{ b }}')[1]).toEqual({ sql: 'SELECT ?', values: [null] });
    });

    it('should refuse a placeholder inside a quoted string or comment, naming the line', () => {
      for (const t of ["SELECT 1\nWHERE a = '{{ x }}'", 'SELECT 1\nWHERE a = 1 -- {{ x }}', 'SELECT 1\nWHERE /* {{ x }} */ a = 1', 'SELECT 1\nWHERE a = $$ {{ x }} $$', 'SELECT 1\nWHERE "{{ x }}" = 1']) {
        const err = catchErr(() => pg(t, { x: 1 }));
        expect(err.code).toBe('SQL_TEMPLATE_ERROR');
        expect(err.details?.[0]).toMatchObject({ line: 2 });
      }
      const err = catchErr(() => my("SELECT 1\n\nWHERE a = 'it\\'s {{ x }}'", { x: 1 }));
      expect(err.details?.[0]).toMatchObject({ line: 3 });
      expect(catchErr(() => my('SELECT 1 # {{ x }}', { x: 1 })).code).toBe('SQL_TEMPLATE_ERROR');
    });

    it('should refuse raw positional placeholders that would shift the numbering', () => {
      expect(catchErr(() => pg('SELECT $1, {{ x }}', { x: 1 })).code).toBe('SQL_TEMPLATE_ERROR');
      expect(catchErr(() => my('SELECT ?, {{ x }}', { x: 1 })).code).toBe('SQL_TEMPLATE_ERROR');
      expect(one("SELECT data ? 'k' FROM t WHERE id = {{ x }}", { x: 1 }).sql).toBe("SELECT data ? 'k' FROM t WHERE id = $1");
    });

    it('should report template syntax errors with line and column', () => {
      const err = catchErr(() => pg('SELECT 1\nWHERE a = {{ x | }}'));
      expect(err.code).toBe('SQL_TEMPLATE_ERROR');
      expect(err.details?.[0]).toMatchObject({ line: 2 });
      expect(err.details?.[0].column).toBeGreaterThan(0);
      expect(catchErr(() => pg('SELECT {{ x | no_such_filter }}')).message).toContain('unknown filter');
    });

    it('should keep expressions inside set blocks, includes, imports and macros bound', () => {
      expect(one('{% set s %}a = {{ v }}{% endset %}SELECT 1 WHERE {{ s }}', { v: "x' OR '1'='1" })).toEqual({ sql: 'SELECT 1 WHERE a = $1', values: ["x' OR '1'='1"] });
      const partials = { cond: 'a = {{ a }}', lib: '{% macro eq(col, v) %}{{ col | sql_ident }} = {{ v }}{% endmacro %}' };
      expect(engine.render("SELECT 1 WHERE {% include 'cond' %}", { a: 'q' }, 'postgres', { partials })[0]).toMatchObject({ sql: 'SELECT 1 WHERE a = $1', values: ['q'] });
      expect(engine.render("{% import 'lib' as l %}SELECT 1 WHERE {{ l.eq('name', n) }}", { n: 'q' }, 'postgres', { partials })[0]).toMatchObject({ sql: 'SELECT 1 WHERE "name" = $1', values: ['q'] });
      expect(engine.render("{% from 'lib' import eq %}SELECT 1 WHERE {{ eq('name', n) }}", { n: 'q' }, 'mysql', { partials })[0]).toMatchObject({ sql: 'SELECT 1 WHERE `name` = ?', values: ['q'] });
      expect(catchErr(() => engine.render("{% include 'nope' %}", {}, 'postgres', { partials })).code).toBe('SQL_TEMPLATE_ERROR');
      expect(catchErr(() => engine.render("{% include '__proto__' %}", {}, 'postgres', { partials })).code).toBe('SQL_TEMPLATE_ERROR');
    });

    it('should emit a block set as SQL (pyDBAPI quoted it as a string)', () => {
      expect(one('{% set s %}x{% endset %}SELECT {{ s }}')).toEqual({ sql: 'SELECT x', values: [] });
    });

    it('should refuse a SQL fragment turned into a plain string (it would carry placeholders as data)', () => {
      const t = '{% macro m(v) %}a = {{ v }}{% endmacro %}SELECT 1 WHERE {{ m(x) ~ " AND 1=1" }}';
      expect(catchErr(() => pg(t, { x: 1 })).code).toBe('SQL_TEMPLATE_ERROR');
      const t2 = '{% macro m(v) %}a = {{ v }}{% endmacro %}SELECT 1 WHERE {{ m(x) | replace("a", y) }}';
      expect(catchErr(() => pg(t2, { x: 1, y: "1=1 OR a" })).code).toBe('SQL_TEMPLATE_ERROR');
    });

    it('should keep placeholders intact through whitespace filters on macro output, and refuse text filters', () => {
      expect(one('{% macro m(v) %}  a = {{ v }}  {% endmacro %}SELECT 1 WHERE {{ m(x) | trim }}', { x: 'q' })).toEqual({ sql: 'SELECT 1 WHERE a = $1', values: ['q'] });
      expect(catchErr(() => pg('{% macro m(v) %}a = {{ v }}{% endmacro %}SELECT 1 WHERE {{ m(x) | upper }}', { x: 'q' })).code).toBe('SQL_TEMPLATE_ERROR');
    });
  });

  describe('where tag', () => {
    const w = (t: string, p: Record<string, unknown> = {}) => one(`SELECT * FROM t {% where ${t}`, p).sql;
    it('should strip the leading keyword and join conditions (pyDBAPI cases)', () => {
      expect(w('%}AND a = 1{% endwhere %}')).toBe('SELECT * FROM t WHERE a = 1');
      expect(w('operation="AND" %}AND a = 1 AND b = 2{% endwhere %}')).toBe('SELECT * FROM t WHERE a = 1 AND b = 2');
      expect(w('operation="OR" %}AND a = 1 AND b = 2{% endwhere %}')).toBe('SELECT * FROM t WHERE a = 1 OR b = 2');
      expect(w('operation="OR" %}AND a = 1{% endwhere %}')).toBe('SELECT * FROM t WHERE a = 1');
      expect(w('operation="OR" %}  {% endwhere %}')).toBe('SELECT * FROM t');
      expect(w('%}\n  {% if x %}AND x = {{ x }}{% endif %}\n  {% if y %}AND y = {{ y }}{% endif %}\n{% endwhere %}', { x: 1, y: 2 })).toBe('SELECT * FROM t WHERE x = $1 AND y = $2');
      const or = w('operation="OR" %}\n{% if x %}AND x = {{ x }}{% endif %}\n{% if y %}AND y = {{ y }}{% endif %}\n{% endwhere %}', { x: 1, y: 2 });
      expect(or).toBe('SELECT * FROM t WHERE x = $1 OR y = $2');
      expect(w('operation="bogus" %}OR a = 1 AND b = 2{% endwhere %}')).toBe('SELECT * FROM t WHERE a = 1 AND b = 2');
      expect(w('"OR" %}AND a = 1 AND b = 2{% endwhere %}')).toBe('SELECT * FROM t WHERE a = 1 OR b = 2');
      expect(w('operation=op %}AND a = 1 AND b = 2{% endwhere %}', { op: 'or' })).toBe('SELECT * FROM t WHERE a = 1 OR b = 2');
    });

    it('should never touch BETWEEN … AND, quoted text, parentheses or CASE (pyDBAPI rewrote them)', () => {
      expect(w('operation="OR" %}AND a BETWEEN 1 AND 2{% endwhere %}')).toBe('SELECT * FROM t WHERE a BETWEEN 1 AND 2');
      expect(w("operation=\"OR\" %}AND n = 'Tom AND Jerry' AND (x = 1 AND y = 2) AND CASE WHEN a AND b THEN 1 END = 1{% endwhere %}")).toBe(
        "SELECT * FROM t WHERE n = 'Tom AND Jerry' OR (x = 1 AND y = 2) OR CASE WHEN a AND b THEN 1 END = 1",
      );
      expect(w('operation="OR" %}AND n = {{ v }} AND m = 2{% endwhere %}', { v: 'Tom AND Jerry' })).toBe('SELECT * FROM t WHERE n = $1 OR m = $2'.replace(' = $2', ' = 2'));
      expect(w('operation="OR" %}AND brand = 1 AND ORDER_ID = 2{% endwhere %}')).toBe('SELECT * FROM t WHERE brand = 1 OR ORDER_ID = 2');
    });
  });

  describe('discover', () => {
    it('should list template variables (pyDBAPI parse_parameters cases)', () => {
      expect(engine.discover('{{ a }}')).toEqual(['a']);
      expect(engine.discover('{{ a }} and {{ b }}')).toEqual(['a', 'b']);
      expect(engine.discover('{{ a | sql_int }}')).toEqual(['a']);
      expect(engine.discover('{% if name %}x{% endif %}')).toEqual(['name']);
      expect(engine.discover('{% for x in items %}{{ x }}{% endfor %}')).toEqual(['items']);
      expect(engine.discover('{% set a = 1 %}{{ a }}{{ f.g }}{{ h | default(k) }}{{ loop }}')).toEqual(['f', 'h', 'k']);
      expect(engine.discover('{{ paginate(l) }}', { macros: ['{% macro paginate(n) %}{{ n }}{% endmacro %}'] })).toEqual(['l']);
      expect(engine.discover('{{ broken')).toEqual([]);
    });
  });

  describe('lint (pyDBAPI test_sql_safety.py cases)', () => {
    it('should not warn about unfiltered variables any more: every {{ }} is bound', () => {
      expect(engine.lint('SELECT 1')).toEqual([]);
      expect(engine.lint('SELECT {{ name | sql_string }}')).toEqual([]);
      expect(engine.lint('SELECT {{ name }}')).toEqual([]);
      expect(engine.lint('SELECT {{ a }}, {{ b | sql_int }}, {{ c }}')).toEqual([]);
      expect(engine.lint('WHERE id IN {{ ids | in_list }}')).toEqual([]);
      expect(engine.lint('{% if x %}SELECT 1{% endif %}')).toEqual([]);
      expect(engine.lint('SELECT {{ n | int }}')).toEqual([]);
    });

    it('should flag safe and unknown filters with their line', () => {
      expect(engine.lint('SELECT {{ name | safe }}')).toEqual([expect.objectContaining({ line: 1 })]);
      expect(engine.lint('SELECT 1,\n  {{ a | nope }}')).toEqual([expect.objectContaining({ line: 2, message: "unknown filter 'nope'" })]);
    });
  });

  describe('lint', () => {
    it('should report nothing for a clean template', () => {
      expect(engine.lint('')).toEqual([]);
      expect(engine.lint('SELECT * FROM t WHERE a = {{ a | sql_int }} AND b IN {{ b | in_list }}')).toEqual([]);
    });

    it('should report placeholders in quotes/comments, refused filters and syntax errors with line and column', () => {
      expect(engine.lint("SELECT 1\nWHERE a = '{{ x }}' AND b = {{ y }} /* {{ z }} */")).toEqual([
        expect.objectContaining({ line: 2, column: 12 }),
        expect.objectContaining({ line: 2, column: 40 }),
      ]);
      expect(engine.lint('SELECT {{ x | safe }}')).toEqual([expect.objectContaining({ line: 1, column: 15, message: expect.stringContaining("'safe'") })]);
      expect(engine.lint('SELECT\n{% if %}')[0]).toMatchObject({ line: 2 });
      expect(engine.lint("SELECT {{ a }}\n{% if b %}WHERE c = '{{ c }}'{% endif %}")).toEqual([expect.objectContaining({ line: 2, column: 22 })]);
    });
  });

  describe('macros option', () => {
    it('should prepend macro definitions in order and keep their expressions bound', () => {
      const macros = ['{% macro paginate(l, o) %}LIMIT {{ l | sql_int }} OFFSET {{ o | sql_int }}{% endmacro %}', '{% macro by(c) %}ORDER BY {{ c | sql_ident }}{% endmacro %}'];
      expect(pg('SELECT * FROM t {{ by(col) }} {{ paginate(10, off) }}', { col: 'name', off: '5' }, macros)[0]).toMatchObject({
        sql: 'SELECT * FROM t ORDER BY "name" LIMIT $1::int8 OFFSET $2::int8',
        values: [10, 5],
      });
    });

    it('should report errors in the content at content lines and in macros as macros', () => {
      const macros = ['{% macro a() %}1{% endmacro %}', '{% macro b() %}2{% endmacro %}'];
      expect(catchErr(() => pg("SELECT 1\nWHERE '{{ x }}'", {}, macros)).details?.[0]).toMatchObject({ source: '', line: 2 });
      expect(catchErr(() => pg('SELECT 1', {}, ['{% macro a() %}{{ x | safe }}{% endmacro %}'])).details?.[0]).toMatchObject({ source: 'macros', line: 1 });
    });
  });

  describe('split (pyDBAPI test_sql_executor.py splitter cases)', () => {
    const split = (sql: string) => engine.split(sql, 'postgres');
    it('should split on top-level semicolons only', () => {
      expect(split('SELECT 1')).toEqual(['SELECT 1']);
      expect(split('SELECT 1; SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
      expect(split('SELECT 1;')).toEqual(['SELECT 1']);
      expect(split('')).toEqual([]);
      expect(split('  ;  ;  ')).toEqual([]);
      expect(split("SELECT 'a;b'")).toHaveLength(1);
      expect(split('SELECT "a;b" FROM t')).toHaveLength(1);
      expect(split("SELECT 'it''s;here'")).toHaveLength(1);
      expect(split('SELECT $$a;b$$; SELECT $tag$ ; $$ ; $tag$')).toHaveLength(2);
      expect(split('SELECT 1 -- a;b\n')).toHaveLength(1);
      expect(split('SELECT /* a;b */ 1')).toHaveLength(1);
      expect(split('SELECT /* a /* nested; */ still; */ 1')).toHaveLength(1);
      expect(split("INSERT INTO t VALUES ('a;b'); SELECT * FROM t")).toEqual(["INSERT INTO t VALUES ('a;b')", 'SELECT * FROM t']);
      expect(split('-- only a comment;\n')).toEqual([]);
    });

    it('should follow MySQL quoting: backslash escapes, backticks, # comments', () => {
      const s = (sql: string) => engine.split(sql, 'mysql');
      expect(s("SELECT 'a\\';b'; SELECT 2")).toEqual(["SELECT 'a\\';b'", 'SELECT 2']);
      expect(s('SELECT "a\\";b"; SELECT 2')).toHaveLength(2);
      expect(s('SELECT `a;b` FROM t')).toHaveLength(1);
      expect(s('SELECT 1 # a;b\n')).toHaveLength(1);
      expect(s('SELECT 1--1; SELECT 2')).toHaveLength(2);
      // On PostgreSQL a backslash is an ordinary character in standard strings, but escapes in E'' strings.
      expect(engine.split("SELECT 'a\\'; SELECT 2", 'postgres')).toHaveLength(2);
      expect(engine.split("SELECT E'a\\';b'; SELECT 2", 'postgres')).toHaveLength(2);
    });
  });
});

describe('sql-response', () => {
  const rows = (r: Record<string, unknown>[], truncated = false): StatementResult => ({ kind: 'rows', columns: [], rows: r, truncated });
  it('should return the rows of a single SELECT, [count] for a single DML and one entry per statement otherwise', () => {
    expect(toGatewayData([rows([{ n: 1 }])])).toEqual({ data: [{ n: 1 }], truncated: false });
    expect(toGatewayData([{ kind: 'count', affectedRows: 3 }])).toEqual({ data: [3], truncated: false });
    expect(toGatewayData([rows([{ id: 1 }], true), rows([{ total: 42 }]), { kind: 'count', affectedRows: -1 }])).toEqual({
      data: [[{ id: 1 }], [{ total: 42 }], 0],
      truncated: true,
    });
    expect(toEngineOutput([rows([{ n: 1 }])])).toEqual([[{ n: 1 }]]);
    expect(toEngineOutput([rows([])])).toEqual([[]]);
  });
});
