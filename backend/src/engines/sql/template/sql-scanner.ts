import type { BoundStatement } from 'src/datasources/external-db/connector.js';

export type SqlDialect = 'postgres' | 'mysql' | 'trino';

/** Where the renderer's per-render markers live and what they stand for. */
export interface MarkerSink {
  /** `\0` + per-render nonce + `:`; a marker is `open + index + \0`. */
  open: string;
  values: unknown[];
}

/** A problem found while scanning rendered SQL; `markerIndex` names the offending placeholder when there is one. */
export class SqlScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly markerIndex?: number,
  ) {
    super(message);
    this.name = 'SqlScanError';
  }
}

const isIdentChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

function markerIndexAt(text: string, at: number, sink: MarkerSink | undefined): number | undefined {
  if (!sink || !text.startsWith(sink.open, at)) return undefined;
  const end = text.indexOf('\0', at + sink.open.length);
  return end < 0 ? undefined : Number(text.slice(at + sink.open.length, end));
}

/** Throws when a live marker sits in [from, to): a value placed inside a quote or comment. */
function assertNoMarker(text: string, from: number, to: number, sink: MarkerSink | undefined, where: string): void {
  if (!sink) return;
  const at = text.indexOf(sink.open, from);
  if (at >= 0 && at < to) {
    throw new SqlScanError(`a {{ }} placeholder is inside ${where}; put it outside the quotes or comment`, at, markerIndexAt(text, at, sink));
  }
}

/** End (exclusive) of the quoted text starting at `i` (its opening quote). */
function skipQuoted(text: string, i: number, quote: number, backslash: boolean): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (backslash && c === 92) {
      j += 2;
      continue;
    }
    if (c === quote) {
      if (text.charCodeAt(j + 1) === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return n;
}

function skipBlockComment(text: string, i: number, nested: boolean): number {
  const n = text.length;
  let depth = 1;
  let j = i + 2;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 42 && text.charCodeAt(j + 1) === 47) {
      j += 2;
      if (--depth === 0) return j;
      continue;
    }
    if (nested && c === 47 && text.charCodeAt(j + 1) === 42) {
      depth++;
      j += 2;
      continue;
    }
    j++;
  }
  return n;
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

/**
 * If position `i` starts a quote, comment or dollar-quoted block for the dialect, returns
 * `[end, description]`; otherwise undefined. Shared by the statement scanner and the where-tag splitter.
 */
export function skipNonCode(text: string, i: number, dialect: SqlDialect): [number, string] | undefined {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  switch (c) {
    case 39: {
      const prev = text.charCodeAt(i - 1);
      const eString =
        dialect === 'postgres' && (prev === 69 || prev === 101) && (i < 2 || !isIdentChar(text.charCodeAt(i - 2)));
      return [skipQuoted(text, i, 39, dialect === 'mysql' || eString), 'a quoted string'];
    }
    case 34:
      return [skipQuoted(text, i, 34, dialect === 'mysql'), dialect === 'mysql' ? 'a quoted string' : 'a quoted identifier'];
    case 96:
      return dialect === 'mysql' ? [skipQuoted(text, i, 96, false), 'a quoted identifier'] : undefined;
    case 45:
      if (next !== 45) return undefined;
      // MySQL needs whitespace (or the end) after `--` for it to start a comment.
      if (dialect === 'mysql' && i + 2 < text.length && !isSpace(text.charCodeAt(i + 2))) return undefined;
      return [lineEnd(text, i), 'a comment'];
    case 35:
      return dialect === 'mysql' ? [lineEnd(text, i), 'a comment'] : undefined;
    case 47:
      return next === 42 ? [skipBlockComment(text, i, dialect === 'postgres'), 'a comment'] : undefined;
    case 36: {
      if (dialect !== 'postgres' || (i > 0 && isIdentChar(text.charCodeAt(i - 1)))) return undefined;
      DOLLAR_TAG.lastIndex = i;
      const m = DOLLAR_TAG.exec(text);
      if (!m) return undefined;
      const close = text.indexOf(m[0], i + m[0].length);
      return [close < 0 ? text.length : close + m[0].length, 'a dollar-quoted string'];
    }
    default:
      return undefined;
  }
}

/**
 * Splits rendered SQL into statements on top-level `;`, replacing each live marker with the dialect's
 * placeholder (`$n` numbered per statement on PostgreSQL, `?` elsewhere) and collecting its value in order.
 * Statements with nothing but whitespace and comments are dropped. Throws {@link SqlScanError} when a
 * marker sits inside a quote or comment, when a marker was altered, or when the text holds a raw
 * positional placeholder that would shift the numbering.
 */
