import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import type { BoundStatement } from 'src/datasources/external-db/connector.js';
import { sqlError } from 'src/engines/sql/sql.errors.js';
import { BIND_FILTER, CAPTURE_FILTER, discoverVariables, transformAst, type AstNode, type TemplateIssue } from 'src/engines/sql/template/ast-transform.js';
import { SQL_FILTERS, bindOutput, captureFragment, plainStringOverrides, REFUSED_FILTERS } from 'src/engines/sql/template/filters.js';
import { parseMeta, setActiveState, type RenderState } from 'src/engines/sql/template/render-state.js';
import { scanStatements, SqlScanError, type SqlDialect } from 'src/engines/sql/template/sql-scanner.js';
import { bindStatic, planStatic, staticTemplate, type StaticTemplate } from 'src/engines/sql/template/static-template.js';
import { WhereTagExtension } from 'src/engines/sql/template/where-tag.js';

interface NunjucksInternals {
  parser: { parse(src: string, extensions: unknown[], opts: unknown): AstNode };
  compiler: { Compiler: new (name: string, throwOnUndefined: boolean) => { compile(ast: unknown): void; getCode(): string } };
}
const internals = nunjucks as unknown as NunjucksInternals;
// The AST → AST pass Nunjucks runs between parsing and code generation (not re-exported by the package root).
const transformer = createRequire(import.meta.url)('nunjucks/src/transformer.js');
const transform = (transformer as unknown as { transform(ast: AstNode, asyncFilters: string[], name: string): AstNode }).transform;

export interface RenderOptions {
  /** Published SQL macro definitions, global first then module, prepended to the content in this order. */
  macros?: string[];
  /** Templates reachable by `{% include "name" %}` / `{% import "name" as m %}`. */
  partials?: Record<string, string>;
}

export interface SqlRendererOptions {
  /** Compiled templates kept (LRU by content hash). */
  cacheSize?: number;
  /** Largest template source accepted, in characters. */
  maxTemplateSize?: number;
  /** Largest rendered SQL accepted, in characters. */
  maxRenderedSize?: number;
  /** Render static templates without Nunjucks (default true; false only to compare the two paths in tests). */
  staticFastPath?: boolean;
}

interface CompiledTemplate {
  template: nunjucks.Template;
  props: Record<string, unknown>;
  /** Set for API content without macros that is only SQL text and plain `{{ name }}` outputs. */
  static: StaticTemplate | null;
}

