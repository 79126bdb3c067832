import nunjucks from 'nunjucks';
import { fragment } from 'src/engines/sql/template/filters.js';
import { SqlTemplateRenderer } from 'src/engines/sql/template/render.js';
import type { SqlDialect } from 'src/engines/sql/template/sql-scanner.js';
import { afterEach, describe, expect, it, vi } from 'vitest';

const DIALECTS: SqlDialect[] = ['postgres', 'mysql', 'trino'];

const STATIC_TEMPLATES = [
  'SELECT * FROM item WHERE id = {{ id }}',
  'SELECT {{ a }} AS a, {{ b }} AS b FROM t WHERE c = {{ c }}',
  'SELECT {{ a }};\nUPDATE t SET x = {{ b }} WHERE y = {{ a }};\n;\n  -- only a comment\n;SELECT 1',
  "SELECT 'it''s {a}' AS q, {{ a }} /* {{-not-}} */ -- tail ;\n, \"col;\" FROM t WHERE x = {{ b }} -- end",
  'SELECT * FROM t WHERE a = {{ id }} OR b = {{ id }} OR c = {{ id }}',
  'SELECT * FROM t ORDER BY id LIMIT {{ limit }} OFFSET {{ offset }}',
  'SELECT\n  {{- id -}}\n  FROM t',
  "SELECT $$ a;{b} $$, {{ a }}, E'\\'' AS e",
  'SELECT `c` FROM t WHERE a = {{ a }} # trailing\n',
  'SELECT {{ range }}, {{ cycler }}, {{ joiner }}',
  `SELECT ${Array.from({ length: 12 }, (_, i) => `{{ p${i} }}`).join(', ')}`,
  '{% raw %}SELECT {{ a }}{% endraw %} WHERE x = {{ a }}',
  'SELECT 1',
  '',
];

/** Templates the fast path accepts at compile time but whose text the scanner refuses in some dialects. */
const SCAN_ERRORS = [
  "SELECT '{{ a }}'",
  'SELECT 1\0, {{ a }}',
  'SELECT 1 -- {{ a }}',
  'SELECT ? , {{ a }}',
  'SELECT $1, {{ a }}',
  'SELECT /* {{ a }} */ 1',
  'SELECT "{{ a }}"',
];

const circular: Record<string, unknown> = {};
circular.self = circular;

const VALUES: [string, unknown][] = [
  ['int', 42],
  ['zero', 0],
  ['float', -1.5],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['bigint', 2n ** 70n],
  ['string', 'abc'],
  ['quotes', 'O\'Reilly "x" `y`'],
  ['backslash', 'back\\slash\\'],
  ['NUL', 'nul\0byte'],
  ['marker-like', '\0static:0\0'],
  ['empty string', ''],
  ['null', null],
  ['undefined', undefined],
  ['true', true],
  ['false', false],
  ['date', new Date(Date.UTC(2024, 1, 29, 12, 30, 5, 250))],
  ['invalid date', new Date('nope')],
  ['nested object', { a: { b: [1, 'two', null] } }],
  ['null-prototype object', Object.assign(Object.create(null) as object, { k: 1 })],
  ['Map', new Map([['a', 1]])],
  ['toJSON', { toJSON: () => 'custom' }],
  ['circular', circular],
  ['object with bigint', { n: 1n }],
  ['array', [1, 'two', null]],
  ['empty array', []],
  ['Set', new Set(['a', 'b'])],
  ['function', () => 1],
  ['fragment', fragment('1; DROP TABLE t')],
  ['symbol', Symbol('s')],
];

const fast = () => new SqlTemplateRenderer();
const slow = () => new SqlTemplateRenderer({ staticFastPath: false });

/** A render's outcome: the statements, or the error's code, message and details. */
function outcome(
  renderer: SqlTemplateRenderer,
  content: string,
  params: Record<string, unknown>,
  dialect: SqlDialect,
): unknown {
  try {
    return { statements: renderer.render(content, params, dialect) };
  } catch (err) {
    const e = err as { code?: string; message?: string; details?: unknown };
    return { error: { code: e.code, message: e.message, details: e.details } };
  }
}

function paramNames(content: string): string[] {
  return [...new Set([...content.matchAll(/\{\{-?\s*(\w+)\s*-?\}\}/g)].map((m) => m[1]))];
}

