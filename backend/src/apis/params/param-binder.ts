import type { ApiParamDefinition, ParamType } from 'src/apis/api-snapshot.js';

export interface ParamSource {
  query: Record<string, unknown>;
  body: unknown;
  path: Record<string, string>;
  /** Lower-cased header names (Node's IncomingHttpHeaders). */
  headers: Record<string, string | string[] | undefined>;
}

export interface ParamError {
  param: string;
  message: string;
}

export interface BoundParams {
  values: Record<string, unknown>;
  errors: ParamError[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const INT_RE = /^[+-]?\d+$/;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);
const patternCache = new Map<string, RegExp | null>();

class ParamValueError extends Error {}
const fail = (message: string): never => {
  throw new ParamValueError(message);
};

const isMissing = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One value from the declared location only; a header lookup is case-insensitive. */
function readRaw(def: ApiParamDefinition, source: ParamSource): unknown {
  switch (def.location) {
    case 'query':
      return source.query[def.name];
    case 'path':
      return source.path[def.name];
    case 'header':
      return source.headers[def.name.toLowerCase()];
    case 'body':
      return isPlainObject(source.body) ? source.body[def.name] : undefined;
  }
}

/** A single scalar from a query/header that may have been repeated. */
function single(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : fail('expects a single value');
  return value;
}

function coerceScalar(type: Exclude<ParamType, 'array' | 'object'>, raw: unknown): unknown {
  const value = single(raw);
  switch (type) {
    case 'string':
      if (isPlainObject(value)) return fail('must be a string');
      return String(value).trim();
    case 'integer': {
      if (typeof value === 'boolean') return fail('must be an integer');
      const n = typeof value === 'number' ? value : typeof value === 'string' && (INT_RE.test(value.trim()) || NUMBER_RE.test(value.trim())) ? Number(value) : NaN;
      if (!Number.isFinite(n)) return fail('must be an integer');
      if (!Number.isInteger(n)) return fail(`must be an integer, got ${JSON.stringify(value)}`);
      if (!Number.isSafeInteger(n)) return fail('is out of the integer range');
      return n;
    }
    case 'number': {
      if (typeof value === 'boolean') return fail('must be a number');
      const n = typeof value === 'number' ? value : typeof value === 'string' && NUMBER_RE.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isFinite(n)) return fail('must be a number');
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (value === 0 || value === 1) return value === 1;
      const s = String(value).trim().toLowerCase();
      if (TRUE.has(s)) return true;
      if (FALSE.has(s)) return false;
      return fail('must be a boolean (true/false, 1/0, yes/no)');
    }
    case 'date': {
      const s = String(value).trim();
      const m = DATE_RE.exec(s);
      if (!m) return fail('must be a date (YYYY-MM-DD)');
      const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return fail('must be a valid date');
      return s;
    }
    case 'datetime': {
      const s = String(value).trim();
      if (!DATETIME_RE.test(s) || Number.isNaN(Date.parse(s.replace(' ', 'T')))) return fail('must be an ISO 8601 date-time');
      return s;
    }
    case 'uuid': {
      const s = String(value).trim();
      if (!UUID_RE.test(s)) return fail('must be a UUID');
      return s.toLowerCase();
    }
  }
}

function parseJson(text: string, kind: 'array' | 'object'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(`must be a JSON ${kind}`);
  }
}

/** Repeated query keys, a JSON array string or a comma list make an array; items get the `items` type. */
function coerceArray(def: ApiParamDefinition, raw: unknown): unknown[] {
  let list: unknown[];
  if (Array.isArray(raw)) list = raw.length === 1 && typeof raw[0] === 'string' ? splitArrayText(raw[0]) : raw;
  else if (typeof raw === 'string') list = splitArrayText(raw);
  else list = [raw];
  const itemType = def.items ?? 'string';
  return list.map((item, i) => {
    try {
      return checkScalarConstraints(def, coerceScalar(itemType, item));
    } catch (err) {
      if (err instanceof ParamValueError) return fail(`item ${i + 1} ${err.message}`);
      throw err;
    }
  });
}

