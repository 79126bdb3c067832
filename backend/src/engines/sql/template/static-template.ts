import type { BoundStatement } from 'src/datasources/external-db/connector.js';
import { BIND_FILTER, type AstNode } from 'src/engines/sql/template/ast-transform.js';
import { isFragment, toBindValue } from 'src/engines/sql/template/filters.js';
import { scanStatements, type SqlDialect } from 'src/engines/sql/template/sql-scanner.js';

/**
 * A "static" template: nothing but SQL text and plain `{{ name }}` outputs (no tags, filters, macros,
 * member lookups or literals). Its SQL text, statement split, placeholder numbering and statement names
 * are the same on every render; only the values differ, so they are computed once (see render.ts).
 */
export interface StaticTemplate {
  /** The template text with output n replaced by `STATIC_OPEN + slot + \0`, slot indexing `names`. */
  text: string;
  /** Distinct output names, in order of first use. */
  names: string[];
  /** Length of the literal text, and how many outputs it has (for the rendered-size limit). */
  dataLength: number;
  outputs: number;
  /** Per dialect, filled on first use; null when scanning fails (the full render reports the error). */
  plans: Partial<Record<SqlDialect, StaticStatement[] | null>>;
}

export interface StaticStatement {
  sql: string;
  /** Index into `names` of each placeholder, in placeholder order. */
  slots: number[];
  name?: string;
}

const STATIC_OPEN = '\0static:';

/**
 * The static shape of a transformed template (ast-transform.ts wraps every output as
 * `__qg_bind(expr, meta)`), or null. Names Nunjucks would resolve from Object.prototype
 * (`constructor`, `__proto__`…) are never static.
 */
export function staticTemplate(root: AstNode): StaticTemplate | null {
  if (root.typename !== 'Root') return null;
  const parts: string[] = [];
  const slots = new Map<string, number>();
  let dataLength = 0;
  let outputs = 0;
  for (const output of root.children ?? []) {
    if (output.typename !== 'Output') return null;
    for (const child of output.children ?? []) {
      if (child.typename === 'TemplateData') {
        const data = String(child.value ?? '');
        if (data.includes('\0')) return null;
        parts.push(data);
        dataLength += data.length;
        continue;
      }
      const args = child.args?.children ?? [];
      const symbol = args[0];
      if (
        child.typename !== 'Filter' ||
        !child.qgInternal ||
        child.name?.value !== BIND_FILTER ||
        args.length !== 2 ||
        symbol?.typename !== 'Symbol'
      )
        return null;
      const name = String(symbol.value);
      if (name in Object.prototype) return null;
      let slot = slots.get(name);
      if (slot === undefined) slots.set(name, (slot = slots.size));
      parts.push(`${STATIC_OPEN}${slot}\0`);
      outputs++;
    }
  }
  return { text: parts.join(''), names: [...slots.keys()], dataLength, outputs, plans: {} };
}

/** Statements of a static template for the dialect, or null when the scanner refuses its text. */
export function planStatic(
  tpl: StaticTemplate,
  dialect: SqlDialect,
  nameOf?: (sql: string) => string,
): StaticStatement[] | null {
  let statements: BoundStatement[];
  try {
    statements = scanStatements(tpl.text, dialect, { open: STATIC_OPEN, values: tpl.names.map((_, i) => i) });
  } catch {
    return null;
  }
  return statements.map((s) =>
    nameOf
      ? { sql: s.sql, slots: s.values as number[], name: nameOf(s.sql) }
      : { sql: s.sql, slots: s.values as number[] },
  );
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * Binds `params` to a static template's statements exactly as the Nunjucks render + bindOutput would,
 * or returns undefined when some value would take another path there: fragments, lists and Sets (several
 * placeholders), functions, strings with NUL (marker-like), values that throw when read or converted, names
 * Nunjucks would resolve from its globals (`range`, `cycler`, `joiner`), and params with an own
 * `__proto__` (Nunjucks' copy of the context would re-parent it).
 */
export function bindStatic(
  plan: StaticStatement[],
  names: string[],
  params: Record<string, unknown>,
  globals: object,
): BoundStatement[] | undefined {
  if (Object.hasOwn(params, '__proto__')) return undefined;
  const bound: unknown[] = new Array(names.length);
  try {
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      let value: unknown;
      // Nunjucks' context holds copies of the own enumerable params only.
      if (isEnumerable.call(params, name)) value = params[name];
      else if (name in globals) return undefined;
      if (typeof value === 'function' || Array.isArray(value) || value instanceof Set || isFragment(value))
        return undefined;
      if (typeof value === 'string' && value.includes('\0')) return undefined;
      bound[i] = toBindValue(value);
    }
  } catch {
    // A throwing getter or toJSON, a circular object: the full render reports it its own way.
    return undefined;
  }
  return plan.map((s) => {
    const values = s.slots.map((slot) => bound[slot]);
    return s.name === undefined ? { sql: s.sql, values } : { sql: s.sql, values, name: s.name };
  });
}
