import nunjucks from 'nunjucks';
import { REFUSED_FILTERS, SQL_FILTERS } from 'src/engines/sql/template/filters.js';
import { makeMeta } from 'src/engines/sql/template/render-state.js';

/**
 * The minimal view of Nunjucks' (untyped) AST we rely on. Node classes come from `nunjucks.nodes`;
 * every node lists its child slots in `fields`.
 */
export interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  fields: string[];
  children?: AstNode[];
  value?: unknown;
  name?: AstNode;
  args?: AstNode;
  target?: AstNode;
  val?: AstNode;
  body?: AstNode;
  targets?: AstNode[];
  [field: string]: unknown;
}
type NodeCtor = new (lineno: number, colno: number, ...fields: unknown[]) => AstNode;
const nodes = (nunjucks as unknown as { nodes: Record<string, NodeCtor> }).nodes;

export const BIND_FILTER = '__qg_bind';
export const CAPTURE_FILTER = '__qg_fragment';

export interface TemplateIssue {
  source: string;
  line: number;
  column: number;
  message: string;
}

export interface TransformOptions {
  /** Name used in positions: '' for the API content, or a partial's name. */
  source: string;
  /** Lines of prepended macro definitions (positions up to here are reported as source 'macros'). */
  prefixLines: number;
  /** Filter names known to the environment (builtins + ours). */
  knownFilters: (name: string) => boolean;
}

/** Dotted source text of a plain variable reference (`ids`, `filter.price`), else null. */
export function paramName(node: AstNode | undefined): string | null {
  if (!node) return null;
  if (node.typename === 'Symbol') return String(node.value);
  if (node.typename === 'LookupVal' && node.val?.typename === 'Literal') {
    const base = paramName(node.target);
    return base ? `${base}.${String(node.val.value)}` : null;
  }
  return null;
}

function position(opts: TransformOptions, node: AstNode): { source: string; line: number; column: number } {
  const line = node.lineno + 1;
  if (opts.source === '' && line <= opts.prefixLines) return { source: 'macros', line, column: node.colno + 1 };
  return { source: opts.source, line: opts.source === '' ? line - opts.prefixLines : line, column: node.colno + 1 };
}

function metaLiteral(opts: TransformOptions, node: AstNode, param: string | null): AstNode {
  const p = position(opts, node);
  return new nodes.Literal(node.lineno, node.colno, makeMeta(p.source, p.line, p.column, param));
}

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const f of node.fields) {
    const v = node[f];
    if (Array.isArray(v)) out.push(...(v.filter((x) => x && typeof x === 'object' && 'typename' in x) as AstNode[]));
    else if (v && typeof v === 'object' && 'typename' in v) out.push(v as AstNode);
  }
  if (node.children && !node.fields.includes('children')) out.push(...node.children);
  // Nunjucks keeps a block set's captured body outside `fields`.
  if (node.typename === 'Set' && node.body && !node.fields.includes('body')) out.push(node.body);
  return out;
}

function internalFilter(at: AstNode, name: string, args: AstNode[]): AstNode {
  const f = new nodes.Filter(at.lineno, at.colno, new nodes.Symbol(at.lineno, at.colno, name), new nodes.NodeList(at.lineno, at.colno, args));
  f.qgInternal = true;
  return f;
}

/**
 * Rewrites a parsed template in place so it renders bound SQL:
 * - every `{{ expr }}` becomes `{{ expr | __qg_bind(meta) }}`;
 * - every SQL filter call gets a position meta literal as its last argument;
 * - `{% set x %}…{% endset %}` captures are marked as SQL fragments;
 * - `safe`/`escape`/`e`/`forceescape`, internal and unknown filters are reported as issues.
 */
export function transformAst(root: AstNode, opts: TransformOptions): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const visit = (node: AstNode) => {
    if (node.typename === 'Filter' || node.typename === 'FilterAsync') {
      const name = String(node.name?.value);
      const p = position(opts, node.name ?? node);
      if (node.qgInternal) {
        // Our own bind/capture wrappers.
      } else if (REFUSED_FILTERS.has(name)) {
        issues.push({ ...p, message: `the '${name}' filter is not allowed: values are always bound, never inlined` });
      } else if (name.startsWith('__qg')) {
        issues.push({ ...p, message: `unknown filter '${name}'` });
      } else if (!opts.knownFilters(name)) {
        issues.push({ ...p, message: `unknown filter '${name}'` });
      } else if (name in SQL_FILTERS && node.args?.children) {
        node.args.children.push(metaLiteral(opts, node.name ?? node, paramName(node.args.children[0])));
      }
    }
    for (const child of children(node)) visit(child);
    if (node.typename === 'Set' && node.body && !node.value) {
      node.body = internalFilter(node, CAPTURE_FILTER, [node.body]);
    }
    if (node.typename === 'Output' && node.children) {
      node.children = node.children.map((child) =>
        child.typename === 'TemplateData'
          ? child
          : internalFilter(child, BIND_FILTER, [child, metaLiteral(opts, node, paramName(child))]),
      );
    }
  };
  visit(root);
  return issues;
}

const BOUND_ELSEWHERE = new Set(['loop', 'caller', 'range', 'cycler', 'joiner', 'super']);

/**
 * Template variables a caller may supply: every referenced name that the template (or the prepended
 * macros) does not define itself with set/for/macro/import. Sorted. Scope-insensitive on purpose: a
 * name set anywhere in the template is treated as local.
 */
export function discoverVariables(root: AstNode): string[] {
  const used = new Set<string>();
  const defined = new Set<string>(BOUND_ELSEWHERE);
  const addTargets = (n: AstNode | undefined) => {
    if (!n) return;
    if (n.typename === 'Symbol') defined.add(String(n.value));
    else for (const c of children(n)) addTargets(c);
  };
  const visit = (node: AstNode) => {
    switch (node.typename) {
      case 'Symbol':
        used.add(String(node.value));
        return;
      case 'Set':
        node.targets?.forEach(addTargets);
        break;
      case 'For':
      case 'AsyncEach':
      case 'AsyncAll':
        addTargets(node.name as AstNode);
        if (node.arr) visit(node.arr as AstNode);
        if (node.body) visit(node.body);
        if (node.else_) visit(node.else_ as AstNode);
        return;
      case 'Macro':
      case 'Caller':
        addTargets(node.name as AstNode);
        addTargets(node.args as AstNode);
        for (const c of (node.args?.children ?? []) as AstNode[]) {
          if (c.typename === 'KeywordArgs') for (const pair of c.children ?? []) visit(pair.value as AstNode);
        }
        if (node.body) visit(node.body);
        return;
      case 'Import':
        addTargets(node.target as AstNode);
        return;
      case 'FromImport':
        for (const n of (node.names as AstNode | undefined)?.children ?? []) {
          addTargets(n.typename === 'Pair' ? (n.value as AstNode) : n);
        }
        return;
      case 'Filter':
      case 'FilterAsync':
        for (const c of node.args?.children ?? []) visit(c);
        return;
      case 'FunCall':
        visit(node.name as AstNode);
        for (const c of node.args?.children ?? []) visit(c);
        return;
      case 'LookupVal':
        visit(node.target as AstNode);
        if (node.val && node.val.typename !== 'Literal') visit(node.val);
        return;
      case 'KeywordArgs':
        for (const pair of node.children ?? []) visit(pair.value as AstNode);
        return;
      default:
        break;
    }
    for (const child of children(node)) visit(child);
  };
  visit(root);
  return [...used].filter((n) => !defined.has(n)).sort();
}