function splitArrayText(text: string): unknown[] {
  const s = text.trim();
  if (s.startsWith('[')) {
    const parsed = parseJson(s, 'array');
    return Array.isArray(parsed) ? parsed : fail('must be a JSON array');
  }
  return s.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

function coerceObject(raw: unknown): Record<string, unknown> {
  const value = single(raw);
  if (isPlainObject(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    const parsed = parseJson(value.trim(), 'object');
    if (isPlainObject(parsed)) return parsed;
  }
  return fail('must be a JSON object');
}

function compiledPattern(pattern: string): RegExp | null {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re;
}

/** enum, minimum/maximum (numbers), minLength/maxLength and pattern (strings) on one scalar value. */
function checkScalarConstraints(def: ApiParamDefinition, value: unknown): unknown {
  if (def.enum?.length && !def.enum.some((e) => e === value || String(e) === String(value))) {
    fail(`must be one of ${def.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (typeof value === 'number') {
    if (def.minimum !== undefined && def.minimum !== null && value < def.minimum) fail(`must be ≥ ${def.minimum}`);
    if (def.maximum !== undefined && def.maximum !== null && value > def.maximum) fail(`must be ≤ ${def.maximum}`);
  }
  if (typeof value === 'string') {
    if (def.type !== 'array') checkLength(def, value.length, 'characters');
    if (def.pattern) {
      const re = compiledPattern(def.pattern);
      if (!re || !re.test(value)) fail(`must match the pattern ${def.pattern}`);
    }
  }
  return value;
}

function checkLength(def: ApiParamDefinition, length: number, unit: string): void {
  if (def.minLength !== undefined && def.minLength !== null && length < def.minLength) fail(`must have at least ${def.minLength} ${unit}`);
  if (def.maxLength !== undefined && def.maxLength !== null && length > def.maxLength) fail(`must have at most ${def.maxLength} ${unit}`);
}

/** Coerces and validates one raw value against its definition; throws ParamValueError. */
export function coerceParam(def: ApiParamDefinition, raw: unknown): unknown {
  if (def.type === 'array') {
    const list = coerceArray(def, raw);
    checkLength(def, list.length, 'items');
    return list;
  }
  if (def.type === 'object') return coerceObject(raw);
  return checkScalarConstraints(def, coerceScalar(def.type, raw));
}

/**
 * Binds request inputs to an API's declared parameters before any SQL or script runs: each value is read
 * from its declared location only, coerced to its type and checked against every constraint. A missing
 * value takes the default (also when required); without a default a required parameter is an error.
 * Undeclared inputs are dropped. One error per parameter. An API without definitions receives body, then
 * query, then path values merged as they are (pyDBAPI's behaviour; later sources win).
 */
export function bindParams(definitions: readonly ApiParamDefinition[], source: ParamSource): BoundParams {
  if (definitions.length === 0) return { values: mergeUndeclared(source), errors: [] };
  const values: Record<string, unknown> = {};
  const errors: ParamError[] = [];
  for (const def of definitions) {
    const raw = readRaw(def, source);
    const missing = isMissing(raw);
    if (missing && def.default !== undefined && def.default !== null) {
      try {
        values[def.name] = coerceParam(def, def.default);
      } catch (err) {
        if (!(err instanceof ParamValueError)) throw err;
        errors.push({ param: def.name, message: `default value ${err.message}` });
      }
      continue;
    }
    if (missing) {
      if (def.required) errors.push({ param: def.name, message: 'is required' });
      continue;
    }
    try {
      values[def.name] = coerceParam(def, raw);
    } catch (err) {
      if (!(err instanceof ParamValueError)) throw err;
      errors.push({ param: def.name, message: err.message });
    }
  }
  return { values, errors };
}

function mergeUndeclared(source: ParamSource): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const assign = (from: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(from)) {
      if (k === '__proto__' || k === 'naming') continue;
      values[k] = v;
    }
  };
  if (isPlainObject(source.body)) assign(source.body);
  assign(source.query);
  assign(source.path);
  return values;
}