describe('SqlTemplateRenderer static fast path', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should give the same statements and errors as the full render for every template, dialect and value', () => {
    const f = fast();
    const s = slow();
    let cases = 0;
    for (const content of [...STATIC_TEMPLATES, ...SCAN_ERRORS]) {
      const names = paramNames(content);
      const paramSets: Record<string, unknown>[] = [{}];
      for (const [, value] of VALUES) paramSets.push(Object.fromEntries(names.map((n) => [n, value])));
      // Different values per parameter, and one parameter left out.
      paramSets.push(Object.fromEntries(names.map((n, i) => [n, VALUES[i % VALUES.length][1]])));
      paramSets.push(Object.fromEntries(names.slice(1).map((n, i) => [n, i])));
      for (const dialect of DIALECTS) {
        for (const params of paramSets) {
          expect(
            outcome(f, content, params, dialect),
            `${dialect}: ${content} with ${String(Object.keys(params))}`,
          ).toStrictEqual(outcome(s, content, params, dialect));
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it('should resolve names the way Nunjucks does (own enumerable params, then globals)', () => {
    const content = 'SELECT {{ id }}, {{ range }}';
    const inherited = Object.create({ id: 5, range: 6 }) as Record<string, unknown>;
    const hidden = Object.defineProperty({}, 'id', { value: 7, enumerable: false }) as Record<
      string,
      unknown
    >;
    const reparented = JSON.parse('{"__proto__": {"id": 8}, "range": 9}') as Record<string, unknown>;
    const throwing = Object.defineProperty({}, 'id', {
      get: () => {
        throw new Error('boom');
      },
      enumerable: true,
    }) as Record<string, unknown>;
    for (const params of [
      { range: 1 },
      { range: undefined },
      inherited,
      hidden,
      reparented,
      throwing,
      null as unknown as Record<string, unknown>,
    ]) {
      for (const dialect of DIALECTS)
        expect(outcome(fast(), content, params, dialect)).toStrictEqual(
          outcome(slow(), content, params, dialect),
        );
    }
  });

  it('should skip Nunjucks for a static template with plain values', () => {
    const render = vi.spyOn(nunjucks.Template.prototype, 'render');
    const r = fast();
    expect(
      r.render(
        'SELECT * FROM item WHERE id = {{ id }}; SELECT {{ id }}, {{ name }}',
        { id: 1, name: "a'b" },
        'postgres',
      ),
    ).toStrictEqual([
      {
        sql: 'SELECT * FROM item WHERE id = $1',
        values: [1],
        name: expect.stringMatching(/^qg_[0-9a-f]{16}$/),
      },
      { sql: 'SELECT $1, $2', values: [1, "a'b"], name: expect.stringMatching(/^qg_[0-9a-f]{16}$/) },
    ]);
    expect(r.render('SELECT {{ id }}', { id: 1 }, 'mysql')).toStrictEqual([{ sql: 'SELECT ?', values: [1] }]);
    expect(render).not.toHaveBeenCalled();
  });

  it('should fall back to the full render for lists, Sets, functions, fragments and globals', () => {
    const render = vi.spyOn(nunjucks.Template.prototype, 'render');
    const r = fast();
    for (const params of [
      { id: [1, 2] },
      { id: new Set([1]) },
      { id: () => 1 },
      { id: fragment('1') },
      { id: 'a\0b' },
    ]) {
      outcome(r, 'SELECT {{ id }}', params, 'postgres');
    }
    outcome(r, 'SELECT {{ range }}', {}, 'postgres');
    expect(render).toHaveBeenCalledTimes(6);
  });

  it.each([
    ['a filter', 'SELECT {{ id | sql_int }}', {}],
    ['a tag', 'SELECT {% if id %}{{ id }}{% endif %}', {}],
    ['a member lookup', 'SELECT {{ a.b }}', {}],
    ['a literal', 'SELECT {{ "x" }}', {}],
    ['an expression', 'SELECT {{ id + 1 }}', {}],
    ['a name on Object.prototype', 'SELECT {{ constructor }}', {}],
    ['a macros prefix', 'SELECT {{ id }}', { macros: ['{% macro m() %}1{% endmacro %}'] }],
  ])('should render a template with %s through Nunjucks', (_what, content, options) => {
    const render = vi.spyOn(nunjucks.Template.prototype, 'render');
    const params = { id: 3, a: { b: 4 }, constructor: 5 };
    const got = (() => {
      try {
        return fast().render(content, params, 'postgres', options);
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(render).toHaveBeenCalledTimes(1);
    render.mockRestore();
    const want = (() => {
      try {
        return slow().render(content, params, 'postgres', options);
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(got).toStrictEqual(want);
  });

  it('should keep the SQL_TEMPLATE_ERROR of a placeholder inside a quoted string', () => {
    const r = fast();
    for (let i = 0; i < 2; i++) {
      expect(() => r.render("SELECT '{{ a }}'", { a: 1 }, 'postgres')).toThrow(
        expect.objectContaining({
          code: 'SQL_TEMPLATE_ERROR',
          message:
            'Template error at line 1, column 9: a {{ }} placeholder is inside a quoted string; put it outside the quotes or comment',
        }),
      );
    }
  });

  it('should apply maxRenderedSize exactly as the full render', () => {
    for (let size = 20; size <= 140; size++) {
      const options = { maxRenderedSize: 100 };
      const content = `SELECT ${'x'.repeat(size)} = {{ a }}`;
      expect(outcome(new SqlTemplateRenderer(options), content, { a: 1 }, 'postgres')).toStrictEqual(
        outcome(
          new SqlTemplateRenderer({ ...options, staticFastPath: false }),
          content,
          { a: 1 },
          'postgres',
        ),
      );
    }
    expect(() =>
      new SqlTemplateRenderer({ maxRenderedSize: 10 }).render('SELECT 1 WHERE {{ a }}', { a: 1 }, 'postgres'),
    ).toThrow(
      expect.objectContaining({
        code: 'SQL_TEMPLATE_TOO_LARGE',
        message: 'Rendered SQL is larger than 10 characters',
      }),
    );
  });
});
