import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import type { MacroKind } from 'src/macros/macro.entity.js';

/**
 * When does an API use a macro? (docs/publishing.md, "Macro reference rule")
 * - A macro *defines* names: SQL macros every `{% macro NAME(` block; script macros every top-level
 *   `function NAME(` (async/export allowed) and `const|let|var NAME =`.
 * - SQL macros are used by the content of SQL APIs: a call `NAME(` of a defined name, or an
 *   `{% import "macro-name" %}` / `{% from "macro-name" … %}` / `{% include "macro-name" %}` of the macro's own name.
 * - Script macros are used by script content, validators and the transform (any engine): a call `NAME(`.
 * Names are matched as whole words, case-sensitively. An import of a name no macro in scope has is "missing".
 */
export interface MacroLike {
  name: string;
  kind: MacroKind;
  content: string;
}

const SQL_DEFINES = /\{%-?\s*macro\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
const SCRIPT_FUNCTIONS = /^[ \t]*(?:export[ \t]+)?(?:async[ \t]+)?function[ \t]*\*?[ \t]*([A-Za-z_$][\w$]*)[ \t]*\(/gm;
const SCRIPT_BINDINGS = /^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=/gm;
const SQL_IMPORTS = /\{%-?\s*(?:import|from|include)\s+["']([^"']+)["']/g;

const escape = (s: string) => s.replace(/[$]/g, '\\$&');

export function definedNames(macro: Pick<MacroLike, 'kind' | 'content'>): string[] {
  const patterns = macro.kind === 'sql' ? [SQL_DEFINES] : [SCRIPT_FUNCTIONS, SCRIPT_BINDINGS];
  const names = new Set<string>();
  for (const re of patterns) for (const m of macro.content.matchAll(re)) names.add(m[1]);
  return [...names];
}

/** Names imported with `{% import|from|include "name" %}` in SQL content. */
export function importedNames(sql: string): string[] {
  return [...new Set([...sql.matchAll(SQL_IMPORTS)].map((m) => m[1]))];
}

/** The texts of an API version in which macros of each kind can be referenced. */
export function referenceSources(s: Pick<ApiSnapshot, 'engine' | 'content' | 'validators' | 'transform'>): { sql: string[]; script: string[] } {
  return {
    sql: s.engine === 'sql' ? [s.content] : [],
    script: [...(s.engine === 'script' ? [s.content] : []), ...s.validators.map((v) => v.code), ...(s.transform ? [s.transform] : [])],
  };
}

export function usesMacro(macro: MacroLike, sources: { sql: string[]; script: string[] }): boolean {
  const texts = macro.kind === 'sql' ? sources.sql : sources.script;
  if (!texts.length) return false;
  if (macro.kind === 'sql' && texts.some((t) => importedNames(t).includes(macro.name))) return true;
  const calls = definedNames(macro).map((n) => new RegExp(`(?<![\\w$.])${escape(n)}\\s*\\(`));
  return calls.some((re) => texts.some((t) => re.test(t)));
}