export function scanStatements(text: string, dialect: SqlDialect, sink?: MarkerSink): BoundStatement[] {
  const out: BoundStatement[] = [];
  const n = text.length;
  const pg = dialect === 'postgres';
  let parts: string[] = [];
  let values: unknown[] = [];
  let segStart = 0;
  let significant = false;
  let i = 0;

  const flush = (end: number) => {
    if (significant) {
      parts.push(text.slice(segStart, end));
      out.push({ sql: parts.join('').trim(), values });
    }
    parts = [];
    values = [];
    significant = false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 59) {
      flush(i);
      segStart = ++i;
      continue;
    }
    if (c === 0) {
      const idx = markerIndexAt(text, i, sink);
      if (idx === undefined || !sink || idx >= sink.values.length) {
        throw new SqlScanError('the SQL text contains a NUL character or a placeholder altered by a filter', i);
      }
      const end = text.indexOf('\0', i + sink.open.length) + 1;
      parts.push(text.slice(segStart, i));
      values.push(sink.values[idx]);
      parts.push(pg ? `$${values.length}` : '?');
      segStart = i = end;
      significant = true;
      continue;
    }
    if (c === 39 || c === 34 || c === 96 || c === 45 || c === 35 || c === 47 || c === 36) {
      const skipped = skipNonCode(text, i, dialect);
      if (skipped) {
        assertNoMarker(text, i, skipped[0], sink, skipped[1]);
        if (skipped[1] !== 'a comment') significant = true;
        i = skipped[0];
        continue;
      }
      if (pg && c === 36 && (i === 0 || !isIdentChar(text.charCodeAt(i - 1)))) {
        const d = text.charCodeAt(i + 1);
        if (d >= 48 && d <= 57) throw new SqlScanError('write {{ value }} instead of a positional $n placeholder', i);
      }
    } else if (c === 63 && !pg) {
      throw new SqlScanError('write {{ value }} instead of a ? placeholder', i);
    }
    if (!significant && !isSpace(c)) significant = true;
    i++;
  }
  flush(n);
  return out;
}

/** Splits plain SQL (no markers) into statements; quotes, comments and dollar quotes are respected. */
export function splitStatements(sql: string, dialect: SqlDialect): string[] {
  const out: string[] = [];
  const n = sql.length;
  let start = 0;
  let significant = false;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 59) {
      if (significant) out.push(sql.slice(start, i).trim());
      significant = false;
      start = ++i;
      continue;
    }
    const skipped = skipNonCode(sql, i, dialect);
    if (skipped) {
      if (skipped[1] !== 'a comment') significant = true;
      i = skipped[0];
      continue;
    }
    if (!isSpace(c)) significant = true;
    i++;
  }
  if (significant) out.push(sql.slice(start).trim());
  return out;
}

export interface WhereCondition {
  /** The keyword written before the condition (`AND`/`OR`), or null for the first. */
  connector: 'AND' | 'OR' | null;
  text: string;
}

/**
 * Splits a where-block body into conditions at top-level `AND`/`OR` keywords. Keywords inside quotes,
 * comments, parentheses and CASE…END are ignored, and the `AND` that belongs to a `BETWEEN` is kept.
 */
export function splitConditions(body: string, dialect: SqlDialect): WhereCondition[] {
  const out: WhereCondition[] = [];
  const n = body.length;
  let depth = 0;
  let between = 0;
  let start = 0;
  let connector: 'AND' | 'OR' | null = null;
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    const skipped = skipNonCode(body, i, dialect);
    if (skipped) {
      i = skipped[0];
      continue;
    }
    if (c === 40) depth++;
    else if (c === 41) depth = Math.max(0, depth - 1);
    else if (((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) && (i === 0 || !isIdentChar(body.charCodeAt(i - 1)))) {
      let j = i + 1;
      while (j < n && isIdentChar(body.charCodeAt(j))) j++;
      const word = j - i <= 7 ? body.slice(i, j).toUpperCase() : '';
      if (word === 'CASE') depth++;
      else if (word === 'END') depth = Math.max(0, depth - 1);
      else if (depth === 0) {
        if (word === 'BETWEEN') between++;
        else if (word === 'AND' && between > 0) between--;
        else if (word === 'AND' || word === 'OR') {
          out.push({ connector, text: body.slice(start, i).trim() });
          connector = word;
          start = j;
        }
      }
      i = j;
      continue;
    }
    i++;
  }
  out.push({ connector, text: body.slice(start).trim() });
  return out.filter((cond) => cond.text.length > 0);
}