const names = new Map<string, string>();
/** Statement name for PostgreSQL named prepared statements: `qg_` + 16 hex of sha1(statement text). */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `qg_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    if (names.size >= 4096) names.clear();
    names.set(sql, name);
  }
  return name;
}

// Markers are `\0<secret><counter>:<index>\0`: the secret is random per process and never leaves it (markers
// are replaced before any SQL is returned), the counter makes every render's marker unique. Decimal
// digits survive case filters applied to macro output.
const MARKER_SECRET = randomBytes(8).readBigUInt64LE().toString().padStart(20, '0').slice(-16);
let renderCounter = 0;
const nextNonce = () => `${MARKER_SECRET}${(renderCounter = (renderCounter + 1) % Number.MAX_SAFE_INTEGER)}`;
/** Longest marker prefix a render can use: NUL, secret, counter, colon. */
const MAX_MARKER_OPEN = 1 + MARKER_SECRET.length + String(Number.MAX_SAFE_INTEGER).length + 1;

function macroPrefix(macros: string[] | undefined): string {
  return macros && macros.length ? `${macros.join('\n')}\n` : '';
}
const countLines = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** Reads `[Line L, Column C]` from a Nunjucks error (runtime errors carry the position only in the text). */
function nunjucksPosition(err: unknown): { line: number; column: number; message: string } {
  const e = err as { message?: string; lineno?: number; colno?: number };
  const raw = String(e.message ?? err);
  const m = /\[Line (\d+), Column (\d+)\]\s*([\s\S]*)$/.exec(raw);
  const message = (m ? m[3] : raw)
    .replace(/^\s*\((?:unknown path|sql)\)\s*/, '')
    .replace(/^\s*(?:Template render error:\s*)?(?:\w*Error:\s*)?/, '')
    .trim();
  if (typeof e.lineno === 'number') return { line: e.lineno, column: e.colno ?? 0, message };
  return m ? { line: Number(m[1]), column: Number(m[2]), message } : { line: 0, column: 0, message };
}

/**
 * Renders Nunjucks SQL templates to bound statements. Templates are parsed, rewritten so that every
 * `{{ }}` output goes through a bind hook (see ast-transform.ts), compiled once and cached by content
 * hash. A render fills the values of one unforgeable marker per placeholder; the scanner then splits
 * statements and numbers placeholders in textual order.
 */
export class SqlTemplateRenderer {
  private readonly env: nunjucks.Environment;
  private readonly cache = new Map<string, CompiledTemplate>();
  private readonly cacheSize: number;
  private readonly maxTemplateSize: number;
  private readonly maxRenderedSize: number;
  private readonly staticFastPath: boolean;
  private partials: Record<string, string> | undefined;

  constructor(options: SqlRendererOptions = {}) {
    this.cacheSize = options.cacheSize ?? 512;
    this.maxTemplateSize = options.maxTemplateSize ?? 1_000_000;
    this.maxRenderedSize = options.maxRenderedSize ?? 10_000_000;
    this.staticFastPath = options.staticFastPath ?? true;
    const loader = {
      getSource: (name: string) => {
        const src = this.partials && Object.hasOwn(this.partials, name) ? this.partials[name] : undefined;
        if (typeof src !== 'string') throw new Error(`template "${name}" not found`);
        return { src: { type: 'code', obj: this.compileSource(src, 0, name).props }, path: name, noCache: true };
      },
    };
    this.env = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: false, throwOnUndefined: false });
    this.env.addExtension('where', new WhereTagExtension());
    const builtin = (name: string) => this.env.getFilter(name) as (...a: unknown[]) => unknown;
    for (const [name, fn] of Object.entries(plainStringOverrides(builtin))) this.env.addFilter(name, fn);
    for (const [name, fn] of Object.entries(SQL_FILTERS)) this.env.addFilter(name, fn);
    for (const name of REFUSED_FILTERS) {
      this.env.addFilter(name, () => {
        throw new Error(`the '${name}' filter is not allowed`);
      });
    }
    this.env.addFilter(BIND_FILTER, bindOutput);
    this.env.addFilter(CAPTURE_FILTER, captureFragment);
  }

  private knownFilter = (name: string): boolean => {
    try {
      this.env.getFilter(name);
      return true;
    } catch {
      return false;
    }
  };

  private parseRaw(source: string): AstNode {
    const env = this.env as unknown as { extensionsList: unknown[]; opts: unknown };
    return internals.parser.parse(source, env.extensionsList, env.opts);
  }

  /** Parses + rewrites a template; throws SQL_TEMPLATE_ERROR with every issue found. */
  private parse(source: string, prefixLines: number, name: string): AstNode {
    let ast: AstNode;
    try {
      ast = this.parseRaw(source);
    } catch (err) {
      const p = nunjucksPosition(err);
      const inMacros = name === '' && p.line >= 1 && p.line <= prefixLines;
      const issue = { source: inMacros ? 'macros' : name, line: inMacros || name !== '' ? p.line : Math.max(0, p.line - prefixLines), column: p.column, message: p.message };
      throw this.templateError([issue]);
    }
    const issues = transformAst(ast, { source: name, prefixLines, knownFilters: this.knownFilter });
    if (issues.length) throw this.templateError(issues);
    return ast;
  }

  private templateError(issues: TemplateIssue[]) {
    const first = issues[0];
    const where = first.source === '' ? '' : first.source === 'macros' ? ' of the macro definitions' : ` of "${first.source}"`;
    return sqlError('SQL_TEMPLATE_ERROR', `Template error at line ${first.line}${where}, column ${first.column}: ${first.message}`, issues.map((i) => ({ ...i })));
  }

  private compileSource(source: string, prefixLines: number, name: string): CompiledTemplate {
    if (source.length > this.maxTemplateSize) {
      throw sqlError('SQL_TEMPLATE_TOO_LARGE', `Template is larger than ${this.maxTemplateSize} characters`);
    }
    // Keyed by the text itself: V8 caches a string's hash, and equal texts compile to the same template.
    const key = name === '' && prefixLines === 0 ? source : `\0${name}\0${prefixLines}\0${source}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const ast = this.parse(source, prefixLines, name);
    const shape = name === '' && prefixLines === 0 ? this.staticShape(ast) : null;
    const compiler = new internals.compiler.Compiler(name || 'sql', false);
    compiler.compile(transform(ast, [], name || 'sql'));
    const props = new Function(compiler.getCode())() as Record<string, unknown>;
    const template = new nunjucks.Template({ type: 'code', obj: props } as unknown as string, this.env, name || 'sql', true);
    const compiled = { template, props, static: shape };
    this.cache.set(key, compiled);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return compiled;
  }

  /** The static shape of a parsed API template, unless its rendered text could pass maxRenderedSize. */
  private staticShape(ast: AstNode): StaticTemplate | null {
    const shape = staticTemplate(ast);
    if (!shape) return null;
    // Markers differ in length between renders; the full render decides whenever the limit is within reach.
    const longest = shape.dataLength + shape.outputs * (MAX_MARKER_OPEN + String(shape.outputs).length + 1);
    return longest <= this.maxRenderedSize ? shape : null;
  }

  /**
   * The compiled API template. Fast path: callers usually pass the same content string and macro array
   * objects on every call, so a check against the few most recent ones avoids re-hashing the source.
   */
  private last: { content: string; macros: string[] | undefined; compiled: CompiledTemplate; prefixLines: number }[] = [];
  private compiled(content: string, macros: string[] | undefined): { compiled: CompiledTemplate; prefixLines: number } {
    for (const hit of this.last) {
      if (hit.content === content && hit.macros === macros) return hit;
    }
    const prefix = macroPrefix(macros);
    const prefixLines = countLines(prefix);
    const compiled = this.compileSource(prefix + content, prefixLines, '');
    const hit = { content, macros, compiled, prefixLines };
    this.last.unshift(hit);
    if (this.last.length > 8) this.last.pop();
    return hit;
  }

  /**
   * Static templates (only SQL text and plain `{{ name }}`, the gateway's most common shape) skip
   * Nunjucks, the marker scan and statement naming: those are computed once per dialect, and a render
   * only converts the values as bindOutput would. Returns undefined, so the full render runs, when the
   * dialect's scan fails (the full render reports the error) or a value would not bind as one plain
   * value there (see bindStatic).
   */
  private renderStatic(shape: StaticTemplate, params: Record<string, unknown>, dialect: SqlDialect): BoundStatement[] | undefined {
    let plan = shape.plans[dialect];
    if (plan === undefined) plan = shape.plans[dialect] = planStatic(shape, dialect, dialect === 'postgres' ? statementName : undefined);
    if (!plan) return undefined;
    return bindStatic(plan, shape.names, params, (this.env as unknown as { globals: object }).globals);
  }

  /** Compiles (or fetches from cache) without rendering; throws SQL_TEMPLATE_ERROR. */
  compile(content: string, options: RenderOptions = {}): void {
    const prefix = macroPrefix(options.macros);
    this.compileSource(prefix + content, countLines(prefix), '');
  }

  /** Renders a template to bound statements for the dialect. */
  render(content: string, params: Record<string, unknown>, dialect: SqlDialect, options: RenderOptions = {}): BoundStatement[] {
    const { compiled, prefixLines } = this.compiled(content, options.macros);
    if (compiled.static && this.staticFastPath) {
      const statements = this.renderStatic(compiled.static, params ?? {}, dialect);
      if (statements) return statements;
    }
    const template = compiled.template;
    const state: RenderState = { dialect, open: `\0${nextNonce()}:`, values: [], metas: [] };
    let text: string;
    setActiveState(state);
    this.partials = options.partials;
    try {
      text = template.render(params ?? {});
    } catch (err) {
      if (state.error) throw state.error;
      const p = nunjucksPosition(err);
      const inMacros = p.line > 0 && p.line <= prefixLines;
      throw this.templateError([{ source: inMacros ? 'macros' : '', line: inMacros ? p.line : Math.max(0, p.line - prefixLines), column: p.column, message: p.message }]);
    } finally {
      setActiveState(null);
      this.partials = undefined;
    }
    if (text.length > this.maxRenderedSize) {
      throw sqlError('SQL_TEMPLATE_TOO_LARGE', `Rendered SQL is larger than ${this.maxRenderedSize} characters`);
    }
    let statements: BoundStatement[];
    try {
      statements = scanStatements(text, dialect, state);
    } catch (err) {
      if (!(err instanceof SqlScanError)) throw err;
      if (err.markerIndex !== undefined && state.metas[err.markerIndex]) {
        const pos = parseMeta(state.metas[err.markerIndex]);
        throw this.templateError([{ source: pos.source, line: pos.line, column: pos.column, message: err.message }]);
      }
      const line = countLines(text.slice(0, err.offset)) + 1;
      throw this.templateError([{ source: 'rendered SQL', line, column: err.offset - text.lastIndexOf('\n', err.offset - 1), message: err.message }]);
    }
    if (dialect === 'postgres') for (const s of statements) s.name = statementName(s.sql);
    return statements;
  }

  /** Template variables (sorted) the content reads without defining them; macro-defined names excluded. */
  discover(content: string, options: RenderOptions = {}): string[] {
    const prefix = macroPrefix(options.macros);
    let ast: AstNode;
    try {
      ast = this.parseRaw(prefix + content);
    } catch {
      return [];
    }
    return discoverVariables(ast);
  }

  /**
   * Template errors with line and column, without rendering: parse errors, refused/unknown filters, and
   * placeholders that sit inside quotes or comments in the template text (checked on a skeleton where
   * every `{{ }}` is a placeholder and every branch is taken).
   */
  lint(content: string, dialect: SqlDialect = 'postgres', options: RenderOptions = {}): TemplateIssue[] {
    const prefix = macroPrefix(options.macros);
    const prefixLines = countLines(prefix);
    let ast: AstNode;
    try {
      ast = this.parse(prefix + content, prefixLines, '');
    } catch (err) {
      const details = (err as { details?: TemplateIssue[] }).details;
      if (details) return details.map((d) => ({ source: d.source, line: d.line, column: d.column, message: d.message }));
      throw err;
    }
    return lintSkeleton(ast, dialect);
  }
}

