import type { SqlDialect } from 'src/engines/sql/template/sql-scanner.js';

/**
 * Per-render state. Rendering is synchronous, so the active state is a module-level slot set by the
 * renderer for the duration of one `render()` call; filters and the bind hook read it from here.
 */
export interface RenderState {
  dialect: SqlDialect;
  /** `\0` + unguessable per-render nonce + `:`. */
  open: string;
  values: unknown[];
  /** Template position meta (see {@link parseMeta}) of each bound value, parallel to `values`. */
  metas: string[];
  /** First engine error thrown inside a filter; Nunjucks wraps errors, this keeps ours intact. */
  error?: unknown;
}

let active: RenderState | null = null;

export function setActiveState(state: RenderState | null): void {
  active = state;
}

export function activeState(): RenderState {
  if (!active) throw new Error('SQL filters can only run inside SqlEngine.render()');
  return active;
}

/** Records `value` and returns the marker that stands for it in the rendered text. */
export function bind(state: RenderState, value: unknown, meta: string): string {
  const idx = state.values.length;
  state.values.push(value);
  state.metas.push(meta);
  return `${state.open}${idx}\0`;
}

export interface TemplatePosition {
  /** Template the position is in: '' for the API content, 'macros' for the prepended macro definitions, or a partial's name. */
  source: string;
  line: number;
  column: number;
  /** The parameter expression a filter was applied to (`ids`, `filter.price`), when it is a plain name. */
  param: string | null;
}

/** Meta literals are `source\u0001line\u0001column\u0001param`, written by the AST transform. */
export function makeMeta(source: string, line: number, column: number, param: string | null): string {
  return `${source}\u0001${line}\u0001${column}\u0001${param ?? ''}`;
}

export function parseMeta(meta: string): TemplatePosition {
  const [source, line, column, param] = meta.split('\u0001');
  return { source: source ?? '', line: Number(line), column: Number(column), param: param || null };
}
