import nunjucks from 'nunjucks';
import { sqlError } from 'src/engines/sql/sql.errors.js';
import { activeState, bind, parseMeta, type RenderState } from 'src/engines/sql/template/render-state.js';
import type { SqlDialect } from 'src/engines/sql/template/sql-scanner.js';

/**
 * pyDBAPI's SQL filters with binding semantics: each one returns a SQL fragment (a Nunjucks SafeString)
 * whose values are bound placeholders, never text. The AST transform appends a position meta literal as
 * the last argument of every call, so errors can name the parameter and the template line.
 */
interface SafeStringCtor {
  new (val: string): { val: string; length: number; toString(): string };
}
const { SafeString } = (nunjucks as unknown as { runtime: { SafeString: SafeStringCtor } }).runtime;
type Fragment = InstanceType<SafeStringCtor>;

export const fragment = (sql: string): Fragment => new SafeString(sql);
export const isFragment = (v: unknown): v is Fragment => v instanceof SafeString;

/** Rendered by `in_list` for an empty list: valid after `IN` in every dialect, and false (`x IN (NULL)` is NULL, `NULL AND 1 = 0` is false). */
export const EMPTY_IN_LIST = '(NULL) AND 1 = 0';
/** Escape character of the `sql_like*` filters: neutral in every dialect (no backslash-in-literal ambiguity). */
export const LIKE_ESCAPE = '!';
const LIKE_ESCAPE_SQL = ` ESCAPE '${LIKE_ESCAPE}'`;
const COMPARE_OPERATORS = new Set(['>', '>=', '<', '<=', '=', '!=']);
const IDENT_PART = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function filterFailure(state: RenderState, meta: string, message: string): never {
  const pos = parseMeta(meta);
  const who = pos.param ? `Parameter '${pos.param}'` : 'Filter input';
  const err = sqlError('SQL_FILTER_ERROR', `${who}: ${message}`, [
    { field: pos.param ?? undefined, param: pos.param, line: pos.line, column: pos.column, source: pos.source, message },
  ]);
  state.error ??= err;
  throw err;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** JS Date → `YYYY-MM-DDTHH:MM:SS[.mmm]` in UTC (pyDBAPI's isoformat without offset). */
export function isoDateTime(d: Date): string {
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

/** How a plain `{{ value }}` (and list items) travel to the driver. */
export function toBindValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === 'number' && !Number.isFinite(value) ? null : value;
    case 'bigint':
      return value.toString();
    case 'object':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoDateTime(value);
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

function boundList(state: RenderState, items: unknown[], meta: string): Fragment {
  if (items.length === 0) return fragment(EMPTY_IN_LIST);
  return fragment(`(${items.map((item) => bind(state, toBindValue(item), meta)).join(', ')})`);
}

function toList(state: RenderState, value: unknown, meta: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(s);
      } catch {
        return filterFailure(state, meta, 'in_list expects a list; the value starts with [ but is not a JSON array');
      }
      if (!Array.isArray(parsed)) return filterFailure(state, meta, 'in_list expects a list');
      return parsed;
    }
    return s.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return [value];
  return filterFailure(state, meta, 'in_list expects a list or a comma-separated string');
}

function toInt(value: unknown): number | string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') {
    const s = value.trim();
    if (!/^[+-]?\d+$/.test(s)) return null;
    const n = Number(s);
    // Beyond 2^53 the digits travel as text; the database parses them exactly.
    return Number.isSafeInteger(n) ? n : s.replace(/^\+/, '');
  }
  return null;
}

function toFloat(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const s = value.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', 'off']);

function toBool(state: RenderState, value: unknown, meta: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === '') return null;
    if (TRUE_WORDS.has(s)) return true;
    if (FALSE_WORDS.has(s)) return false;
  }
  return filterFailure(state, meta, 'sql_bool expects true/false, yes/no or 1/0');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function toDate(state: RenderState, value: unknown, meta: string): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return isoDateTime(value).slice(0, 10);
  if (typeof value === 'string') {
    const m = DATE_RE.exec(value.trim());
    if (m && validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return m[0];
  }
  return filterFailure(state, meta, 'sql_date expects a date (YYYY-MM-DD)');
}

