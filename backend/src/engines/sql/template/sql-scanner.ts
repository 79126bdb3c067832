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
  for (let at = text.indexOf('\0', from); at >= 0 && at < to; at = text.indexOf('\0', at + 1)) {
    if (text.startsWith(sink.open, at)) {
      throw new SqlScanError(`a {{ }} placeholder is inside ${where}; put it outside the quotes or comment`, at, markerIndexAt(text, at, sink));
    }
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

// Characters the statement scanner stops at, per dialect; every other character is plain code.
function specialTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
}
const SPECIAL: Record<SqlDialect, Uint8Array> = {
  postgres: specialTable(';\0\'"-/$'),
  mysql: specialTable(';\0\'"`-#/?'),
  trino: specialTable(';\0\'"-/?'),
};
const SPECIAL_RE: Record<SqlDialect, RegExp> = {
  postgres: /[;\0'"\-/$]/g,
  mysql: /[;\0'"`\-#/?]/g,
  trino: /[;\0'"\-/?]/g,
};
const NON_SPACE_RE = /\S/g;
const PG_PLACEHOLDERS = Array.from({ length: 256 }, (_, i) => `$${i}`);
const pgPlaceholder = (n: number) => (n < 256 ? PG_PLACEHOLDERS[n] : `$${n}`);

/**
 * Splits rendered SQL into statements on top-level `;`, replacing each live marker with the dialect's
 * placeholder (`$n` numbered per statement on PostgreSQL, `?` elsewhere) and collecting its value in order.
 * Statements with nothing but whitespace and comments are dropped. Throws {@link SqlScanError} when a
 * marker sits inside a quote or comment, when a marker was altered, or (with `strict`, the default for
 * rendered templates) when the text holds a raw positional placeholder that would shift the numbering.
 * One pass, no per-character allocation (this runs on every render).
 */
export function scanStatements(text: string, dialect: SqlDialect, sink?: MarkerSink, strict = true): BoundStatement[] {
  const out: BoundStatement[] = [];
  const n = text.length;
  const pg = dialect === 'postgres';
  const special = SPECIAL[dialect];
  let sql = '';
  let values: unknown[] = [];
  let segStart = 0;
  let significant = false;
  let i = 0;

  const specialRe = SPECIAL_RE[dialect];
  while (i < n) {
    // Jump to the next character that matters with a native regex search (test() allocates nothing):
    // any non-space until the statement has code, then only the dialect's special characters.
    const re = significant ? specialRe : NON_SPACE_RE;
    re.lastIndex = i;
    if (!re.test(text)) break;
    i = re.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c >= 128 || special[c] === 0) {
      significant = true;
      i++;
      continue;
    }
    if (c === 59) {
      if (significant) out.push({ sql: (sql + text.slice(segStart, i)).trim(), values });
      sql = '';
      values = [];
      significant = false;
      segStart = ++i;
      continue;
    }
    if (c === 0) {
      // Marker: open + decimal index + NUL, parsed without allocating.
      let idx = -1;
      let end = -1;
      if (sink && text.startsWith(sink.open, i)) {
        let j = i + sink.open.length;
        let d = text.charCodeAt(j);
        idx = 0;
        while (d >= 48 && d <= 57) {
          idx = idx * 10 + (d - 48);
          d = text.charCodeAt(++j);
        }
        end = d === 0 && j > i + sink.open.length ? j + 1 : -1;
      }
      if (!sink || idx < 0 || end < 0 || idx >= sink.values.length) {
        throw new SqlScanError('the SQL text contains a NUL character or a placeholder altered by a filter', i);
      }
      values.push(sink.values[idx]);
      sql += text.slice(segStart, i) + (pg ? pgPlaceholder(values.length) : '?');
      segStart = i = end;
      significant = true;
      continue;
    }
    if (c === 63) {
      if (strict) throw new SqlScanError('write {{ value }} instead of a ? placeholder', i);
      significant = true;
      i++;
      continue;
    }
    const skipped = skipNonCode(text, i, dialect);
    if (skipped) {
      assertNoMarker(text, i, skipped[0], sink, skipped[1]);
      if (skipped[1] !== 'a comment') significant = true;
      i = skipped[0];
      continue;
    }
    if (strict && pg && c === 36 && (i === 0 || !isIdentChar(text.charCodeAt(i - 1)))) {
      const d = text.charCodeAt(i + 1);
      if (d >= 48 && d <= 57) throw new SqlScanError('write {{ value }} instead of a positional $n placeholder', i);
    }
    significant = true;
    i++;
  }
  if (significant) out.push({ sql: (sql + text.slice(segStart)).trim(), values });
  return out;
}

/** Splits plain SQL (no markers) into statements; quotes, comments and dollar quotes are respected. */
export function splitStatements(sql: string, dialect: SqlDialect): string[] {
  return scanStatements(sql, dialect, undefined, false).map((s) => s.sql);
}

export interface WhereCondition {
  /** The keyword written before the condition (`AND`/`OR`), or null for the first. */
  connector: 'AND' | 'OR' | null;
  text: string;
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** The where-tag keyword spelled by body[begin, end) (already known to be one of them, any case). */
function keyword(body: string, begin: number, end: number): 'AND' | 'OR' | 'BETWEEN' | 'CASE' | 'END' {
  const first = body.charCodeAt(begin) | 32;
  switch (end - begin) {
    case 2:
      return 'OR';
    case 4:
      return 'CASE';
    case 7:
      return 'BETWEEN';
    default:
      return first === 97 ? 'AND' : 'END';
  }
}
const WHERE_TOKENS = /['"`\-#/$()]|\b(?:AND|OR|BETWEEN|CASE|END)\b/gi;

/**
 * Splits a where-block body into conditions at top-level `AND`/`OR` keywords. Keywords inside quotes,
 * comments, parentheses and CASE…END are ignored, and the `AND` that belongs to a `BETWEEN` is kept.
 */
export function splitConditions(body: string, dialect: SqlDialect): WhereCondition[] {
  const out: WhereCondition[] = [];
  let depth = 0;
  let between = 0;
  let start = 0;
  let connector: 'AND' | 'OR' | null = null;
  let i = 0;
  for (;;) {
    // test() leaves lastIndex after the match and allocates nothing; recover the token from the text.
    WHERE_TOKENS.lastIndex = i;
    if (!WHERE_TOKENS.test(body)) break;
    const end = WHERE_TOKENS.lastIndex;
    const last = body.charCodeAt(end - 1);
    if (!((last >= 65 && last <= 90) || (last >= 97 && last <= 122))) {
      i = end - 1;
      if (last === 40) depth++;
      else if (last === 41) depth = Math.max(0, depth - 1);
      else {
        const skipped = skipNonCode(body, i, dialect);
        if (skipped) {
          i = skipped[0];
          continue;
        }
      }
      i++;
      continue;
    }
    let begin = end - 1;
    while (begin > 0 && isAsciiLetter(body.charCodeAt(begin - 1))) begin--;
    i = end;
    // Identifier characters our SQL lexer accepts but \b does not (`$`, non-ASCII) glue the word to a name.
    if ((begin > 0 && isIdentChar(body.charCodeAt(begin - 1))) || isIdentChar(body.charCodeAt(end))) continue;
    const kw = keyword(body, begin, end);
    if (kw === 'CASE') depth++;
    else if (kw === 'END') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (kw === 'BETWEEN') between++;
      else if (kw === 'AND' && between > 0) between--;
      else if (kw === 'AND' || kw === 'OR') {
        out.push({ connector, text: body.slice(start, begin).trim() });
        connector = kw;
        start = end;
      }
    }
  }
  out.push({ connector, text: body.slice(start).trim() });
  return out.filter((cond) => cond.text.length > 0);
}