function lintSkeleton(root: AstNode, dialect: SqlDialect): TemplateIssue[] {
  const sink = { open: '\0lint:', values: [] as unknown[] };
  const metas: string[] = [];
  const parts: string[] = [];
  const walk = (node: AstNode) => {
    if (node.typename === 'Output') {
      for (const child of node.children ?? []) {
        if (child.typename === 'TemplateData') parts.push(String(child.value));
        else {
          const meta = (child.args?.children?.[1]?.value as string | undefined) ?? '';
          sink.values.push(null);
          metas.push(meta);
          parts.push(`${sink.open}${metas.length - 1}\0`);
        }
      }
      return;
    }
    if (node.typename === 'Macro' || node.typename === 'Set') return;
    for (const f of node.fields) {
      const v = node[f];
      if (Array.isArray(v)) v.forEach((x) => x && typeof x === 'object' && 'typename' in x && walk(x as AstNode));
      else if (v && typeof v === 'object' && 'typename' in v) walk(v as AstNode);
    }
    if (!node.fields.includes('children')) for (const c of node.children ?? []) walk(c);
  };
  walk(root);
  const issues: TemplateIssue[] = [];
  let text = parts.join('');
  // Report each offending placeholder once: after an error, drop that marker and scan again.
  for (let guard = 0; guard < 50; guard++) {
    try {
      scanStatements(text, dialect, sink);
      break;
    } catch (err) {
      if (!(err instanceof SqlScanError) || err.markerIndex === undefined) break;
      const pos = parseMeta(metas[err.markerIndex]);
      issues.push({ source: pos.source, line: pos.line, column: pos.column, message: err.message });
      text = text.replace(`${sink.open}${err.markerIndex}\0`, '');
    }
  }
  return issues;
}
