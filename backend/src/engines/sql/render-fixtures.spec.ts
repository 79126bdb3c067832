import { describe, expect, it } from 'vitest';
import { SqlEngine, type SqlDialect } from 'src/engines/sql/sql.engine.js';

/**
 * Reviewed fixtures: the rendered {sql, values} of a catalogue of templates per dialect, stored in
 * __snapshots__/render-fixtures.spec.ts.snap. A change in rendering shows up as a snapshot diff.
 */
const MACROS = [
  '{% macro paginate(limit, offset) %}LIMIT {{ limit | default(20) | sql_int }} OFFSET {{ offset | default(0) | sql_int }}{% endmacro %}',
  '{% macro order_by(col, dir) %}ORDER BY {{ col | sql_ident }}{% if dir == "desc" %} DESC{% endif %}{% endmacro %}',
];

const CATALOGUE: { name: string; content: string; params: Record<string, unknown> }[] = [
  {
    name: 'pyDBAPI data + count example',
    content: `SELECT id, name FROM items
{% where %}
  {% if q %}AND name ILIKE {{ q | sql_like_start }}{% endif %}
  {% if ids %}AND id IN {{ ids | in_list }}{% endif %}
{% endwhere %}
ORDER BY {{ sort_by | sql_ident }} LIMIT {{ limit | sql_int }} OFFSET {{ offset | sql_int }};
SELECT COUNT(*) AS total FROM items {% where %}{% if q %}AND name ILIKE {{ q | sql_like_start }}{% endif %}{% endwhere %};`,
    params: { q: "O'Br_%", ids: [1, 2, 3], sort_by: 'name', limit: '10', offset: 0 },
  },
  { name: 'plain values by type', content: 'SELECT {{ s }}, {{ i }}, {{ f }}, {{ b }}, {{ n }}, {{ missing }}, {{ obj }}', params: { s: "it's", i: 7, f: 1.5, b: false, n: null, obj: { a: [1] } } },
  { name: 'empty in_list', content: 'SELECT * FROM t WHERE id IN {{ ids | in_list }} OR flag', params: { ids: [] } },
  { name: 'comma string in_list', content: 'SELECT * FROM t WHERE code IN {{ codes | in_list }}', params: { codes: 'a, b,,c' } },
  { name: 'where OR with BETWEEN and quoted AND', content: "SELECT * FROM t {% where operation=\"OR\" %}AND price BETWEEN {{ lo }} AND {{ hi }} AND note = 'x AND y' AND name = {{ name }}{% endwhere %}", params: { lo: 1, hi: 9, name: 'Tom AND Jerry' } },
  { name: 'where empty', content: 'SELECT * FROM t {% where %}{% if x %}AND x = {{ x }}{% endif %}{% endwhere %}', params: {} },
  { name: 'compare filters', content: 'SELECT * FROM p WHERE price {{ price | compare }} AND qty {{ qty | compare }}', params: { price: '{"combinator":">=","values":"10.5"}', qty: { combinator: 'between', values: '1,5' } } },
  { name: 'like family', content: 'SELECT * FROM t WHERE a LIKE {{ v | sql_like }} OR b LIKE {{ v | sql_like_start }} OR c LIKE {{ v | sql_like_end }}', params: { v: '50%_off!' } },
  { name: 'dates and bools', content: 'SELECT * FROM e WHERE d = {{ d | sql_date }} AND at < {{ at | sql_datetime }} AND active = {{ active | sql_bool }}', params: { d: '2025-01-15T10:00:00', at: '2025-01-15 12:00:00', active: 'no' } },
  { name: 'json and fromjson', content: '{% set f = filter | fromjson %}INSERT INTO log (payload, kind) VALUES ({{ filter | json }}, {{ f.kind }})', params: { filter: '{"kind":"a","n":1}' } },
  { name: 'published macros', content: 'SELECT * FROM t {{ order_by(col, dir) }} {{ paginate(limit, offset) }}', params: { col: 'created_at', dir: 'desc', limit: 5 } },
  { name: 'template macro and set block', content: '{% macro eq(c, v) %}{{ c | sql_ident }} = {{ v }}{% endmacro %}{% set cond %}{{ eq("a", x) }} AND {{ eq("b", y) }}{% endset %}SELECT * FROM t WHERE {{ cond }}', params: { x: 1, y: 'two' } },
  { name: 'for loop of conditions', content: 'SELECT * FROM t WHERE TRUE{% for k, v in filters %} AND {{ k | sql_ident }} = {{ v }}{% endfor %}', params: { filters: { status: 'open', owner: "bob'; --" } } },
  { name: 'multi statement write', content: "INSERT INTO t (name) VALUES ({{ name }}) RETURNING id;\n-- audit\nUPDATE counters SET n = n + 1 WHERE k = {{ 'inserts' }};", params: { name: 'x' } },
  { name: 'comments and quotes are kept', content: "/* report */ SELECT 'a;b' AS s, {{ v }} AS v -- trailing; comment\n", params: { v: 1 } },
];

const DIALECTS: SqlDialect[] = ['postgres', 'mysql', 'trino'];

describe('SqlEngine render fixtures', () => {
  const engine = new SqlEngine();
  for (const fixture of CATALOGUE) {
    it(`should render "${fixture.name}"`, () => {
      const out = Object.fromEntries(DIALECTS.map((d) => [d, engine.render(fixture.content, fixture.params, d, { macros: MACROS })]));
      expect(out.postgres.length).toBeGreaterThan(0);
      expect(out).toMatchSnapshot();
    });
  }
});
