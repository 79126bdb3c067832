import { fragment } from 'src/engines/sql/template/filters.js';
import { activeState } from 'src/engines/sql/template/render-state.js';
import { splitConditions } from 'src/engines/sql/template/sql-scanner.js';

interface TagParser {
  nextToken(): { value: string };
  parseSignature(tolerant: boolean | null, noParens: boolean): unknown;
  advanceAfterBlockEnd(name?: string): void;
  parseUntilBlocks(...names: string[]): unknown;
}
type CallExtensionCtor = new (ext: object, prop: string, args: unknown, contentArgs: unknown[]) => unknown;

/**
 * `{% where %}…{% endwhere %}` and `{% where operation="OR" %}` (pyDBAPI syntax; a positional
 * `{% where "OR" %}` also works). The body is split into conditions at top-level AND/OR keywords
 * (never inside quotes, comments, parentheses, CASE…END, nor the AND of a BETWEEN) and re-joined:
 * with OR when operation is OR; otherwise each condition keeps the keyword written before it (AND by
 * default), which is pyDBAPI's AND behaviour. An empty body renders nothing; otherwise `WHERE …`.
 * Unknown operations fall back to AND, as in pyDBAPI.
 */
export class WhereTagExtension {
  readonly tags = ['where'];

  parse(parser: TagParser, nodes: { CallExtension: CallExtensionCtor }): unknown {
    const tok = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(tok.value);
    const body = parser.parseUntilBlocks('endwhere');
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, 'run', args, [body]);
  }

  run(_context: unknown, ...rest: unknown[]): unknown {
    const body = rest.pop() as () => string;
    let operation: unknown = 'AND';
    for (const arg of rest) {
      if (arg && typeof arg === 'object' && 'operation' in arg) operation = (arg as { operation: unknown }).operation;
      else if (typeof arg === 'string') operation = arg;
    }
    const useOr = typeof operation === 'string' && operation.trim().toUpperCase() === 'OR';
    const conditions = splitConditions(String(body()), activeState().dialect);
    if (conditions.length === 0) return fragment('');
    const joined = conditions
      .map((c, i) => (i === 0 ? c.text : `${useOr ? 'OR' : (c.connector ?? 'AND')} ${c.text}`))
      .join(' ');
    return fragment(`WHERE ${joined}`);
  }
}