function toDateTime(state: RenderState, value: unknown, meta: string): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return isoDateTime(value);
  if (typeof value === 'string') {
    const s = value.trim();
    const m = DATETIME_RE.exec(s);
    if (m && validDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4] ?? 0) < 24 && Number(m[5] ?? 0) < 60 && Number(m[6] ?? 0) < 60) {
      return m[4] === undefined ? `${s}T00:00:00` : s;
    }
  }
  return filterFailure(state, meta, 'sql_datetime expects a date-time (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM])');
}

const escapeLike = (s: string) => s.replace(/[!%_]/g, (ch) => LIKE_ESCAPE + ch);

function likeFilter(prefix: string, suffix: string) {
  return (value: unknown, ...args: unknown[]): Fragment => {
    const state = activeState();
    const meta = args[args.length - 1] as string;
    if (value === undefined || value === null) return fragment(bind(state, null, meta) + LIKE_ESCAPE_SQL);
    return fragment(bind(state, prefix + escapeLike(String(toBindValue(value))) + suffix, meta) + LIKE_ESCAPE_SQL);
  };
}

function parseJsonLoose(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function compare(value: unknown, ...args: unknown[]): Fragment {
  const state = activeState();
  const meta = args[args.length - 1] as string;
  const spec = parseJsonLoose(value);
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return fragment('');
  const { combinator, values, value: single } = spec as Record<string, unknown>;
  const operand = values ?? single;
  if (typeof combinator !== 'string' || operand === undefined || operand === null) return fragment('');
  const op = combinator.trim();
  if (op.toLowerCase() === 'between') {
    const parts = Array.isArray(operand) ? operand : String(operand).split(',');
    if (parts.length !== 2) return fragment('');
    const lo = toFloat(typeof parts[0] === 'string' ? parts[0].trim() : parts[0]);
    const hi = toFloat(typeof parts[1] === 'string' ? parts[1].trim() : parts[1]);
    if (lo === null || hi === null) return fragment('');
    return fragment(`BETWEEN ${bind(state, lo, meta)} AND ${bind(state, hi, meta)}`);
  }
  if (!COMPARE_OPERATORS.has(op)) return fragment('');
  const n = toFloat(operand);
  return n === null ? fragment('') : fragment(`${op} ${bind(state, n, meta)}`);
}

export function quoteIdent(part: string, dialect: SqlDialect): string {
  // PostgreSQL and Trino fold unquoted names to lower case; lower-casing before quoting keeps the
  // meaning of the unquoted identifiers pyDBAPI emitted while making reserved words safe.
  return dialect === 'mysql' ? `\`${part}\`` : `"${part.toLowerCase()}"`;
}

function sqlIdent(value: unknown, ...args: unknown[]): Fragment {
  const state = activeState();
  const meta = args[args.length - 1] as string;
  const allow = args.length > 1 ? args[0] : undefined;
  if (value === undefined || value === null) return fragment('');
  const s = String(value).trim();
  if (s === '') return fragment('');
  const parts = s.split('.');
  if (!parts.every((p) => IDENT_PART.test(p))) {
    return filterFailure(state, meta, 'sql_ident accepts only identifiers like name or schema.table.column');
  }
  if (allow !== undefined && allow !== null) {
    const list = Array.isArray(allow) ? allow.map(String) : String(allow).split(',').map((a) => a.trim());
    if (!list.includes(s)) return filterFailure(state, meta, `sql_ident: '${s}' is not one of the allowed identifiers`);
  }
  return fragment(parts.map((p) => quoteIdent(p, state.dialect)).join('.'));
}

/**
 * PostgreSQL cannot infer a parameter's type in every position (`$1 IS NULL`, `SELECT $1 + 1`), so
 * typed filters cast their placeholder there; the casts are chosen to keep index use on comparisons
 * with the usual column types (int8 compares with int2/int4 in the integer operator family).
 */
type PgCast = string | ((bound: unknown) => string);

function scalarFilter(convert: (state: RenderState, value: unknown, meta: string) => unknown, pgCast?: PgCast) {
  return (value: unknown, ...args: unknown[]): Fragment => {
    const state = activeState();
    const meta = args[args.length - 1] as string;
    const v = convert(state, value, meta);
    const cast = pgCast && state.dialect === 'postgres' ? `::${typeof pgCast === 'string' ? pgCast : pgCast(v)}` : '';
    return fragment(bind(state, v, meta) + cast);
  };
}

const hasZone = (v: unknown) => typeof v === 'string' && /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(v) && v.length > 10;

/** The SQL filters; every call gets the position meta appended by the AST transform. */
export const SQL_FILTERS: Record<string, (value: unknown, ...args: unknown[]) => unknown> = {
  sql_string: scalarFilter((_s, v) => (v === undefined || v === null ? null : String(toBindValue(v)))),
  sql_int: scalarFilter((_s, v) => toInt(v), 'int8'),
  sql_float: scalarFilter((_s, v) => toFloat(v), 'numeric'),
  sql_bool: scalarFilter(toBool, 'boolean'),
  sql_date: scalarFilter(toDate, 'date'),
  sql_datetime: scalarFilter(toDateTime, (v) => (hasZone(v) ? 'timestamptz' : 'timestamp')),
  json: scalarFilter((_s, v) => (v === undefined || v === null ? null : JSON.stringify(v))),
  in_list: (value, ...args) => {
    const state = activeState();
    const meta = args[args.length - 1] as string;
    return boundList(state, toList(state, value, meta), meta);
  },
  sql_like: likeFilter('', ''),
  sql_like_start: likeFilter('', '%'),
  sql_like_end: likeFilter('%', ''),
  compare,
  sql_ident: sqlIdent,
  fromjson: (value) => parseJsonLoose(value),
};

/** Filters that return Nunjucks SafeString by design and would let a raw value into the SQL text. */
export const REFUSED_FILTERS = new Set(['safe', 'escape', 'e', 'forceescape']);

/**
 * Builtins that copy "safeness" from their input while inserting other text (`replace(old, new)`,
 * `truncate(…, end)`): overridden to return plain strings, so a value can never ride into a fragment.
 */
export function plainStringOverrides(builtin: (name: string) => (...a: unknown[]) => unknown) {
  const replace = builtin('replace');
  const truncate = builtin('truncate');
  return {
    replace: (...a: unknown[]) => String(replace(...a)),
    truncate: (...a: unknown[]) => String(truncate(...a)),
  };
}

/** `{{ expr }}` → placeholder. Fragments (macro output, filter output, captured blocks) pass through. */
export function bindOutput(value: unknown, meta: string): string {
  const state = activeState();
  if (value instanceof SafeString) return value.val;
  if (typeof value === 'string' && value.includes(state.open)) {
    const pos = parseMeta(meta);
    const err = sqlError('SQL_TEMPLATE_ERROR', `A SQL fragment was turned into a plain string at line ${pos.line} (concatenated or passed through a filter); output macros and filters directly`, [
      { line: pos.line, column: pos.column, source: pos.source, message: 'SQL fragment used as a value' },
    ]);
    state.error ??= err;
    throw err;
  }
  if (Array.isArray(value) || value instanceof Set) return String(boundList(state, [...value], meta));
  if (typeof value === 'function') {
    const pos = parseMeta(meta);
    const err = sqlError('SQL_TEMPLATE_ERROR', `A function cannot be output at line ${pos.line}; call it`, [
      { line: pos.line, column: pos.column, source: pos.source, message: 'function output' },
    ]);
    state.error ??= err;
    throw err;
  }
  return bind(state, toBindValue(value), meta);
}

/** Marks a captured `{% set x %}…{% endset %}` block as a SQL fragment (its placeholders stay bound). */
export const captureFragment = (value: unknown): unknown => (typeof value === 'string' ? fragment(value) : value);
