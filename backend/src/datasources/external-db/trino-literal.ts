/**
 * Trino has no bind parameters on its HTTP protocol, so bound values travel as typed literals in
 * `EXECUTE IMMEDIATE '<sql with ?>' USING <literals>`. Every literal is rendered here, from a value's
 * type, never from SQL text: strings have their quotes doubled (Trino has no backslash escapes),
 * numbers are validated, dates and timestamps are checked against a strict pattern.
 */

/** A value with an explicit Trino type, for the types a JS value cannot express on its own. */
export class TrinoTyped {
  constructor(
    readonly type: 'date' | 'timestamp' | 'timestamp with time zone' | 'decimal' | 'json' | 'time',
    readonly value: string,
  ) {}
}

export const trinoDate = (value: string) => new TrinoTyped('date', value);
export const trinoTimestamp = (value: string) => new TrinoTyped('timestamp', value);
export const trinoDecimal = (value: string) => new TrinoTyped('decimal', value);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/;
const TIMESTAMP_TZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?( ?(Z|[+-]\d{2}:\d{2}|UTC|[A-Za-z_]+\/[A-Za-z_]+))$/;
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function pad(n: number, width = 2) {
  return String(n).padStart(width, '0');
}

/** A JS Date is an instant: rendered as a UTC timestamp with millisecond precision. */
function utcTimestamp(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new TypeError('Invalid Date cannot be bound');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/**
 * Renders one bound value as a Trino literal: null → NULL, booleans → TRUE/FALSE, finite numbers
 * (integers as is, fractions as DOUBLE), bigint → digits, strings → quoted varchar, Date → TIMESTAMP (UTC),
 * Buffer → X'hex', arrays → ARRAY[…], TrinoTyped → DATE/TIMESTAMP/DECIMAL/JSON '…', plain objects → JSON '…'.
 * Throws TypeError for values that have no safe literal (NaN, Infinity, functions, symbols).
 */
export function renderTrinoLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no Trino literal`);
      if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : `DOUBLE '${value}'`;
      return `DOUBLE '${value}'`;
    case 'bigint':
      return value.toString();
    case 'string':
      return quote(value);
    case 'object':
      break;
    default:
      throw new TypeError(`A ${typeof value} cannot be bound`);
  }
  if (value instanceof TrinoTyped) return renderTyped(value);
  if (value instanceof Date) return `TIMESTAMP '${utcTimestamp(value)}'`;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`;
  if (Array.isArray(value)) return `ARRAY[${value.map(renderTrinoLiteral).join(', ')}]`;
  return `JSON ${quote(JSON.stringify(value))}`;
}

function renderTyped({ type, value }: TrinoTyped): string {
  const check = (ok: boolean) => {
    if (!ok) throw new TypeError(`"${value}" is not a valid ${type}`);
  };
  switch (type) {
    case 'date':
      check(DATE.test(value));
      return `DATE '${value}'`;
    case 'time':
      check(TIME.test(value));
      return `TIME '${value}'`;
    case 'timestamp':
      check(TIMESTAMP.test(value));
      return `TIMESTAMP '${value.replace('T', ' ')}'`;
    case 'timestamp with time zone':
      check(TIMESTAMP_TZ.test(value));
      return `TIMESTAMP '${value.replace('T', ' ').replace(/(\d)(Z)$/, '$1 UTC').replace(/(\d)([+-]\d{2}:\d{2})$/, '$1 $2')}'`;
    case 'decimal':
      check(DECIMAL.test(value));
      return `DECIMAL '${value}'`;
    case 'json':
      JSON.parse(value);
      return `JSON ${quote(value)}`;
  }
}

/** `sql` with `?` placeholders plus values → the statement Trino runs. Without values the SQL is sent as is. */
export function toExecuteImmediate(sql: string, values: readonly unknown[]): string {
  if (values.length === 0) return sql;
  return `EXECUTE IMMEDIATE ${quote(sql)} USING ${values.map(renderTrinoLiteral).join(', ')}`;
}
