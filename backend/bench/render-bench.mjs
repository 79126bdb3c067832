// Cached render throughput of the SQL engine next to plain Nunjucks, on a realistic template.
// Run after `npm run build -w backend`:  node backend/bench/render-bench.mjs [seconds-per-case]
import { createRequire } from 'node:module';
import { SqlEngine } from '../dist/backend/src/engines/sql/sql.engine.js';

const require = createRequire(import.meta.url);
const nunjucks = require('nunjucks');
const seconds = Number(process.argv[2] ?? 3);

// pyDBAPI's documented data + count template plus a published macro, with typical parameters.
const MACROS = ['{% macro paginate(limit, offset) %}LIMIT {{ limit | default(20) | sql_int }} OFFSET {{ offset | default(0) | sql_int }}{% endmacro %}'];
const TEMPLATE = `SELECT id, name, price, created_at FROM items
{% where %}
  {% if q %}AND name ILIKE {{ q | sql_like_start }}{% endif %}
  {% if ids %}AND id IN {{ ids | in_list }}{% endif %}
  {% if min_price %}AND price >= {{ min_price | sql_float }}{% endif %}
  {% if since %}AND created_at >= {{ since | sql_datetime }}{% endif %}
  {% if active is defined %}AND active = {{ active | sql_bool }}{% endif %}
{% endwhere %}
ORDER BY {{ sort_by | sql_ident }} {{ paginate(limit, offset) }};
SELECT COUNT(*) AS total FROM items {% where %}{% if q %}AND name ILIKE {{ q | sql_like_start }}{% endif %}{% endwhere %};`;
const PARAMS = { q: "O'Br", ids: [1, 2, 3, 4, 5], min_price: '9.5', since: '2025-01-01 00:00:00', active: 'true', sort_by: 'name', limit: 50, offset: 100 };

// Plain Nunjucks baseline: the same template with pyDBAPI-style escaping filters (text output, no binding).
const quote = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
const plain = new nunjucks.Environment(null, { autoescape: false });
class PlainWhere {
  tags = ['where'];
  parse(parser, nodes) {
    const tok = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(tok.value);
    const body = parser.parseUntilBlocks('endwhere');
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, 'run', args, [body]);
  }
  run(_ctx, ...rest) {
    const text = rest.pop()().trim().replace(/^(AND|OR)\s+/i, '');
    return new nunjucks.runtime.SafeString(text ? `WHERE ${text}` : '');
  }
}
plain.addExtension('where', new PlainWhere());
plain.addFilter('sql_like_start', (v) => quote(`${String(v).replace(/[\\%_]/g, '\\$&')}%`));
plain.addFilter('in_list', (v) => `(${v.map((x) => (typeof x === 'number' ? x : quote(x))).join(', ')})`);
plain.addFilter('sql_float', (v) => String(Number(v)));
plain.addFilter('sql_int', (v) => String(Math.trunc(Number(v))));
plain.addFilter('sql_datetime', quote);
plain.addFilter('sql_bool', (v) => (String(v).toLowerCase() === 'true' ? 'TRUE' : 'FALSE'));
plain.addFilter('sql_ident', (v) => String(v));
const plainTemplate = nunjucks.compile(MACROS.join('\n') + '\n' + TEMPLATE, plain);

const engine = new SqlEngine();
// Rate per CPU-second of this process (user + system), which is steadier than wall time on a busy host.
function rate(fn, ms) {
  let n = 0;
  const end = performance.now() + ms;
  const cpu0 = process.cpuUsage();
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) fn();
    n += 200;
  }
  const cpu = process.cpuUsage(cpu0);
  return n / ((cpu.user + cpu.system) / 1e6);
}

// The host is shared: interleave the cases over several rounds and keep each case's best round.
const cases = [
  ['plain Nunjucks (text, escaping filters)', () => plainTemplate.render(PARAMS)],
  ['SqlEngine.render postgres (cached)', () => engine.render(TEMPLATE, PARAMS, 'postgres', { macros: MACROS })],
  ['SqlEngine.render mysql (cached)', () => engine.render(TEMPLATE, PARAMS, 'mysql', { macros: MACROS })],
];
const sample = engine.render(TEMPLATE, PARAMS, 'postgres', { macros: MACROS });
console.log(`node ${process.version}; ${sample.length} statements, ${sample.reduce((a, s) => a + s.values.length, 0)} bound values per render`);
for (const [, fn] of cases) for (let i = 0; i < 5000; i++) fn(); // warm-up (fills the compile cache)
const rounds = 6;
const best = cases.map(() => 0);
for (let r = 0; r < rounds; r++) cases.forEach(([, fn], i) => (best[i] = Math.max(best[i], rate(fn, (seconds * 1000) / rounds))));
cases.forEach(([label], i) => console.log(`${label.padEnd(44)} ${Math.round(best[i]).toLocaleString('en-US').padStart(10)} renders per CPU-second  (${(1e6 / best[i]).toFixed(1)} µs/render)`));
console.log(`ratio postgres/plain ${(best[1] / best[0]).toFixed(2)}, mysql/plain ${(best[2] / best[0]).toFixed(2)}`);
